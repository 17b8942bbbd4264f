package board

import (
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
)

// twoCards is a board with two cards side by side and a link between them.
func twoCards() *data.Model {
	m := data.NewModel(data.Board{Title: "two"})
	m.Apply(data.Change{
		PutCards: []data.Card{
			{ID: "a", Kind: data.KindClaim, Title: "Alpha", X: 0, Y: 0, Width: 200, Height: 100, Status: data.StatusAlleged},
			{ID: "b", Kind: data.KindParty, Title: "Beta", X: 400, Y: 0, Width: 200, Height: 100, PartyType: data.PartyPerson},
			{ID: "c", Kind: data.KindNote, Title: "Gamma", Body: "a note", X: 0, Y: 300, Width: 200, Height: 100, Tags: []string{"Urgent"}},
		},
		PutLinks: []data.Link{{ID: "l1", From: "a", To: "b", Relation: "alleges", Directed: true}},
	})
	return m
}

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

func TestRubberBandSelects(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var selected []string
	b.OnSelect = func(ids []string) { selected = ids }
	// From empty board above-left of a, to below the middle of b's row.
	from := b.ScreenPos(-20, -20)
	to := b.ScreenPos(450, 60)
	drag(b, from, to.X-from.X, to.Y-from.Y, desktop.MouseButtonPrimary, 0)
	if want := []string{"a", "b"}; !reflect.DeepEqual(selected, want) || !reflect.DeepEqual(b.Selected(), want) {
		t.Fatalf("band selected %v (OnSelect %v), want %v", b.Selected(), selected, want)
	}
	if b.sc.band.Visible() {
		t.Error("the band is still drawn after the drag")
	}
	// While the band is dragged, the cards inside it are drawn selected
	// and those outside are not, though the selection is still a and b.
	from = b.ScreenPos(-10, 290)
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(50, 50)}, Dragged: fyne.NewDelta(50, 50)})
	if !b.sc.band.Visible() || b.cards["c"].view.bg.StrokeColor != colSelect || b.cards["a"].view.bg.StrokeColor == colSelect {
		t.Fatal("the band's selection is not drawn during the drag")
	}
	if !reflect.DeepEqual(b.Selected(), []string{"a", "b"}) {
		t.Fatal("the selection changed before the band was released")
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // cancels the band
	if b.sc.band.Visible() || b.cards["a"].view.bg.StrokeColor != colSelect || !reflect.DeepEqual(b.Selected(), []string{"a", "b"}) {
		t.Fatal("a cancelled band changed the selection or stayed drawn")
	}
	b.in = input{}
	// Shift adds to the selection.
	from = b.ScreenPos(-10, 290)
	drag(b, from, 50, 50, desktop.MouseButtonPrimary, fyne.KeyModifierShift)
	if want := []string{"a", "b", "c"}; !reflect.DeepEqual(b.Selected(), want) {
		t.Fatalf("shift-band selected %v, want %v", b.Selected(), want)
	}
}

func TestClickSelectShiftToggleEscape(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var events [][]string
	b.OnSelect = func(ids []string) { events = append(events, ids) }
	click(b, centreOf(t, b, "a"), 0)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"a"}) {
		t.Fatalf("click selected %v", got)
	}
	click(b, centreOf(t, b, "b"), fyne.KeyModifierShift)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Fatalf("shift-click gave %v", got)
	}
	click(b, centreOf(t, b, "a"), fyne.KeyModifierControl)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"b"}) {
		t.Fatalf("ctrl-click on a selected card gave %v", got)
	}
	// test.TapAt, as the fyne test driver taps: no MouseDown.
	test.TapAt(b, centreOf(t, b, "c"))
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"c"}) {
		t.Fatalf("tap gave %v", got)
	}
	// A click on the link's middle selects the link.
	x1, y1 := 200.0, 50.0
	x2, y2 := 400.0, 50.0
	click(b, b.ScreenPos((x1+x2)/2, (y1+y2)/2+2), 0)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"l1"}) {
		t.Fatalf("click on the link gave %v", got)
	}
	// So does a click on the edge of its label, further from the line.
	b.ClearSelection()
	click(b, b.ScreenPos((x1+x2)/2+8, (y1+y2)/2+7), 0)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"l1"}) {
		t.Fatalf("click on the link's label gave %v", got)
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := b.Selected(); len(got) != 0 {
		t.Fatalf("escape left %v selected", got)
	}
	// A click on empty board clears too.
	b.Select("a")
	click(b, b.ScreenPos(300, 250), 0)
	if len(b.Selected()) != 0 {
		t.Fatal("click on empty board kept the selection")
	}
	if len(events) < 6 || len(events[len(events)-1]) != 0 {
		t.Errorf("OnSelect events %v", events)
	}
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
	if gw < minCardW || gh < minCardH {
		t.Fatalf("resized to %v×%v, below the minimum", gw, gh)
	}
}

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

func TestContextMenu(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var created []data.Kind
	b.OnCreate = func(k data.Kind, x, y float64) { created = append(created, k) }
	var deleted []string
	b.OnDelete = func(ids []string) { deleted = ids }
	menu := b.contextMenu(b.ScreenPos(300, 250))
	if len(menu.Items) != len(data.Kinds) {
		t.Fatalf("empty-board menu has %d items, want one per kind", len(menu.Items))
	}
	for _, it := range menu.Items {
		it.Action()
	}
	if !reflect.DeepEqual(created, data.Kinds) {
		t.Errorf("menu created %v", created)
	}
	menu = b.contextMenu(centreOf(t, b, "b"))
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"b"}) {
		t.Fatalf("right-click did not select the card: %v", got)
	}
	menu.Items[len(menu.Items)-1].Action()
	if !reflect.DeepEqual(deleted, []string{"b"}) {
		t.Errorf("menu Delete gave %v", deleted)
	}
}

func TestDeleteKeyAndNudge(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var deleted []string
	b.OnDelete = func(ids []string) { deleted = ids }
	var moves []moveCall
	b.OnMove = func(ids []string, dx, dy float64) { moves = append(moves, moveCall{ids, dx, dy}) }
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if deleted != nil {
		t.Fatal("Delete with nothing selected called OnDelete")
	}
	b.Select("b", "l1", "a")
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if want := []string{"a", "b", "l1"}; !reflect.DeepEqual(deleted, want) {
		t.Fatalf("Delete gave %v, want %v", deleted, want)
	}
	deleted = nil
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if deleted == nil {
		t.Fatal("Backspace did not delete")
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	b.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	b.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	want := []moveCall{{[]string{"a", "b"}, 10, 0}, {[]string{"a", "b"}, 0, -1}}
	if !reflect.DeepEqual(moves, want) {
		t.Fatalf("nudges %v, want %v", moves, want)
	}
	b.SetReadOnly(true)
	deleted = nil
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if deleted != nil || len(moves) != 2 {
		t.Error("a read-only board deleted or moved")
	}
}

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

func TestZoomAtKeepsPointUnderPointer(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	p := fyne.NewPos(333, 222)
	bx, by := b.toBoard(p)
	for _, z := range []float32{2.5, 0.3, 4, 1} {
		b.ZoomAt(z, p)
		if b.Zoom() != z {
			t.Fatalf("zoom %v, want %v", b.Zoom(), z)
		}
		x, y := b.toBoard(p)
		if math.Abs(x-bx) > 1e-6 || math.Abs(y-by) > 1e-6 {
			t.Fatalf("at zoom %v the point under the pointer moved from (%v,%v) to (%v,%v)", z, bx, by, x, y)
		}
	}
	b.ZoomAt(100, p)
	if b.Zoom() != MaxZoom {
		t.Errorf("zoom not clamped: %v", b.Zoom())
	}
	b.ZoomAt(0.001, p)
	if b.Zoom() != MinZoom {
		t.Errorf("zoom not clamped: %v", b.Zoom())
	}
	// Ctrl + wheel zooms around the pointer; the wheel alone pans.
	b.SetZoom(1)
	bx, by = b.toBoard(p)
	b.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	b.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.NewDelta(0, 25)})
	b.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	if b.Zoom() <= 1 {
		t.Fatalf("ctrl+scroll up did not zoom in: %v", b.Zoom())
	}
	if x, y := b.toBoard(p); math.Abs(x-bx) > 1e-4 || math.Abs(y-by) > 1e-4 {
		t.Fatalf("ctrl+scroll moved the point under the pointer")
	}
	z := b.Zoom()
	ox, oy, _, _ := b.ViewRect()
	b.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.NewDelta(0, -50)})
	nx, ny, _, _ := b.ViewRect()
	if b.Zoom() != z || nx != ox || math.Abs(ny-(oy+50/float64(z))) > 1e-9 {
		t.Fatalf("scroll did not pan down: zoom %v→%v, origin (%v,%v)→(%v,%v)", z, b.Zoom(), ox, oy, nx, ny)
	}
}

func TestPanWithMiddleButtonAndSpace(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	moved := false
	b.OnMove = func([]string, float64, float64) { moved = true }
	x0, y0, _, _ := b.ViewRect()
	drag(b, centreOf(t, b, "a"), 100, 50, desktop.MouseButtonTertiary, 0)
	x1, y1, _, _ := b.ViewRect()
	if x1 != x0-100 || y1 != y0-50 || moved {
		t.Fatalf("middle drag: origin (%v,%v)→(%v,%v), moved=%v", x0, y0, x1, y1, moved)
	}
	b.KeyDown(&fyne.KeyEvent{Name: fyne.KeySpace})
	drag(b, centreOf(t, b, "a"), -100, -50, desktop.MouseButtonPrimary, 0)
	b.KeyUp(&fyne.KeyEvent{Name: fyne.KeySpace})
	x2, y2, _, _ := b.ViewRect()
	if x2 != x0 || y2 != y0 || moved {
		t.Fatalf("space drag: origin (%v,%v), moved=%v", x2, y2, moved)
	}
}

func TestChangedRefreshesOnlyWhatChanged(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	va, vb := b.cards["a"].view, b.cards["b"].view
	vb.texts[0].Text = "sentinel" // would be redrawn if b were refreshed

	// Edit a's title: a is redrawn, b is not.
	c := m.Cards["a"].Clone()
	c.Title = "Alpha prime"
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("a")
	if b.cards["a"].view != va || !hasText(va, "Alpha prime") {
		t.Error("a was not redrawn with its new title")
	}
	if vb.texts[0].Text != "sentinel" {
		t.Error("b was redrawn though it did not change")
	}

	// Add a card and a link; delete card b (and so its link).
	m.Apply(data.Change{PutCards: []data.Card{{ID: "d", Kind: data.KindEvent, Title: "Delta", Date: "2020-02-02", X: 400, Y: 300, Width: 200, Height: 90}},
		PutLinks: []data.Link{{ID: "l2", From: "c", To: "d", Relation: "supports"}}})
	b.Changed("d", "l2")
	if b.cards["d"] == nil || b.cards["d"].view == nil || b.links["l2"].view == nil || !hasText(b.cards["d"].view, "2020-02-02") {
		t.Fatal("the new card or link has no objects")
	}
	b.Select("b", "l1")
	var sel []string
	b.OnSelect = func(ids []string) { sel = ids }
	m.Apply(m.Expand(data.Change{DeleteCards: []string{"b"}}))
	b.Changed("b")
	if b.cards["b"] != nil || b.links["l1"] != nil || b.VisibleCardCount() != 3 || b.VisibleLinkCount() != 1 {
		t.Fatalf("after deleting b: cards %d links %d live", b.VisibleCardCount(), b.VisibleLinkCount())
	}
	if sel == nil || len(sel) != 0 || len(b.Selected()) != 0 {
		t.Errorf("deleted objects stayed selected: %v %v", sel, b.Selected())
	}
}

func hasText(v *cardView, s string) bool {
	for _, t := range v.texts {
		if t.Visible() && t.Text == s {
			return true
		}
	}
	return false
}

func TestCenterOnAndFitAll(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	b.CenterOn("c")
	x, y := b.ViewCenter()
	if x != 100 || y != 350 {
		t.Fatalf("view centre (%v,%v) after CenterOn(c), want (100,350)", x, y)
	}
	b.FitAll()
	for _, id := range []string{"a", "b", "c"} {
		pos, size, _ := b.CardScreenRect(id)
		if pos.X < 0 || pos.Y < 0 || pos.X+size.Width > 900 || pos.Y+size.Height > 600 {
			t.Errorf("card %s at %v %v is not in view after FitAll", id, pos, size)
		}
	}
}

func TestSetModelRebuilds(t *testing.T) {
	b, _ := show(t, twoCards(), 900, 600)
	b.Select("a")
	m2 := sampleModel(t)
	b.SetModel(m2)
	if len(b.Selected()) != 0 || b.Model() != m2 || len(b.cards) != len(m2.Cards) {
		t.Fatal("SetModel kept the old board")
	}
	ids := make([]string, 0)
	for _, e := range b.sc.liveCards {
		ids = append(ids, e.id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if m2.Cards[id] == nil {
			t.Fatalf("card %s of the old board still drawn", id)
		}
	}
	if b.VisibleCardCount() == 0 {
		t.Fatal("nothing drawn after SetModel")
	}
}

func TestChangedRestoresCardWithItsLinks(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	del := m.Expand(data.Change{DeleteCards: []string{"a"}})
	undo := m.Inverse(del)
	m.Apply(del)
	b.Changed(del.DeleteCards...)
	if b.cards["a"] != nil || b.links["l1"] != nil {
		t.Fatal("card a or its link still on the board")
	}
	// Undo: the app names the card, the links come back with it. The link
	// named before the card it needs must be filed too.
	m.Apply(undo)
	b.Changed("l1", "a")
	if b.cards["a"] == nil || b.cards["a"].view == nil || b.links["l1"] == nil || b.links["l1"].view == nil {
		t.Fatal("undo did not bring back the card and its link")
	}
	m.Apply(del)
	b.Changed("a")
	m.Apply(undo)
	b.Changed("a") // the link not named at all
	if b.links["l1"] == nil || b.links["l1"].view == nil {
		t.Fatal("a restored card's unnamed link was not drawn")
	}
}

func TestQuoteRedrawsWhenItsSpeakerIsRenamed(t *testing.T) {
	m := kindsBoard()
	b, _ := show(t, m, 900, 400)
	q := b.cards["quote"].view
	if !hasTextPrefix(q, "— Northwind Shipping Ltd") {
		t.Fatal("the quote does not name its speaker")
	}
	c := m.Cards["party"].Clone()
	c.Title = "Southwind"
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("party")
	if !hasTextPrefix(q, "— Southwind ·") {
		t.Fatal("the quote still names the old speaker")
	}
}

func hasTextPrefix(v *cardView, p string) bool {
	for _, t := range v.texts {
		if t.Visible() && strings.HasPrefix(t.Text, p) {
			return true
		}
	}
	return false
}

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

func TestClickFocusesBoardForKeys(t *testing.T) {
	m := twoCards()
	b, win := show(t, m, 900, 600)
	var deleted []string
	b.OnDelete = func(ids []string) { deleted = ids }
	test.TapCanvas(win.Canvas(), centreOf(t, b, "a"))
	if win.Canvas().Focused() != b {
		t.Fatal("a click on the board did not focus it")
	}
	win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if !reflect.DeepEqual(deleted, []string{"a"}) {
		t.Fatalf("Delete on the focused board gave %v", deleted)
	}
	// Focus lost forgets held keys: Shift no longer toggles.
	b.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	win.Canvas().Unfocus()
	click(b, centreOf(t, b, "b"), 0)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"b"}) {
		t.Fatalf("a click after focus loss with Shift once held gave %v", got)
	}
}

func TestShiftScrollPansSideways(t *testing.T) {
	b, _ := show(t, twoCards(), 900, 600)
	x0, y0, _, _ := b.ViewRect()
	b.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	b.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -40)})
	b.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	x1, y1, _, _ := b.ViewRect()
	if x1 != x0+40 || y1 != y0 {
		t.Fatalf("shift+scroll moved the view from (%v,%v) to (%v,%v), want 40 to the right", x0, y0, x1, y1)
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

func TestEmptyBoardHint(t *testing.T) {
	m := data.NewModel(data.Board{})
	b, _ := show(t, m, 600, 400)
	if !b.sc.hint.Visible() {
		t.Fatal("no hint on an empty board")
	}
	m.Apply(data.Change{PutCards: []data.Card{{ID: "x", Kind: data.KindNote, Title: "x", Width: 200, Height: 90}}})
	b.Changed("x")
	if b.sc.hint.Visible() {
		t.Fatal("the hint stayed after a card was added")
	}
}

func TestDragAtTheEdgePansAndCarriesTheCard(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var got []moveCall
	b.OnMove = func(ids []string, dx, dy float64) { got = append(got, moveCall{ids, dx, dy}) }
	start := centreOf(t, b, "a")    // (140, 90)
	to := fyne.NewPos(895, start.Y) // 5 px from the right edge
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
	want := float64(to.X-start.X) + (x1 - x0)
	if len(got) != 1 || math.Abs(got[0].dx-want) > 0.01 || got[0].dy != 0 { // the test driver ticks once at start
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
