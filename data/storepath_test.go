package data

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A board shown without its unfinished change is a copy, and the store
// says so: its Path is the copy — the bytes shown, which a brief hashes
// and a follower would watch — under the board's name, and its Origin the
// board the person opened. Any other store's Origin is its Path.
func TestPathIsTheBytesShown(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", t.TempDir())
	good := filepath.Join(dir, "good"+Extension)
	journalBoard(t, good, 40)
	crashed, journal := crash(t, good)
	p := filepath.Join(dir, "crashed"+Extension)
	putJournal(t, p, crashed, journal)

	cs, err := OpenWithoutJournal(p)
	if err != nil {
		t.Fatal(err)
	}
	st := cs.Store()
	if st.Origin() != p {
		t.Fatalf("the origin is %s, want %s", st.Origin(), p)
	}
	if st.Path() == p || filepath.Base(st.Path()) != filepath.Base(p) {
		t.Fatalf("the path is %s: want a copy named as %s", st.Path(), p)
	}
	shown, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(shown, crashed) {
		t.Fatal("the path's bytes are the board's with the unfinished change")
	}
	// The bytes at Path are the board shown: read on their own, they give
	// the same cards, without the change.
	rep, err := Inspect(st.Path(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.model.Cards) != len(cs.Model().Cards) {
		t.Fatalf("the copy holds %d cards, the window shows %d", len(rep.model.Cards), len(cs.Model().Cards))
	}
	for id, c := range cs.Model().Cards {
		if got := rep.model.Cards[id]; got == nil || got.Body != c.Body {
			t.Fatalf("card %s differs between the copy and the board shown", id)
		}
	}
	cs.Close()
	if _, err := os.Stat(st.Path()); !os.IsNotExist(err) {
		t.Fatalf("the copy outlived Close: %v", err)
	}
	if b, _ := os.ReadFile(p); !bytes.Equal(b, crashed) {
		t.Fatal("the board changed")
	}

	// Any other store.
	w, err := Create(good+".2"+Extension, Board{Title: "b"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if w.Origin() != w.Path() {
		t.Fatalf("a plain store's origin %s is not its path %s", w.Origin(), w.Path())
	}
}
