package board

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
)

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

func TestScrollAndDoubleTapThroughTheTestDriver(t *testing.T) {
	b, win := show(t, twoCards(), 900, 600)
	_, y0, _, _ := b.ViewRect()
	test.Scroll(win.Canvas(), fyne.NewPos(400, 300), 0, -30)
	if _, y1, _, _ := b.ViewRect(); y1 != y0+30 {
		t.Fatalf("test.Scroll did not pan: y %v → %v", y0, y1)
	}
	// Ctrl+wheel without a position in the event zooms around the last
	// pointer position.
	test.MoveMouse(win.Canvas(), fyne.NewPos(200, 100))
	bx, by := b.toBoard(fyne.NewPos(200, 100))
	b.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	test.Scroll(win.Canvas(), fyne.NewPos(200, 100), 0, 50)
	b.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	if x, y := b.toBoard(fyne.NewPos(200, 100)); b.Zoom() <= 1 || math.Abs(x-bx) > 1e-6 || math.Abs(y-by) > 1e-6 {
		t.Fatalf("ctrl+scroll at the pointer: zoom %v, point moved (%v,%v)→(%v,%v)", b.Zoom(), bx, by, x, y)
	}
	var created bool
	var cx, cy float64
	b.OnCreate = func(_ data.Kind, x, y float64) { created, cx, cy = true, x, y }
	test.DoubleTap(b) // at (1, 1)
	ox, oy, _, _ := b.ViewRect()
	if !created || math.Abs(cx-(ox+1/float64(b.Zoom()))) > 1e-6 || math.Abs(cy-(oy+1/float64(b.Zoom()))) > 1e-6 {
		t.Fatalf("test.DoubleTap: created=%v at (%v,%v)", created, cx, cy)
	}
}

func TestFitAllBeforeLayout(t *testing.T) {
	test.NewTempApp(t)
	b := New(twoCards())
	b.FitAll() // no size yet
	win := test.NewTempWindow(t, b)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(300, 200))
	for _, id := range []string{"a", "b", "c"} {
		pos, size, _ := b.CardScreenRect(id)
		if pos.X < 0 || pos.Y < 0 || pos.X+size.Width > 300 || pos.Y+size.Height > 200 {
			t.Fatalf("card %s at %v %v: FitAll before layout was lost", id, pos, size)
		}
	}
	b2 := New(twoCards())
	b2.CenterOn("c")
	win.SetContent(b2)
	if x, y := b2.ViewCenter(); x != 100 || y != 350 {
		t.Fatalf("CenterOn before layout: centre (%v,%v)", x, y)
	}
}

func TestRefreshLaysOutAgain(t *testing.T) {
	b, _ := show(t, twoCards(), 900, 600)
	l := b.cards["a"].layout
	b.Refresh() // as after a theme change
	if b.cards["a"].layout == l || b.cards["a"].layout == nil {
		t.Fatal("Refresh did not lay the cards out again")
	}
}

func TestViewIgnoresNonsense(t *testing.T) {
	b, _ := show(t, twoCards(), 900, 600)
	x, y, _, _ := b.ViewRect()
	b.ZoomAt(float32(math.NaN()), fyne.NewPos(10, 10))
	b.SetZoom(float32(math.Inf(1)))
	b.PanBy(math.NaN(), 3)
	b.PanBy(math.Inf(-1), 0)
	if x2, y2, _, _ := b.ViewRect(); b.Zoom() != 1 || x2 != x || y2 != y {
		t.Fatalf("view changed to zoom %v at (%v,%v)", b.Zoom(), x2, y2)
	}
}

func TestFitAllOnEmptyBoardIsActualSize(t *testing.T) {
	b, _ := show(t, data.NewModel(data.Board{}), 800, 600)
	b.SetZoom(0.3)
	b.FitAll()
	if b.Zoom() != 1 {
		t.Fatalf("zoom %v after fitting an empty board, want 1", b.Zoom())
	}
}

// TestSetView restores a view kept from an earlier session, before and
// after the board has a size; a view of empty board or of no number fits
// the board instead.
func TestSetView(t *testing.T) {
	fitted := func() (float64, float64, float32) {
		b, _ := show(t, twoCards(), 600, 400)
		b.FitAll()
		x, y := b.ViewCenter()
		return x, y, b.Zoom()
	}
	fx, fy, fz := fitted()
	tests := []struct {
		name          string
		x, y          float64
		z             float32
		wantX, wantY  float64
		wantZ         float32
		beforeALayout bool
	}{
		{"on card c", 100, 350, 2, 100, 350, 2, false},
		{"on card c, before the board has a size", 100, 350, 2, 100, 350, 2, true},
		{"zoom clamped", 500, 50, 40, 500, 50, MaxZoom, false},
		{"empty board: fitted", 5000, 5000, 1, fx, fy, fz, false},
		{"no number: fitted", math.NaN(), 0, 1, fx, fy, fz, false},
		{"no zoom: fitted", 100, 350, float32(math.Inf(1)), fx, fy, fz, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			b := New(twoCards())
			if tc.beforeALayout {
				b.SetView(tc.x, tc.y, tc.z)
			}
			win := test.NewTempWindow(t, nil) // its size first, as the app's window has
			win.SetPadded(false)
			win.Resize(fyne.NewSize(600, 400))
			win.SetContent(b)
			if !tc.beforeALayout {
				b.SetView(tc.x, tc.y, tc.z)
			}
			x, y := b.ViewCenter()
			if math.Abs(x-tc.wantX) > 1e-6 || math.Abs(y-tc.wantY) > 1e-6 || b.Zoom() != tc.wantZ {
				t.Fatalf("view centred on (%v,%v) at %v, want (%v,%v) at %v", x, y, b.Zoom(), tc.wantX, tc.wantY, tc.wantZ)
			}
			if b.VisibleCardCount() == 0 {
				t.Fatal("no card drawn")
			}
		})
	}
}
