package app

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/board"
	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// While a large board opens (seconds, for 100,000 cards), the window shows
// what will be in view when it is open: the cards there, read by position
// (data.Previewer), drawn read-only under a notice with progress. Where
// the board was left (views.go) or, for a board never seen here, the whole
// board fitted, as the open board will show it: the view does not jump
// when the board replaces its preview.

// maxPreviewCards bounds what a preview reads: a view of more cards is
// one of a board zoomed far out, where reading them is most of reading
// the board, and the progress shows instead.
const maxPreviewCards = 5000

// previewMinBytes is the smallest board file that is previewed: a smaller
// one (10,000 cards with their history are about 25 MiB) opens whole in
// a few tenths of a second, and its preview would only flash.
var previewMinBytes int64 = 32 << 20

// boardPreview is what is drawn while a board opens.
type boardPreview struct {
	prep   *board.Prepared
	view   savedView // where it was left, when kept
	kept   bool
	extent geom.Rect // else: every card's bounds, to fit
}

// readPreview reads the part of the board at path that a view of size
// will show (see above); nil when there is none to show. Off the UI
// thread. A preview that cannot be read is no loss: the open beside it
// reports whatever is wrong with the board.
func readPreview(path string, size fyne.Size) *boardPreview {
	if st, err := os.Stat(path); err != nil || st.Size() < previewMinBytes {
		return nil
	}
	pv, err := data.OpenPreview(path)
	if err != nil {
		return nil
	}
	defer pv.Close()
	out := &boardPreview{}
	var cx, cy, zoom float64
	if out.view, out.kept = keptView(path); out.kept {
		cx, cy, zoom = out.view.X, out.view.Y, float64(out.view.Zoom)
	} else {
		ext, ok, err := pv.Extent()
		if err != nil || !ok {
			return nil
		}
		out.extent = ext
		cx, cy = ext.Centre()
		zoom = board.FitZoom(ext, size)
	}
	// The board is smaller than the window: an area of the window's size
	// holds all that is in view.
	w, h := float64(size.Width)/zoom, float64(size.Height)/zoom
	m, err := pv.Read(geom.Rect{X: cx - w/2, Y: cy - h/2, W: w, H: h}, maxPreviewCards)
	if err != nil || len(m.Cards) == 0 {
		return nil
	}
	out.prep = board.Prepare(m)
	return out
}

// previewSize is the size a preview reads for: the window's, or the size
// it opens at before it has one.
func (s *Shell) previewSize() fyne.Size {
	size := s.win.Canvas().Size()
	return fyne.NewSize(max(size.Width, windowWidth), max(size.Height, windowHeight))
}

// showPreview draws p in the board's place under a notice that the board
// is opening, with bar for its progress, and closes painted once it is on
// screen. On the UI thread.
func (s *Shell) showPreview(path string, p *boardPreview, bar *widget.ProgressBarInfinite, painted chan struct{}) {
	b := board.NewPrepared(p.prep)
	b.SetReadOnly(true)
	if p.kept {
		b.SetView(p.view.X, p.view.Y, p.view.Zoom)
	} else {
		b.FitTo(p.extent)
	}
	label := widget.NewLabel("Opening " + filepath.Base(path) + "… checking the file and reading the board. " +
		"What is in view is shown meanwhile; you can work on the board once it is open.")
	label.Wrapping = fyne.TextWrapWord
	// The notice is solid, on a board drawn in full under it.
	back := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	back.StrokeColor, back.StrokeWidth = theme.Color(theme.ColorNameSeparator), 1
	back.CornerRadius = theme.InputRadiusSize()
	notice := container.NewStack(back, container.NewPadded(container.NewVBox(label, bar)))
	s.status.SetText("Opening " + filepath.Base(path) + "…")
	s.center.Objects = traceFrame("the board's first frame (what is in view, while the board opens)", false,
		b, firstPaint(func() { close(painted) }), newShield(), container.NewBorder(nil, container.NewPadded(container.NewCenter(container.New(fixedWidth(560), notice))), nil, nil))
	s.center.Refresh()
}

// shield lies over a preview and takes the pointer's clicks, drags and
// scrolls: a preview holds only the cards in view, and panning it would
// show the rest of the board empty.
type shield struct{ widget.BaseWidget }

func newShield() *shield {
	w := &shield{}
	w.ExtendBaseWidget(w)
	return w
}

// CreateRenderer is part of fyne.Widget: a shield draws nothing.
func (w *shield) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// Tapped is part of fyne.Tappable.
func (*shield) Tapped(*fyne.PointEvent) {}

// Dragged is part of fyne.Draggable.
func (*shield) Dragged(*fyne.DragEvent) {}

// DragEnd is part of fyne.Draggable.
func (*shield) DragEnd() {}

// Scrolled is part of fyne.Scrollable.
func (*shield) Scrolled(*fyne.ScrollEvent) {}

// MouseDown is part of desktop.Mouseable.
func (*shield) MouseDown(*desktop.MouseEvent) {}

// MouseUp is part of desktop.Mouseable.
func (*shield) MouseUp(*desktop.MouseEvent) {}
