package data

import (
	"fmt"
	"sort"
)

// Model is a whole board in memory.
type Model struct {
	Board Board
	Cards map[string]*Card
	Links map[string]*Link
	// Documents are the source documents stored in the board, by SHA-256:
	// metadata only (see Document).
	Documents map[string]*Document

	// kinds counts the cards by kind once Counts has been asked for, and
	// Apply keeps it true, so the status bar costs nothing per edit. Code
	// that fills Cards directly does so before anything counts them.
	kinds map[Kind]int
}

// NewModel returns an empty board with the given properties.
func NewModel(b Board) *Model {
	return &Model{Board: b, Cards: map[string]*Card{}, Links: map[string]*Link{}, Documents: map[string]*Document{}}
}

// Validate checks every card and link and that links and quote
// references point at cards that exist.
func (m *Model) Validate() error {
	if err := m.Board.Validate(); err != nil {
		return err
	}
	for id, c := range m.Cards {
		if id != c.ID {
			return fmt.Errorf("card %s is filed under %s", c.ID, id)
		}
		if err := c.Validate(); err != nil {
			return err
		}
	}
	for _, l := range m.Links {
		if err := l.Validate(); err != nil {
			return err
		}
	}
	return m.validateRefs()
}

// validateRefs is Validate's check that every reference names a card
// that exists: the part that needs the whole board (load checks each card
// and link as it reads them, in parallel, then this).
func (m *Model) validateRefs() error {
	if err := m.validateCardRefs(); err != nil {
		return err
	}
	return validateLinkRefs(m.Cards, m.Links)
}

func (m *Model) validateCardRefs() error {
	for _, c := range m.Cards {
		for _, ref := range c.Refs() {
			if *ref != "" && m.Cards[*ref] == nil {
				return fmt.Errorf("card %s refers to missing card %s", c.ID, *ref)
			}
		}
		if c.Group != "" && m.Cards[c.Group].Kind != KindGroup {
			return fmt.Errorf("card %s is in %s, which is not a group", c.ID, c.Group)
		}
	}
	return nil
}

func validateLinkRefs(cards map[string]*Card, links map[string]*Link) error {
	for _, l := range links {
		if cards[l.From] == nil || cards[l.To] == nil {
			return fmt.Errorf("link %s points at a missing card", l.ID)
		}
	}
	return nil
}

// LinksOf returns the links that touch card id, sorted by ID.
func (m *Model) LinksOf(id string) []*Link {
	var out []*Link
	for _, l := range m.Links {
		if l.From == id || l.To == id {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Change is one edit of a board: what Store.Apply writes in one
// transaction and what undo reverses. Deletions are done before puts, and
// links after cards, so a change may delete and recreate, and may put a
// card together with the links that need it.
type Change struct {
	// ID is the change's UUID, given when it is written (Case.Apply). A
	// change replayed from another copy of the board keeps its ID, so each
	// copy can tell which changes it has seen.
	ID string
	// Label names the change for menus and the history ("Move 3 cards").
	Label       string
	DeleteLinks []string
	DeleteCards []string // their links go too; see Model.Expand
	Board       *Board
	PutCards    []Card // add, or replace the card with the same ID
	PutLinks    []Link
	// PutDocuments adds source documents (with their Bytes and Text) or
	// updates their metadata; DeleteDocuments removes them, bytes and all.
	// Documents are deleted after cards and put before them, so a change
	// may add a document and the source card that names it.
	PutDocuments    []Document
	DeleteDocuments []string
	// Amend makes the change continue the last one in the history:
	// typing a word into one field is one history entry, not one per key.
	// The change is still its own transaction.
	Amend bool
}

// Empty reports whether the change does nothing.
func (ch *Change) Empty() bool {
	return len(ch.DeleteLinks) == 0 && len(ch.DeleteCards) == 0 && ch.Board == nil &&
		len(ch.PutCards) == 0 && len(ch.PutLinks) == 0 && len(ch.PutDocuments) == 0 && len(ch.DeleteDocuments) == 0
}

// Expand makes a change's side effects explicit against m: deleting a
// card also deletes its links and clears speaker and source references to
// it. After Expand, Inverse restores everything the change takes away.
func (m *Model) Expand(ch Change) Change {
	ch = m.expandDocuments(ch)
	gone := map[string]bool{}
	for _, id := range ch.DeleteCards {
		gone[id] = true
	}
	if len(gone) == 0 {
		return ch
	}
	seen := map[string]bool{}
	for _, id := range ch.DeleteLinks {
		seen[id] = true
	}
	var extra []string
	for _, l := range m.Links {
		if (gone[l.From] || gone[l.To]) && !seen[l.ID] {
			extra = append(extra, l.ID)
		}
	}
	sort.Strings(extra)
	ch.DeleteLinks = append(append([]string(nil), ch.DeleteLinks...), extra...)
	put := map[string]bool{}
	for _, c := range ch.PutCards {
		put[c.ID] = true
	}
	var fixed []Card
	for _, c := range m.SortedCards() {
		if gone[c.ID] || put[c.ID] {
			continue
		}
		cc, changed := c.Clone(), false
		for _, ref := range cc.Refs() {
			if gone[*ref] {
				*ref, changed = "", true
			}
		}
		if changed {
			fixed = append(fixed, cc)
		}
	}
	if len(fixed) > 0 {
		ch.PutCards = append(append([]Card(nil), ch.PutCards...), fixed...)
	}
	return ch
}

// Inverse returns the change that undoes ch, given the model as it is
// before ch is applied. ch should have been through Expand.
func (m *Model) Inverse(ch Change) Change {
	inv := Change{Label: ch.Label}
	if n := len(ch.PutCards) + len(ch.DeleteCards); n > 0 {
		inv.PutCards = make([]Card, 0, n) // a bulk move's undo holds every card
	}
	for i := len(ch.PutLinks) - 1; i >= 0; i-- {
		l := ch.PutLinks[i]
		if old := m.Links[l.ID]; old != nil {
			inv.PutLinks = append(inv.PutLinks, *old)
		} else {
			inv.DeleteLinks = append(inv.DeleteLinks, l.ID)
		}
	}
	for i := len(ch.PutCards) - 1; i >= 0; i-- {
		c := ch.PutCards[i]
		if old := m.Cards[c.ID]; old != nil {
			inv.PutCards = append(inv.PutCards, old.Clone())
		} else {
			inv.DeleteCards = append(inv.DeleteCards, c.ID)
		}
	}
	if ch.Board != nil {
		b := m.Board
		inv.Board = &b
	}
	for i := len(ch.PutDocuments) - 1; i >= 0; i-- {
		d := ch.PutDocuments[i]
		if old := m.Documents[d.ID]; old != nil {
			inv.PutDocuments = append(inv.PutDocuments, *old)
		} else {
			inv.DeleteDocuments = append(inv.DeleteDocuments, d.ID)
		}
	}
	for _, id := range ch.DeleteDocuments {
		if old := m.Documents[id]; old != nil {
			// Metadata only: Case.Apply fills in the bytes and text from
			// the file before they go.
			inv.PutDocuments = append(inv.PutDocuments, *old)
		}
	}
	for _, id := range ch.DeleteCards {
		if old := m.Cards[id]; old != nil {
			inv.PutCards = append(inv.PutCards, old.Clone())
		}
	}
	for _, id := range ch.DeleteLinks {
		if old := m.Links[id]; old != nil {
			inv.PutLinks = append(inv.PutLinks, *old)
		}
	}
	return inv
}

// Apply makes ch in memory, in the same order the writer writes it.
func (m *Model) Apply(ch Change) {
	for _, id := range ch.DeleteLinks {
		delete(m.Links, id)
	}
	for _, id := range ch.DeleteCards {
		if old := m.Cards[id]; old != nil && m.kinds != nil {
			m.kinds[old.Kind]--
		}
		delete(m.Cards, id)
		for lid, l := range m.Links {
			if l.From == id || l.To == id {
				delete(m.Links, lid)
			}
		}
		for _, c := range m.Cards {
			for _, ref := range c.Refs() {
				if *ref == id {
					*ref = ""
				}
			}
		}
	}
	for _, id := range ch.DeleteDocuments {
		delete(m.Documents, id)
	}
	if ch.Board != nil {
		m.Board = *ch.Board
	}
	for _, d := range ch.PutDocuments {
		dd := d.meta()
		m.Documents[d.ID] = &dd
	}
	for _, c := range ch.PutCards {
		if m.kinds != nil {
			if old := m.Cards[c.ID]; old != nil {
				m.kinds[old.Kind]--
			}
			m.kinds[c.Kind]++
		}
		cc := c.Clone()
		m.Cards[c.ID] = &cc
	}
	for _, l := range ch.PutLinks {
		ll := l
		m.Links[l.ID] = &ll
	}
}

// Clone returns a copy of c that shares no memory with it.
func (c *Card) Clone() Card {
	cc := *c
	cc.Tags = append([]string(nil), c.Tags...)
	if len(cc.Tags) == 0 {
		cc.Tags = nil
	}
	return cc
}

// Clone returns a deep copy of m, for work off the UI thread (the brief)
// while the board goes on changing.
func (m *Model) Clone() *Model {
	out := NewModel(m.Board)
	for id, c := range m.Cards {
		cc := c.Clone()
		out.Cards[id] = &cc
	}
	for id, l := range m.Links {
		ll := *l
		out.Links[id] = &ll
	}
	for id, d := range m.Documents {
		dd := *d
		out.Documents[id] = &dd
	}
	return out
}

// expandDocuments makes deleting a document clear the cards that name it.
func (m *Model) expandDocuments(ch Change) Change {
	if len(ch.DeleteDocuments) == 0 {
		return ch
	}
	// A document deleted and put again in the same change (a refused
	// document's bytes replaced by good ones) keeps its cards.
	again := map[string]bool{}
	for _, d := range ch.PutDocuments {
		again[d.ID] = true
	}
	gone := map[string]bool{}
	for _, id := range ch.DeleteDocuments {
		gone[id] = !again[id]
	}
	put := map[string]bool{}
	for _, c := range ch.PutCards {
		put[c.ID] = true
	}
	var fixed []Card
	for _, c := range m.SortedCards() {
		if gone[c.Document] && !put[c.ID] {
			cc := c.Clone()
			cc.Document = ""
			fixed = append(fixed, cc)
		}
	}
	if len(fixed) > 0 {
		ch.PutCards = append(append([]Card(nil), ch.PutCards...), fixed...)
	}
	return ch
}
