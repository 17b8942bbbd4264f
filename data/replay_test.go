package data

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestReplayMakesTheSameBoard makes changes of every kind on one copy of
// a board and replays their records on another: the copies end the same
// (times aside), and each replayed change keeps its UUID.
func TestReplayMakesTheSameBoard(t *testing.T) {
	dir := t.TempDir()
	a, err := CreateSample(filepath.Join(dir, "a"+Extension), sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.SaveCopy(filepath.Join(dir, "b"+Extension)); err != nil {
		t.Fatal(err)
	}
	b, err := OpenCase(filepath.Join(dir, "b"+Extension))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	am, err := a.Load()
	if err != nil {
		t.Fatal(err)
	}
	ca := NewCase(a, am)
	var seen int64
	a.db.QueryRow(`SELECT max(no) FROM changes`).Scan(&seen)

	cards := am.SortedCards()
	moved := nudgeAll(am, 30) // the bulk path
	edit := cards[3].Clone()
	edit.Title, edit.Tags, edit.Credibility = "Retitled", []string{"x", "a"}, 2
	newCard := Card{ID: NewID(), Kind: KindNote, Title: "New", X: 5, Y: 5, Width: 200, Height: 90, Tags: []string{"q"}}
	newLink := Link{ID: NewID(), From: newCard.ID, To: cards[0].ID, Relation: "cites", Directed: false}
	bp := am.Board
	bp.Marking = "DRAFT"
	for _, ch := range []Change{
		moved,
		{Label: "Edit", PutCards: []Card{edit}},
		{Label: "Add", PutCards: []Card{newCard}, PutLinks: []Link{newLink}},
		{Label: "Delete", DeleteCards: []string{cards[1].ID}},
		{Label: "Marking", Board: &bp},
	} {
		if _, _, err := ca.Apply(ch); err != nil {
			t.Fatal(err)
		}
	}
	logs, err := a.ChangesSince(seen)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 5 {
		t.Fatalf("%d changes since %d", len(logs), seen)
	}
	for _, cl := range logs {
		ch, err := b.Model().Replay(cl)
		if err != nil {
			t.Fatal(err)
		}
		done, _, err := b.Apply(ch)
		if err != nil {
			t.Fatalf("replaying %q: %v", cl.Label, err)
		}
		if done.ID != cl.ID {
			t.Errorf("replayed %q as %s, not %s", cl.Label, done.ID, cl.ID)
		}
	}
	if got, want := canonical(b.Model()), canonical(am); !reflect.DeepEqual(got, want) {
		for id, c := range want.Cards {
			if !reflect.DeepEqual(got.Cards[id], c) {
				t.Errorf("card %s:\n got %+v\nwant %+v", id, got.Cards[id], c)
			}
		}
		t.Fatalf("the copies differ: %d/%d cards, %d/%d links", len(got.Cards), len(want.Cards), len(got.Links), len(want.Links))
	}
	if _, err := b.Model().Replay(ChangeLog{ID: "x", Records: []Record{{Action: "update", Entity: EntityCard, ID: "nope"}}}); err == nil {
		t.Error("an update of a missing card replayed")
	}
}

// canonical is a model without the times a write stamps.
func canonical(m *Model) *Model {
	out := m.Clone()
	for _, c := range out.Cards {
		c.Created, c.Updated = c.Created.UTC(), time.Time{}
		if len(c.Tags) == 0 {
			c.Tags = nil
		}
	}
	for _, l := range out.Links {
		l.Updated = time.Time{}
	}
	out.Board.Created, out.Board.Updated = time.Time{}, time.Time{}
	return out
}
