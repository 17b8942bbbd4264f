package data

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A board a crash left in the middle of a change is not rolled back
// behind the person's back: Open says so (ErrHotJournal) and writes
// nothing; OpenWithoutJournal shows the board as it was before the change,
// read-only, still writing nothing; Recover undoes the change, keeps the
// file and journal as the crash left them beside it, and records the
// recovery in the history.
func TestRecoverAsks(t *testing.T) {
	dir := t.TempDir()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the copies go
	good := filepath.Join(dir, "good"+Extension)
	journalBoard(t, good, 40)
	crashed, journal := crash(t, good)
	p := filepath.Join(dir, "crashed"+Extension)
	putJournal(t, p, crashed, journal)

	same := func(what string) {
		t.Helper()
		b, _ := os.ReadFile(p)
		j, _ := os.ReadFile(p + journalSuffix)
		if !bytes.Equal(b, crashed) || !bytes.Equal(j, journal) {
			t.Fatalf("%s changed the board or its journal", what)
		}
	}
	s, err := Open(p)
	var fe *FileError
	if !errors.Is(err, ErrHotJournal) || !errors.As(err, &fe) || fe.Path != p ||
		!strings.Contains(fe.Reason, "left in the middle of a change") || strings.Contains(err.Error(), "\n") {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Open: %v; want one line with ErrHotJournal", err)
	}
	same("Open")
	if _, err := OpenCase(p); !errors.Is(err, ErrHotJournal) {
		t.Fatalf("OpenCase: %v", err)
	}
	same("OpenCase")

	// Read-only, without the change.
	cs, err := OpenWithoutJournal(p)
	if err != nil {
		t.Fatal(err)
	}
	st := cs.Store()
	if !st.ReadOnly() || !errors.Is(st.WhyReadOnly(), ErrHotJournal) || st.Origin() != p {
		t.Fatalf("read-only %v, why %v, origin %s", st.ReadOnly(), st.WhyReadOnly(), st.Origin())
	}
	if n := len(cs.Model().Cards); n != 40 {
		t.Fatalf("without the change: %d cards, want 40", n)
	}
	for _, c := range cs.Model().Cards {
		if !strings.HasPrefix(c.Body, "words ") {
			t.Fatalf("card %s shows the unfinished change: %.20q", c.ID, c.Body)
		}
	}
	if _, err := st.History(""); err != nil {
		t.Fatal(err)
	}
	if e, _ := os.ReadDir(tmp); len(e) != 1 {
		t.Fatalf("the temporary folder holds %d entries while the board is open, want the copy's folder", len(e))
	}
	cs.Close()
	same("OpenWithoutJournal")
	if e, _ := os.ReadDir(tmp); len(e) != 0 {
		t.Fatalf("the temporary copy outlived Close: %v", e)
	}

	// Undo it.
	cs, rec, err := Recover(p)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	if rec == nil || rec.Path != p || rec.Journal != p+journalSuffix {
		t.Fatalf("recovery %+v", rec)
	}
	if want := filepath.Join(dir, "crashed (before recovery)"+Extension); rec.Backup != want {
		t.Fatalf("backup %s, want %s", rec.Backup, want)
	}
	if b, _ := os.ReadFile(rec.Backup); !bytes.Equal(b, crashed) {
		t.Fatal("the backup is not the file as the crash left it")
	}
	if j, _ := os.ReadFile(rec.Backup + journalSuffix); !bytes.Equal(j, journal[:len(j)]) || len(j) == 0 {
		t.Fatal("the backup's journal is not the crash's")
	}
	if line := rec.String(); strings.Contains(line, "\n") || !strings.Contains(line, "undid the unfinished change") ||
		!strings.Contains(line, filepath.Base(rec.Backup)) {
		t.Fatalf("one line: %q", line)
	}
	if _, hot := hotJournal(p); hot {
		t.Fatal("the journal is still hot")
	}
	if cs.Store().ReadOnly() || len(cs.Model().Cards) != 40 {
		t.Fatalf("read-only %v, %d cards", cs.Store().ReadOnly(), len(cs.Model().Cards))
	}
	h, err := cs.Store().History("")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) == 0 || h[0].Label != RecoveredLabel || h[0].Line == "" { // newest first
		var labels []string
		for _, e := range h {
			labels = append(labels, e.Label)
		}
		t.Fatalf("the history does not start with %q: %q", RecoveredLabel, labels)
	}
	if err := testApply(cs.Store(), &Change{Label: "edit", PutCards: []Card{{ID: "new", Kind: KindNote, Width: 100, Height: 50}}}); err != nil {
		t.Fatalf("after the recovery, an edit: %v", err)
	}
	cs.Close()
	if _, err := Inspect(p, true); err != nil {
		t.Fatalf("after the recovery: %v", err)
	}

	// A second crash of the same board keeps the first backup.
	crashed2, journal2 := crash(t, p)
	putJournal(t, p, crashed2, journal2)
	cs2, rec2, err := Recover(p)
	if err != nil {
		t.Fatal(err)
	}
	cs2.Close()
	if want := filepath.Join(dir, "crashed (before recovery 2)"+Extension); rec2 == nil || rec2.Backup != want {
		t.Fatalf("second backup %+v, want %s", rec2, want)
	}
	if b, _ := os.ReadFile(rec.Backup); !bytes.Equal(b, crashed) {
		t.Fatal("the second recovery overwrote the first backup")
	}
}

// A journal Recover refuses (here, one whose header would blow the board
// up to 8 TiB) leaves the board, its journal and the folder as they were:
// no backup either.
func TestRecoverRefusesHostileJournal(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good"+Extension)
	journalBoard(t, good, 20)
	crashed, journal := crash(t, good)
	p := filepath.Join(dir, "bomb"+Extension)
	bomb := setU32(journal, 16, 0x7fffffff)
	putJournal(t, p, crashed, bomb)
	entries := func() int { e, _ := os.ReadDir(dir); return len(e) }
	n := entries()
	for what, open := range map[string]func() error{
		"Open": func() error { s, err := Open(p); s.Close(); return err },
		"Recover": func() error {
			cs, _, err := Recover(p)
			if cs != nil {
				cs.Close()
			}
			return err
		},
		"OpenWithoutJournal": func() error {
			cs, err := OpenWithoutJournal(p)
			if cs != nil {
				cs.Close()
			}
			return err
		},
	} {
		err := open()
		if err == nil || errors.Is(err, ErrHotJournal) || !strings.Contains(err.Error(), "more than the board") {
			t.Errorf("%s: %v; want the journal refused", what, err)
		}
		if b, _ := os.ReadFile(p); !bytes.Equal(b, crashed) {
			t.Fatalf("%s changed the board", what)
		}
		if j, _ := os.ReadFile(p + journalSuffix); !bytes.Equal(j, bomb) {
			t.Fatalf("%s changed the journal", what)
		}
		if entries() != n {
			t.Fatalf("%s left a file in the folder", what)
		}
	}
}

// A board left mid-change in a folder this process may not write cannot
// be recovered, but it can still be looked at without the change.
func TestRecoverReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes read-only folders")
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good"+Extension)
	journalBoard(t, good, 10)
	crashed, journal := crash(t, good)
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	p := filepath.Join(ro, "crashed"+Extension)
	putJournal(t, p, crashed, journal)
	os.Chmod(p, 0o444)
	os.Chmod(ro, 0o555)
	defer os.Chmod(ro, 0o755)
	if _, err := Open(p); !errors.Is(err, ErrHotJournal) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Open: %v", err)
	}
	if _, _, err := Recover(p); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Recover: %v", err)
	}
	cs, err := OpenWithoutJournal(p)
	if err != nil {
		t.Fatal(err)
	}
	cs.Close()
	if b, _ := os.ReadFile(p); !bytes.Equal(b, crashed) {
		t.Fatal("the board changed")
	}
}
