package board

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
)

func TestDoubleClickCreatesAtPointer(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	b.SetZoom(2)
	b.PanBy(-100, 30)
	type call struct {
		k    data.Kind
		x, y float64
	}
	var got []call
	b.OnCreate = func(k data.Kind, x, y float64) { got = append(got, call{k, x, y}) }
	var edited string
	b.OnEdit = func(id string) { edited = id }
	vx, vy, _, _ := b.ViewRect()
	p := fyne.NewPos(700, 500)
	b.DoubleTapped(&fyne.PointEvent{Position: p})
	want := call{data.KindNote, vx + 700/2.0, vy + 500/2.0}
	if len(got) != 1 || math.Abs(got[0].x-want.x) > 1e-9 || math.Abs(got[0].y-want.y) > 1e-9 || got[0].k != want.k {
		t.Fatalf("OnCreate calls %v, want %v", got, want)
	}
	b.SetCreateKind(data.KindEvent)
	b.DoubleTapped(&fyne.PointEvent{Position: p})
	if got[1].k != data.KindEvent {
		t.Errorf("created %v after SetCreateKind(event)", got[1].k)
	}
	b.DoubleTapped(&fyne.PointEvent{Position: centreOf(t, b, "a")})
	if edited != "a" || len(got) != 2 {
		t.Errorf("double-click on a card: edited %q, creates %d", edited, len(got))
	}
	b.SetReadOnly(true)
	b.DoubleTapped(&fyne.PointEvent{Position: p})
	if len(got) != 2 {
		t.Error("a read-only board created a card")
	}
}
