package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// briefRun runs the command line and returns its exit code and output.
func briefRun(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// briefSample writes the sample case into dir.
func briefSample(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "sample.evboard")
	if code, _, stderr := briefRun("sample", p); code != 0 {
		t.Fatalf("sample: %d %s", code, stderr)
	}
	return p
}

func TestBriefCommand(t *testing.T) {
	dir := t.TempDir()
	board := briefSample(t, dir)
	out := filepath.Join(dir, "brief.pdf")

	code, stdout, stderr := briefRun("brief", board, "-o", out)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "wrote the brief") {
		t.Fatalf("brief: %d %q %q", code, stdout, stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatalf("no PDF written: %v", err)
	}

	// It will not overwrite without --force, and says so on one line.
	code, _, stderr = briefRun("brief", board, "-o", out)
	if code != 1 || stderr != "evidenceboard: "+out+": already exists; use --force to replace it\n" {
		t.Fatalf("overwrite without --force: %d %q", code, stderr)
	}
	code, _, stderr = briefRun("brief", board, "-o", out, "--force", "--no-diagram", "--no-timeline",
		"--no-appendix", "--marking", "CONFIDENTIAL — DRAFT")
	if code != 0 {
		t.Fatalf("--force: %d %q", code, stderr)
	}
	second, _ := os.ReadFile(out)
	if bytes.Equal(first, second) || len(second) >= len(first) {
		t.Errorf("the options did not change the brief")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		s := string(text)
		if !strings.Contains(s, "CONFIDENTIAL — DRAFT") || strings.Contains(s, "Appendix: links") ||
			strings.Contains(s, "Timeline") || strings.Contains(s, "laid out as on the board") {
			t.Errorf("the options are not applied:\n%s", s)
		}
	}

	// The same board gives the same bytes through the command too.
	again := filepath.Join(dir, "again.pdf")
	if code, _, stderr := briefRun("brief", board, "-o", again, "--force", "--no-diagram", "--no-timeline",
		"--no-appendix", "--marking", "CONFIDENTIAL — DRAFT"); code != 0 {
		t.Fatal(stderr)
	}
	if b, _ := os.ReadFile(again); !bytes.Equal(b, second) {
		t.Error("two runs of the command give different PDFs")
	}
	briefLeftovers(t, dir)
}

func TestBriefCommandBadInput(t *testing.T) {
	dir := t.TempDir()
	notBoard := filepath.Join(dir, "notes.evboard")
	os.WriteFile(notBoard, []byte("just some text, not a board"), 0o644)
	out := filepath.Join(dir, "out.pdf")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"brief", notBoard, "-o", out}, 1, "evidenceboard: " + notBoard + ": "},
		{[]string{"brief", filepath.Join(dir, "missing.evboard"), "-o", out}, 1, "evidenceboard: " + filepath.Join(dir, "missing.evboard") + ": "},
		{[]string{"brief", briefSample(t, dir), "-o", filepath.Join(dir, "no-such-dir", "out.pdf")}, 1, "evidenceboard: " + filepath.Join(dir, "no-such-dir", "out.pdf") + ": "},
		{[]string{"brief", notBoard}, 2, "-o OUT.pdf"},
		{[]string{"brief"}, 2, "usage: evidenceboard brief"},
	} {
		code, _, stderr := briefRun(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.msg)
		}
		if code == 1 && strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: the error is not one line: %q", tc.args, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed brief left %s behind", out)
	}
	briefLeftovers(t, dir)
}

// briefLeftovers fails if a temporary file was left in dir.
func briefLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}
