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
	cases, err := hostile.Corpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var crashed string
	for _, h := range cases {
		if h.Name == "journal-from-a-crash" {
			crashed = h.Path
		}
	}
	if crashed == "" {
		t.Fatal("the corpus has no journal-from-a-crash")
	}
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
