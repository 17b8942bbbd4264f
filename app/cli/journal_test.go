package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data/hostile"
)

// A board a crash left in the middle of a change, in a folder this process
// cannot write: the undo writes the board and its folder, so no command
// may say Evidence Board "offers to undo it" (issue 12). Each command that
// opens the board says in one line that it cannot be undone here and what
// the person can do: copy the board and its journal to a folder they can
// write, or look at it read-only. Nothing is written.
func TestCommandsOnHotJournalInReadOnlyFolder(t *testing.T) {
	h, err := hostile.Case(t.TempDir(), "journal-from-a-crash")
	if err != nil {
		t.Fatal(err)
	}
	crashed := h.Path
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o755)
	p := filepath.Join(dir, "crashed.evboard")
	for _, suf := range []string{"", "-journal"} {
		b, err := os.ReadFile(crashed + suf)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p+suf, b, 0o644)
	}
	theirs := filepath.Join(t.TempDir(), "theirs.evboard")
	if code, _, stderr := run("sample", theirs); code != 0 {
		t.Fatal(stderr)
	}
	canvas := filepath.Join(t.TempDir(), "in.canvas")
	os.WriteFile(canvas, []byte(`{"nodes":[{"id":"n","type":"text","text":"hi","x":0,"y":0,"width":200,"height":80}],"edges":[]}`), 0o644)
	undo, err := hostile.ReadOnlyFolder(dir)
	if err != nil {
		t.Skip(err)
	}
	defer undo()
	before := map[string]string{}
	for _, f := range []string{p, p + "-journal"} {
		b, _ := os.ReadFile(f)
		before[f] = string(b)
	}
	out := t.TempDir()
	for _, args := range [][]string{
		{"check", p},
		{"history", p},
		{"copy", p, filepath.Join(out, "copy.evboard")},
		{"export", p, "-o", filepath.Join(out, "x.canvas")},
		{"brief", p, "-o", filepath.Join(out, "x.pdf")},
		{"timeline", p},
		{"source", "list", p},
		{"layout", p},
		{"merge", p, theirs},
		{"import", p, canvas},
	} {
		code, stdout, stderr := run(args...)
		prefix := "evidenceboard: " + p + ": "
		if code != 1 || stdout != "" || !strings.HasPrefix(stderr, prefix) || strings.Count(stderr, "\n") != 1 ||
			strings.Contains(stderr, "offers to undo") || strings.Contains(stderr, "to undo the change, keeping") ||
			!strings.Contains(stderr, "read-only") ||
			!strings.Contains(stderr, "copy the board and crashed.evboard-journal together to a folder you can write") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q\nwant one line: cannot be undone here, and what can be done", args[0], code, stdout, stderr)
		}
	}
	for f, b := range before {
		if got, _ := os.ReadFile(f); string(got) != b {
			t.Errorf("%s changed", f)
		}
	}
}
