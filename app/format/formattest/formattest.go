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
