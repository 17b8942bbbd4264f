package board

import (
	"reflect"
	"testing"

	"evidenceboard/data"
)

func TestFilterDims(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	got := b.SetFilter("urg") // a tag of c, in another case
	if !reflect.DeepEqual(got, []string{"c"}) {
		t.Fatalf("filter matched %v, want [c]", got)
	}
	if !b.IsDimmed("a") || !b.IsDimmed("b") || b.IsDimmed("c") {
		t.Fatal("wrong cards dimmed")
	}
	if !b.cards["a"].view.veil.Visible() || b.cards["c"].view.veil.Visible() {
		t.Fatal("the dimming veil is not drawn as filtered")
	}
	if got := b.SetFilter("ALPHA"); !reflect.DeepEqual(got, []string{"a"}) {
		t.Fatalf("filter ALPHA matched %v", got)
	}
	if got := b.SetFilter("e"); !reflect.DeepEqual(got, []string{"a", "b", "c"}) { // reading order
		t.Fatalf("filter e matched %v", got)
	}
	if got := b.SetFilter(""); got != nil || b.IsDimmed("a") || b.cards["a"].view.veil.Visible() {
		t.Fatal("clearing the filter left cards dimmed")
	}
}

func TestFilterReadingOrder(t *testing.T) {
	m := data.NewModel(data.Board{})
	card := func(id string, x, y float64) data.Card {
		return data.Card{ID: id, Kind: data.KindNote, Title: "match " + id, X: x, Y: y, Width: 200, Height: 100}
	}
	// Two rows, each a little out of line: the second row's right-hand
	// card sits higher than its left-hand one.
	m.Apply(data.Change{PutCards: []data.Card{
		card("r1-right", 600, 30), card("r1-left", 0, 0), card("r1-mid", 300, 10),
		card("r2-left", 0, 200), card("r2-right", 400, 180),
	}})
	b, _ := show(t, m, 900, 600)
	got := b.SetFilter("match")
	want := []string{"r1-left", "r1-mid", "r1-right", "r2-left", "r2-right"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("reading order %v, want %v", got, want)
	}
}
