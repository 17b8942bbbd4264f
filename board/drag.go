package board

import (
	"math"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

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
			b.showDrop()
		}
	case dragResize:
		c := in.primary.c
		w := c.Width + bx - in.pressBX
		h := c.Height + by - in.pressBY
		if b.snap {
			w, h = snapTo(c.X+w)-c.X, snapTo(c.Y+h)-c.Y
		}
		in.rw, in.rh = math.Max(data.MinResizeWidth, math.Min(w, data.MaxCardSize)), math.Max(data.MinResizeHeight, math.Min(h, data.MaxCardSize))
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
	b.bandQuery(geom.RectFromPoints(x1, y1, x2, y2), func(e *cardEnt) { now[e] = true })
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
	case h.kind == hitResize && !b.readOnly && !h.card.c.Folded:
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
		b.withMembers()
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
		b.showDrop()
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
		r := geom.RectFromPoints(x1, y1, x2, y2)
		next := in.bandBase
		in.reset()
		b.in.drawOverlay(b)
		b.bandQuery(r, func(e *cardEnt) { next[e.id] = true })
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
	b.showDrop()
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
		from := b.toScreen(r.Right(), r.Y+r.H/2)
		to := cur
		if in.target != nil {
			tr := in.rectOf(b, in.target)
			x1, y1, x2, y2, ok := geom.LinkEnds(r, tr)
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

// withMembers adds to a move that takes a group the cards in it: a group
// moves as one, in one change (OnMove gets every card, sorted).
func (b *Board) withMembers() {
	in := &b.in
	added := false
	for e := range in.moving {
		if e.c.Kind != data.KindGroup {
			continue
		}
		for _, m := range b.membersOf(e.id) {
			if !in.moving[m] {
				in.moving[m] = true
				in.movingIDs = append(in.movingIDs, m.id)
				added = true
			}
		}
	}
	if added {
		sort.Strings(in.movingIDs)
	}
}

// bandQuery finds the cards a rubber band over r takes: those it meets,
// but not cards folded away, and a group only when the band holds all
// of it, so that a band drawn inside a frame takes the cards there and
// not the frame.
func (b *Board) bandQuery(r geom.Rect, fn func(*cardEnt)) {
	b.cidx.Query(r, func(e *cardEnt) {
		if b.foldedAway(e) || (e.c.Kind == data.KindGroup && !r.Contains(b.in.rectOf(b, e))) {
			return
		}
		fn(e)
	})
}

// dropFrame is the frame the cards being dragged would land in: the
// smallest unfolded group, not itself moving, that would wholly hold the
// card the drag took (geom.Innermost, the rule the app applies when the
// move is made), or nil.
func (b *Board) dropFrame() *cardEnt {
	in := &b.in
	if in.mode != dragMove || in.primary == nil || in.primary.c.Kind == data.KindGroup {
		return nil
	}
	if g := b.cards[in.primary.c.Group]; g != nil && in.moving[g] {
		return nil // it moves with its group
	}
	r := in.rectOf(b, in.primary)
	var frames []geom.Rect
	var ents []*cardEnt
	b.cidx.Query(r, func(e *cardEnt) {
		if isFrame(e) && !in.moving[e] {
			frames = append(frames, cardRect(e.c))
			ents = append(ents, e)
		}
	})
	if i := geom.Innermost(r, frames); i >= 0 {
		return ents[i]
	}
	return nil
}

// showDrop draws the frame a drag would drop into as a target, and
// the one it left as it was.
func (b *Board) showDrop() {
	next := b.dropFrame()
	if next == b.grp.drop {
		return
	}
	old := b.grp.drop
	b.grp.drop = next
	for _, e := range []*cardEnt{old, next} {
		if e != nil && b.cards[e.id] == e {
			b.sc.syncCard(e)
		}
	}
}
