package board

import (
	"sort"
)

func (b *Board) copySel() map[string]bool {
	next := make(map[string]bool, len(b.sel)+1)
	for k := range b.sel {
		next[k] = true
	}
	return next
}

// Select makes ids (cards and links) the selection, in that order (see
// SelectedInOrder); unknown IDs are ignored.
func (b *Board) Select(ids ...string) {
	next := map[string]bool{}
	var order []string
	for _, id := range ids {
		if (b.cards[id] != nil || b.links[id] != nil) && !next[id] {
			next[id] = true
			order = append(order, id)
		}
	}
	b.setSelectionIn(next, order)
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

// SelectedInOrder returns the selected card and link IDs in the order they
// were selected: a click, then a Shift- or Ctrl-click, gives the first
// card clicked first. What one gesture selected at once (a rubber band,
// select all) follows, sorted by ID. "Connect selected cards" links the
// first selected to the second.
func (b *Board) SelectedInOrder() []string {
	out := make([]string, 0, len(b.sel))
	for _, id := range b.selOrder {
		if b.sel[id] {
			out = append(out, id)
		}
	}
	if len(out) != len(b.sel) { // never expected: fall back to every ID, sorted
		return b.Selected()
	}
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
func (b *Board) setSelection(next map[string]bool) { b.setSelectionIn(next, nil) }

// orderSortLimit is the most IDs newly selected in one gesture that are
// sorted into the selection order: a select-all of a huge board is not
// worth sorting for an order only two-card commands read.
const orderSortLimit = 4096

// setSelectionIn is setSelection with the order of the IDs that order
// names among those newly selected.
func (b *Board) setSelectionIn(next map[string]bool, order []string) {
	next = b.shownOnly(next) // hide.go
	var diff []string
	for id := range b.sel {
		if !next[id] {
			diff = append(diff, id)
		}
	}
	var added []string
	for id := range next {
		if !b.sel[id] {
			diff = append(diff, id)
			added = append(added, id)
		}
	}
	if len(diff) == 0 {
		return
	}
	// What stays selected keeps its place; what is new follows, in the
	// order given, then the rest of it sorted.
	keep := make([]string, 0, len(next))
	for _, id := range b.selOrder {
		if b.sel[id] && next[id] {
			keep = append(keep, id)
		}
	}
	placed := make(map[string]bool, len(order))
	for _, id := range order {
		if next[id] && !b.sel[id] && !placed[id] {
			placed[id] = true
			keep = append(keep, id)
		}
	}
	rest := added[:0:0]
	for _, id := range added {
		if !placed[id] {
			rest = append(rest, id)
		}
	}
	if len(rest) <= orderSortLimit {
		sort.Strings(rest)
	}
	b.selOrder = append(keep, rest...)
	b.sel = next
	raise := len(diff) <= 64 // raising is linear in the cards drawn: not for a select-all
	for _, id := range diff {
		if e := b.cards[id]; e != nil {
			b.sc.syncCard(e)
			if next[id] && raise {
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
