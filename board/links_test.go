package board

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
)

func TestLinksBetweenTheSameCardsSideBySide(t *testing.T) {
	m := twoCards()
	m.Apply(data.Change{PutLinks: []data.Link{{ID: "l2", From: "b", To: "a", Relation: "denies", Directed: true}}})
	b, _ := show(t, m, 900, 600)
	l1, l2 := b.links["l1"].view.line, b.links["l2"].view.line
	if l1.Position1.Y == l2.Position1.Y {
		t.Fatalf("the two links between a and b are drawn on top of each other at y=%v", l1.Position1.Y)
	}
	// Each can be clicked on its own line.
	for _, id := range []string{"l1", "l2"} {
		line := b.links[id].view.line
		p := fyne.NewPos((line.Position1.X+line.Position2.X)/2-30, line.Position1.Y)
		p = p.Add(b.sc.world.Position())
		click(b, p, 0)
		if got := b.Selected(); !reflect.DeepEqual(got, []string{id}) {
			t.Fatalf("click on %s's line selected %v", id, got)
		}
	}
	// Deleting one puts the other back in the middle.
	m.Apply(data.Change{DeleteLinks: []string{"l2"}})
	b.Changed("l2")
	if y := b.links["l1"].view.line.Position1.Y; y != b.ScreenPos(0, 50).Y-b.sc.world.Position().Y {
		t.Fatalf("the remaining link is at y=%v, not on the cards' middle", y)
	}
}
