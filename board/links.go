package board

import (
	"math"
	"slices"
	"sort"
	"strings"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

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
	b.lidx.Insert(e, e.from.Rect().Union(e.to.Rect()))
}

func (b *Board) removeLink(e *linkEnt) {
	b.sc.releaseLink(e)
	b.lidx.Remove(e)
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
		return geom.LinkEnds(ra, rb)
	}
	// Offsets are taken in one direction for the whole pair: from the card
	// with the smaller ID.
	if e.from.id > e.to.id {
		x2, y2, x1, y1, ok = geom.LinkEndsOffset(rb, ra, e.pairIdx, e.pairN, pairGap)
		return
	}
	return geom.LinkEndsOffset(ra, rb, e.pairIdx, e.pairN, pairGap)
}

// labelSpot is where along its segment link e's label would rather sit
// (0 at the From end, 1 at the To end): the middle, staggered for links
// side by side so that their labels do not cover each other.
func labelSpot(e *linkEnt) float64 {
	if e.pairN <= 1 {
		return 0.5
	}
	f := 0.5 + (float64(e.pairIdx)-float64(e.pairN-1)/2)*0.24
	if e.from.id > e.to.id { // the pair is numbered from the smaller ID
		f = 1 - f
	}
	return math.Max(0.2, math.Min(0.8, f))
}

// labelAt is where along its segment (x1, y1)-(x2, y2) link e's label
// sits: its spot (labelSpot) if the label covers no card there, else the
// nearest place along the link where it covers none, if there is one.
func (b *Board) labelAt(e *linkEnt, x1, y1, x2, y2 float64) float64 {
	pref := labelSpot(e)
	if e.l.Relation == "" || b.zoom < labelMinZoom {
		return pref
	}
	lw := labelBoxText(e.l)
	clear := func(t float64) bool {
		r := labelRect(lw, x1+(x2-x1)*t, y1+(y2-y1)*t)
		free := true
		b.cidx.Query(r, func(c *cardEnt) {
			// A group's frame is not in the way, nor a card folded away.
			if free && !isFrame(c) && !b.foldedAway(c) && b.in.rectOf(b, c).Intersects(r) {
				free = false
			}
		})
		return free
	}
	if clear(pref) {
		return pref
	}
	for d := 0.04; d < 0.5; d += 0.04 {
		for _, t := range [2]float64{pref - d, pref + d} {
			if t > 0 && t < 1 && clear(t) {
				return t
			}
		}
	}
	return pref
}

// labelHit returns the link whose label is drawn over board point
// (bx, by), the one whose label's centre is nearest if several are:
// labels are drawn above cards and lines, so a label is what the pointer
// is on.
func (b *Board) labelHit(bx, by float64) *linkEnt {
	if b.zoom < labelMinZoom {
		return nil
	}
	const reach = 80 // board units: more than half the widest label
	var best *linkEnt
	bestD := math.Inf(1)
	b.lidx.Query(geom.Rect{X: bx - reach, Y: by - reach, W: 2 * reach, H: 2 * reach}, func(e *linkEnt) {
		v := e.view
		if v == nil || !v.labelOn || !v.labelR.Has(bx, by) || b.linkFoldedAway(e) {
			return
		}
		cx, cy := v.labelR.Centre()
		if d := math.Hypot(bx-cx, by-cy); d < bestD {
			best, bestD = e, d
		}
	})
	return best
}

// nearestLink returns the link whose line passes nearest board point
// (bx, by), if one passes within linkHitPixels on screen.
func (b *Board) nearestLink(bx, by float64) *linkEnt {
	reach := linkHitPixels / b.zoom
	var near *linkEnt
	nearest := math.Inf(1)
	b.lidx.Query(geom.Rect{X: bx - reach, Y: by - reach, W: 2 * reach, H: 2 * reach}, func(e *linkEnt) {
		x1, y1, x2, y2, ok := b.linkGeom(e)
		if !ok || linkHidden(e) || b.linkFoldedAway(e) {
			return
		}
		if d := geom.SegmentDistance(bx, by, x1, y1, x2, y2); d <= reach && (d < nearest || d == nearest && e.id < near.id) {
			near, nearest = e, d
		}
	})
	return near
}

// derived reports whether link e is drawn from a quote's Speaker or
// Source field (data.QuoteLinks) rather than stored.
func (e *linkEnt) derived() bool { return strings.Contains(e.id, data.QuoteLinkSep) }

// selectID is what selecting link e selects: the link, or, for a link
// drawn from a quote's field, the quote, where the fact is edited.
func (e *linkEnt) selectID() string {
	if e.derived() {
		return e.l.From
	}
	return e.id
}

// quoteLinks is the links quote q's fields stand for on this board
// (data.QuoteLinks): to cards on it, and not those a stored link of q's
// already says.
func (b *Board) quoteLinks(q *cardEnt) []data.Link {
	has := func(id string) bool { return b.cards[id] != nil }
	stated := func(to, relation string) bool {
		for _, o := range q.links {
			if (o.from.id == to || o.to.id == to) && !o.derived() && data.SameRelation(o.l.Relation, relation) {
				return true
			}
		}
		return false
	}
	return data.QuoteLinks(q.c, has, stated)
}

// syncQuoteLinks files the links quote id's Speaker and Source fields are
// drawn as (data.QuoteLinks), and takes away those it no longer has.
func (b *Board) syncQuoteLinks(id string) {
	q := b.cards[id]
	if q == nil {
		return // a deleted card's links went with it
	}
	want := b.quoteLinks(q)
	for i := 0; i < len(q.links); {
		o := q.links[i]
		if o.from == q && o.derived() && !slices.ContainsFunc(want, func(w data.Link) bool { return w.ID == o.id && w.To == o.to.id }) {
			b.removeLink(o) // drops o from q.links: i is the next one now
			continue
		}
		i++
	}
	for i := range want {
		if b.links[want[i].ID] == nil {
			b.addLink(want[i].ID, &want[i])
			if e := b.links[want[i].ID]; e != nil {
				b.sc.syncLink(e)
			}
		}
	}
}

// fileAllLinks files every link of a new model, stored and drawn from
// quotes' fields (data.QuoteLinks), between cards, the board's every card,
// already filed, of which quotes are quotes. It does what addLink and
// syncQuoteLinks do link by link, in bulk: the links' records in one
// array, each card's list of links cut from another, the index built at
// once (geom.Grid.InsertAll).
func (b *Board) fileAllLinks(cards []*cardEnt, quotes int) {
	m := b.m
	// A card's count of links is kept in seen, unused until the first
	// cull, while the lists are sized; a quote's field links are counted
	// before it is known whether a stored link already says them.
	lents := make([]linkEnt, 0, len(m.Links)+2*quotes)
	b.links = make(map[string]*linkEnt, cap(lents))
	for id, l := range m.Links {
		from, to := b.cards[l.From], b.cards[l.To]
		if from == nil || to == nil {
			continue // a link whose cards are missing is not drawn
		}
		lents = append(lents, linkEnt{id: id, l: l, from: from, to: to, live: -1, pairN: 1})
		from.seen++
		if to != from {
			to.seen++
		}
	}
	for _, q := range cards {
		if q.c.Kind != data.KindQuote {
			continue
		}
		for _, to := range [2]string{q.c.SpeakerID, q.c.SourceID} {
			if e := b.cards[to]; e != nil && e != q {
				q.seen++
				e.seen++
			}
		}
	}
	total := 0
	for _, e := range cards {
		total += int(e.seen)
	}
	lists := make([]*linkEnt, total)
	for _, e := range cards {
		n := int(e.seen)
		e.links, lists = lists[:0:n], lists[n:]
		e.seen = 0
	}
	join := func(e *linkEnt) {
		b.links[e.id] = e
		e.from.links = append(e.from.links, e)
		if e.to != e.from {
			e.to.links = append(e.to.links, e)
		}
	}
	for i := range lents {
		join(&lents[i])
	}
	for _, q := range cards {
		if q.c.Kind != data.KindQuote {
			continue
		}
		want := b.quoteLinks(q)
		for i := range want {
			if b.links[want[i].ID] != nil {
				continue // a stored link of that ID; syncQuoteLinks keeps it too
			}
			lents = append(lents, linkEnt{id: want[i].ID, l: &want[i], from: q, to: b.cards[want[i].To], live: -1, pairN: 1})
			join(&lents[len(lents)-1])
		}
	}
	all := make([]*linkEnt, len(lents))
	for i := range lents {
		all[i] = &lents[i]
		b.numberPair(all[i])
	}
	b.lidx.InsertAll(all, func(e *linkEnt) geom.Rect { return e.from.Rect().Union(e.to.Rect()) })
}

// linkNote is what beforeChange saw, for afterChange.
type linkNote struct {
	ids    []string
	quotes map[string]bool // quotes whose field links may change
}

// beforeChange notes, before Changed applies ids, the quotes whose links
// from their fields may change: the quotes changed, and the quotes at the
// ends of the links changed (as they were and as they are). A card a
// quote names cannot come back without the quote (a board refuses a
// reference to no card), so the quotes changed are all there are.
func (b *Board) beforeChange(ids []string) *linkNote {
	n := &linkNote{ids: ids}
	note := func(id string) {
		if n.quotes == nil {
			n.quotes = map[string]bool{}
		}
		n.quotes[id] = true
	}
	isQuote := func(id string) bool {
		c := b.m.Cards[id]
		return c != nil && c.Kind == data.KindQuote
	}
	for _, id := range ids {
		if c := b.m.Cards[id]; c != nil {
			old := b.cards[id]
			same := old != nil && old.c.Kind == c.Kind && old.c.SpeakerID == c.SpeakerID && old.c.SourceID == c.SourceID
			if c.Kind == data.KindQuote && !same { // a quote moved keeps its links
				note(id)
			}
			continue
		}
		if e := b.links[id]; e != nil {
			note(e.from.id)
			note(e.to.id)
		}
		if l := b.m.Links[id]; l != nil {
			if isQuote(l.From) {
				note(l.From)
			}
			if isQuote(l.To) {
				note(l.To)
			}
		}
	}
	return n
}

// afterChange brings the links of quotes' fields up to date after
// Changed, and moves the labels that a changed card now covers.
func (b *Board) afterChange(n *linkNote) {
	for id := range n.quotes {
		b.syncQuoteLinks(id)
	}
	if !b.sc.hasCulled {
		return
	}
	for _, id := range n.ids {
		e := b.cards[id]
		if e == nil || e.view == nil { // a label out of view is placed when it comes in
			continue
		}
		r := cardRect(e.c)
		b.lidx.Query(r, func(le *linkEnt) {
			if v := le.view; v != nil && v.labelOn && v.labelR.Intersects(r) {
				b.sc.syncLink(le)
			}
		})
	}
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

// pairGap is the distance, in board units, between links that join the
// same two cards, so that each can be seen and clicked.
const pairGap = 14
