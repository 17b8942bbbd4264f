package board

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

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

func TestCursorShowsWhatAClickWouldDo(t *testing.T) {
	b, _ := show(t, twoCards(), 900, 600)
	b.Select("a")
	for _, c := range []struct {
		x, y float64
		want desktop.Cursor
	}{
		{300, 250, desktop.DefaultCursor},   // empty board
		{100, 50, desktop.PointerCursor},    // a card
		{200, 50, desktop.CrosshairCursor},  // a's connect handle
		{197, 97, desktop.NWSEResizeCursor}, // a's resize grip
		{300, 52, desktop.PointerCursor},    // the link
	} {
		b.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: b.ScreenPos(c.x, c.y)}})
		if got := b.Cursor(); got != c.want {
			t.Errorf("cursor at (%v,%v) is %v, want %v", c.x, c.y, got, c.want)
		}
	}
	b.SetReadOnly(true)
	if got := b.Cursor(); got != desktop.DefaultCursor {
		t.Errorf("read-only cursor %v", got)
	}
}
