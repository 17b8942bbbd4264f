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
	next = b.shownOnly(next) // hide.go
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
