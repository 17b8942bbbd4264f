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
//
// The files, by concern (each with its _test.go):
//
//	board.go      the widget, the model it shows, Changed
//	links.go      links filed between cards, side by side when several
//	selection.go  what is selected; filter.go  search: dimming what does not match
//	hide.go       hiding what the filter does not show; tags.go  tag colours
//	view.go       pan, zoom, fit, board ⇄ widget coordinates
//	input.go      pointer: hit testing, press, click, hover, scroll
//	drag.go       drags: move, resize, connect, rubber band, pan, auto-pan
//	keys.go       keyboard; menu.go  the right-click menu
//	scene.go      the canvas objects: culling, pools, the background grid
//	cardview.go   how a card is laid out and drawn; linkview.go  a link
//	tooltip.go    the hover box with a card's full text; style.go  the palette
//	index.go      the uniform-grid spatial index; geom.go  rectangles, segments
//	text.go       wrapping and ellipsis
//	groupview.go  groups drawn as frames, or folded as one card
//	groupfold.go  what a folded group hides, and links drawn to it
//	picture.go    image sources' pictures; quotemark.go  quotes' check marks
package board

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
	"evidenceboard/data/geom"
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
	// OnFold is called to fold or unfold groups: a double-click on a
	// group's title band (or on a folded group) and "Fold"/"Unfold" in
	// its context menu, with the group's ID.
	OnFold func(ids []string)
	// OnZoom is called after the zoom changed, however it was changed (the
	// wheel with Ctrl held, SetZoom, ZoomAt, FitAll), with the new zoom.
	OnZoom func(zoom float32)

	m     *data.Model
	cards map[string]*cardEnt
	links map[string]*linkEnt
	cidx  *geom.Grid[*cardEnt]
	lidx  *geom.Grid[*linkEnt]

	// The view: the board point at the widget's top-left corner, and zoom.
	ox, oy  float64
	zoom    float64
	size    fyne.Size
	placed  bool // the view has been placed on the board once
	box     boundsCache
	pending func() // a view change asked for before the board had a size

	sel        map[string]bool
	selOrder   []string          // the selection in the order it was made: see selection.go
	search     searchIndex       // filter.go
	hide       hideState         // hide.go
	tagColors  map[string]string // as last drawn: tags.go
	snap       bool
	readOnly   bool
	createKind data.Kind

	hover   *cardEnt
	pointer fyne.Position // last known pointer position, widget coordinates
	in      input

	sc  *scene
	grp groups // group frames and folding: group*.go

	ext boardExtras // pictures and quote marks from the app: picture.go, quotemark.go
}

// cardEnt is the board's record of one card: the index entry, and its
// view while it is in view.
type cardEnt struct {
	geom.Spot
	id     string
	c      *data.Card
	links  []*linkEnt // the links that touch the card
	view   *cardView
	layout *cardLayout
	// sseg is 1 + the index of the card's text in the search index, 0
	// while it has none (filter.go).
	sseg     int32
	hidden   bool // see hide.go
	dimDrawn bool // the card was last drawn dimmed
	live     int  // index in scene.liveCards, or -1
	seen     uint32
}

func (e *cardEnt) SpotOf() *geom.Spot { return &e.Spot }

// linkEnt is the board's record of one link.
type linkEnt struct {
	geom.Spot
	id       string
	l        *data.Link
	from, to *cardEnt
	view     *linkView
	live     int
	seen     uint32
	dimDrawn bool
	// This is link pairIdx of pairN between the same two cards (either
	// way); they are drawn side by side.
	pairIdx, pairN int
}

func (e *linkEnt) SpotOf() *geom.Spot { return &e.Spot }

// New returns a board widget showing m. The board keeps the pointer and
// re-reads it on Changed and SetModel.
func New(m *data.Model) *Board { return NewPrepared(Prepare(m)) }

// NewPrepared returns a board widget showing the model p was prepared
// from (see Prepare).
func NewPrepared(p *Prepared) *Board {
	b := &Board{zoom: 1, createKind: data.KindNote, sel: map[string]bool{}}
	b.sc = newScene(b)
	b.ExtendBaseWidget(b)
	b.SetPrepared(p)
	return b
}

// CreateRenderer is part of fyne.Widget.
func (b *Board) CreateRenderer() fyne.WidgetRenderer {
	return &renderer{b: b}
}

// Prepared is a model filed for a board: every card and link indexed by
// place, what a board needs before it can find what is in view. Making it
// is most of the cost of showing a large board (on 100,000 cards, far more
// than drawing what is in view), and it touches no Fyne object, so an app
// can make it off the UI thread while the window shows progress, and
// leave the UI thread only the first frame. A Prepared is used by one
// board, once.
type Prepared struct {
	m     *data.Model
	cards map[string]*cardEnt
	links map[string]*linkEnt
	cidx  *geom.Grid[*cardEnt]
	lidx  *geom.Grid[*linkEnt]
	box   boundsCache
	used  bool
}

// Prepare files m for a board (see Prepared). It only reads m, which must
// not change until a board has shown it; it may run on any goroutine.
func Prepare(m *data.Model) *Prepared {
	if m == nil {
		m = data.NewModel(data.Board{})
	}
	// The filing is the board's own (fileAllLinks), done on a board of no
	// widget and no scene: nothing in it has a view to draw.
	b := &Board{m: m}
	b.box = boundsCache{valid: true}
	b.cards = make(map[string]*cardEnt, len(m.Cards))
	b.cidx = geom.NewGrid[*cardEnt](cellSize)
	b.lidx = geom.NewGrid[*linkEnt](cellSize)
	// The whole board is filed in bulk, with one allocation for all the
	// cards' records and one for the index's lists: on 100,000 cards,
	// filing them one by one cost more than everything the first frame
	// draws.
	ents := make([]cardEnt, 0, len(m.Cards))
	all := make([]*cardEnt, 0, len(m.Cards))
	quotes := 0
	for id, c := range m.Cards {
		ents = append(ents, cardEnt{id: id, c: c, live: -1})
		e := &ents[len(ents)-1]
		b.cards[id] = e
		all = append(all, e)
		if c.Kind == data.KindQuote {
			quotes++
		}
	}
	b.cidx.InsertAll(all, func(e *cardEnt) geom.Rect {
		r := cardRect(e.c)
		b.box.add(r) // nothing is hidden yet: a new board has no filter
		return r
	})
	b.fileAllLinks(all, quotes)
	return &Prepared{m: m, cards: b.cards, links: b.links, cidx: b.cidx, lidx: b.lidx, box: b.box}
}

// Model is the model p was prepared from.
func (p *Prepared) Model() *data.Model { return p.m }

// SetModel shows a different board: everything is rebuilt, the selection
// and filter are cleared and the view returns to the board's top-left.
func (b *Board) SetModel(m *data.Model) { b.SetPrepared(Prepare(m)) }

// SetPrepared is SetModel with the model already filed (Prepare): only
// what is in view is drawn here. A Prepared already used by a board is
// filed again.
func (b *Board) SetPrepared(p *Prepared) {
	if p == nil || p.used {
		var m *data.Model
		if p != nil {
			m = p.m
		}
		p = Prepare(m)
	}
	p.used = true
	b.m = p.m
	b.pending = nil
	b.in.stopEdgePan()
	b.in = input{}
	b.hover = nil
	b.sc.releaseAll()
	b.grp.cache, b.grp.drop = nil, nil
	b.cards, b.links, b.cidx, b.lidx, b.box = p.cards, p.links, p.cidx, p.lidx, p.box
	m := p.m
	hadSel := len(b.sel) > 0
	b.sel = map[string]bool{}
	b.resetSearch()
	b.hide = hideState{}
	b.tagColors = m.Board.TagColors
	if len(hideRules) > 0 {
		b.rehideAll() // the hide rules still apply; the filter was cleared
	}
	b.placed = false
	b.placeView()
	if !b.size.IsZero() {
		b.sc.zoomed()
	}
	if hadSel && b.OnSelect != nil {
		b.OnSelect(nil)
	}
}

// cellSize is the side of one cell of the board's spatial indexes, in board
// units: a little more than a large card, so most cards sit in one to
// four cells.
const cellSize = 400

func cardRect(c *data.Card) geom.Rect {
	if c.Kind == data.KindGroup {
		return groupRect(c)
	}
	return geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height}
}

// Changed tells the board that the cards and links with these IDs were
// added, changed or deleted in the model. Only they (and the links of a
// changed card, and quotes naming a changed party or source) are redrawn.
func (b *Board) Changed(ids ...string) {
	b.box.valid = false
	b.followTagColors()
	defer b.afterChange(b.beforeChange(ids))
	refold := b.groupsTouched(ids)
	b.grp.cache = nil
	selChanged := false
	touched := map[*cardEnt]bool{}
	var rejudge []*cardEnt
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
			b.file(e)
			b.searchChanged(e)
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
			b.cidx.Remove(e)
			delete(b.cards, id)
			if b.hover == e {
				b.hover = nil
			}
			if b.sel[id] {
				delete(b.sel, id)
				selChanged = true
			}
			b.forgetHidden(e)
			b.searchForget(e)
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
				b.fileLinkEnt(e)
				b.sc.syncLink(e)
				rejudge = append(rejudge, b.linkRejudge(e)...)
			}
			continue
		}
		if e := b.links[id]; e != nil { // deleted link
			rejudge = append(rejudge, b.linkRejudge(e)...)
			b.removeLink(e)
			if b.sel[id] {
				delete(b.sel, id)
				selChanged = true
			}
		}
	}
	// Cards whose hidden state follows from what changed (hide.go).
	for _, e := range rejudge {
		b.file(e)
		touched[e] = true
	}
	for _, e := range b.rejudgeDependents(touched) {
		touched[e] = true
	}
	// A link between two moved cards is re-filed once, not once per end.
	refiled := make(map[*linkEnt]bool)
	for e := range touched {
		b.sc.syncCard(e)
		for _, le := range e.links {
			if refiled[le] {
				continue
			}
			refiled[le] = true
			b.fileLinkEnt(le)
			b.sc.syncLink(le)
		}
	}
	// A quote shows its speaker's and source's titles: redraw the quotes
	// in view that name a changed card, and forget the layout of those
	// out of view.
	referable := false // only parties and sources are named by quotes
	for e := range touched {
		if k := e.c.Kind; k == data.KindParty || k == data.KindSource {
			referable = true
			break
		}
	}
	if referable {
		names := func(e *cardEnt) bool {
			if e.c.Kind != data.KindQuote || touched[e] {
				return false
			}
			sp, so := b.cards[e.c.SpeakerID], b.cards[e.c.SourceID]
			return (sp != nil && touched[sp]) || (so != nil && touched[so])
		}
		for _, e := range b.sc.liveCards {
			if names(e) {
				e.layout = nil
				b.sc.syncCard(e)
			}
		}
		for _, e := range b.sc.retained {
			if e.view == nil && names(e) {
				e.layout = nil
			}
		}
	}
	if refold {
		b.refold()
	}
	b.sc.syncHint()
	if b.unselectHidden(touched) || selChanged {
		b.selectionChanged()
	}
}

// Model is the model the board shows.
func (b *Board) Model() *data.Model { return b.m }

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
