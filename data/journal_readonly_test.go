package data_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data"
	"evidenceboard/data/hostile"
)

// crashedIn copies the corpus's journal-from-a-crash (the board and its
// journal) into dir and returns the board's path there.
func crashedIn(t *testing.T, dir string) string {
	t.Helper()
	cases, err := hostile.Corpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range cases {
		if h.Name != "journal-from-a-crash" {
			continue
		}
		p := filepath.Join(dir, filepath.Base(h.Path))
		for _, suf := range []string{"", "-journal"} {
			b, err := os.ReadFile(h.Path + suf)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p+suf, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	t.Fatal("the corpus has no journal-from-a-crash")
	return ""
}

// A board left in the middle of a change in a folder this process cannot
// write: the undo writes the board and its folder, so nothing may offer
// it. Every way of opening says what the person can do instead, in the
// same words (issue 12: check said "Evidence Board offers to undo it").
func TestHotJournalInReadOnlyFolderSaysWhatCanBeDone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o755)
	p := crashedIn(t, dir)
	undo, err := hostile.ReadOnlyFolder(dir)
	if err != nil {
		t.Skip(err)
	}
	defer undo()
	before := hashes(hostile.File{Path: p, Others: []string{p + "-journal"}})
	var msgs []string
	_, err = data.Inspect(p, true)
	msgs = append(msgs, "Inspect: "+errString(err))
	_, err = data.Inspect(p, false)
	msgs = append(msgs, "Inspect quick: "+errString(err))
	_, err = data.OpenReadOnly(p)
	msgs = append(msgs, "OpenReadOnly: "+errString(err))
	s, err := data.Open(p)
	if s != nil {
		s.Close()
	}
	if !errors.Is(err, data.ErrHotJournal) || !errors.Is(err, data.ErrReadOnlyFile) {
		t.Errorf("Open: %v; want ErrHotJournal and ErrReadOnlyFile (the window offers only to look without the change)", err)
	}
	msgs = append(msgs, "Open: "+errString(err))
	_, _, err = data.Recover(p)
	msgs = append(msgs, "Recover: "+errString(err))
	for _, m := range msgs {
		t.Log(m)
		if strings.Contains(m, "offers to undo") || strings.Contains(m, "to undo the change, keeping") ||
			!strings.Contains(m, "read-only") || !strings.Contains(m, "copy the board and "+filepath.Base(p)+"-journal together to a folder you can write") || !strings.Contains(m, "read-only") || !strings.Contains(m, "open it in Evidence Board") ||
			strings.Contains(m, "\n") {
			t.Errorf("%s\nwant one line saying it cannot be undone here and what can be done", m)
		}
	}
	if !sameHashes(before, hashes(hostile.File{Path: p, Others: []string{p + "-journal"}})) {
		t.Error("the board or its journal changed")
	}
	// SQLite's own word for it, should a read meet the journal first.
	msgs = msgs[:0]
	msgs = append(msgs, "PlainError: "+data.PlainError(p, errors.New("attempt to write a readonly database (776)")).Error())
	for _, m := range msgs {
		if strings.Contains(m, "which does that") || !strings.Contains(m, "copy the board and "+filepath.Base(p)+"-journal together") {
			t.Errorf("%s\nwant it to say what can be done here", m)
		}
	}
	// Looking without the change writes nothing, so it works here.
	cs, err := data.OpenWithoutJournal(p)
	if err != nil {
		t.Fatalf("OpenWithoutJournal: %v", err)
	}
	cs.Close()
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
