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

// Follow hands a read-only copy the changes after the one it saw (that one
// again, since typing amends it in place), or the board whole, with its
// newest change number, when asked to or when a change stores a document.
func TestFollowReadsWhatTheCopyLacks(t *testing.T) {
	c, path := newDocBoard(t)
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	note := func(title string) Change {
		return Change{Label: "Add", PutCards: []Card{{ID: NewID(), Kind: KindNote, Title: title, Width: 200, Height: 100}}}
	}
	seen, err := r.LastChangeNo()
	if err != nil {
		t.Fatal(err)
	}
	d := testDoc([]byte("a memo"))
	for _, tc := range []struct {
		name      string
		change    Change
		whole     bool
		wantWhole bool
	}{
		{"a card", note("one"), false, false},
		{"another card", note("two"), false, false},
		{"asked to read whole", note("three"), true, true},
		{"a document", Change{Label: "Add source", PutDocuments: []Document{d},
			PutCards: []Card{{ID: NewID(), Kind: KindSource, Title: "memo", Width: 220, Height: 90, Document: d.ID}}}, false, true},
		{"a card after it", note("four"), false, false},
	} {
		if _, _, err := c.Apply(tc.change); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		up, err := r.Follow(seen, tc.whole)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want, _ := c.Store().LastChangeNo()
		if up.Last != want {
			t.Fatalf("%s: the result reaches change %d, the writer is at %d", tc.name, up.Last, want)
		}
		// From the one seen (when there is one) to the writer's last.
		changes := int(want - max(seen, 1) + 1)
		if tc.wantWhole {
			changes = 0
		}
		if (up.Model != nil) != tc.wantWhole || len(up.Changes) != changes {
			t.Fatalf("%s: read whole %v with %d changes; want whole %v with %d", tc.name, up.Model != nil, len(up.Changes), tc.wantWhole, changes)
		}
		if up.Model != nil && len(up.Model.Cards) != len(c.Model().Cards) {
			t.Fatalf("%s: read %d cards, the writer has %d", tc.name, len(up.Model.Cards), len(c.Model().Cards))
		}
		if up.Model == nil && up.Changes[0].No != seen && seen > 0 {
			t.Fatalf("%s: the changes start at %d, not at the one seen (%d)", tc.name, up.Changes[0].No, seen)
		}
		seen = up.Last
	}
}
