package canvas

import (
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

func TestImportGroups(t *testing.T) {
	ch, lines := importFile(t, "testdata/groups.canvas", nil)
	if len(lines) != 0 {
		t.Errorf("report: %q", lines)
	}
	title := map[string]string{}
	for _, c := range ch.PutCards {
		title[c.ID] = c.Title
	}
	cards := byTitle(ch)
	for _, tt := range []struct{ card, group string }{
		{"Acme paid the inspector €40,000", "March 2021"}, // the smaller of two wins
		{"Second transfer, via Cyprus", "March 2021"},
		{"Statement March", "Payments"},
		{"Half in, half out of the group", ""},
		{"Outside every group", ""},
		{"Payments", ""}, // groups do not nest
		{"March 2021", ""},
	} {
		c, ok := cards[tt.card]
		if !ok {
			t.Errorf("no card %q", tt.card)
			continue
		}
		if got := title[c.Group]; got != tt.group || (tt.group == "" && c.Group != "") {
			t.Errorf("%q is in %q (%s), want %q", tt.card, got, c.Group, tt.group)
		}
	}
	if g := cards["March 2021"]; g.Kind != data.KindGroup || g.Color != Presets["4"] || g.Width != 460 {
		t.Errorf("group read as %+v", g)
	}
	var unlabelled *data.Card
	for i, c := range ch.PutCards {
		if c.Kind == data.KindGroup && c.Title == "" {
			unlabelled = &ch.PutCards[i]
		}
	}
	// The group with no label is listed after the card it holds.
	if unlabelled == nil || cards["https://example.com/registry/acme"].Group != unlabelled.ID {
		t.Errorf("the card in the group with no label is not in it")
	}
	// The edge between two groups is a link between two group cards.
	found := false
	for _, l := range ch.PutLinks {
		if title[l.From] == "" && title[l.To] == "Payments" && l.Relation == "involves" {
			found = true
		}
	}
	if !found {
		t.Errorf("no link from the unlabelled group to Payments: %+v", ch.PutLinks)
	}
}

// groupedSample is the sample case with two groups: one holding two
// cards, folded, and one holding one card; one card stays outside.
func groupedSample(t testing.TB) (*data.Model, map[string]string) {
	t.Helper()
	m := formattest.Sample(t)
	cards := m.SortedCards()
	a, b, c := cards[0], cards[1], cards[2]
	frame := func(id, title string, in ...*data.Card) data.Card {
		g := data.Card{ID: id, Kind: data.KindGroup, Title: title}
		x0, y0, x1, y1 := in[0].X, in[0].Y, in[0].X+in[0].Width, in[0].Y+in[0].Height
		for _, m := range in {
			x0, y0 = min(x0, m.X), min(y0, m.Y)
			x1, y1 = max(x1, m.X+m.Width), max(y1, m.Y+m.Height)
		}
		g.X, g.Y, g.Width, g.Height = x0-20.25, y0-40, x1-x0+40.5, y1-y0+60
		return g
	}
	// Move the three apart so that no frame holds another group's card.
	for i, c := range []*data.Card{a, b, c} {
		c.X, c.Y = float64(i)*5000, 0
	}
	b.X, b.Y = a.X+a.Width+30, a.Y
	g1 := frame("00000000-0000-4000-8000-000000000001", "Strand one", a, b)
	g1.Folded = true
	g2 := frame("00000000-0000-4000-8000-000000000002", "Strand two", c)
	ch := data.Change{PutCards: []data.Card{g1, g2}}
	for _, x := range []struct {
		c *data.Card
		g string
	}{{a, g1.ID}, {b, g1.ID}, {c, g2.ID}} {
		cc := x.c.Clone()
		cc.Group = x.g
		ch.PutCards = append(ch.PutCards, cc)
	}
	m.Apply(ch)
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for id, c := range m.Cards {
		want[id] = c.Group
	}
	return m, want
}

func TestGroupsRoundTrip(t *testing.T) {
	for _, obsidian := range []bool{false, true} {
		m, want := groupedSample(t)
		back := roundTrip(t, m, obsidian)
		if len(back.Cards) != len(m.Cards) {
			t.Fatalf("obsidian=%v: %d cards, want %d", obsidian, len(back.Cards), len(m.Cards))
		}
		members := 0
		for id, g := range want {
			got := back.Cards[id]
			if got == nil || got.Group != g {
				t.Errorf("obsidian=%v: card %s in %q, want %q", obsidian, id, got.Group, g)
			}
			if g != "" {
				members++
			}
		}
		if members != 3 {
			t.Fatalf("the sample has %d members, want 3", members)
		}
		g := back.Cards["00000000-0000-4000-8000-000000000001"]
		if g == nil || g.Kind != data.KindGroup || g.Title != "Strand one" {
			t.Fatalf("obsidian=%v: group back as %+v", obsidian, g)
		}
		// Folding is ours alone: Obsidian keeps no such thing.
		if g.Folded != !obsidian {
			t.Errorf("obsidian=%v: folded %v", obsidian, g.Folded)
		}
		if !obsidian {
			for id, c := range m.Cards {
				if !formattest.SameCard(*c, *back.Cards[id]) {
					t.Errorf("card %s:\n got %+v\nwant %+v", id, back.Cards[id], c)
				}
			}
		}
	}
}
