package board

import (
	"sort"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// Groups (data.KindGroup) are cards to the board's index, selection and
// links, but drawn as frames under everything (groupview.go), and a folded
// group hides its members: they have no objects, cannot be hit, and their
// links are drawn to the folded group instead, one line where several
// would lie on top of each other.

// Folded groups are drawn as one card of this size (or the frame's, when
// smaller), at the frame's top-left corner, so that unfolding puts the
// frame back where it was.
const (
	foldedW = 220
	foldedH = 96
)

// groups is the board's state for groups: the frames' objects and what
// follows from the model's groups, worked out when first needed after a
// change.
type groups struct {
	views map[*cardEnt]*frameView
	free  []*frameView
	layer *fyne.Container // under the links; the scene's first world layer
	cache *groupCache
	drop  *cardEnt // the frame a drag in progress would drop into
}

// groupCache is what the model's groups make of the board; it is dropped
// by every Changed and SetModel and made again when first asked for.
type groupCache struct {
	members map[string][]*cardEnt // group ID → its members, by ID
	// dup marks links that lie on another link once their ends are
	// folded away: only the first, by ID, of each pair of ends is drawn.
	dup map[*linkEnt]bool
}

// newLayer makes the layer the frames are drawn in.
func (g *groups) newLayer() *fyne.Container {
	g.layer = &fyne.Container{}
	return g.layer
}

// groupRect is where group c is drawn: its frame, or the card it folds
// into. cardRect uses it, so the index, hit tests and links all see a
// folded group at its folded size.
func groupRect(c *data.Card) geom.Rect {
	r := geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height}
	if c.Folded {
		r.W, r.H = min(r.W, foldedW), min(r.H, foldedH)
	}
	return r
}

// isFrame reports whether e is a group drawn as a frame (not folded).
func isFrame(e *cardEnt) bool { return e.c.Kind == data.KindGroup && !e.c.Folded }

// foldedInto is the folded group card e is hidden in, or nil.
func (b *Board) foldedInto(e *cardEnt) *cardEnt {
	if e.c.Group == "" {
		return nil
	}
	if g := b.cards[e.c.Group]; g != nil && g.c.Kind == data.KindGroup && g.c.Folded {
		return g
	}
	return nil
}

// foldedAway reports whether card e is hidden because its group is
// folded. It is one of the board's reasons to hide a card (with the
// filters'): a hidden card has no objects and is never hit.
func (b *Board) foldedAway(e *cardEnt) bool { return b.foldedInto(e) != nil }

// shownEnd is the card a link end is drawn at: the card, or the folded
// group it is hidden in.
func (b *Board) shownEnd(e *cardEnt) *cardEnt {
	if g := b.foldedInto(e); g != nil {
		return g
	}
	return e
}

// linkFoldedAway reports whether link le is not drawn because of a
// folded group: both its ends are in the same folded group, or it would
// lie on a link drawn already.
func (b *Board) linkFoldedAway(le *linkEnt) bool {
	from, to := b.shownEnd(le.from), b.shownEnd(le.to)
	if from == le.from && to == le.to && from.c.Kind != data.KindGroup && to.c.Kind != data.KindGroup {
		return false // the common case: no group involved
	}
	if from == to {
		return from != le.from || to != le.to
	}
	return b.groupInfo().dup[le]
}

// groupInfo is the board's group cache, made if need be.
func (b *Board) groupInfo() *groupCache {
	if c := b.grp.cache; c != nil {
		return c
	}
	c := &groupCache{members: map[string][]*cardEnt{}, dup: map[*linkEnt]bool{}}
	for _, e := range b.cards {
		if g := e.c.Group; g != "" && b.cards[g] != nil {
			c.members[g] = append(c.members[g], e)
		}
	}
	for _, list := range c.members {
		sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	}
	// The links of folded groups and of their members, by the ends they
	// are drawn between: the first by ID of each pair of ends is drawn.
	cand := map[*linkEnt]bool{}
	for gid, list := range c.members {
		if !b.cards[gid].c.Folded {
			continue
		}
		for _, le := range b.cards[gid].links {
			cand[le] = true
		}
		for _, e := range list {
			for _, le := range e.links {
				cand[le] = true
			}
		}
	}
	type ends struct{ a, z *cardEnt }
	key := func(le *linkEnt) ends {
		a, z := b.shownEnd(le.from), b.shownEnd(le.to)
		if a.id > z.id {
			a, z = z, a
		}
		return ends{a, z}
	}
	first := map[ends]*linkEnt{}
	for le := range cand {
		if k := key(le); k.a != k.z && !linkHidden(le) && (first[k] == nil || le.id < first[k].id) { // a link the filter hides stands for none
			first[k] = le
		}
	}
	for le := range cand {
		if k := key(le); k.a != k.z && first[k] != le {
			c.dup[le] = true
		}
	}
	b.grp.cache = c
	return c
}

// membersOf is the cards in group id, sorted by ID.
func (b *Board) membersOf(id string) []*cardEnt { return b.groupInfo().members[id] }

// groupsTouched reports whether a change to the cards ids touches a
// group or a member of one, as they were or as they are now: then what
// is hidden and where links are drawn may change beyond those cards.
// Changed asks before it files the change.
func (b *Board) groupsTouched(ids []string) bool {
	for _, id := range ids {
		var was *data.Card
		if e := b.cards[id]; e != nil {
			was = e.c
		}
		if foldMatters(was, b.m.Cards[id]) {
			return true
		}
	}
	return false
}

// foldMatters reports whether a card's change from was to now (nil: not
// on the board) can change what groups hide or where links to a folded
// group are drawn: a card joining, leaving, added to or deleted from a
// group, a group folded, unfolded or made, a folded group moved. Typing
// into a grouped card's title does not, and must not cull the whole
// board again.
func foldMatters(was, now *data.Card) bool {
	grouped := func(c *data.Card) bool { return c != nil && (c.Kind == data.KindGroup || c.Group != "") }
	switch {
	case !grouped(was) && !grouped(now):
		return false
	case was == nil || now == nil || was == now: // added, deleted, or changed in place
		return true
	case was.Kind != now.Kind || was.Group != now.Group || was.Folded != now.Folded:
		return true
	}
	return now.Kind == data.KindGroup && now.Folded && cardRect(was) != cardRect(now)
}

// refold draws again what groups hide and show, after a change that
// touched them (see groupsTouched): the view is culled afresh, so cards
// and links folded away lose their objects and those unfolded get them.
func (b *Board) refold() {
	b.grp.cache = nil
	b.sc.cull(true)
	b.sc.syncAll()
}

// memberCount is how many cards group id holds.
func (b *Board) memberCount(id string) int { return len(b.membersOf(id)) }

// Members returns the IDs of the cards in group id, sorted.
func (b *Board) Members(id string) []string {
	list := b.membersOf(id)
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.id
	}
	return out
}

// IsFoldedAway reports whether card id is hidden in a folded group.
func (b *Board) IsFoldedAway(id string) bool {
	e := b.cards[id]
	return e != nil && b.foldedAway(e)
}

// LinkShown reports whether link id is drawn (it may be drawn to a
// folded group rather than to its own cards), and between which cards.
func (b *Board) LinkShown(id string) (from, to string, shown bool) {
	le := b.links[id]
	if le == nil || b.linkFoldedAway(le) {
		return "", "", false
	}
	return b.shownEnd(le.from).id, b.shownEnd(le.to).id, true
}

// hidesFolded and foldDependents are groups' reason to hide a card, in
// the shape of the board's hide rules (the filters' hide.go, where they
// join as one line: hideRule{hides: hidesFolded, dependents:
// foldDependents}): a card folded away is hidden, and a change to a group
// changes its members' answer.
func hidesFolded(b *Board, e *cardEnt) bool { return b.foldedAway(e) }

func foldDependents(b *Board, e *cardEnt) []*cardEnt {
	if e.c.Kind != data.KindGroup {
		return nil
	}
	return b.membersOf(e.id)
}
