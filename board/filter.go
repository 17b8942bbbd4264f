package board

import (
	"bytes"
	"sort"
	"strings"

	"evidenceboard/data"
)

// Search dims the cards that do not contain the query. A keystroke must
// cost little on a board of 100,000 cards, so:
//
//   - every card's searchable text, lower-cased, sits in one buffer (the
//     search index), made when a search first needs it; a changed card's
//     old text is left dead in place and its new text appended, and the
//     buffer is compacted once more than half of it is dead. A search is
//     then one bytes.Index pass over contiguous memory, not a walk of a
//     map of cards;
//   - which cards match is a mark per text (hit == gen), so a new query
//     marks its matches without clearing the old ones;
//   - a query that contains the previous one can only match cards that
//     matched that one: it looks at those alone (narrowing);
//   - the reading order of the matches, a sort, is made only when asked
//     for (Matches: Enter in the search box);
//   - only the cards and links in view whose dimming changed are redrawn.

// compactMin is the least dead text, in bytes, worth compacting the
// search index for (a variable for tests).
var compactMin = 1 << 20

// searchIndex is the board's search state: see above.
type searchIndex struct {
	built   bool
	buf     []byte
	segs    []searchSeg // in buffer order
	hit     []uint32    // by seg: gen when the seg matches the query
	garbage int         // bytes of buf held by dead segs
	stale   []*cardEnt  // cards changed while no search ran, to index before the next

	query string  // lower-cased; "" when no search is shown
	gen   uint32  // the mark of the current query's matches
	found []int32 // every seg that matches the query (and maybe some dead ones)
	count int     // shown cards that match
	order []string

	compactions int // for tests
}

// searchSeg is one card's text in the buffer; e is nil once the card
// changed or went.
type searchSeg struct {
	start, end int
	e          *cardEnt
}

// SetFilter dims the cards that do not contain query (as searches compare
// text: case, quote marks, dashes and white space aside) in any text
// field, tags included, and returns how many cards match, hidden cards
// aside; Matches lists them. An empty query clears the search.
func (b *Board) SetFilter(query string) int {
	s := &b.search
	q := data.SearchKey(strings.ReplaceAll(query, "\x00", ""))
	s.order = nil
	if q == "" {
		s.query, s.found, s.count = "", s.found[:0], 0
		s.nextGen()
		b.syncDims()
		return 0
	}
	b.indexAll()
	narrow := s.query != "" && strings.Contains(q, s.query)
	if s.garbage > len(s.buf)/2 && s.garbage >= compactMin {
		b.compactSearch()
		narrow = false
	}
	s.query = q
	s.nextGen()
	qb := []byte(q)
	if narrow {
		kept := s.found[:0] // written behind where it reads
		for _, i := range s.found {
			if sg := s.segs[i]; sg.e != nil && bytes.Contains(s.buf[sg.start:sg.end], qb) {
				s.hit[i] = s.gen
				kept = append(kept, i)
			}
		}
		s.found = kept
	} else {
		s.found = s.found[:0]
		si := 0
		for pos := 0; ; {
			k := bytes.Index(s.buf[pos:], qb)
			if k < 0 {
				break
			}
			p := pos + k
			for s.segs[si].end <= p {
				si++
			}
			if s.segs[si].e != nil {
				s.hit[si] = s.gen
				s.found = append(s.found, int32(si))
			}
			pos = s.segs[si].end
		}
	}
	s.count = len(s.found)
	if b.hide.n > 0 {
		s.count = 0
		for _, i := range s.found {
			if e := s.segs[i].e; e != nil && !e.hidden {
				s.count++
			}
		}
	}
	b.syncDims()
	return s.count
}

// Matches returns the IDs of the shown cards that match the search, in
// reading order (see readingOrder), or nil when no search is shown.
func (b *Board) Matches() []string {
	s := &b.search
	if s.query == "" {
		return nil
	}
	if s.order == nil {
		ids := make([]string, 0, s.count)
		for _, i := range s.found {
			if e := s.segs[i].e; e != nil && s.hit[i] == s.gen && !e.hidden {
				ids = append(ids, e.id)
			}
		}
		s.order = b.readingOrder(ids)
	}
	return s.order
}

// Filter is the current search query, lower-cased; "" when none.
func (b *Board) Filter() string { return b.search.query }

// IsDimmed reports whether card id is dimmed by the search.
func (b *Board) IsDimmed(id string) bool {
	e := b.cards[id]
	return e != nil && b.dims(e)
}

// dims reports whether card e is dimmed by the search.
func (b *Board) dims(e *cardEnt) bool {
	s := &b.search
	return s.query != "" && (e.sseg == 0 || s.hit[e.sseg-1] != s.gen)
}

func (s *searchIndex) nextGen() {
	s.gen++
	if s.gen == 0 { // wrapped: no old mark may pass for the new one
		clear(s.hit)
		s.gen = 1
	}
}

// indexAll makes the search index on the first search, and adds the text
// of the cards changed since the last.
func (b *Board) indexAll() {
	s := &b.search
	if !s.built {
		s.built = true
		for _, e := range b.cards {
			b.indexText(e)
		}
		s.stale = nil
		return
	}
	for _, e := range s.stale {
		if e.sseg == 0 && b.cards[e.id] == e {
			b.indexText(e)
		}
	}
	s.stale = s.stale[:0]
}

// indexText appends card e's text to the search index.
func (b *Board) indexText(e *cardEnt) {
	s := &b.search
	start := len(s.buf)
	s.buf = appendSearchText(s.buf, e.c)
	s.segs = append(s.segs, searchSeg{start: start, end: len(s.buf), e: e})
	s.hit = append(s.hit, 0)
	e.sseg = int32(len(s.segs))
}

// unindex marks card e's text in the search index dead.
func (b *Board) unindex(e *cardEnt) {
	s := &b.search
	if e.sseg == 0 {
		return
	}
	sg := &s.segs[e.sseg-1]
	sg.e = nil
	s.garbage += sg.end - sg.start
	e.sseg = 0
}

// searchChanged keeps the search true for card e, which changed: a single
// edit costs this card's text, never the board's.
func (b *Board) searchChanged(e *cardEnt) {
	s := &b.search
	if !s.built {
		return
	}
	b.unindex(e)
	s.order = nil
	if s.query == "" {
		s.stale = append(s.stale, e)
		return
	}
	b.indexText(e)
	sg := s.segs[e.sseg-1]
	if bytes.Contains(s.buf[sg.start:sg.end], []byte(s.query)) {
		s.hit[e.sseg-1] = s.gen
		s.found = append(s.found, e.sseg-1)
	}
}

// searchForget drops card e, deleted, from the search.
func (b *Board) searchForget(e *cardEnt) {
	b.unindex(e)
	b.search.order = nil
}

// compactSearch rewrites the search index without its dead text; the
// next search looks at every card.
func (b *Board) compactSearch() {
	s := &b.search
	old, segs := s.buf, s.segs
	s.buf = make([]byte, 0, len(old)-s.garbage)
	s.segs = make([]searchSeg, 0, len(segs))
	for _, sg := range segs {
		if sg.e == nil {
			continue
		}
		start := len(s.buf)
		s.buf = append(s.buf, old[sg.start:sg.end]...)
		s.segs = append(s.segs, searchSeg{start: start, end: len(s.buf), e: sg.e})
		sg.e.sseg = int32(len(s.segs))
	}
	s.hit = make([]uint32, len(s.segs))
	s.found, s.garbage, s.gen = s.found[:0], 0, 0
	s.compactions++
}

// resetSearch forgets the search and its index, for a new model.
func (b *Board) resetSearch() { b.search = searchIndex{} }

// syncDims redraws the cards and links in view whose dimming changed.
func (b *Board) syncDims() {
	for _, e := range b.sc.liveCards {
		if b.dims(e) != e.dimDrawn {
			b.sc.drawCard(e)
		}
	}
	for _, e := range b.sc.liveLinks {
		if b.linkDims(e) != e.dimDrawn {
			b.sc.drawLink(e)
		}
	}
}

// linkDims reports whether link e is dimmed: one of its cards is.
func (b *Board) linkDims(e *linkEnt) bool { return b.dims(e.from) || b.dims(e.to) }

// appendSearchText appends every text field of c a search looks in, tags
// included, as searches compare text (data.AppendSearchKey), each followed
// by a character no query holds, so no match spans two fields (or two
// cards).
func appendSearchText(buf []byte, c *data.Card) []byte {
	for _, f := range [...]string{c.Title, c.Body, c.QuoteText, c.PartyType, c.Role, c.Locator, string(c.Status),
		c.Reliability, c.Date, c.Publisher, c.URL, c.Kind.Label()} {
		buf = append(data.AppendSearchKey(buf, f), 0)
	}
	for _, t := range c.Tags {
		buf = append(data.AppendSearchKey(buf, t), 0)
	}
	return buf
}

// readingOrder sorts card IDs as a person reads a board: row by row from
// the top, left to right within a row. A card joins the current row when
// its top is above the middle of the row's first card, so cards a little
// out of line still read as one row.
func (b *Board) readingOrder(ids []string) []string {
	cards := make([]*data.Card, len(ids))
	for i, id := range ids {
		cards[i] = b.cards[id].c
	}
	sort.Slice(cards, func(i, j int) bool {
		if cards[i].Y != cards[j].Y {
			return cards[i].Y < cards[j].Y
		}
		return cards[i].ID < cards[j].ID
	})
	out := ids[:0]
	for start := 0; start < len(cards); {
		end := start + 1
		limit := cards[start].Y + cards[start].Height/2
		for end < len(cards) && cards[end].Y < limit {
			end++
		}
		row := cards[start:end]
		sort.SliceStable(row, func(i, j int) bool { return row[i].X < row[j].X })
		for _, c := range row {
			out = append(out, c.ID)
		}
		start = end
	}
	return out
}
