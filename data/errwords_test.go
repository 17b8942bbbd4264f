package data

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// newBoard makes an empty board at dir/name.evboard.
func newBoard(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name+Extension)
	s, err := Create(p, Board{Title: name})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func noteChange(id, body string) *Change {
	return &Change{Label: "add", PutCards: []Card{{ID: id, Kind: KindNote, Width: 200, Height: 90, Body: body}}}
}

// wantPlain wants PlainError to turn err into a FileError for path whose
// reason says want and none of SQLite's own words.
func wantPlain(t *testing.T, what, path string, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error", what)
	}
	got := PlainError(path, err)
	var fe *FileError
	if !errors.As(got, &fe) || fe.Path != path {
		t.Fatalf("%s: %v, want a FileError for %s", what, got, path)
	}
	for _, raw := range []string{"(776)", "(14)", "(13)", "(778)", "database file", "readonly database", "database or disk"} {
		if strings.Contains(fe.Reason, raw) {
			t.Errorf("%s: %q still speaks SQLite (%q)", what, fe.Reason, raw)
		}
	}
	if !strings.Contains(fe.Reason, want) {
		t.Errorf("%s: %q (from %v), want it to say %q", what, fe.Reason, err, want)
	}
}

// A junk -journal beside a board: SQLite takes it for an unfinished
// change it may not roll back on a read-only connection.
func TestPlainErrorJunkJournal(t *testing.T) {
	p := newBoard(t, t.TempDir(), "junk")
	if err := os.WriteFile(p+journalSuffix, []byte("not a journal, left by some other program"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(p)
	wantPlain(t, "open", p, err, "junk"+Extension+journalSuffix+" beside the board is not a journal SQLite can use")
	// The raw error, as the writer sees it.
	db, err := openDB(p, "ro")
	if err == nil {
		var n int
		err = db.QueryRow(`SELECT count(*) FROM cards`).Scan(&n)
		db.Close()
	}
	wantPlain(t, "raw", p, err, "move it away")
}

// A symbolic link to nowhere where the journal goes: every edit fails.
func TestPlainErrorDanglingJournalLink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	p := newBoard(t, dir, "dangling")
	// Open refuses a board with such a link beside it
	// (TestJunkAndDanglingJournalsInPlainWords); here it appears while
	// the board is open.
	s, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := os.Symlink(filepath.Join(dir, "gone", "x"), p+journalSuffix); err != nil {
		t.Fatal(err)
	}
	wantPlain(t, "apply", p, testApply(s, noteChange("a", "")), "symbolic link to "+filepath.Join(dir, "gone", "x")+", which does not exist")
}
