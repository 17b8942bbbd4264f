package data

import (
	"path/filepath"
	"testing"
)

// A read-only store's stamp moves with every commit of the writer, and
// only then; LastChangeNo counts the changes.
func TestStampFollowsCommits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.evboard")
	w, err := Create(path, Board{Title: "b"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	m, err := w.Load()
	if err != nil {
		t.Fatal(err)
	}
	cs := NewCase(w, m)
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	stamp := func() Stamp {
		t.Helper()
		st, err := r.Stamp()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	last := func() int64 {
		t.Helper()
		no, err := r.LastChangeNo()
		if err != nil {
			t.Fatal(err)
		}
		return no
	}
	before, no := stamp(), last()
	if again := stamp(); again != before {
		t.Fatal("the stamp moved with no commit")
	}
	for i, title := range []string{"one", "two", "three"} {
		c := Card{ID: NewID(), Kind: KindNote, Title: title, Width: 200, Height: 100}
		if _, _, err := cs.Apply(Change{Label: "Add", PutCards: []Card{c}}); err != nil {
			t.Fatal(err)
		}
		after := stamp()
		if after == before || after.counter == before.counter {
			t.Fatalf("commit %d: the stamp (or its change counter) did not move: %+v", i, after)
		}
		if got := last(); got <= no {
			t.Fatalf("commit %d: the last change is %d, was %d", i, got, no)
		}
		before, no = after, last()
	}
}
