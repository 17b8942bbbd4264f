package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data/hostile"
)

// A command that changes a board a crash left in the middle of a change
// undoes the unfinished change first (it cannot ask), keeps the file as it
// was beside it, and says so in one line; check then passes.
func TestCommandsRecoverAndSaySo(t *testing.T) {
	h, err := hostile.Case(t.TempDir(), "journal-from-a-crash")
	if err != nil {
		t.Fatal(err)
	}
	crashed := h.Path
	theirs := filepath.Join(t.TempDir(), "theirs.evboard")
	if code, _, stderr := run("sample", theirs); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := run("merge", crashed, theirs)
	want := "evidenceboard: " + crashed + ": undid the unfinished change a crash left in " + filepath.Base(crashed) + "-journal"
	if code != 0 || !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("merge: exit %d, stderr %q; want one line %q…", code, stderr, want)
	}
	backup := strings.TrimSuffix(crashed, ".evboard") + " (before recovery).evboard"
	if _, err := os.Stat(backup); err != nil || !strings.Contains(stderr, filepath.Base(backup)) {
		t.Fatalf("no backup %s named: %v", backup, err)
	}
	if code, stdout, stderr := run("check", crashed); code != 0 {
		t.Fatalf("check after the recovery: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ := run("history", crashed)
	if code != 0 || !strings.Contains(stdout, "Board: recovered after a crash") {
		t.Fatalf("history: %d %q", code, stdout)
	}
}

// A board with malformed history JSON used to open (quick check) but not
// copy (full check) and fail check (issue 12, findings 6 and 17). Opening
// a board on first sight now runs the full check too, so check, copy,
// history and opening give it the same one line.
func TestBadHistoryRefusedAlike(t *testing.T) {
	h, err := hostile.Case(t.TempDir(), "bad-history")
	if err != nil {
		t.Fatal(err)
	}
	bad := h.Path
	want := "evidenceboard: " + bad + ": damaged: 1 history entries are not as Evidence Board writes them\n"
	canvas := filepath.Join(t.TempDir(), "x.canvas")
	os.WriteFile(canvas, []byte(`{"nodes":[{"id":"n","type":"text","text":"hi","x":0,"y":0,"width":200,"height":80}],"edges":[]}`), 0o644)
	for _, args := range [][]string{
		{"check", bad},
		{"copy", bad, filepath.Join(t.TempDir(), "copy.evboard")},
		{"history", bad},
		{"import", bad, canvas},
	} {
		code, stdout, stderr := run(args...)
		if code != 1 || stdout != "" || stderr != want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %q", args[0], code, stdout, stderr, want)
		}
	}
}
