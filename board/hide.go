package board

import (
	"evidenceboard/data/view"
)

// Hiding, unlike the search's dimming, takes a card off the board: a
// hidden card is not drawn, nor are the links that touch it, and nothing
// can click, band-select, select all or nudge it. It is done in one
// place: a hidden card is taken out of the spatial index, so every query
// — culling, hit tests, the rubber band — skips it without knowing of
// hiding, and the selection drops it. Links stay filed (re-filing the
// links of 100,000 cards would cost more than all the rest of a filter
// change): the queries of links, culling and the hit test (nearestLink;
// a label is hit only while drawn), skip those with a hidden card
// (linkHidden).
//
// IsHidden is the one predicate a caller asks. A card is hidden when the
// person's filter (view.Filter, set by SetHidden) does not show it, when
// any of hideRules hides it, or when it is folded away in a group. To add
// a reason whose cards simply leave the board with their links, write its
// two functions in the reason's own file and add one line to hideRules
// (hides: whether a card is hidden; dependents: the cards whose answer
// changes when a card changes).
//
// Folded groups keep their own test (groupfold.go: foldedAway,
// linkFoldedAway), consulted beside e.hidden where cards and links get
// objects and are hit: a folded member's links are not hidden but drawn
// to its folded group, which linkHidden (a link with a hidden end is
// hidden) would undo, so groups' hidesFolded must not join hideRules as
// it stands. Shown counts what the filter and hideRules hide, not what is
// folded away: "showing 12 of 48" speaks of the filter.
//
// Costs: SetHidden judges every card once; a change reported by Changed
// judges only the cards it names (and, for a rule's dependents or the
// filter's party, the few cards whose answer follows from them).

// hideRule is one reason, besides the filter, to hide a card.
type hideRule struct {
	// hides reports whether the rule hides card e.
	hides func(b *Board, e *cardEnt) bool
	// dependents, if not nil, lists the cards whose answer may change
	// when card e changed (beyond e itself).
	dependents func(b *Board, e *cardEnt) []*cardEnt
}

// hideRules are the reasons besides the filter to hide a card.
var hideRules = []hideRule{}

// hideState is what the board hides.
type hideState struct {
	f      view.Filter
	active bool // f hides something; false skips judging by it
	n      int  // cards hidden
}

// SetHidden hides the cards f does not show, and the links that touch
// them; the zero Filter shows every card. The search's dimming is kept.
// It costs one pass over the cards.
func (b *Board) SetHidden(f view.Filter) {
	b.hide.f, b.hide.active = f, !f.IsZero()
	b.rehideAll()
}

// Hidden returns the filter set by SetHidden.
func (b *Board) Hidden() view.Filter { return b.hide.f }

// IsHidden reports whether card id is hidden, by the filter or another
// rule, or link id is hidden because one of its cards is.
func (b *Board) IsHidden(id string) bool {
	if e := b.cards[id]; e != nil {
		return e.hidden || b.foldedAway(e)
	}
	if e := b.links[id]; e != nil {
		return linkHidden(e) || b.linkFoldedAway(e)
	}
	return false
}

// Shown reports how many cards are shown and how many the board holds:
// "showing 12 of 48".
func (b *Board) Shown() (shown, total int) { return len(b.cards) - b.hide.n, len(b.cards) }

func linkHidden(e *linkEnt) bool { return e.from.hidden || e.to.hidden }

// hides judges card e.
func (b *Board) hides(e *cardEnt) bool {
	if b.hide.active && !b.hide.f.Match(e.c, boardLinks{b}) {
		return true
	}
	for _, r := range hideRules {
		if r.hides(b, e) {
			return true
		}
	}
	return false
}

// boardLinks answers view.Links from the links the board files by card.
type boardLinks struct{ b *Board }

// Linked looks through the card's own links, so it costs the card's
// links, not the board's.
func (l boardLinks) Linked(card, other string) bool {
	e := l.b.cards[card]
	if e == nil {
		return false
	}
	for _, le := range e.links {
		if le.from.id == other || le.to.id == other {
			return true
		}
	}
	return false
}

// file judges card e and files it in the spatial index, or takes it out
// while hidden; it reports whether e's hidden state changed. Its links
// are the caller's to re-file (fileLinkEnt).
func (b *Board) file(e *cardEnt) bool {
	b.box.valid = false
	h := b.hides(e)
	changed := h != e.hidden
	if changed {
		e.hidden = h
		if h {
			b.hide.n++
		} else {
			b.hide.n--
		}
		b.search.order = nil
	}
	if h {
		b.cidx.Remove(e)
		if b.hover == e {
			b.hover = nil
		}
	} else {
		b.cidx.Insert(e, cardRect(e.c))
	}
	return changed
}

// fileLinkEnt files link e in the spatial index between its cards (as
// they were last filed: a hidden card's place is brought up to date when
// it is shown, and its links filed again).
func (b *Board) fileLinkEnt(e *linkEnt) {
	b.lidx.Insert(e, e.from.Rect().Union(e.to.Rect()))
}

// forgetHidden drops card e, deleted, from the count of hidden cards.
func (b *Board) forgetHidden(e *cardEnt) {
	if e.hidden {
		e.hidden = false
		b.hide.n--
	}
}

// linkRejudge lists the ends of link e whose hidden state may follow from
// the link: with a party in the filter, the card at the other end of a
// link that came or went to the party.
func (b *Board) linkRejudge(e *linkEnt) []*cardEnt {
	p := b.hide.f.Party
	if !b.hide.active || p == "" {
		return nil
	}
	var out []*cardEnt
	for _, x := range [2]*cardEnt{e.from, e.to} {
		if b.cards[x.id] == x && (e.from.id == p || e.to.id == p) {
			out = append(out, x)
		}
	}
	return out
}

// rejudgeDependents judges again the cards the hide rules say depend on
// the touched cards, files them, and returns those whose state changed.
func (b *Board) rejudgeDependents(touched map[*cardEnt]bool) []*cardEnt {
	var out []*cardEnt
	for _, r := range hideRules {
		if r.dependents == nil {
			continue
		}
		for e := range touched {
			for _, d := range r.dependents(b, e) {
				if !touched[d] && b.file(d) {
					out = append(out, d)
				}
			}
		}
	}
	return out
}

// rehideAll judges every card again (the filter changed, or a new
// model), re-files what changed, drops hidden cards and links from the
// selection and redraws the view.
func (b *Board) rehideAll() {
	var changed []*cardEnt
	for _, e := range b.cards {
		// A card whose answer stands is filed as it is (its place did
		// not change): only the cards that flip cost an index update.
		if b.hides(e) != e.hidden && b.file(e) {
			changed = append(changed, e)
		}
	}
	b.search.order = nil
	if len(changed) == 0 {
		return
	}
	b.grp.cache = nil // which of a folded group's links is drawn follows what is hidden
	for _, e := range changed {
		if !e.hidden {
			for _, le := range e.links {
				b.fileLinkEnt(le)
			}
		}
	}
	if len(b.sel) > 0 {
		b.setSelection(b.copySel()) // setSelection drops what is hidden
	}
	if b.search.query != "" {
		b.SetFilter(b.search.query) // the count of matches shown
	}
	b.sc.cull(true)
	b.sc.syncAll()
}

// shownOnly returns a selection without the cards and links the filter
// and hideRules hide (sel itself when it has none); what folded groups do
// with a selection is theirs.
func (b *Board) shownOnly(sel map[string]bool) map[string]bool {
	if b.hide.n == 0 {
		return sel
	}
	hidden := func(id string) bool {
		if e := b.cards[id]; e != nil {
			return e.hidden
		}
		e := b.links[id]
		return e != nil && linkHidden(e)
	}
	var out map[string]bool
	for id := range sel {
		if hidden(id) {
			if out == nil {
				out = make(map[string]bool, len(sel))
				for k, v := range sel {
					out[k] = v
				}
			}
			delete(out, id)
		}
	}
	if out == nil {
		return sel
	}
	return out
}

// unselectHidden drops from the selection the touched cards that are now
// hidden, and their links; it reports whether the selection changed.
func (b *Board) unselectHidden(touched map[*cardEnt]bool) bool {
	if b.hide.n == 0 || len(b.sel) == 0 {
		return false
	}
	changed := false
	drop := func(id string) {
		if b.sel[id] {
			delete(b.sel, id)
			changed = true
		}
	}
	for e := range touched {
		if e.hidden {
			drop(e.id)
			for _, le := range e.links {
				drop(le.id)
			}
		}
	}
	return changed
}
