package board

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
)

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

// The order cards were selected in is kept, whichever way they were
// selected: "Connect selected cards" links the first to the second.
func TestSelectedInOrder(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	for _, tc := range []struct {
		name   string
		steps  func()
		want   []string
		sorted []string
	}{
		{"click c, shift-click a", func() {
			click(b, centreOf(t, b, "c"), 0)
			click(b, centreOf(t, b, "a"), fyne.KeyModifierShift)
		}, []string{"c", "a"}, []string{"a", "c"}},
		{"click b, ctrl-click a, ctrl-click c", func() {
			click(b, centreOf(t, b, "b"), 0)
			click(b, centreOf(t, b, "a"), fyne.KeyModifierControl)
			click(b, centreOf(t, b, "c"), fyne.KeyModifierControl)
		}, []string{"b", "a", "c"}, []string{"a", "b", "c"}},
		{"a deselected and selected again goes last", func() {
			b.Select("a", "b", "c")
			click(b, centreOf(t, b, "a"), fyne.KeyModifierShift)
			click(b, centreOf(t, b, "a"), fyne.KeyModifierShift)
		}, []string{"b", "c", "a"}, []string{"a", "b", "c"}},
		{"Select keeps its argument order", func() { b.Select("c", "b") }, []string{"c", "b"}, []string{"b", "c"}},
		{"select all is sorted", func() {
			b.ClearSelection()
			b.SelectAll()
		}, []string{"a", "b", "c"}, []string{"a", "b", "c"}},
	} {
		b.ClearSelection()
		tc.steps()
		if got := b.SelectedInOrder(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: in order %v, want %v", tc.name, got, tc.want)
		}
		if got := b.Selected(); !reflect.DeepEqual(got, tc.sorted) {
			t.Errorf("%s: sorted %v, want %v", tc.name, got, tc.sorted)
		}
	}
	// A selected card deleted from the model leaves the order.
	b.Select("c", "a")
	m.Apply(data.Change{DeleteCards: []string{"c"}})
	b.Changed("c")
	if got := b.SelectedInOrder(); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("after deleting c: %v", got)
	}
}
