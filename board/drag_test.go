package board

import (
	"math"
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
)

type moveCall struct {
	ids    []string
	dx, dy float64
}

func TestDragCardReportsMoveOnceAtEnd(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var got []moveCall
	b.OnMove = func(ids []string, dx, dy float64) { got = append(got, moveCall{ids, dx, dy}) }

	start := centreOf(t, b, "a")
	before, _, _ := b.CardScreenRect("a")
	box0 := b.cards["a"].view.box.Position()
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start}, Button: desktop.MouseButtonPrimary})
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(30, 20)}, Dragged: fyne.NewDelta(30, 20)})
	// Mid-drag: the card is drawn moved, the model is untouched, nothing reported.
	mid, _, _ := b.CardScreenRect("a")
	if mid != before.AddXY(30, 20) {
		t.Errorf("card drawn at %v during the drag, want %v", mid, before.AddXY(30, 20))
	}
	if v := b.cards["a"].view; v == nil || v.box.Position() != box0.AddXY(30, 20) {
		t.Errorf("card a's objects did not follow the drag")
	}
	if m.Cards["a"].X != 0 || len(got) != 0 {
		t.Fatalf("the model changed or OnMove was called during the drag: x=%v calls=%v", m.Cards["a"].X, got)
	}
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(50, 30)}, Dragged: fyne.NewDelta(20, 10)})
	b.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(50, 30)}, Button: desktop.MouseButtonPrimary})
	b.DragEnd()
	want := []moveCall{{[]string{"a"}, 50, 30}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("OnMove calls %v, want %v", got, want)
	}
	// The app did not apply the move: the card is drawn back where the model has it.
	if after, _, _ := b.CardScreenRect("a"); after != before {
		t.Errorf("card drawn at %v after an unapplied move, want %v", after, before)
	}
}

func TestDragCardAtZoomReportsBoardUnits(t *testing.T) {
	m := twoCards()
	b, win := show(t, m, 900, 600)
	b.SetZoom(2)
	b.CenterOn("a")
	var got []moveCall
	b.OnMove = func(ids []string, dx, dy float64) { got = append(got, moveCall{ids, dx, dy}) }
	// test.Drag: the way the fyne test driver drags (no MouseDown).
	test.Drag(win.Canvas(), centreOf(t, b, "a"), 100, -40)
	want := []moveCall{{[]string{"a"}, 50, -20}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("OnMove calls %v, want %v", got, want)
	}
}

// apply makes the board's intents real, as the app does: change the model
// and tell the board.
func apply(b *Board, m *data.Model) {
	b.OnMove = func(ids []string, dx, dy float64) {
		var ch data.Change
		for _, id := range ids {
			c := m.Cards[id].Clone()
			c.X += dx
			c.Y += dy
			ch.PutCards = append(ch.PutCards, c)
		}
		m.Apply(ch)
		b.Changed(ids...)
	}
}

func TestDragSelectionMovesAllAndLinksFollow(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	apply(b, m)
	b.Select("a", "b")
	var calls int
	inner := b.OnMove
	b.OnMove = func(ids []string, dx, dy float64) {
		calls++
		if !reflect.DeepEqual(ids, []string{"a", "b"}) || dx != 40 || dy != 60 {
			t.Errorf("OnMove(%v, %v, %v), want both cards by 40, 60", ids, dx, dy)
		}
		inner(ids, dx, dy)
	}
	link := b.links["l1"].view
	if link == nil {
		t.Fatal("the link has no objects")
	}
	p1 := link.line.Position1
	drag(b, centreOf(t, b, "b"), 40, 60, desktop.MouseButtonPrimary, 0)
	if calls != 1 {
		t.Fatalf("OnMove called %d times, want once", calls)
	}
	if m.Cards["a"].X != 40 || m.Cards["b"].Y != 60 {
		t.Errorf("cards at a.x=%v b.y=%v after the move", m.Cards["a"].X, m.Cards["b"].Y)
	}
	if got := link.line.Position1; got != p1.AddXY(40, 60) {
		t.Errorf("link start %v after the move, want %v", got, p1.AddXY(40, 60))
	}
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("selection %v after dragging it, want [a b]", got)
	}
}

func TestLinkFollowsCardLiveDuringDrag(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	lv := b.links["l1"].view
	end0 := lv.line.Position2
	start := centreOf(t, b, "b")
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start}, Button: desktop.MouseButtonPrimary})
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(0, 200)}, Dragged: fyne.NewDelta(0, 200)})
	if lv.line.Position2 == end0 {
		t.Error("the link's end did not follow the card during the drag")
	}
	b.in.cancel(b)
}

func TestConnectByHandleDrag(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var from, to string
	b.OnConnect = func(f, t string) { from, to = f, t }
	var moved bool
	b.OnMove = func([]string, float64, float64) { moved = true }
	// Hover shows a's handle, on the middle of its right edge.
	b.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: centreOf(t, b, "a")}})
	if !b.cards["a"].view.handle.Visible() {
		t.Fatal("no connect handle on the hovered card")
	}
	handle := b.ScreenPos(200, 50)
	target := centreOf(t, b, "c")
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: handle}, Button: desktop.MouseButtonPrimary})
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: target}, Dragged: fyne.NewDelta(target.X-handle.X, target.Y-handle.Y)})
	if !b.sc.wire.Visible() || b.in.target != b.cards["c"] {
		t.Fatal("no connect wire or target while dragging from the handle")
	}
	b.DragEnd()
	if from != "a" || to != "c" || moved {
		t.Fatalf("OnConnect(%q, %q), moved=%v; want a → c and no move", from, to, moved)
	}
	if b.sc.wire.Visible() {
		t.Error("the wire stayed after the drag")
	}
	// Dropping on empty board connects nothing.
	from, to = "", ""
	b.Select("a")
	drag(b, handle, 100, 200, desktop.MouseButtonPrimary, 0)
	if from != "" || to != "" {
		t.Fatalf("a drop on empty board connected %q → %q", from, to)
	}
}

func TestResizeHandle(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	b.SetSnap(true)
	var gotID string
	var gw, gh float64
	b.OnResize = func(id string, w, h float64) { gotID, gw, gh = id, w, h }
	b.Select("a")
	corner := b.ScreenPos(197, 97)
	drag(b, corner, 52, -5, desktop.MouseButtonPrimary, 0)
	if gotID != "a" || gw != 260 || gh != 100 {
		t.Fatalf("OnResize(%q, %v, %v), want a 260×100 (snapped)", gotID, gw, gh)
	}
	// Never smaller than the minimum.
	drag(b, corner, -500, -500, desktop.MouseButtonPrimary, 0)
	if gw < data.MinResizeWidth || gh < data.MinResizeHeight {
		t.Fatalf("resized to %v×%v, below the minimum", gw, gh)
	}
}

func TestSnapAndReadOnlyDrag(t *testing.T) {
	m := twoCards()
	m.Cards["a"].X, m.Cards["a"].Y = 3, 7 // off the grid
	b, _ := show(t, m, 900, 600)
	var got []moveCall
	b.OnMove = func(ids []string, dx, dy float64) { got = append(got, moveCall{ids, dx, dy}) }
	b.SetSnap(true)
	drag(b, centreOf(t, b, "a"), 29, 12, desktop.MouseButtonPrimary, 0)
	if len(got) != 1 || math.Mod(3+got[0].dx, SnapGrid) != 0 || math.Mod(7+got[0].dy, SnapGrid) != 0 {
		t.Fatalf("snapped move %v does not land a on the %d grid", got, SnapGrid)
	}
	b.SetSnap(false)
	b.SetReadOnly(true)
	x0, _, _, _ := b.ViewRect()
	drag(b, centreOf(t, b, "a"), 50, 0, desktop.MouseButtonPrimary, 0)
	x1, _, _, _ := b.ViewRect()
	if len(got) != 1 || x1 != x0-50 {
		t.Fatalf("a drag on a read-only board moved cards (%v) or did not pan (%v→%v)", got, x0, x1)
	}
	if b.cards["a"].view.handle.Visible() {
		t.Error("a read-only board shows a connect handle")
	}
}

func TestDragAtTheEdgePansAndCarriesTheCard(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var got []moveCall
	b.OnMove = func(ids []string, dx, dy float64) { got = append(got, moveCall{ids, dx, dy}) }
	start := centreOf(t, b, "a")    // (140, 90)
	to := fyne.NewPos(895, start.Y) // 5 px from the right edge
	xStart, _, _, _ := b.ViewRect()
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start}, Button: desktop.MouseButtonPrimary})
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-start.X, 0)})
	if b.in.edgeAnim == nil {
		t.Fatal("no auto-pan at the edge")
	}
	x0, _, _, _ := b.ViewRect()
	b.edgePanStep(0.5)
	x1, _, _, _ := b.ViewRect()
	if x1 <= x0 {
		t.Fatalf("the view did not pan right: %v → %v", x0, x1)
	}
	// The card stays under the pointer while the board pans under both.
	if pos, size, _ := b.CardScreenRect("a"); math.Abs(float64(pos.X+size.Width/2-to.X)) > 0.01 {
		t.Fatalf("the card's centre is at x=%v, the pointer at %v", pos.X+size.Width/2, to.X)
	}
	b.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary})
	b.DragEnd()
	// The real animation may tick too, so the pan is what the view moved
	// from before the drag to after the drop, not only edgePanStep's share.
	xEnd, _, _, _ := b.ViewRect()
	want := float64(to.X-start.X) + (xEnd - xStart)
	if len(got) != 1 || math.Abs(got[0].dx-want) > 0.01 || got[0].dy != 0 {
		t.Fatalf("OnMove %v, want dx=%v (pointer plus pan)", got, want)
	}
	if b.in.edgeAnim != nil {
		t.Error("auto-pan still running after the drag")
	}
	// Away from the edges nothing pans.
	if vx, vy := b.edgeVelocity(fyne.NewPos(450, 300)); vx != 0 || vy != 0 {
		t.Errorf("edge velocity %v,%v in the middle", vx, vy)
	}
}
