package board

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"evidenceboard/data/geom"
)

// The board takes every pointer and key event itself and finds what is
// under the pointer in its own index: the canvas objects it draws with are
// not widgets.
var (
	_ fyne.Widget            = (*Board)(nil)
	_ fyne.Tappable          = (*Board)(nil)
	_ fyne.DoubleTappable    = (*Board)(nil)
	_ fyne.SecondaryTappable = (*Board)(nil)
	_ fyne.Draggable         = (*Board)(nil)
	_ fyne.Scrollable        = (*Board)(nil)
	_ fyne.Focusable         = (*Board)(nil)
	_ desktop.Mouseable      = (*Board)(nil)
	_ desktop.Hoverable      = (*Board)(nil)
	_ desktop.Keyable        = (*Board)(nil)
	_ desktop.Cursorable     = (*Board)(nil)
)

// hitKind is what a point on the board falls on.
type hitKind int

const (
	hitNone    hitKind = iota
	hitCard            // a card's body
	hitLink            // a link's line or label
	hitConnect         // a card's connect handle
	hitResize          // a card's resize grip
)

type hit struct {
	kind hitKind
	card *cardEnt
	link *linkEnt
}

// input is the state of the pointer and keyboard between events.
type input struct {
	pressed   bool
	byMouse   bool // the press came through MouseDown: the Tapped that follows is the same click
	pressPos  fyne.Position
	button    desktop.MouseButton
	mods      fyne.KeyModifier
	pressHit  hit
	upSelect  string // on release without a drag, select only this
	upClear   bool   // on release without a drag, clear the selection
	mode      dragMode
	total     fyne.Delta // how far the pointer moved in this drag, pixels
	dx, dy    float64    // the move in board units, after snapping
	moving    map[*cardEnt]bool
	movingIDs []string
	primary   *cardEnt // the card the move or resize drag started on
	rw, rh    float64  // the size during a resize
	target    *cardEnt // the card a connect drag is over
	pressBX   float64  // the board point where the drag began
	pressBY   float64
	edgeAnim  *fyne.Animation // pans while a drag is held at the edge
	edgeLast  time.Time
	bandBase  map[string]bool   // the selection a band adds to
	banded    map[*cardEnt]bool // the cards inside the band so far

	shift, ctrl, space bool // keys held, from KeyDown and KeyUp
}

// keepsAlive reports whether card e must keep its objects whatever the
// view: it is being dragged or resized.
func (in *input) keepsAlive(e *cardEnt) bool {
	return (in.mode == dragMove && in.moving[e]) || (in.mode == dragResize && in.primary == e)
}

// rectOf is where card e is drawn now: its place in the model, moved or
// resized by a drag in progress.
func (in *input) rectOf(b *Board, e *cardEnt) geom.Rect {
	e = b.shownEnd(e) // a card folded away is drawn (its links too) as its group
	r := cardRect(e.c)
	switch {
	case in.mode == dragMove && in.moving[e]:
		r.X += in.dx
		r.Y += in.dy
	case in.mode == dragResize && in.primary == e:
		r.W, r.H = in.rw, in.rh
	}
	return r
}

// keyMods is the modifier keys held: those the driver reports, and those
// seen in KeyDown (the test driver reports none).
func (b *Board) keyMods() fyne.KeyModifier {
	var m fyne.KeyModifier
	if b.in.shift {
		m |= fyne.KeyModifierShift
	}
	if b.in.ctrl {
		m |= fyne.KeyModifierControl
	}
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			m |= d.CurrentKeyModifiers()
		}
	}
	return m
}

func toggles(m fyne.KeyModifier) bool {
	return m&(fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
}

// hitTest finds what is under widget position p: a handle of a card that
// shows its handles, else the top card, else the nearest link.
func (b *Board) hitTest(p fyne.Position) hit {
	bx, by := b.toBoard(p)
	z := b.zoom
	reach := float64(handleHit) / z
	var best *cardEnt
	bestOrder := -2
	var handle hit
	b.cidx.Query(geom.Rect{X: bx - reach, Y: by - reach, W: 2 * reach, H: 2 * reach}, func(e *cardEnt) {
		if b.foldedAway(e) {
			return
		}
		r := b.in.rectOf(b, e)
		if !b.readOnly && z >= compactZoom && (b.sel[e.id] || b.hover == e) && handle.kind == hitNone {
			hx, hy := r.Right(), r.Y+r.H/2
			if math.Hypot((bx-hx)*z, (by-hy)*z) <= handleHit {
				handle = hit{kind: hitConnect, card: e}
			} else if r.Has(bx, by) && (r.Right()-bx)*z <= gripHit && (r.Bottom()-by)*z <= gripHit {
				handle = hit{kind: hitResize, card: e}
			}
		}
		if r.Has(bx, by) {
			o := b.sc.order(e)
			if b.sel[e.id] {
				o += 1 << 30 // a selected card is drawn on top
			}
			if o, ok := b.frameHit(e, bx, by, o); ok && (best == nil || o > bestOrder) {
				best, bestOrder = e, o
			}
		}
	})
	if handle.kind != hitNone {
		return handle
	}
	if e := b.labelHit(bx, by); e != nil { // labels are drawn above cards
		return hit{kind: hitLink, link: e}
	}
	if best != nil {
		return hit{kind: hitCard, card: best}
	}
	if e := b.nearestLink(bx, by); e != nil {
		return hit{kind: hitLink, link: e}
	}
	return hit{}
}

// cardAt returns the top card under widget position p other than not.
func (b *Board) cardAt(p fyne.Position, not *cardEnt) *cardEnt {
	bx, by := b.toBoard(p)
	var best *cardEnt
	bestOrder := -2
	b.cidx.Query(geom.Rect{X: bx, Y: by, W: 0, H: 0}, func(e *cardEnt) {
		if e == not || b.foldedAway(e) || !b.in.rectOf(b, e).Has(bx, by) {
			return
		}
		if o, ok := b.frameHit(e, bx, by, b.sc.order(e)); ok && (best == nil || o > bestOrder) {
			best, bestOrder = e, o
		}
	})
	return best
}

func (b *Board) focus() {
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	if c := app.Driver().CanvasForObject(b); c != nil && c.Focused() != b {
		c.Focus(b)
	}
}

// press starts a click or drag at p: it selects what was pressed, as a
// click does, and remembers it for the drag.
func (b *Board) press(p fyne.Position, button desktop.MouseButton, mods fyne.KeyModifier) {
	in := &b.in
	in.pressed, in.pressPos, in.button, in.mods = true, p, button, mods
	in.upSelect, in.upClear = "", false
	in.mode, in.total = dragNone, fyne.Delta{}
	in.pressHit = b.hitTest(p)
	if button != desktop.MouseButtonPrimary || in.space {
		return
	}
	id := ""
	switch h := in.pressHit; h.kind {
	case hitCard, hitConnect, hitResize:
		id = h.card.id
	case hitLink:
		id = h.link.selectID()
	}
	switch {
	case id == "" && !toggles(mods):
		in.upClear = true
	case id == "":
	case toggles(mods) && in.pressHit.kind == hitCard || toggles(mods) && in.pressHit.kind == hitLink:
		next := b.copySel()
		if next[id] {
			delete(next, id)
		} else {
			next[id] = true
		}
		b.setSelection(next)
	case !b.sel[id]:
		b.setSelection(map[string]bool{id: true})
	default:
		in.upSelect = id // pressed a selected card: a drag moves them all
	}
}

// release ends a click that was not a drag.
func (b *Board) release() {
	in := &b.in
	if in.pressed && in.mode == dragNone {
		switch {
		case in.upSelect != "":
			b.setSelection(map[string]bool{in.upSelect: true})
		case in.upClear:
			b.ClearSelection()
		}
	}
	in.pressed, in.upSelect, in.upClear = false, "", false
}

// MouseDown is part of desktop.Mouseable.
func (b *Board) MouseDown(ev *desktop.MouseEvent) {
	b.pointer = ev.Position
	b.sc.tip.hide()
	if ev.Button == desktop.MouseButtonSecondary {
		return
	}
	b.focus()
	b.press(ev.Position, ev.Button, ev.Modifier|b.keyMods())
	b.in.byMouse = true
}

// MouseUp is part of desktop.Mouseable.
func (b *Board) MouseUp(ev *desktop.MouseEvent) {
	if ev.Button == desktop.MouseButtonSecondary {
		return
	}
	b.release()
}

// Tapped is part of fyne.Tappable. A click is handled as it is pressed
// (MouseDown); a tap that came without one (touch, tests) is handled here.
func (b *Board) Tapped(ev *fyne.PointEvent) {
	if b.in.byMouse {
		b.in.byMouse = false
		return
	}
	b.focus()
	b.press(ev.Position, desktop.MouseButtonPrimary, b.keyMods())
	b.release()
}

// DoubleTapped is part of fyne.DoubleTappable: it edits the card or link
// under the pointer, or creates a card on empty board.
func (b *Board) DoubleTapped(ev *fyne.PointEvent) {
	b.in.byMouse = false
	b.in.pressed = false
	h := b.hitTest(ev.Position)
	switch h.kind {
	case hitCard, hitConnect, hitResize:
		if b.inTitleBand(h.card, ev.Position) && !b.readOnly && b.OnFold != nil {
			b.OnFold([]string{h.card.id})
		} else if b.OnEdit != nil {
			b.OnEdit(h.card.id)
		}
	case hitLink:
		if b.OnEdit != nil {
			b.OnEdit(h.link.selectID())
		}
	default:
		if !b.readOnly && b.OnCreate != nil {
			x, y := b.toBoard(ev.Position)
			b.OnCreate(b.createKind, x, y)
		}
	}
}

// Scrolled is part of fyne.Scrollable: the wheel pans; with Ctrl (or Cmd)
// held it zooms around the pointer.
func (b *Board) Scrolled(ev *fyne.ScrollEvent) {
	b.sc.tip.hide()
	p := ev.Position
	if p.IsZero() {
		p = b.pointer
	}
	mods := b.keyMods()
	if mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		d := ev.Scrolled.DY
		if d == 0 {
			d = ev.Scrolled.DX
		}
		b.ZoomAt(float32(b.zoom*math.Exp(float64(d)*0.004)), p)
		return
	}
	dx, dy := -float64(ev.Scrolled.DX)/b.zoom, -float64(ev.Scrolled.DY)/b.zoom
	if mods&fyne.KeyModifierShift != 0 && dx == 0 {
		dx, dy = dy, 0
	}
	b.PanBy(dx, dy)
}

// MouseIn is part of desktop.Hoverable.
func (b *Board) MouseIn(ev *desktop.MouseEvent) { b.MouseMoved(ev) }

// MouseMoved is part of desktop.Hoverable: the card under the pointer
// shows its handles.
func (b *Board) MouseMoved(ev *desktop.MouseEvent) {
	b.pointer = ev.Position
	if b.in.mode != dragNone {
		return
	}
	var next *cardEnt
	switch h := b.hitTest(ev.Position); h.kind {
	case hitCard, hitConnect, hitResize:
		next = h.card
	}
	b.setHover(next)
	b.sc.tip.rest(next, ev.Position)
}

// MouseOut is part of desktop.Hoverable.
func (b *Board) MouseOut() {
	b.sc.tip.hide()
	if b.in.mode == dragNone {
		b.setHover(nil)
	}
}

func (b *Board) setHover(e *cardEnt) {
	if e == b.hover {
		return
	}
	old := b.hover
	b.hover = e
	if old != nil && b.cards[old.id] == old {
		b.sc.syncCard(old)
	}
	if e != nil {
		b.sc.syncCard(e)
	}
}

// Cursor is part of desktop.Cursorable.
func (b *Board) Cursor() desktop.Cursor {
	switch b.in.mode {
	case dragConnect:
		return desktop.CrosshairCursor
	case dragResize:
		return desktop.NWSEResizeCursor
	case dragNone:
		if b.readOnly {
			return desktop.DefaultCursor
		}
		switch b.hitTest(b.pointer).kind {
		case hitConnect:
			return desktop.CrosshairCursor
		case hitResize:
			return desktop.NWSEResizeCursor
		case hitCard, hitLink:
			return desktop.PointerCursor
		}
	}
	return desktop.DefaultCursor
}
