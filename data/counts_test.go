package data

import (
	"reflect"
	"testing"
)

// TestCountsFollowChanges checks the kept counts against a fresh tally
// after every kind of change and its undo.
func TestCountsFollowChanges(t *testing.T) {
	m, err := SampleModel(sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	fresh := func() Counts { return m.Clone().Counts() }
	m.Counts() // from here on, kept
	cards := m.SortedCards()
	retyped := cards[0].Clone()
	retyped.Kind = KindNote
	for _, ch := range []Change{
		{PutCards: []Card{{ID: "n1", Kind: KindNote, Width: 100, Height: 50}}},
		{PutCards: []Card{retyped}},
		{DeleteCards: []string{cards[5].ID, "n1"}},
		{PutCards: []Card{cards[6].Clone()}}, // a put that changes nothing
	} {
		ch = m.Expand(ch)
		inv := m.Inverse(ch)
		m.Apply(ch)
		if got, want := m.Counts(), fresh(); !reflect.DeepEqual(got, want) {
			t.Fatalf("after a change: %v, want %v", got, want)
		}
		m.Apply(inv)
		if got, want := m.Counts(), fresh(); !reflect.DeepEqual(got, want) {
			t.Fatalf("after its undo: %v, want %v", got, want)
		}
	}
}
