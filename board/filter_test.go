package board

import (
	"reflect"
	"testing"
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
