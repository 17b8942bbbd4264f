package board

import (
	"math"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
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

// dragMode is what a drag in progress does.
type dragMode int

const (
	dragNone dragMode = iota
	dragPan
	dragMove
	dragResize
	dragConnect
	dragBand
)

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
func (in *input) rectOf(b *Board, e *cardEnt) rect {
	r := cardRect(e.c)
	switch {
	case in.mode == dragMove && in.moving[e]:
		r.x += in.dx
		r.y += in.dy
	case in.mode == dragResize && in.primary == e:
		r.w, r.h = in.rw, in.rh
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
	b.cidx.query(rect{bx - reach, by - reach, 2 * reach, 2 * reach}, func(e *cardEnt) {
		r := b.in.rectOf(b, e)
		if !b.readOnly && z >= compactZoom && (b.sel[e.id] || b.hover == e) && handle.kind == hitNone {
			hx, hy := r.right(), r.y+r.h/2
			if math.Hypot((bx-hx)*z, (by-hy)*z) <= handleHit {
				handle = hit{kind: hitConnect, card: e}
			} else if r.has(bx, by) && (r.right()-bx)*z <= gripHit && (r.bottom()-by)*z <= gripHit {
				handle = hit{kind: hitResize, card: e}
			}
		}
		if r.has(bx, by) {
			o := b.sc.order(e)
			if b.sel[e.id] {
				o += 1 << 30 // a selected card is drawn on top
			}
			if best == nil || o > bestOrder {
				best, bestOrder = e, o
			}
		}
	})
	if handle.kind != hitNone {
		return handle
	}
	if best != nil {
		return hit{kind: hitCard, card: best}
	}
	reach = linkHitPixels / z
	query := reach
	if z >= labelMinZoom {
		query = math.Max(reach, 60) // a label reaches further from its line
	}
	var near *linkEnt
	nearest := math.Inf(1)
	b.lidx.query(rect{bx - query, by - query, 2 * query, 2 * query}, func(e *linkEnt) {
		x1, y1, x2, y2, ok := b.linkGeom(e)
		if !ok {
			return
		}
		d := segmentDistance(bx, by, x1, y1, x2, y2)
		if d > reach && b.onLabel(e, bx, by, x1, y1, x2, y2) {
			d = reach
		}
		if d <= reach && d < nearest {
			near, nearest = e, d
		}
	})
	if near != nil {
		return hit{kind: hitLink, link: near}
	}
	return hit{}
}

// onLabel reports whether board point (bx, by) is on link e's relation
// label, drawn along the segment (x1, y1)-(x2, y2) (see labelAt).
func (b *Board) onLabel(e *linkEnt, bx, by, x1, y1, x2, y2 float64) bool {
	z := b.zoom
	if e.l.Relation == "" || z < labelMinZoom {
		return false
	}
	lw := labelWidth(e.l.Relation)
	if (lw+2*labelPadX+16)*z > math.Hypot(x2-x1, y2-y1)*z {
		return false
	}
	th := textHeight(labelSize, fyne.TextStyle{})
	at := labelAt(e)
	mx, my := x1+(x2-x1)*at, y1+(y2-y1)*at
	return math.Abs(bx-mx) <= lw/2+labelPadX && math.Abs(by-my) <= th/2+labelPadY
}

// cardAt returns the top card under widget position p other than not.
func (b *Board) cardAt(p fyne.Position, not *cardEnt) *cardEnt {
	bx, by := b.toBoard(p)
	var best *cardEnt
	bestOrder := -2
	b.cidx.query(rect{bx, by, 0, 0}, func(e *cardEnt) {
		if e == not || !b.in.rectOf(b, e).has(bx, by) {
			return
		}
		if o := b.sc.order(e); best == nil || o > bestOrder {
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
		id = h.link.id
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

func (b *Board) copySel() map[string]bool {
	next := make(map[string]bool, len(b.sel)+1)
	for k := range b.sel {
		next[k] = true
	}
	return next
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
		if b.OnEdit != nil {
			b.OnEdit(h.card.id)
		}
	case hitLink:
		if b.OnEdit != nil {
			b.OnEdit(h.link.id)
		}
	default:
		if !b.readOnly && b.OnCreate != nil {
			x, y := b.toBoard(ev.Position)
			b.OnCreate(b.createKind, x, y)
		}
	}
}

// TappedSecondary is part of fyne.SecondaryTappable: it shows the context
// menu of what is under the pointer.
func (b *Board) TappedSecondary(ev *fyne.PointEvent) {
	m := b.contextMenu(ev.Position)
	if m == nil {
		return
	}
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	if c := app.Driver().CanvasForObject(b); c != nil {
		widget.ShowPopUpMenuAtPosition(m, c, ev.AbsolutePosition)
	}
}

// contextMenu builds the menu for a right-click at p, selecting what was
// clicked if it was not selected.
func (b *Board) contextMenu(p fyne.Position) *fyne.Menu {
	h := b.hitTest(p)
	id := ""
	switch h.kind {
	case hitCard, hitConnect, hitResize:
		id = h.card.id
	case hitLink:
		id = h.link.id
	}
	if id == "" {
		x, y := b.toBoard(p)
		var items []*fyne.MenuItem
		for _, k := range data.Kinds {
			k := k
			it := fyne.NewMenuItem("New "+k.Label(), func() {
				if b.OnCreate != nil {
					b.OnCreate(k, x, y)
				}
			})
			it.Disabled = b.readOnly || b.OnCreate == nil
			items = append(items, it)
		}
		return fyne.NewMenu("", items...)
	}
	if !b.sel[id] {
		b.setSelection(map[string]bool{id: true})
	}
	edit := fyne.NewMenuItem("Edit", func() {
		if b.OnEdit != nil {
			b.OnEdit(id)
		}
	})
	del := fyne.NewMenuItem("Delete", func() {
		if b.OnDelete != nil && len(b.sel) > 0 {
			b.OnDelete(b.Selected())
		}
	})
	del.Disabled = b.readOnly
	return fyne.NewMenu("", edit, fyne.NewMenuItemSeparator(), del)
}

// Dragged is part of fyne.Draggable.
func (b *Board) Dragged(ev *fyne.DragEvent) {
	in := &b.in
	if in.mode == dragNone {
		if !in.pressed { // no MouseDown (touch, tests): the drag starts here
			b.focus()
			b.press(ev.Position, desktop.MouseButtonPrimary, b.keyMods())
		}
		b.startDrag()
	}
	in.total = fyne.Delta{DX: in.total.DX + ev.Dragged.DX, DY: in.total.DY + ev.Dragged.DY}
	cur := in.pressPos.Add(in.total)
	b.pointer = cur
	if in.mode == dragPan {
		b.PanBy(-float64(ev.Dragged.DX)/b.zoom, -float64(ev.Dragged.DY)/b.zoom)
		return
	}
	b.dragTo(cur)
	b.autoPan(cur)
}

// dragTo shows the drag in progress with the pointer at cur (widget
// coordinates). Distances are taken in board units from where the drag
// began, so that they stay right when the view pans under the pointer.
func (b *Board) dragTo(cur fyne.Position) {
	in := &b.in
	bx, by := b.toBoard(cur)
	switch in.mode {
	case dragMove:
		dx, dy := bx-in.pressBX, by-in.pressBY
		if b.snap && in.primary != nil {
			dx = snapTo(in.primary.c.X+dx) - in.primary.c.X
			dy = snapTo(in.primary.c.Y+dy) - in.primary.c.Y
		}
		if dx != in.dx || dy != in.dy {
			in.dx, in.dy = dx, dy
			b.redrawMoving()
		}
	case dragResize:
		c := in.primary.c
		w := c.Width + bx - in.pressBX
		h := c.Height + by - in.pressBY
		if b.snap {
			w, h = snapTo(c.X+w)-c.X, snapTo(c.Y+h)-c.Y
		}
		in.rw, in.rh = math.Max(minCardW, math.Min(w, data.MaxCardSize)), math.Max(minCardH, math.Min(h, data.MaxCardSize))
		b.sc.syncCard(in.primary)
		for _, le := range in.primary.links {
			b.sc.syncLink(le)
		}
	case dragConnect:
		t := b.cardAt(cur, in.primary)
		if t != in.target {
			old := in.target
			in.target = t
			if old != nil {
				b.sc.syncCard(old)
			}
			if t != nil {
				b.sc.syncCard(t)
			}
		}
		in.drawOverlay(b)
	case dragBand:
		b.updateBand(cur)
		in.drawOverlay(b)
	}
}

// Auto-pan: a drag that comes within edgeZone pixels of the board's edge
// pans the view that way, faster the nearer the edge, up to edgeSpeed
// pixels a second, for as long as the pointer stays there.
const (
	edgeZone  = 28
	edgeSpeed = 600
)

// edgeVelocity is how fast the view should pan, in pixels a second, with
// the pointer at p.
func (b *Board) edgeVelocity(p fyne.Position) (vx, vy float64) {
	ramp := func(v, size float32) float64 {
		switch {
		case size < 4*edgeZone:
			return 0 // too small a board to pan this way
		case v < edgeZone:
			return -edgeSpeed * math.Min(1, float64(edgeZone-v)/edgeZone)
		case v > size-edgeZone:
			return edgeSpeed * math.Min(1, float64(v-(size-edgeZone))/edgeZone)
		}
		return 0
	}
	return ramp(p.X, b.size.Width), ramp(p.Y, b.size.Height)
}

// autoPan starts or stops panning at the edge for a drag at cur.
func (b *Board) autoPan(cur fyne.Position) {
	in := &b.in
	vx, vy := b.edgeVelocity(cur)
	if vx == 0 && vy == 0 {
		in.stopEdgePan()
		return
	}
	if in.edgeAnim != nil {
		return
	}
	in.edgeLast = time.Now()
	in.edgeAnim = fyne.NewAnimation(time.Second, func(float32) {
		now := time.Now()
		dt := now.Sub(in.edgeLast).Seconds()
		in.edgeLast = now
		b.edgePanStep(math.Min(dt, 0.1))
	})
	in.edgeAnim.RepeatCount = fyne.AnimationRepeatForever
	in.edgeAnim.Curve = fyne.AnimationLinear
	in.edgeAnim.Start()
}

// edgePanStep pans for dt seconds of a drag held at the edge and carries
// the drag along.
func (b *Board) edgePanStep(dt float64) {
	in := &b.in
	if in.mode == dragNone || in.mode == dragPan {
		in.stopEdgePan()
		return
	}
	cur := in.pressPos.Add(in.total)
	vx, vy := b.edgeVelocity(cur)
	if (vx == 0 && vy == 0) || dt <= 0 {
		return
	}
	b.PanBy(vx*dt/b.zoom, vy*dt/b.zoom)
	b.dragTo(cur)
}

func (in *input) stopEdgePan() {
	if in.edgeAnim != nil {
		in.edgeAnim.Stop()
		in.edgeAnim = nil
	}
}

// updateBand redraws the cards entering and leaving the rubber band as
// it is dragged to cur.
func (b *Board) updateBand(cur fyne.Position) {
	in := &b.in
	x1, y1 := in.pressBX, in.pressBY
	x2, y2 := b.toBoard(cur)
	now := map[*cardEnt]bool{}
	b.cidx.query(rectFromPoints(x1, y1, x2, y2), func(e *cardEnt) { now[e] = true })
	old := in.banded
	in.banded = now
	for e := range old {
		if !now[e] {
			b.sc.syncCard(e)
		}
	}
	for e := range now {
		if !old[e] {
			b.sc.syncCard(e)
		}
	}
}

// shownSelected reports whether card or link id is drawn as selected: a
// rubber band in progress shows the selection it will make.
func (b *Board) shownSelected(id string, e *cardEnt) bool {
	if b.in.mode == dragBand {
		return b.in.bandBase[id] || (e != nil && b.in.banded[e])
	}
	return b.sel[id]
}

// Smallest size a resize makes, in board units.
const (
	minCardW = 80
	minCardH = 48
)

func snapTo(v float64) float64 { return math.Round(v/SnapGrid) * SnapGrid }

// startDrag decides what the drag that just began does.
func (b *Board) startDrag() {
	in := &b.in
	in.upSelect, in.upClear = "", false
	in.pressBX, in.pressBY = b.toBoard(in.pressPos)
	h := in.pressHit
	switch {
	case in.button == desktop.MouseButtonTertiary || in.space:
		in.mode = dragPan
	case in.button != desktop.MouseButtonPrimary:
		in.mode = dragPan
	case h.kind == hitConnect && !b.readOnly:
		in.mode, in.primary = dragConnect, h.card
	case h.kind == hitResize && !b.readOnly:
		in.mode, in.primary = dragResize, h.card
		in.rw, in.rh = h.card.c.Width, h.card.c.Height
		b.sc.raise(h.card)
	case h.kind == hitCard || h.kind == hitConnect || h.kind == hitResize:
		if b.readOnly {
			in.mode = dragPan
			break
		}
		in.mode, in.primary = dragMove, h.card
		in.moving = map[*cardEnt]bool{}
		in.movingIDs = nil
		if b.sel[h.card.id] {
			for _, id := range b.selectedCards() {
				in.moving[b.cards[id]] = true
				in.movingIDs = append(in.movingIDs, id)
			}
		} else {
			in.moving[h.card] = true
			in.movingIDs = []string{h.card.id}
		}
		in.dx, in.dy = 0, 0
		b.sc.raise(h.card)
	default:
		in.mode = dragBand
		in.bandBase = map[string]bool{}
		if toggles(in.mods) {
			in.bandBase = b.copySel()
		}
		in.banded = map[*cardEnt]bool{}
		b.sc.syncAll() // draw the selection the band will make, not the old one
	}
}

// redrawMoving redraws the cards being moved and their links, live.
func (b *Board) redrawMoving() {
	in := &b.in
	if len(in.moving) <= len(b.sc.liveCards) {
		for e := range in.moving {
			if e.view != nil {
				b.sc.drawCard(e)
			}
		}
	} else {
		for _, e := range b.sc.liveCards {
			if in.moving[e] {
				b.sc.drawCard(e)
			}
		}
	}
	for _, le := range b.sc.liveLinks {
		if in.moving[le.from] || in.moving[le.to] {
			b.sc.drawLink(le)
		}
	}
}

// DragEnd is part of fyne.Draggable: it reports the gesture's intent.
func (b *Board) DragEnd() {
	in := &b.in
	mode := in.mode
	cur := in.pressPos.Add(in.total)
	switch mode {
	case dragMove:
		dx, dy, ids := in.dx, in.dy, in.movingIDs
		moving := in.moving
		in.reset()
		if (dx != 0 || dy != 0) && b.OnMove != nil {
			b.OnMove(ids, dx, dy)
		}
		for e := range moving {
			if b.cards[e.id] == e {
				b.sc.syncCard(e)
				for _, le := range e.links {
					b.sc.syncLink(le)
				}
			}
		}
	case dragResize:
		e, w, h := in.primary, in.rw, in.rh
		in.reset()
		if (w != e.c.Width || h != e.c.Height) && b.OnResize != nil {
			b.OnResize(e.id, w, h)
		}
		if b.cards[e.id] == e {
			b.sc.syncCard(e)
			for _, le := range e.links {
				b.sc.syncLink(le)
			}
		}
	case dragConnect:
		from, to := in.primary, in.target
		in.reset()
		if to != nil {
			b.sc.syncCard(to)
		}
		b.in.drawOverlay(b)
		if to != nil && b.OnConnect != nil {
			b.OnConnect(from.id, to.id)
		}
	case dragBand:
		x1, y1 := in.pressBX, in.pressBY
		x2, y2 := b.toBoard(cur)
		r := rectFromPoints(x1, y1, x2, y2)
		next := in.bandBase
		in.reset()
		b.in.drawOverlay(b)
		b.cidx.query(r, func(e *cardEnt) { next[e.id] = true })
		b.setSelection(next)
		b.sc.syncAll()
	default:
		in.reset()
	}
	in.pressed, in.byMouse = false, false
}

// reset ends any drag without reporting it.
func (in *input) reset() {
	in.stopEdgePan()
	in.mode = dragNone
	in.moving, in.movingIDs, in.primary, in.target, in.bandBase, in.banded = nil, nil, nil, nil, nil, nil
	in.dx, in.dy, in.total = 0, 0, fyne.Delta{}
}

// cancel abandons a drag in progress (Escape, read-only) and redraws the
// cards it had moved where the model has them.
func (in *input) cancel(b *Board) {
	if in.mode == dragNone {
		return
	}
	moving, primary, target, band := in.moving, in.primary, in.target, in.mode == dragBand
	in.reset()
	in.pressed = false
	if band {
		b.sc.syncAll()
	}
	for e := range moving {
		b.sc.syncCard(e)
		for _, le := range e.links {
			b.sc.syncLink(le)
		}
	}
	for _, e := range []*cardEnt{primary, target} {
		if e != nil && b.cards[e.id] == e {
			b.sc.syncCard(e)
			for _, le := range e.links {
				b.sc.syncLink(le)
			}
		}
	}
	in.drawOverlay(b)
}

// drawOverlay draws the rubber band and the connect wire of a drag in
// progress, or hides them.
func (in *input) drawOverlay(b *Board) {
	s := b.sc
	cur := in.pressPos.Add(in.total)
	if in.mode == dragBand {
		start := b.toScreen(in.pressBX, in.pressBY) // the view may have panned since
		x, y := math.Min(float64(start.X), float64(cur.X)), math.Min(float64(start.Y), float64(cur.Y))
		s.band.Move(fyne.NewPos(float32(x), float32(y)))
		s.band.Resize(fyne.NewSize(float32(math.Abs(float64(cur.X-start.X))), float32(math.Abs(float64(cur.Y-start.Y)))))
		s.band.Show()
		s.band.Refresh()
	} else {
		s.band.Hide()
	}
	if in.mode == dragConnect && in.primary != nil {
		r := in.rectOf(b, in.primary)
		from := b.toScreen(r.right(), r.y+r.h/2)
		to := cur
		if in.target != nil {
			tr := in.rectOf(b, in.target)
			x1, y1, x2, y2, ok := linkEnds(r, tr)
			if ok {
				from, to = b.toScreen(x1, y1), b.toScreen(x2, y2)
			}
		}
		s.wire.Position1, s.wire.Position2 = from, to
		s.wire.Show()
		s.wire.Refresh()
		s.wireDot.Move(to.SubtractXY(4, 4))
		s.wireDot.Resize(fyne.NewSize(8, 8))
		s.wireDot.Show()
		s.wireDot.Refresh()
	} else {
		s.wire.Hide()
		s.wireDot.Hide()
	}
}

// Scrolled is part of fyne.Scrollable: the wheel pans; with Ctrl (or Cmd)
// held it zooms around the pointer.
func (b *Board) Scrolled(ev *fyne.ScrollEvent) {
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
}

// MouseOut is part of desktop.Hoverable.
func (b *Board) MouseOut() {
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
	case dragNone:
		if b.readOnly {
			return desktop.DefaultCursor
		}
		switch b.hitTest(b.pointer).kind {
		case hitConnect:
			return desktop.CrosshairCursor
		case hitCard, hitLink:
			return desktop.PointerCursor
		}
	}
	return desktop.DefaultCursor
}

// FocusGained is part of fyne.Focusable.
func (b *Board) FocusGained() {}

// FocusLost is part of fyne.Focusable: keys held are forgotten, since
// their release will not reach the board.
func (b *Board) FocusLost() { b.in.shift, b.in.ctrl, b.in.space = false, false, false }

// TypedRune is part of fyne.Focusable.
func (b *Board) TypedRune(rune) {}

// TypedKey is part of fyne.Focusable: Delete and Backspace delete the
// selection, arrows nudge it, Escape cancels a drag or clears it.
func (b *Board) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if !b.readOnly && len(b.sel) > 0 && b.OnDelete != nil {
			b.OnDelete(b.Selected())
		}
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown:
		b.nudge(ev.Name)
	case fyne.KeyEscape:
		if b.in.mode != dragNone {
			b.in.cancel(b)
			return
		}
		b.ClearSelection()
	}
}

func (b *Board) nudge(k fyne.KeyName) {
	ids := b.selectedCards()
	if b.readOnly || len(ids) == 0 || b.OnMove == nil || b.in.mode != dragNone {
		return
	}
	step := float64(NudgeStep)
	if b.keyMods()&fyne.KeyModifierShift != 0 {
		step = NudgeFine
	}
	var dx, dy float64
	switch k {
	case fyne.KeyLeft:
		dx = -step
	case fyne.KeyRight:
		dx = step
	case fyne.KeyUp:
		dy = -step
	case fyne.KeyDown:
		dy = step
	}
	sort.Strings(ids)
	b.OnMove(ids, dx, dy)
}

// KeyDown is part of desktop.Keyable: it tracks Shift, Ctrl and Space.
func (b *Board) KeyDown(ev *fyne.KeyEvent) { b.trackKey(ev.Name, true) }

// KeyUp is part of desktop.Keyable.
func (b *Board) KeyUp(ev *fyne.KeyEvent) { b.trackKey(ev.Name, false) }

func (b *Board) trackKey(k fyne.KeyName, down bool) {
	switch k {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		b.in.shift = down
	case desktop.KeyControlLeft, desktop.KeyControlRight, desktop.KeySuperLeft, desktop.KeySuperRight:
		b.in.ctrl = down
	case fyne.KeySpace:
		b.in.space = down
	}
}
