package board

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

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
