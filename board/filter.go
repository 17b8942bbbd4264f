package board

import (
	"sort"
	"strings"

	"evidenceboard/data"
)

// SetFilter dims the cards that do not contain query (ignoring case) in
// any text field, tags included, and returns the IDs of those that do,
// in reading order (see readingOrder). An empty query clears the filter
// and returns nil.
func (b *Board) SetFilter(query string) (matches []string) {
	q := strings.ToLower(strings.TrimSpace(query))
	b.filter = q
	if q == "" {
		b.match = nil
	} else {
		b.match = map[string]bool{}
		for id, e := range b.cards {
			if b.matches(e) {
				b.match[id] = true
				matches = append(matches, id)
			}
		}
		matches = b.readingOrder(matches)
	}
	b.sc.syncAll()
	return matches
}

// Filter is the current filter query, lower-cased; "" when none.
func (b *Board) Filter() string { return b.filter }

// IsDimmed reports whether card id is dimmed by the filter.
func (b *Board) IsDimmed(id string) bool {
	return b.match != nil && b.cards[id] != nil && !b.match[id]
}

// matches reports whether card e matches the filter.
func (b *Board) matches(e *cardEnt) bool {
	if b.filter == "" {
		return true
	}
	if e.text == "" {
		e.text = searchText(e.c)
	}
	return strings.Contains(e.text, b.filter)
}

// searchText is every text field of c a search looks in, tags included,
// lower-cased and joined by a character no query holds, so no match
// spans two fields.
func searchText(c *data.Card) string {
	fields := []string{c.Title, c.Body, c.QuoteText, c.PartyType, c.Role, c.Locator, string(c.Status),
		c.Reliability, c.Date, c.Publisher, c.URL, c.Kind.Label()}
	fields = append(fields, c.Tags...)
	return strings.ToLower(strings.Join(fields, "\x00")) + "\x00"
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
