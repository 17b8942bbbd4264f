package data

import (
	"cmp"
	"slices"
	"strings"
)

// TimelineCard is a card as a timeline shows it.
type TimelineCard struct {
	Card *Card
	// Date is the card's date; the zero Date for an undated card. A
	// partial date ("2018", "2018-04") is a span from Date.Start to
	// Date.End.
	Date Date
	// Parties are the party cards the card is linked to, by a link either
	// way or as a quote's speaker, by title then ID; never the card itself.
	// They are the theme lines the card sits on.
	Parties []*Card
}

// Timeline is a board's cards in time: what the timeline view draws and
// `evidenceboard timeline` prints.
type Timeline struct {
	// Dated are the cards with a readable date, in date order
	// (Date.Compare: a year before the months and days within it), ties
	// by title then ID, so the order never depends on map order.
	Dated []TimelineCard
	// Undated are the cards that belong on a timeline but cannot be
	// placed: events without a date, and cards whose date cannot be read
	// (a file from before dates were checked). By title then ID. Other
	// cards without a date (most claims, notes, parties) are not listed:
	// they were never meant to be in time.
	Undated []TimelineCard
	// Parties are the theme lines: every party a dated card is linked to,
	// and every dated party card, by title then ID.
	Parties []*Card
}

// TimelineOf is m's timeline. It reads m and changes nothing; its cost is
// one pass over the cards and one over the links, plus the sort. m need
// not be valid (the brief draws any model): nil entries are passed over.
func TimelineOf(m *Model) *Timeline {
	tl := &Timeline{}
	// where finds a card's entry: dated entries as i+1, undated as -(i+1).
	where := map[string]int{}
	for _, c := range m.Cards {
		if c == nil {
			continue
		}
		d, ok := c.DateOf()
		switch {
		case ok:
			tl.Dated = append(tl.Dated, TimelineCard{Card: c, Date: d})
		case c.Kind == KindEvent || c.Date != "":
			tl.Undated = append(tl.Undated, TimelineCard{Card: c})
		}
	}
	byTitle := func(a, b *Card) int {
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}
	slices.SortFunc(tl.Dated, func(a, b TimelineCard) int {
		if c := cmp.Compare(orderKey(a.Date), orderKey(b.Date)); c != 0 {
			return c
		}
		return byTitle(a.Card, b.Card)
	})
	slices.SortFunc(tl.Undated, func(a, b TimelineCard) int { return byTitle(a.Card, b.Card) })
	for i, e := range tl.Dated {
		where[e.Card.ID] = i + 1
	}
	for i, e := range tl.Undated {
		where[e.Card.ID] = -(i + 1)
	}
	entry := func(id string) *TimelineCard {
		switch i := where[id]; {
		case i > 0:
			return &tl.Dated[i-1]
		case i < 0:
			return &tl.Undated[-i-1]
		}
		return nil
	}
	add := func(id string, party *Card) {
		e := entry(id)
		if e == nil || party == nil || party.Kind != KindParty || party.ID == id {
			return
		}
		e.Parties = append(e.Parties, party) // duplicates go after the sort

	}
	for _, l := range m.Links {
		if l == nil {
			continue
		}
		add(l.From, m.Cards[l.To])
		add(l.To, m.Cards[l.From])
	}
	for _, e := range tl.Dated {
		if e.Card.SpeakerID != "" {
			add(e.Card.ID, m.Cards[e.Card.SpeakerID])
		}
	}
	for _, e := range tl.Undated {
		if e.Card.SpeakerID != "" {
			add(e.Card.ID, m.Cards[e.Card.SpeakerID])
		}
	}
	lines := map[*Card]bool{}
	for i := range tl.Dated {
		e := &tl.Dated[i]
		slices.SortFunc(e.Parties, byTitle)
		e.Parties = slices.Compact(e.Parties)
		for _, p := range e.Parties {
			lines[p] = true
		}
		if e.Card.Kind == KindParty {
			lines[e.Card] = true
		}
	}
	for i := range tl.Undated {
		e := &tl.Undated[i]
		slices.SortFunc(e.Parties, byTitle)
		e.Parties = slices.Compact(e.Parties)
	}
	for p := range lines {
		tl.Parties = append(tl.Parties, p)
	}
	slices.SortFunc(tl.Parties, byTitle)
	return tl
}

// orderKey is Date.Compare's order of valid dates as one number (by
// start, a wider span first), so that sorting ten thousand cards does not
// build two time.Time values per comparison.
func orderKey(d Date) int {
	rank := 2 // a day
	switch {
	case d.Month == 0:
		rank = 0
	case d.Day == 0:
		rank = 1
	}
	return ((d.Year*100+max(d.Month, 1))*100+max(d.Day, 1))*10 + rank
}
