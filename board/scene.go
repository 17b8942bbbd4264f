package board

import (
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data/geom"
)

// cullMargin is the margin around the view, as a share of the view's
// width and height on each side, within which cards and links keep their
// objects. The visible set is recomputed only once the view has moved out
// of the area last computed, so most pan steps just move one container.
const cullMargin = 0.3

// The background grid: a line every gridStep board units, a stronger one
// every gridMajor lines; lines closer than gridMinPixels are skipped.
const (
	gridStep      = 40
	gridMajor     = 5
	gridMinPixels = 12
)

// scene holds the canvas objects of a board and decides which cards and
// links have them.
type scene struct {
	b *Board

	bg        *canvas.Rectangle
	gridBox   *fyne.Container
	gridLines []*canvas.Line
	gridPx    float64 // the spacing of the drawn grid, in pixels
	world     *fyne.Container
	linkLayer *fyne.Container
	cardLayer *fyne.Container
	// labelLayer holds the links' relation labels, above the cards, so
	// that no card hides one (linkview.go); tip is the hover tooltip.
	labelLayer *fyne.Container
	tip        *tooltip
	band       *canvas.Rectangle // rubber-band selection
	wire       *canvas.Line      // connect preview
	wireDot    *canvas.Circle
	hint       *canvas.Text // on an empty board: how to begin
	objects    []fyne.CanvasObject

	// The world layer's origin is board point (ax, ay): objects are placed
	// relative to it, so a pan moves the layer and nothing else.
	ax, ay float64

	zooms     int       // calls of zoomed, to tell whether one was made
	culled    geom.Rect // the board area whose cards and links have objects
	hasCulled bool
	epoch     uint32

	// Cards that left the view keep their text layout for a while, so that
	// panning back and forth does not wrap the same text again: retained is
	// a ring of the last maxRetained of them.
	retained []*cardEnt
	retIdx   int

	liveCards []*cardEnt
	liveLinks []*linkEnt
	freeCards []*cardView
	freeLinks []*linkView
}

func newScene(b *Board) *scene {
	s := &scene{
		b:          b,
		bg:         canvas.NewRectangle(colBackground),
		gridBox:    &fyne.Container{},
		linkLayer:  &fyne.Container{},
		cardLayer:  &fyne.Container{},
		labelLayer: &fyne.Container{},
		band:       canvas.NewRectangle(colSelectFill),
		wire:       canvas.NewLine(colSelect),
		wireDot:    canvas.NewCircle(colSelect),
		hint:       canvas.NewText("Double-click anywhere to add a card, or right-click to choose its kind", colInkFaint),
	}
	s.hint.TextSize = 13
	s.hint.Alignment = fyne.TextAlignCenter
	s.hint.Hide()
	s.world = &fyne.Container{Objects: []fyne.CanvasObject{b.grp.newLayer(), s.linkLayer, s.cardLayer, s.labelLayer}}
	s.band.StrokeColor, s.band.StrokeWidth = colSelect, 1
	s.band.Hide()
	s.wire.StrokeWidth = 2
	s.wire.Hide()
	s.wireDot.Hide()
	s.tip = newTooltip(b)
	s.objects = []fyne.CanvasObject{s.bg, s.gridBox, s.hint, s.world, s.band, s.wire, s.wireDot, s.tip.box}
	s.usePalette()
	return s
}

// renderer is the board's fyne.WidgetRenderer; the objects live in the
// board's scene, so a renderer made again after the cache dropped one
// draws the same objects.
type renderer struct{ b *Board }

func (r *renderer) Destroy()                     {}
func (r *renderer) Layout(size fyne.Size)        { r.b.sc.layout(size) }
func (r *renderer) MinSize() fyne.Size           { return fyne.NewSize(120, 90) }
func (r *renderer) Objects() []fyne.CanvasObject { return r.b.sc.objects }

// Refresh redraws everything, measuring text again: the theme (and so
// the font) may have changed.
func (r *renderer) Refresh() {
	r.b.sc.usePalette()
	clearTextCaches()
	r.b.sc.forgetLayouts()
	r.b.sc.syncAll()
}

// layout fits the scene to the widget's new size.
func (s *scene) layout(size fyne.Size) {
	b := s.b
	if size == b.size && s.hasCulled {
		return
	}
	b.size = size
	b.placeView()
	s.bg.Resize(size)
	s.hint.Move(fyne.NewPos(0, size.Height/2-10))
	s.hint.Resize(fyne.NewSize(size.Width, 20))
	if p := b.pending; p != nil && !size.IsZero() {
		b.pending = nil
		z := s.zooms
		p() // a FitAll or CenterOn asked for before the board had a size
		if s.zooms != z {
			return // it placed every object for this size already
		}
	}
	s.zoomed()
}

// zoomed places every object again after the zoom (or the size) changed.
func (s *scene) zoomed() {
	b := s.b
	s.zooms++
	s.ax, s.ay = b.ox, b.oy
	s.world.Move(fyne.Position{})
	s.layoutGrid()
	s.cull(true)
	s.syncAll()
}

// panned moves the world layer after the view moved, and finds the cards
// and links that came into view once the view leaves the area last culled.
func (s *scene) panned() {
	b := s.b
	wx, wy := (s.ax-b.ox)*b.zoom, (s.ay-b.oy)*b.zoom
	if math.Abs(wx) > 1e6 || math.Abs(wy) > 1e6 { // keep float32 positions small
		s.zoomed()
		return
	}
	s.world.Move(fyne.NewPos(float32(wx), float32(wy)))
	s.moveGrid()
	s.cull(false)
}

// viewRect is the board area in view.
func (s *scene) viewRect() geom.Rect {
	x, y, w, h := s.b.ViewRect()
	return geom.Rect{X: x, Y: y, W: w, H: h}
}

// cull gives objects to the cards and links that meet the view plus the
// margin and takes them back from those that left it. Unless force is
// set, it does nothing while the view is still inside the area last culled.
func (s *scene) cull(force bool) {
	b := s.b
	if b.size.IsZero() {
		return
	}
	view := s.viewRect()
	if !force && s.hasCulled && s.culled.Contains(view) {
		return
	}
	mx, my := view.W*cullMargin, view.H*cullMargin
	s.culled = geom.Rect{X: view.X - mx, Y: view.Y - my, W: view.W + 2*mx, H: view.H + 2*my}
	s.hasCulled = true
	s.epoch++
	ep := s.epoch
	// Cards and links that come into the area are given objects in ID
	// order, so that what overlaps what does not depend on map order.
	var newCards []*cardEnt
	b.cidx.Query(s.culled, func(e *cardEnt) {
		if b.foldedAway(e) {
			return
		}
		e.seen = ep
		if e.view == nil {
			newCards = append(newCards, e)
		}
	})
	slices.SortFunc(newCards, func(x, y *cardEnt) int { return strings.Compare(x.id, y.id) })
	for _, e := range newCards {
		s.acquireCard(e)
	}
	for i := 0; i < len(s.liveCards); {
		e := s.liveCards[i]
		if e.seen != ep && !b.in.keepsAlive(e) {
			s.releaseCard(e) // swaps the last live card into i
			continue
		}
		i++
	}
	var newLinks []*linkEnt
	b.lidx.Query(s.culled, func(e *linkEnt) {
		if linkHidden(e) || b.linkFoldedAway(e) {
			return
		}
		e.seen = ep
		if e.view == nil {
			newLinks = append(newLinks, e)
		}
	})
	slices.SortFunc(newLinks, func(x, y *linkEnt) int { return strings.Compare(x.id, y.id) })
	for _, e := range newLinks {
		s.acquireLink(e)
	}
	for i := 0; i < len(s.liveLinks); {
		e := s.liveLinks[i]
		if e.seen != ep && !b.in.keepsAlive(e.from) && !b.in.keepsAlive(e.to) {
			s.releaseLink(e)
			continue
		}
		i++
	}
	s.trimPools()
}

// trimPools drops spare views after zooming out and back in made many,
// so idle objects do not pile up.
func (s *scene) trimPools() {
	if n := len(s.freeCards); n > 256 && n > 2*len(s.liveCards) {
		keep := len(s.liveCards)
		drop := map[*fyne.Container]bool{}
		for _, v := range s.freeCards[keep:] {
			drop[v.box] = true
		}
		s.freeCards = s.freeCards[:keep]
		s.cardLayer.Objects = filterObjects(s.cardLayer.Objects, drop)
	}
	if n := len(s.freeLinks); n > 256 && n > 2*len(s.liveLinks) {
		keep := len(s.liveLinks)
		drop := map[*fyne.Container]bool{}
		for _, v := range s.freeLinks[keep:] {
			drop[v.box], drop[v.labelBox] = true, true
		}
		s.freeLinks = s.freeLinks[:keep]
		s.linkLayer.Objects = filterObjects(s.linkLayer.Objects, drop)
		s.labelLayer.Objects = filterObjects(s.labelLayer.Objects, drop)
	}
}

func filterObjects(objs []fyne.CanvasObject, drop map[*fyne.Container]bool) []fyne.CanvasObject {
	out := objs[:0]
	for _, o := range objs {
		if c, ok := o.(*fyne.Container); ok && drop[c] {
			continue
		}
		out = append(out, o)
	}
	for i := len(out); i < len(objs); i++ {
		objs[i] = nil
	}
	return out
}

func (s *scene) acquireCard(e *cardEnt) {
	var v *cardView
	if n := len(s.freeCards); n > 0 {
		v = s.freeCards[n-1]
		s.freeCards = s.freeCards[:n-1]
	} else {
		v = newCardView()
		s.cardLayer.Objects = append(s.cardLayer.Objects, v.box)
	}
	v.ent = e
	e.view = v
	e.live = len(s.liveCards)
	s.liveCards = append(s.liveCards, e)
	v.box.Show()
	s.drawCard(e)
}

func (s *scene) releaseCard(e *cardEnt) {
	if e.view == nil {
		return
	}
	s.releaseFrame(e)
	v := e.view
	v.box.Hide()
	v.ent, v.drawnOK = nil, false
	v.extra.release() // picture.go
	s.freeCards = append(s.freeCards, v)
	last := len(s.liveCards) - 1
	s.liveCards[e.live] = s.liveCards[last]
	s.liveCards[e.live].live = e.live
	s.liveCards[last] = nil
	s.liveCards = s.liveCards[:last]
	e.view, e.live = nil, -1
	s.retain(e)
}

func (s *scene) acquireLink(e *linkEnt) {
	var v *linkView
	if n := len(s.freeLinks); n > 0 {
		v = s.freeLinks[n-1]
		s.freeLinks = s.freeLinks[:n-1]
	} else {
		v = newLinkView()
		s.linkLayer.Objects = append(s.linkLayer.Objects, v.box)
		s.labelLayer.Objects = append(s.labelLayer.Objects, v.labelBox)
	}
	v.ent = e
	e.view = v
	e.live = len(s.liveLinks)
	s.liveLinks = append(s.liveLinks, e)
	v.box.Show()
	s.drawLink(e)
}

func (s *scene) releaseLink(e *linkEnt) {
	if e.view == nil {
		return
	}
	v := e.view
	v.box.Hide()
	v.labelBox.Hide()
	v.ent = nil
	s.freeLinks = append(s.freeLinks, v)
	last := len(s.liveLinks) - 1
	s.liveLinks[e.live] = s.liveLinks[last]
	s.liveLinks[e.live].live = e.live
	s.liveLinks[last] = nil
	s.liveLinks = s.liveLinks[:last]
	e.view, e.live = nil, -1
}

// maxRetained is how many cards out of view keep their layout (a
// variable so that benchmarks can measure the board without it).
var maxRetained = 4096

// retain keeps the layout of card e, which just left the view, dropping
// that of the card retained longest ago.
func (s *scene) retain(e *cardEnt) {
	if e.layout == nil || maxRetained <= 0 {
		e.layout = nil
		return
	}
	if len(s.retained) < maxRetained {
		s.retained = append(s.retained, e)
		return
	}
	if old := s.retained[s.retIdx]; old.view == nil && old != e {
		old.layout = nil
	}
	s.retained[s.retIdx] = e
	s.retIdx = (s.retIdx + 1) % len(s.retained)
}

// forgetLayouts drops every card's layout, live or retained.
func (s *scene) forgetLayouts() {
	for _, e := range s.retained {
		e.layout = nil
	}
	for _, e := range s.liveCards {
		e.layout = nil
	}
	s.retained, s.retIdx = s.retained[:0], 0
}

// releaseAll takes every object back, for a new model.
func (s *scene) releaseAll() {
	for len(s.liveCards) > 0 {
		s.releaseCard(s.liveCards[len(s.liveCards)-1])
	}
	for len(s.liveLinks) > 0 {
		s.releaseLink(s.liveLinks[len(s.liveLinks)-1])
	}
	s.forgetLayouts()
	s.hasCulled = false
}

// syncCard brings card e's objects up to date: it gets them if it is now
// in the culled area, loses them if it left it, and is redrawn otherwise.
func (s *scene) syncCard(e *cardEnt) {
	if !s.hasCulled {
		return
	}
	in := !e.hidden && (s.culled.Intersects(s.b.in.rectOf(s.b, e)) || s.b.in.keepsAlive(e)) && !s.b.foldedAway(e)
	switch {
	case in && e.view == nil:
		s.acquireCard(e)
	case !in && e.view != nil:
		s.releaseCard(e)
	case in:
		s.drawCard(e)
	}
}

// syncLink is syncCard for link e.
func (s *scene) syncLink(e *linkEnt) {
	if !s.hasCulled {
		return
	}
	b := s.b
	in := !linkHidden(e) && s.culled.Intersects(b.in.rectOf(b, e.from).Union(b.in.rectOf(b, e.to))) && !b.linkFoldedAway(e)
	switch {
	case in && e.view == nil:
		s.acquireLink(e)
	case !in && e.view != nil:
		s.releaseLink(e)
	case in:
		s.drawLink(e)
	}
}

// syncAll redraws every live object.
func (s *scene) syncAll() {
	s.syncHint()
	for _, e := range s.liveCards {
		s.drawCard(e)
	}
	for _, e := range s.liveLinks {
		s.drawLink(e)
	}
	s.b.in.drawOverlay(s.b)
}

func (s *scene) drawCard(e *cardEnt) {
	if s.drawFrame(e) {
		return
	}
	b := s.b
	r := b.in.rectOf(b, e)
	z := b.zoom
	titleOnly := z < compactZoom
	if z >= titleOnlyZoom && (e.layout == nil || e.layout.w != r.W || e.layout.h != r.H || e.layout.titleOnly != titleOnly) {
		if titleOnly {
			e.layout = layoutTitle(e.c, r.W, r.H)
		} else {
			e.layout = layoutCard(b.m, e.c, r.W, r.H)
		}
	}
	l := e.layout
	if z < titleOnlyZoom {
		l = nil
	}
	sel := b.shownSelected(e.id, e)
	st := cardState{
		selected: sel,
		hovered:  b.hover == e,
		target:   b.in.target == e,
		dimmed:   b.dims(e),
	}
	e.dimDrawn = st.dimmed
	st.showHandles = !b.readOnly && (sel || st.hovered) && z >= compactZoom
	pos := fyne.NewPos(float32((r.X-s.ax)*z), float32((r.Y-s.ay)*z))
	e.view.update(e.c, l, pos, r.W, r.H, z, st)
	b.drawExtras(e, l, r.W, r.H, z) // picture.go
}

func (s *scene) drawLink(e *linkEnt) {
	b := s.b
	st := linkState{
		selected: b.shownSelected(e.id, nil),
		dimmed:   b.linkDims(e),
	}
	e.dimDrawn = st.dimmed
	x1, y1, x2, y2, ok := b.linkGeom(e)
	e.view.update(e.l, x1, y1, x2, y2, ok, b.labelAt(e, x1, y1, x2, y2), s.ax, s.ay, b.zoom, st)
}

// syncHint shows the hint on an empty, editable board.
func (s *scene) syncHint() {
	if len(s.b.cards) == 0 && !s.b.readOnly {
		s.hint.Show()
	} else {
		s.hint.Hide()
	}
}

// raise draws card e above the others.
func (s *scene) raise(e *cardEnt) {
	if e.view == nil {
		return
	}
	objs := s.cardLayer.Objects
	for i, o := range objs {
		if o == e.view.box {
			copy(objs[i:], objs[i+1:])
			objs[len(objs)-1] = o
			return
		}
	}
}

// order returns how high card e is drawn: larger is on top; -1 if it has
// no objects.
func (s *scene) order(e *cardEnt) int {
	if e.view == nil {
		return -1
	}
	for i, o := range s.cardLayer.Objects {
		if o == e.view.box {
			return i
		}
	}
	return -1
}

// layoutGrid makes the background grid's lines for the widget's size and
// the zoom.
func (s *scene) layoutGrid() {
	b := s.b
	px := gridStep * b.zoom
	for px < gridMinPixels {
		px *= gridMajor
	}
	s.gridPx = px
	period := px * gridMajor
	w, h := float64(b.size.Width)+period, float64(b.size.Height)+period
	nv, nh := int(math.Ceil(w/px))+1, int(math.Ceil(h/px))+1
	need := nv + nh
	for len(s.gridLines) < need {
		l := canvas.NewLine(colGrid)
		l.StrokeWidth = 1
		s.gridLines = append(s.gridLines, l)
	}
	objs := make([]fyne.CanvasObject, 0, need)
	for i := 0; i < nv; i++ {
		l := s.gridLines[i]
		x := float32(float64(i) * px)
		l.Position1, l.Position2 = fyne.NewPos(x, 0), fyne.NewPos(x, float32(h))
		l.StrokeColor = colGrid
		if i%gridMajor == 0 {
			l.StrokeColor = colGridMajor
		}
		objs = append(objs, l)
	}
	for i := 0; i < nh; i++ {
		l := s.gridLines[nv+i]
		y := float32(float64(i) * px)
		l.Position1, l.Position2 = fyne.NewPos(0, y), fyne.NewPos(float32(w), y)
		l.StrokeColor = colGrid
		if i%gridMajor == 0 {
			l.StrokeColor = colGridMajor
		}
		objs = append(objs, l)
	}
	s.gridBox.Objects = objs
	s.gridBox.Refresh()
	s.moveGrid()
}

// moveGrid shifts the grid to follow a pan; it moves by less than one
// period of major lines, so the lines always cover the view.
func (s *scene) moveGrid() {
	b := s.b
	period := s.gridPx * gridMajor
	fx := math.Mod(b.ox*b.zoom, period)
	fy := math.Mod(b.oy*b.zoom, period)
	if fx < 0 {
		fx += period
	}
	if fy < 0 {
		fy += period
	}
	s.gridBox.Move(fyne.NewPos(float32(-fx), float32(-fy)))
}
