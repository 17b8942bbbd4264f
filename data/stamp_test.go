package data

import (
	"testing"
	"time"
)

// TestPutUnchangedKeepsUpdated puts a card, a link, a document and the
// board's properties again as they are: the file writes nothing for them,
// so the model must keep their Updated too. A merge decides by these times, reading MINE from the model
// and a board merged before from its file; a link put again unchanged (as
// a merge's conflict puts MINE's version back) once came out of Apply
// newer in the model than in the file, and the next merge undid the
// first (found by FuzzMerge, testdata/fuzz/FuzzMerge/3f8fbd8b59b2b3dc).
func TestPutUnchangedKeepsUpdated(t *testing.T) {
	doc := testDoc([]byte("hello"))
	for _, tc := range []struct {
		name    string
		again   func(m *Model) Change
		updated func(m *Model) time.Time
	}{
		{"card", func(m *Model) Change { return Change{PutCards: []Card{m.Cards["a"].Clone()}} },
			func(m *Model) time.Time { return m.Cards["a"].Updated }},
		{"link", func(m *Model) Change { return Change{PutLinks: []Link{*m.Links["l"]}} },
			func(m *Model) time.Time { return m.Links["l"].Updated }},
		{"document", func(m *Model) Change { return Change{PutDocuments: []Document{*m.Documents[doc.ID]}} },
			func(m *Model) time.Time { return m.Documents[doc.ID].Updated }},
		{"board", func(m *Model) Change { b := m.Board; return Change{Board: &b} },
			func(m *Model) time.Time { return m.Board.Updated }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newDocBoard(t)
			c.Store().Now = clock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			a := Card{ID: "a", Kind: KindSource, Title: "A", Width: 220, Height: 90, Document: doc.ID}
			b := Card{ID: "b", Kind: KindParty, Title: "B", X: 300, Width: 220, Height: 90}
			l := Link{ID: "l", From: "a", To: "b", Relation: "supports"}
			if _, _, err := c.Apply(Change{PutDocuments: []Document{doc}, PutCards: []Card{a, b}, PutLinks: []Link{l}}); err != nil {
				t.Fatal(err)
			}
			was := tc.updated(c.Model())
			if _, _, err := c.Apply(tc.again(c.Model())); err != nil {
				t.Fatal(err)
			}
			file, err := c.Store().Load()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := fmtTime(tc.updated(c.Model())), fmtTime(was); got != want {
				t.Errorf("the model's %s was updated %s, now %s", tc.name, want, got)
			}
			if got, want := fmtTime(tc.updated(file)), fmtTime(was); got != want {
				t.Errorf("the file's %s was updated %s, now %s", tc.name, want, got)
			}
		})
	}
}
