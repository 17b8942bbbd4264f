package board

import (
	"testing"

	"evidenceboard/data"
)

// A tag's colour comes from the board, and changing it redraws the cards
// in view (their chips are laid out in it); other changes do not.
func TestTagColorFollowsTheBoard(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	if _, ok := b.TagColor("Urgent"); ok {
		t.Fatal("a colour before one was chosen")
	}
	before := b.cards["c"].layout
	if before == nil {
		t.Fatal("card c is not laid out")
	}
	b.Changed() // nothing changed: the layout is kept
	if b.cards["c"].layout != before {
		t.Fatal("a change of nothing laid the card out again")
	}
	nb := m.Board.WithTagColor("Urgent", data.TagPalette[0])
	m.Apply(data.Change{Board: &nb})
	b.Changed()
	if c, ok := b.TagColor("Urgent"); !ok || c != data.ColorOr(data.TagPalette[0], "") {
		t.Fatalf("TagColor %v %v", c, ok)
	}
	if b.cards["c"].layout == before {
		t.Fatal("the card was not laid out again in its tag's new colour")
	}
}
