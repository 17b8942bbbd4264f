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

func TestGroupsRoundTrip(t *testing.T) {
	for _, obsidian := range []bool{false, true} {
		m := formattest.Grouped(t)
		want := map[string]string{}
		for id, c := range m.Cards {
			want[id] = c.Group
		}
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
