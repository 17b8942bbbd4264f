// Package view holds what a person chooses to see of a board: the filter
// that hides cards by kind, status, grade, tag, date and party. It knows
// cards but not how they are drawn, so the board widget, the app's filter
// panel and any other view of a board (the timeline, a report) judge a
// card the same way: Filter.Match is the one rule.
package view

import (
	"slices"

	"evidenceboard/data"
)

// Filter is the criteria a card must meet to be shown. The zero Filter
// shows every card. Each criterion left empty does not filter; criteria
// that are set must all be met. A criterion about a field only some kinds
// carry (a claim's status, the grades of claims and sources) judges only
// those kinds and lets the others through: combine it with Kinds to see
// only, say, refuted claims.
//
// Treat a Filter as a value: the With… methods return a changed copy and
// never change the slices of the original.
type Filter struct {
	// Kinds are the kinds shown; empty shows every kind.
	Kinds []data.Kind
	// Statuses are the claim statuses shown (data.StatusNone for a claim
	// not assessed); empty shows every claim.
	Statuses []data.Status
	// Reliabilities are the source reliability grades shown, "A".."F",
	// and "" for ungraded; empty shows every grade. Claims and sources
	// carry grades.
	Reliabilities []string
	// Credibilities are the information credibility grades shown, 1..6,
	// and 0 for ungraded; empty shows every grade.
	Credibilities []int
	// HiddenTags are the tags (strands) hidden: a tagged card is hidden
	// when every one of its tags is hidden, so a card on a strand that is
	// still shown stays. Tags compare as the cards store them.
	HiddenTags []string
	// HideUntagged hides cards without a tag, to see only the strands.
	HideUntagged bool
	// From and To bound the dates shown (either may be zero, an open
	// end). A dated card is shown when its span meets the range, partial
	// dates as spans: a card dated "2018" is shown for a range from
	// April 2018, and To "2018-04" takes in the whole of April.
	From, To data.Date
	// HideUndated hides the cards with no readable date while a range is
	// set; otherwise they stay, since parties and notes have none.
	HideUndated bool
	// Party, a party card's ID, shows only that party, the cards linked
	// to it (either way) and the quotes it speaks.
	Party string
}

// Links tells whether a link joins two cards; Match asks it only when the
// filter names a party. The board answers from its own links by card;
// LinksOf builds one for a model.
type Links interface {
	Linked(card, other string) bool
}

// IsZero reports whether f shows every card.
func (f *Filter) IsZero() bool {
	return len(f.Kinds) == 0 && len(f.Statuses) == 0 && len(f.Reliabilities) == 0 &&
		len(f.Credibilities) == 0 && len(f.HiddenTags) == 0 && !f.HideUntagged &&
		f.From.IsZero() && f.To.IsZero() && f.Party == ""
}

// Equal reports whether f and o hold the same criteria (in the same order).
func (f *Filter) Equal(o *Filter) bool {
	return slices.Equal(f.Kinds, o.Kinds) && slices.Equal(f.Statuses, o.Statuses) &&
		slices.Equal(f.Reliabilities, o.Reliabilities) && slices.Equal(f.Credibilities, o.Credibilities) &&
		slices.Equal(f.HiddenTags, o.HiddenTags) && f.HideUntagged == o.HideUntagged &&
		f.From == o.From && f.To == o.To && f.HideUndated == o.HideUndated && f.Party == o.Party
}

// graded reports whether cards of kind k carry Admiralty grades.
func graded(k data.Kind) bool { return k == data.KindClaim || k == data.KindSource }

// Match reports whether card c meets every criterion of f. links is asked
// only when f names a party and may then not be nil.
func (f *Filter) Match(c *data.Card, links Links) bool {
	// A group's frame is not evidence of a kind: it stays while its
	// members are shown (folding is the groups' own rule).
	if len(f.Kinds) > 0 && c.Kind != data.KindGroup && !slices.Contains(f.Kinds, c.Kind) {
		return false
	}
	if len(f.Statuses) > 0 && c.Kind == data.KindClaim && !slices.Contains(f.Statuses, c.Status) {
		return false
	}
	if graded(c.Kind) {
		if len(f.Reliabilities) > 0 && !slices.Contains(f.Reliabilities, c.Reliability) {
			return false
		}
		if len(f.Credibilities) > 0 && !slices.Contains(f.Credibilities, c.Credibility) {
			return false
		}
	}
	if !f.tagsShown(c.Tags) {
		return false
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		if d, ok := c.DateOf(); ok {
			if (!f.From.IsZero() && !d.End().After(f.From.Start())) || (!f.To.IsZero() && !d.Start().Before(f.To.End())) {
				return false
			}
		} else if f.HideUndated {
			return false
		}
	}
	if f.Party != "" && c.ID != f.Party && c.SpeakerID != f.Party && !links.Linked(c.ID, f.Party) {
		return false
	}
	return true
}

// tagsShown reports whether a card with these tags passes the tag
// criteria: untagged unless HideUntagged, tagged while one tag is shown.
func (f *Filter) tagsShown(tags []string) bool {
	if len(tags) == 0 {
		return !f.HideUntagged
	}
	if len(f.HiddenTags) == 0 {
		return true
	}
	for _, t := range tags {
		if !slices.Contains(f.HiddenTags, t) {
			return true
		}
	}
	return false
}

// TagHidden reports whether f hides tag.
func (f *Filter) TagHidden(tag string) bool { return slices.Contains(f.HiddenTags, tag) }

// WithTagHidden returns f with tag hidden or shown.
func (f Filter) WithTagHidden(tag string, hidden bool) Filter {
	f.HiddenTags = toggle(f.HiddenTags, tag, hidden)
	return f
}

// WithKind returns f with kind k shown or not. Showing every kind
// empties Kinds, so that a kind added to the app later is shown too.
func (f Filter) WithKind(k data.Kind, shown bool, all []data.Kind) Filter {
	cur := f.Kinds
	if len(cur) == 0 {
		cur = all
	}
	f.Kinds = toggle(cur, k, shown)
	if len(f.Kinds) == len(all) {
		f.Kinds = nil
	}
	return f
}

// toggle returns list with v in it or not, as a new slice; list is not
// changed.
func toggle[T comparable](list []T, v T, in bool) []T {
	out := make([]T, 0, len(list)+1)
	for _, x := range list {
		if x != v {
			out = append(out, x)
		}
	}
	if in {
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// linkSet is Links over a set of pairs.
type linkSet map[[2]string]bool

func (s linkSet) Linked(a, b string) bool { return s[[2]string{a, b}] }

// LinksOf is the links of m as Links, for judging cards outside the board
// widget (which keeps its own). It costs one pass over m's links.
func LinksOf(m *data.Model) Links {
	s := make(linkSet, 2*len(m.Links))
	for _, l := range m.Links {
		s[[2]string{l.From, l.To}] = true
		s[[2]string{l.To, l.From}] = true
	}
	return s
}

// Shown returns the IDs of m's cards that f shows, and how many cards m
// has: "showing 12 of 48".
func (f *Filter) Shown(m *data.Model) (ids []string, total int) {
	var links Links
	if f.Party != "" {
		links = LinksOf(m)
	}
	for id, c := range m.Cards {
		if f.Match(c, links) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, len(m.Cards)
}
