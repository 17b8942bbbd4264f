// Package board is the board a person sees and works on: cards and the
// links between them, drawn on a pannable, zoomable surface.
//
// The board reads a *data.Model and never changes it. What the person does
// (move, resize, create, connect, delete, select, edit) is reported as an
// intent through the On… callbacks; the app turns the intent into a
// data.Change, writes it, applies it to the same model and then calls
// Changed with the IDs it touched, and the board redraws just those.
//
// Only the cards and links that meet the view (plus a margin) have canvas
// objects. A uniform-grid spatial index finds them, and their objects are
// pooled and reused as the view moves, so a pan step costs the same on a
// board of a thousand cards as on one of a hundred thousand.
package board

import (
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// Zoom limits.
const (
	MinZoom = 0.1
	MaxZoom = 4.0
)

// SnapGrid is the grid, in board units, that moves and resizes snap to
// when snapping is on.
const SnapGrid = 20

// NudgeStep is how far an arrow key moves the selection, in board units;
// with Shift held it moves by NudgeFine.
const (
	NudgeStep = 10
	NudgeFine = 1
)

// Board is the board widget. Create it with New. Like every Fyne widget,
// it is used from the app's main goroutine only (fyne.Do from others).
type Board struct {
	widget.BaseWidget

	// Intents, in board coordinates; any may be nil. The board changes
	// nothing in the model itself: the app makes the change and calls
	// Changed. The app should apply the change before the callback returns;
	// the board then draws the result without a flicker.

	// OnMove is called when a drag of a card or of the selection ends, and
	// for every arrow-key nudge: one call per gesture, with the cards moved
	// (sorted) and the distance in board units.
	OnMove func(ids []string, dx, dy float64)
	// OnResize is called when a card's resize handle is released, with the
	// card's new width and height in board units.
	OnResize func(id string, w, h float64)
	// OnCreate is called for a double-click on empty board (with the kind
	// set by SetCreateKind, a note unless set) and for the kinds offered by
	// the right-click menu on empty board. x, y is the board point under the
	// pointer.
	OnCreate func(kind data.Kind, x, y float64)
	// OnConnect is called when a drag from a card's connect handle (the
	// circle on its right edge) ends on another card.
	OnConnect func(from, to string)
	// OnDelete is called for the Delete or Backspace key and for "Delete"
	// in the context menu of a card or link, with the selected card and
	// link IDs (sorted).
	OnDelete func(ids []string)
	// OnSelect is called whenever the selection changes, by the person or
	// by Select, SelectAll, ClearSelection or Changed, with the selected
	// card and link IDs (sorted).
	OnSelect func(ids []string)
	// OnEdit is called for a double-click on a card or a link and for "Edit"
	// in its context menu: the app focuses the inspector on it.
	OnEdit func(id string)

	m     *data.Model
	cards map[string]*cardEnt
	links map[string]*linkEnt
	cidx  *grid[*cardEnt]
	lidx  *grid[*linkEnt]

	// The view: the board point at the widget's top-left corner, and zoom.
	ox, oy float64
	zoom   float64
	size   fyne.Size
	placed bool // the view has been placed on the board once

	sel        map[string]bool
	filter     string
	match      map[string]bool // cards matching the filter; nil when none is set
	snap       bool
	readOnly   bool
	createKind data.Kind

	hover   *cardEnt
	pointer fyne.Position // last known pointer position, widget coordinates
	in      input

	sc *scene
}

// cardEnt is the board's record of one card: the index entry, and its
// view while it is in view.
type cardEnt struct {
	spot
	id     string
	c      *data.Card
	links  []*linkEnt // the links that touch the card
	view   *cardView
	layout *cardLayout
	live   int // index in scene.liveCards, or -1
	seen   uint32
}

func (e *cardEnt) spotOf() *spot { return &e.spot }

// linkEnt is the board's record of one link.
type linkEnt struct {
	spot
	id       string
	l        *data.Link
	from, to *cardEnt
	view     *linkView
	live     int
	seen     uint32
	// This is link pairIdx of pairN between the same two cards (either
	// way); they are drawn side by side.
	pairIdx, pairN int
}

func (e *linkEnt) spotOf() *spot { return &e.spot }

// New returns a board widget showing m. The board keeps the pointer and
// re-reads it on Changed and SetModel.
func New(m *data.Model) *Board {
	b := &Board{zoom: 1, createKind: data.KindNote, sel: map[string]bool{}}
	b.sc = newScene(b)
	b.ExtendBaseWidget(b)
	b.SetModel(m)
	return b
}

// CreateRenderer is part of fyne.Widget.
func (b *Board) CreateRenderer() fyne.WidgetRenderer {
	return &renderer{b: b}
}

// SetModel shows a different board: everything is rebuilt, the selection
// and filter are cleared and the view returns to the board's top-left.
func (b *Board) SetModel(m *data.Model) {
	if m == nil {
		m = data.NewModel(data.Board{})
	}
	b.m = m
	b.in.stopEdgePan()
	b.in = input{}
	b.hover = nil
	b.sc.releaseAll()
	b.cards = make(map[string]*cardEnt, len(m.Cards))
	b.links = make(map[string]*linkEnt, len(m.Links))
	b.cidx = newGrid[*cardEnt]()
	b.lidx = newGrid[*linkEnt]()
	ents := make([]cardEnt, 0, len(m.Cards)) // one allocation, not one per card
	for id, c := range m.Cards {
		ents = append(ents, cardEnt{id: id, c: c, live: -1})
		e := &ents[len(ents)-1]
		b.cards[id] = e
		b.cidx.insert(e, cardRect(c))
	}
	lents := make([]linkEnt, len(m.Links))
	i := 0
	for id, l := range m.Links {
		b.fileLink(&lents[i], id, l)
		i++
	}
	hadSel := len(b.sel) > 0
	b.sel = map[string]bool{}
	b.filter, b.match = "", nil
	b.placed = false
	b.placeView()
	if !b.size.IsZero() {
		b.sc.zoomed()
	}
	if hadSel && b.OnSelect != nil {
		b.OnSelect(nil)
	}
}

func cardRect(c *data.Card) rect { return rect{c.X, c.Y, c.Width, c.Height} }

// addLink files link l; a link whose cards are missing is not drawn.
func (b *Board) addLink(id string, l *data.Link) { b.fileLink(new(linkEnt), id, l) }

// fileLink files link l in e.
func (b *Board) fileLink(e *linkEnt, id string, l *data.Link) {
	from, to := b.cards[l.From], b.cards[l.To]
	if from == nil || to == nil {
		return
	}
	*e = linkEnt{id: id, l: l, from: from, to: to, live: -1, pairN: 1}
	b.links[id] = e
	from.links = append(from.links, e)
	if to != from {
		to.links = append(to.links, e)
	}
	b.numberPair(e)
	b.lidx.insert(e, e.from.r.union(e.to.r))
}

func (b *Board) removeLink(e *linkEnt) {
	b.sc.releaseLink(e)
	b.lidx.remove(e)
	e.from.links = dropLink(e.from.links, e)
	e.to.links = dropLink(e.to.links, e)
	b.numberPair(e)
	delete(b.links, e.id)
}

// numberPair numbers the links that join the same two cards as e (e
// itself included only while it is filed), and redraws those that moved.
func (b *Board) numberPair(e *linkEnt) {
	same := func(o *linkEnt) bool {
		return (o.from == e.from && o.to == e.to) || (o.from == e.to && o.to == e.from)
	}
	n := 0
	var only *linkEnt
	for _, o := range e.from.links {
		if same(o) {
			n, only = n+1, o
		}
	}
	if n == 1 { // the common case: a link of its own, no need to sort
		if only.pairIdx != 0 || only.pairN != 1 {
			only.pairIdx, only.pairN = 0, 1
			if only != e && only.view != nil {
				b.sc.drawLink(only)
			}
		}
		return
	}
	sibs := make([]*linkEnt, 0, n)
	for _, o := range e.from.links {
		if same(o) {
			sibs = append(sibs, o)
		}
	}
	if len(sibs) > 1 {
		sort.Slice(sibs, func(i, j int) bool { return sibs[i].id < sibs[j].id })
	}
	for i, o := range sibs {
		if o.pairIdx == i && o.pairN == len(sibs) {
			continue
		}
		o.pairIdx, o.pairN = i, len(sibs)
		if o != e && o.view != nil {
			b.sc.drawLink(o)
		}
	}
}

// linkGeom is the segment link e is drawn as now, in board units.
func (b *Board) linkGeom(e *linkEnt) (x1, y1, x2, y2 float64, ok bool) {
	ra, rb := b.in.rectOf(b, e.from), b.in.rectOf(b, e.to)
	if e.pairN <= 1 {
		return linkEnds(ra, rb)
	}
	// Offsets are taken in one direction for the whole pair: from the card
	// with the smaller ID.
	if e.from.id > e.to.id {
		x2, y2, x1, y1, ok = linkEndsOffset(rb, ra, e.pairIdx, e.pairN)
		return
	}
	return linkEndsOffset(ra, rb, e.pairIdx, e.pairN)
}

// labelAt is where along its segment link e's label sits (0 at the From
// end, 1 at the To end): the middle, staggered for links side by side so
// that their labels do not cover each other.
func labelAt(e *linkEnt) float64 {
	if e.pairN <= 1 {
		return 0.5
	}
	f := 0.5 + (float64(e.pairIdx)-float64(e.pairN-1)/2)*0.24
	if e.from.id > e.to.id { // the pair is numbered from the smaller ID
		f = 1 - f
	}
	return math.Max(0.2, math.Min(0.8, f))
}

// dropLink removes e from list, keeping the order of the rest.
func dropLink(list []*linkEnt, e *linkEnt) []*linkEnt {
	for i, o := range list {
		if o == e {
			copy(list[i:], list[i+1:])
			list[len(list)-1] = nil
			return list[:len(list)-1]
		}
	}
	return list
}

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
	b.ox, b.oy = r.x-40/b.zoom, r.y-40/b.zoom
}

// bounds is the rectangle holding every card; ok is false on an empty board.
func (b *Board) bounds() (rect, bool) {
	first := true
	var r rect
	for _, e := range b.cards {
		cr := cardRect(e.c)
		if first {
			r, first = cr, false
		} else {
			r = r.union(cr)
		}
	}
	return r, !first
}

// Changed tells the board that the cards and links with these IDs were
// added, changed or deleted in the model. Only they (and the links of a
// changed card, and quotes naming a changed party or source) are redrawn.
func (b *Board) Changed(ids ...string) {
	selChanged := false
	touched := map[*cardEnt]bool{}
	var added map[string]bool
	// Cards first, so that the links of a card added in the same change
	// find it.
	for _, id := range ids {
		if c := b.m.Cards[id]; c != nil {
			e := b.cards[id]
			if e == nil {
				e = &cardEnt{id: id, live: -1}
				b.cards[id] = e
				if added == nil {
					added = map[string]bool{}
				}
				added[id] = true
			}
			e.c = c
			e.layout = nil
			b.cidx.insert(e, cardRect(c))
			touched[e] = true
			continue
		}
		if e := b.cards[id]; e != nil { // deleted card: its links go too
			for _, le := range append([]*linkEnt(nil), e.links...) {
				b.removeLink(le)
				if b.sel[le.id] {
					delete(b.sel, le.id)
					selChanged = true
				}
			}
			b.sc.releaseCard(e)
			b.cidx.remove(e)
			delete(b.cards, id)
			if b.hover == e {
				b.hover = nil
			}
			if b.sel[id] {
				delete(b.sel, id)
				selChanged = true
			}
			if b.match != nil {
				delete(b.match, id)
			}
		}
	}
	linkIDs := ids
	if len(added) > 0 {
		// A card came (back): file the model's links to it even if they
		// were not named, as when undo restores a card and its links.
		linkIDs = append([]string(nil), ids...)
		for id, l := range b.m.Links {
			if b.links[id] == nil && (added[l.From] || added[l.To]) {
				linkIDs = append(linkIDs, id)
			}
		}
	}
	for _, id := range linkIDs {
		if b.m.Cards[id] != nil || (b.cards[id] != nil) {
			continue
		}
		if l := b.m.Links[id]; l != nil {
			if e := b.links[id]; e != nil {
				b.removeLink(e)
			}
			b.addLink(id, l)
			if e := b.links[id]; e != nil {
				b.sc.syncLink(e)
			}
			continue
		}
		if e := b.links[id]; e != nil { // deleted link
			b.removeLink(e)
			if b.sel[id] {
				delete(b.sel, id)
				selChanged = true
			}
		}
	}
	for e := range touched {
		if b.match != nil {
			if b.matches(e.c) {
				b.match[e.id] = true
			} else {
				delete(b.match, e.id)
			}
		}
		b.sc.syncCard(e)
		for _, le := range e.links {
			b.lidx.insert(le, le.from.r.union(le.to.r))
			b.sc.syncLink(le)
		}
	}
	// A quote shows its speaker's and source's titles: redraw the quotes
	// in view that name a changed card.
	if len(touched) > 0 {
		for _, e := range b.sc.liveCards {
			if e.c.Kind != data.KindQuote || touched[e] {
				continue
			}
			sp, so := b.cards[e.c.SpeakerID], b.cards[e.c.SourceID]
			if (sp != nil && touched[sp]) || (so != nil && touched[so]) {
				e.layout = nil
				b.sc.syncCard(e)
			}
		}
	}
	b.sc.syncHint()
	if selChanged {
		b.selectionChanged()
	}
}

// Model is the model the board shows.
func (b *Board) Model() *data.Model { return b.m }

// Select makes ids (cards and links) the selection; unknown IDs are
// ignored.
func (b *Board) Select(ids ...string) {
	next := map[string]bool{}
	for _, id := range ids {
		if b.cards[id] != nil || b.links[id] != nil {
			next[id] = true
		}
	}
	b.setSelection(next)
}

// Selected returns the selected card and link IDs, sorted.
func (b *Board) Selected() []string {
	out := make([]string, 0, len(b.sel))
	for id := range b.sel {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// selectedCards returns the selected card IDs, sorted.
func (b *Board) selectedCards() []string {
	var out []string
	for id := range b.sel {
		if b.cards[id] != nil {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// SelectAll selects every card (not the links).
func (b *Board) SelectAll() {
	next := make(map[string]bool, len(b.cards))
	for id := range b.cards {
		next[id] = true
	}
	b.setSelection(next)
}

// ClearSelection selects nothing.
func (b *Board) ClearSelection() { b.setSelection(map[string]bool{}) }

// IsSelected reports whether the card or link id is selected.
func (b *Board) IsSelected(id string) bool { return b.sel[id] }

// setSelection replaces the selection, redraws what changed and tells
// OnSelect if anything did.
func (b *Board) setSelection(next map[string]bool) {
	var diff []string
	for id := range b.sel {
		if !next[id] {
			diff = append(diff, id)
		}
	}
	for id := range next {
		if !b.sel[id] {
			diff = append(diff, id)
		}
	}
	if len(diff) == 0 {
		return
	}
	b.sel = next
	for _, id := range diff {
		if e := b.cards[id]; e != nil {
			b.sc.syncCard(e)
			if next[id] {
				b.sc.raise(e)
			}
		} else if e := b.links[id]; e != nil {
			b.sc.syncLink(e)
		}
	}
	b.selectionChanged()
}

func (b *Board) selectionChanged() {
	if b.OnSelect != nil {
		b.OnSelect(b.Selected())
	}
}

// SetCreateKind sets the kind a double-click on empty board creates.
func (b *Board) SetCreateKind(k data.Kind) {
	if k.Valid() {
		b.createKind = k
	}
}

// SetSnap turns snapping moves and resizes to a SnapGrid grid on or off.
func (b *Board) SetSnap(on bool) { b.snap = on }

// Snap reports whether snapping is on.
func (b *Board) Snap() bool { return b.snap }

// SetReadOnly turns editing off or on: a read-only board still selects,
// pans and zooms, but offers no drags, creates, connects or deletes.
func (b *Board) SetReadOnly(ro bool) {
	b.readOnly = ro
	b.sc.syncHint()
	b.in.cancel(b)
	if b.hover != nil {
		b.sc.syncCard(b.hover)
	}
	for id := range b.sel {
		if e := b.cards[id]; e != nil {
			b.sc.syncCard(e)
		}
	}
}

// ReadOnly reports whether the board is read-only.
func (b *Board) ReadOnly() bool { return b.readOnly }

// SetFilter dims the cards that do not contain query (ignoring case) in
// any text field, tags included, and returns the IDs of those that do,
// in reading order (top to bottom, then left to right). An empty query
// clears the filter and returns nil.
func (b *Board) SetFilter(query string) (matches []string) {
	q := strings.ToLower(strings.TrimSpace(query))
	b.filter = q
	if q == "" {
		b.match = nil
	} else {
		b.match = map[string]bool{}
		for id, e := range b.cards {
			if b.matches(e.c) {
				b.match[id] = true
				matches = append(matches, id)
			}
		}
		sort.Slice(matches, func(i, j int) bool {
			a, c := b.cards[matches[i]].c, b.cards[matches[j]].c
			if a.Y != c.Y {
				return a.Y < c.Y
			}
			if a.X != c.X {
				return a.X < c.X
			}
			return a.ID < c.ID
		})
	}
	b.sc.syncAll()
	return matches
}

// Filter is the current filter query, lower-cased; "" when none.
func (b *Board) Filter() string { return b.filter }

// IsDimmed reports whether card id is dimmed by the filter.
func (b *Board) IsDimmed(id string) bool {
	return b.match != nil && b.cards[id] != nil && !b.match[id]
}

// matches reports whether card c matches the filter.
func (b *Board) matches(c *data.Card) bool {
	if b.filter == "" {
		return true
	}
	fields := []string{c.Title, c.Body, c.QuoteText, c.PartyType, c.Role, c.Locator, string(c.Status),
		c.Reliability, c.Date, c.Publisher, c.URL, c.Kind.Label()}
	fields = append(fields, c.Tags...)
	for _, f := range fields {
		if f != "" && strings.Contains(strings.ToLower(f), b.filter) {
			return true
		}
	}
	return false
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
}

// FitAll zooms and pans so that every card is in view (never beyond 100%).
func (b *Board) FitAll() {
	r, ok := b.bounds()
	if !ok || b.size.IsZero() {
		return
	}
	const pad = 40
	zx := (float64(b.size.Width) - 2*pad) / math.Max(r.w, 1)
	zy := (float64(b.size.Height) - 2*pad) / math.Max(r.h, 1)
	z := math.Max(MinZoom, math.Min(1, math.Min(zx, zy)))
	b.zoom = z
	cx, cy := r.centre()
	b.ox = cx - float64(b.size.Width)/2/z
	b.oy = cy - float64(b.size.Height)/2/z
	b.placed = true
	b.sc.zoomed()
}

// CenterOn pans so that card or link id is in the middle of the view.
func (b *Board) CenterOn(id string) {
	var cx, cy float64
	if e := b.cards[id]; e != nil {
		cx, cy = cardRect(e.c).centre()
	} else if e := b.links[id]; e != nil {
		ax, ay := cardRect(e.from.c).centre()
		bx, by := cardRect(e.to.c).centre()
		cx, cy = (ax+bx)/2, (ay+by)/2
	} else {
		return
	}
	vx, vy := b.ViewCenter()
	b.PanBy(cx-vx, cy-vy)
}

// ViewCenter returns the board point in the middle of the view.
func (b *Board) ViewCenter() (x, y float64) {
	return b.ox + float64(b.size.Width)/2/b.zoom, b.oy + float64(b.size.Height)/2/b.zoom
}

// PanBy moves the view by dx, dy board units (the board appears to move
// the other way).
func (b *Board) PanBy(dx, dy float64) {
	if dx == 0 && dy == 0 {
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
	return b.toScreen(r.x, r.y), fyne.NewSize(float32(r.w*b.zoom), float32(r.h*b.zoom)), true
}
