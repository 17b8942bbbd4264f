package board

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// sampleModel is the sample case in memory.
func sampleModel(t testing.TB) *data.Model {
	t.Helper()
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// generated is a generated board of n cards in memory.
func generated(n int) *data.Model {
	b, ch := data.Generate(n, 1)
	m := data.NewModel(b)
	m.Apply(ch)
	return m
}

// show puts a new board on m in a test window of w×h with no padding, so
// that window and board coordinates are the same.
func show(t testing.TB, m *data.Model, w, h float32) (*Board, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	b := New(m)
	win := test.NewTempWindow(t, b)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return b, win
}

// benchWindow is an empty test window of the size the app opens at (the
// board's part of it, 1280×800), with no padding, for the first-frame
// benchmarks to put boards in.
func benchWindow(b *testing.B) fyne.Window {
	test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.SetPadded(false)
	w.Resize(benchSize)
	return w
}

// benchSize is benchWindow's size.
var benchSize = fyne.NewSize(1280, 800)

// savePNG writes what the window shows to path, for a person to look at.
func savePNG(t testing.TB, win fyne.Window, path string) {
	t.Helper()
	img := win.Canvas().Capture()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// drag simulates a real mouse drag as the desktop driver delivers it:
// MouseDown at from, Dragged events in steps with the pointer's position,
// then MouseUp before DragEnd (the glfw driver's order).
func drag(b *Board, from fyne.Position, dx, dy float32, button desktop.MouseButton, mods fyne.KeyModifier) {
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: button, Modifier: mods})
	const steps = 4
	for i := 1; i <= steps; i++ {
		p := from.AddXY(dx*float32(i)/steps, dy*float32(i)/steps)
		b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(dx/steps, dy/steps)})
	}
	b.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(dx, dy)}, Button: button, Modifier: mods})
	b.DragEnd()
}

// click simulates a real click: MouseDown, MouseUp, Tapped.
func click(b *Board, p fyne.Position, mods fyne.KeyModifier) {
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	b.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	b.Tapped(&fyne.PointEvent{Position: p})
}

// centreOf is where the middle of card id is drawn.
func centreOf(t testing.TB, b *Board, id string) fyne.Position {
	t.Helper()
	pos, size, ok := b.CardScreenRect(id)
	if !ok {
		t.Fatalf("no card %s", id)
	}
	return pos.AddXY(size.Width/2, size.Height/2)
}
