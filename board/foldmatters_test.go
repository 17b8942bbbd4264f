package board

import (
	"testing"

	"evidenceboard/data"
)

// Only changes that can change what a folded group hides, or where its
// links are drawn, re-cull the board; typing into a grouped card does not.
func TestFoldMatters(t *testing.T) {
	member := &data.Card{ID: "m", Kind: data.KindNote, Title: "A", Group: "g", Width: 100, Height: 50}
	group := &data.Card{ID: "g", Kind: data.KindGroup, Title: "G", Width: 400, Height: 300}
	plain := &data.Card{ID: "p", Kind: data.KindNote, Title: "P", Width: 100, Height: 50}
	with := func(c *data.Card, f func(*data.Card)) *data.Card { cc := c.Clone(); f(&cc); return &cc }
	folded := with(group, func(c *data.Card) { c.Folded = true })
	for _, tc := range []struct {
		name     string
		was, now *data.Card
		want     bool
	}{
		{"a plain card edited", plain, with(plain, func(c *data.Card) { c.Title = "Q" }), false},
		{"a plain card added", nil, plain, false},
		{"a member's title typed", member, with(member, func(c *data.Card) { c.Title = "B" }), false},
		{"a member moved", member, with(member, func(c *data.Card) { c.X = 30 }), false},
		{"an open group moved", group, with(group, func(c *data.Card) { c.X = 30 }), false},
		{"a card joins a group", plain, with(plain, func(c *data.Card) { c.Group = "g" }), true},
		{"a member leaves", member, with(member, func(c *data.Card) { c.Group = "" }), true},
		{"a member added", nil, member, true},
		{"a member deleted", member, nil, true},
		{"a group folded", group, folded, true},
		{"a folded group moved", folded, with(folded, func(c *data.Card) { c.Y = 90 }), true},
		{"a folded group renamed", folded, with(folded, func(c *data.Card) { c.Title = "H" }), false},
		{"changed in place", member, member, true},
	} {
		if got := foldMatters(tc.was, tc.now); got != tc.want {
			t.Errorf("%s: foldMatters = %v, want %v", tc.name, got, tc.want)
		}
	}
}
