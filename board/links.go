package board

import (
	"math"
	"sort"

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

// pairGap is the distance, in board units, between links that join the
// same two cards, so that each can be seen and clicked.
const pairGap = 14
