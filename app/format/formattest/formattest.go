// Package formattest holds what the format packages' tests share: the
// sample board, the check that an import's change applies cleanly to a
// board, and the comparison a round trip must pass. Only tests import it.
package formattest

import (
	"math"
	"reflect"
	"testing"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// Sample is the sample case in memory.
func Sample(t testing.TB) *data.Model {
	t.Helper()
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// CheckApplies fails t unless ch adds only new cards and links, each
// valid, and leaves into (or an empty board, when nil) valid.
func CheckApplies(t testing.TB, into *data.Model, ch data.Change) {
	t.Helper()
	m := data.NewModel(data.Board{})
	if into != nil {
		m = into.Clone()
	}
	for _, c := range ch.PutCards {
		if m.Cards[c.ID] != nil {
			t.Fatalf("card %s replaces a card on the board", c.ID)
		}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range ch.PutLinks {
		if m.Links[l.ID] != nil {
			t.Fatalf("link %s replaces a link on the board", l.ID)
		}
		if err := l.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	m.Apply(ch)
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
}

// SameCard compares what a round trip must keep: everything but times,
// with positions and sizes within 1 unit.
func SameCard(a, b data.Card) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) <= 1 }
	if !near(a.X, b.X) || !near(a.Y, b.Y) || !near(a.Width, b.Width) || !near(a.Height, b.Height) {
		return false
	}
	a.X, a.Y, a.Width, a.Height = b.X, b.Y, b.Width, b.Height
	a.Created, a.Updated = b.Created, b.Updated
	if len(a.Tags) == 0 {
		a.Tags = nil
	}
	if len(b.Tags) == 0 {
		b.Tags = nil
	}
	return reflect.DeepEqual(a, b)
}

// Grouped is the sample case with two groups: "Strand one", folded,
// holding two cards side by side, and "Strand two" holding one card,
// each frame wholly round its cards with room for a title, and the
// other cards outside both. The group IDs are
// 00000000-0000-4000-8000-00000000000{1,2}.
func Grouped(t testing.TB) *data.Model {
	t.Helper()
	m := Sample(t)
	cards := m.SortedCards()
	a, b, c := cards[0], cards[1], cards[2]
	// Far from the rest, so that no frame holds a card it should not.
	a.X, a.Y = 20000, 0
	b.X, b.Y = a.X+a.Width+30, 0
	c.X, c.Y = 30000, 0
	frame := func(id, title string, in ...*data.Card) data.Card {
		x0, y0, x1, y1 := in[0].X, in[0].Y, in[0].X+in[0].Width, in[0].Y+in[0].Height
		for _, m := range in {
			x0, y0 = min(x0, m.X), min(y0, m.Y)
			x1, y1 = max(x1, m.X+m.Width), max(y1, m.Y+m.Height)
		}
		return data.Card{ID: id, Kind: data.KindGroup, Title: title,
			X: x0 - 20.25, Y: y0 - 40, Width: x1 - x0 + 40.5, Height: y1 - y0 + 60}
	}
	g1 := frame("00000000-0000-4000-8000-000000000001", "Strand one", a, b)
	g1.Folded = true
	g2 := frame("00000000-0000-4000-8000-000000000002", "Strand two", c)
	ch := data.Change{PutCards: []data.Card{g1, g2}}
	for _, x := range []struct {
		c *data.Card
		g string
	}{{a, g1.ID}, {b, g1.ID}, {c, g2.ID}} {
		cc := x.c.Clone()
		cc.Group = x.g
		ch.PutCards = append(ch.PutCards, cc)
	}
	m.Apply(ch)
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	return m
}
