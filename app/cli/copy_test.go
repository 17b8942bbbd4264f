package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCopyCommand(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "case.evboard")
	if code, _, stderr := run("sample", src); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "copy.evboard")
	code, stdout, stderr := run("copy", src, out)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "copied") {
		t.Fatalf("copy: %d %q %q", code, stdout, stderr)
	}
	if code, _, stderr := run("check", out); code != 0 {
		t.Fatalf("the copy fails check: %s", stderr)
	}
	before, _ := os.ReadFile(out)
	code, _, stderr = run("copy", src, out)
	if code != 1 || !strings.HasPrefix(stderr, "evidenceboard: "+out+": already exists") {
		t.Fatalf("copy over an existing file: %d %q", code, stderr)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Fatal("copy overwrote a file")
	}
	junk := filepath.Join(dir, "junk.evboard")
	os.WriteFile(junk, []byte("not a board"), 0o644)
	if code, _, stderr := run("copy", junk, filepath.Join(dir, "x.evboard")); code != 1 ||
		!strings.HasPrefix(stderr, "evidenceboard: "+junk+": ") {
		t.Fatalf("copy of junk: %d %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.evboard")); err == nil {
		t.Error("copy of junk left an output file")
	}
}
