package board

import (
	"sort"
	"strings"

	"evidenceboard/data"
)

// SetFilter dims the cards that do not contain query (ignoring case) in
// any text field, tags included, and returns the IDs of those that do,
// in reading order (top to bottom, then left to right). An empty query
// clears the filter and returns nil.
func (b *Board) SetFilter(query string) (matches []string) {
	q := strings.ToLower(strings.TrimSpace(query))
	b.filter = q
	if q == "" {
		b.match = nil
	} else {
		b.match = map[string]bool{}
		for id, e := range b.cards {
			if b.matches(e.c) {
				b.match[id] = true
				matches = append(matches, id)
			}
		}
		sort.Slice(matches, func(i, j int) bool {
			a, c := b.cards[matches[i]].c, b.cards[matches[j]].c
			if a.Y != c.Y {
				return a.Y < c.Y
			}
			if a.X != c.X {
				return a.X < c.X
			}
			return a.ID < c.ID
		})
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

// matches reports whether card c matches the filter.
func (b *Board) matches(c *data.Card) bool {
	if b.filter == "" {
		return true
	}
	fields := []string{c.Title, c.Body, c.QuoteText, c.PartyType, c.Role, c.Locator, string(c.Status),
		c.Reliability, c.Date, c.Publisher, c.URL, c.Kind.Label()}
	fields = append(fields, c.Tags...)
	for _, f := range fields {
		if f != "" && strings.Contains(strings.ToLower(f), b.filter) {
			return true
		}
	}
	return false
}
