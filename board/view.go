package board

import (
	"math"

	"fyne.io/fyne/v2"

	"evidenceboard/data/geom"
)

// placeView puts the board's top-left corner near the view's top-left,
// the first time the board has a size.
func (b *Board) placeView() {
	if b.placed || b.size.IsZero() {
		return
	}
	b.placed = true
	r, ok := b.bounds()
	if !ok {
		b.ox, b.oy = 0, 0
		return
	}
	b.ox, b.oy = r.X-40/b.zoom, r.Y-40/b.zoom
}

// boundsCache is the rectangle holding every card shown, as SetModel
// found it while filing the cards, kept until a card is filed again
// (changed, hidden or shown): placing the view and fitting it for the
// first frame need not go through 100,000 cards twice more.
type boundsCache struct {
	r         geom.Rect
	ok, valid bool
}

// add widens the rectangle to hold r.
func (c *boundsCache) add(r geom.Rect) {
	if c.ok {
		c.r = c.r.Union(r)
	} else {
		c.r, c.ok = r, true
	}
}

// bounds is the rectangle holding every card; ok is false on an empty board.
func (b *Board) bounds() (geom.Rect, bool) {
	if b.box.valid {
		return b.box.r, b.box.ok
	}
	first := true
	var r geom.Rect
	for _, e := range b.cards {
		if e.hidden {
			continue
		}
		cr := cardRect(e.c)
		if first {
			r, first = cr, false
		} else {
			r = r.Union(cr)
		}
	}
	b.box = boundsCache{r: r, ok: !first, valid: true}
	return r, !first
}

// Zoom is the current zoom: 1 draws one board unit as one pixel.
func (b *Board) Zoom() float32 { return float32(b.zoom) }

// SetZoom zooms to z (clamped to MinZoom–MaxZoom) around the view's centre.
func (b *Board) SetZoom(z float32) {
	b.ZoomAt(z, fyne.NewPos(b.size.Width/2, b.size.Height/2))
}

// ZoomAt zooms to z (clamped to MinZoom–MaxZoom), keeping the board point
// under p (widget coordinates) where it is.
func (b *Board) ZoomAt(z float32, p fyne.Position) {
	if math.IsNaN(float64(z)) || math.IsInf(float64(z), 0) {
		return
	}
	nz := math.Max(MinZoom, math.Min(MaxZoom, float64(z)))
	if nz == b.zoom {
		return
	}
	bx, by := b.toBoard(p)
	b.zoom = nz
	b.ox = bx - float64(p.X)/nz
	b.oy = by - float64(p.Y)/nz
	b.placed = true
	b.sc.zoomed()
	b.zoomChanged()
}

// zoomChanged tells OnZoom.
func (b *Board) zoomChanged() {
	if b.OnZoom != nil {
		b.OnZoom(float32(b.zoom))
	}
}

// FitAll zooms and pans so that every card is in view (never beyond 100%).
// Called before the board has a size, it fits once it has one.
func (b *Board) FitAll() {
	if b.size.IsZero() { // not laid out yet: fit when it is
		b.pending = b.FitAll
		return
	}
	r, ok := b.bounds()
	if !ok {
		// An empty board: 100 %, with the board's origin near the top left,
		// where the first card made will be easy to see.
		b.zoom, b.ox, b.oy = 1, -40, -40
		b.placed = true
		b.sc.zoomed()
		b.zoomChanged()
		return
	}
	b.FitTo(r)
}

// FitTo shows rectangle r of the board, whole if the zoom allows, in the
// middle of the view: FitAll with r for the cards' bounds. A preview of a
// large board (which holds a few of its cards) is fitted to the bounds of
// all of them, as the whole board will be.
func (b *Board) FitTo(r geom.Rect) {
	if b.size.IsZero() { // not laid out yet: fit when it is
		b.pending = func() { b.FitTo(r) }
		return
	}
	z := FitZoom(r, b.size)
	b.zoom = z
	cx, cy := r.Centre()
	b.ox = cx - float64(b.size.Width)/2/z
	b.oy = cy - float64(b.size.Height)/2/z
	b.placed = true
	b.sc.zoomed()
	b.zoomChanged()
}

// FitZoom is the zoom at which rectangle r of a board fits a view of size
// (with a margin), never above 100 % nor below MinZoom.
func FitZoom(r geom.Rect, size fyne.Size) float64 {
	const pad = 40
	zx := (float64(size.Width) - 2*pad) / math.Max(r.W, 1)
	zy := (float64(size.Height) - 2*pad) / math.Max(r.H, 1)
	return math.Max(MinZoom, math.Min(1, math.Min(zx, zy)))
}

// CenterOn pans so that card or link id is in the middle of the view.
// Called before the board has a size, it centres once it has one.
func (b *Board) CenterOn(id string) {
	var cx, cy float64
	if e := b.cards[id]; e != nil {
		cx, cy = cardRect(b.shownEnd(e).c).Centre() // a card folded away: its group
	} else if e := b.links[id]; e != nil {
		ax, ay := cardRect(b.shownEnd(e.from).c).Centre()
		bx, by := cardRect(b.shownEnd(e.to).c).Centre()
		cx, cy = (ax+bx)/2, (ay+by)/2
	} else {
		return
	}
	if b.size.IsZero() { // not laid out yet: centre when it is
		b.pending = func() { b.CenterOn(id) }
		return
	}
	vx, vy := b.ViewCenter()
	b.PanBy(cx-vx, cy-vy)
}

// SetView shows board point (cx, cy) in the middle of the view at zoom z
// (clamped to MinZoom–MaxZoom): a view kept from an earlier session, so
// that a board reopens where it was left and only what was in view then
// is drawn first. A view that would show no card (the file was changed
// elsewhere since), or whose point or zoom is not a finite number, fits
// the whole board instead (FitAll). Called before the board has a size,
// it is set once it has one.
func (b *Board) SetView(cx, cy float64, z float32) {
	if b.size.IsZero() { // not laid out yet: set it when it is
		b.pending = func() { b.SetView(cx, cy, z) }
		return
	}
	if math.IsNaN(cx+cy) || math.IsInf(cx+cy, 0) || math.IsNaN(float64(z)) || math.IsInf(float64(z), 0) {
		b.FitAll()
		return
	}
	zoom := math.Max(MinZoom, math.Min(MaxZoom, float64(z)))
	w, h := float64(b.size.Width)/zoom, float64(b.size.Height)/zoom
	view := geom.Rect{X: cx - w/2, Y: cy - h/2, W: w, H: h}
	if b.cidx.QueryUntil(view, func(*cardEnt) bool { return false }) { // no card in it
		b.FitAll()
		return
	}
	b.zoom, b.ox, b.oy = zoom, view.X, view.Y
	b.placed = true
	b.sc.zoomed()
	b.zoomChanged()
}

// ViewCenter returns the board point in the middle of the view.
func (b *Board) ViewCenter() (x, y float64) {
	return b.ox + float64(b.size.Width)/2/b.zoom, b.oy + float64(b.size.Height)/2/b.zoom
}

// PanBy moves the view by dx, dy board units (the board appears to move
// the other way).
func (b *Board) PanBy(dx, dy float64) {
	if (dx == 0 && dy == 0) || math.IsNaN(dx+dy) || math.IsInf(dx+dy, 0) {
		return
	}
	b.ox += dx
	b.oy += dy
	b.placed = true
	b.sc.panned()
}

// ViewRect returns the board rectangle in view: top-left corner and size.
func (b *Board) ViewRect() (x, y, w, h float64) {
	return b.ox, b.oy, float64(b.size.Width) / b.zoom, float64(b.size.Height) / b.zoom
}

// VisibleCardCount is the number of cards that have canvas objects now:
// those in view and in the margin around it.
func (b *Board) VisibleCardCount() int { return len(b.sc.liveCards) }

// VisibleLinkCount is the number of links that have canvas objects now.
func (b *Board) VisibleLinkCount() int { return len(b.sc.liveLinks) }

// toBoard converts a widget position to board coordinates.
func (b *Board) toBoard(p fyne.Position) (float64, float64) {
	return b.ox + float64(p.X)/b.zoom, b.oy + float64(p.Y)/b.zoom
}

// toScreen converts board coordinates to a widget position.
func (b *Board) toScreen(x, y float64) fyne.Position {
	return fyne.NewPos(float32((x-b.ox)*b.zoom), float32((y-b.oy)*b.zoom))
}

// ScreenPos returns where board point (x, y) is drawn, in widget
// coordinates; tests and the app's tooltips use it.
func (b *Board) ScreenPos(x, y float64) fyne.Position { return b.toScreen(x, y) }

// CardScreenRect returns where card id is drawn, in widget coordinates;
// ok is false for an unknown card.
func (b *Board) CardScreenRect(id string) (pos fyne.Position, size fyne.Size, ok bool) {
	e := b.cards[id]
	if e == nil {
		return pos, size, false
	}
	r := b.in.rectOf(b, e)
	return b.toScreen(r.X, r.Y), fyne.NewSize(float32(r.W*b.zoom), float32(r.H*b.zoom)), true
}

// BoardPos converts a position in widget coordinates to board
// coordinates: where a file dropped there should land.
func (b *Board) BoardPos(p fyne.Position) (x, y float64) { return b.toBoard(p) }
