package canvas

import (
	"strings"
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

// A card is inside a group only if the group has an area and holds it;
// a group cut to a board's limits holds what the cut frame holds, and the
// report says it was cut (issue 12: a zero-size group took in a card,
// and a group over the limit was cut without a word).
func TestGroupsWithoutAreaOrOverTheLimit(t *testing.T) {
	for _, tt := range []struct {
		name   string
		group  string // the group node's geometry
		member map[string]bool
		report string
	}{
		{"zero size", `"x":0,"y":0,"width":0,"height":0`, map[string]bool{"inside": false, "far": false},
			`node "g" (a group) has no area (0 × 0), so it holds no cards; placed below the others`},
		{"negative width", `"x":0,"y":0,"width":-400,"height":300`, map[string]bool{"inside": false, "far": false},
			`node "g" (a group) has no area (-400 × 300), so it holds no cards; placed below the others`},
		{"over the limit", `"x":0,"y":0,"width":250000,"height":1000`, map[string]bool{"inside": true, "far": false},
			`node "g": its size, 250000 × 1000, is over a card's limit of 100000; cut to 100000 × 1000`},
		{"ordinary", `"x":0,"y":0,"width":400,"height":300`, map[string]bool{"inside": true, "far": false}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := `{"nodes":[{"id":"g","type":"group","label":"G",` + tt.group + `},
				{"id":"inside","type":"text","text":"Inside","x":10,"y":10,"width":100,"height":50},
				{"id":"far","type":"text","text":"Far","x":150000,"y":10,"width":100,"height":50}],"edges":[]}`
			ch, rep, err := Import(strings.NewReader(in), "g.canvas", nil)
			if err != nil {
				t.Fatal(err)
			}
			formattest.CheckApplies(t, nil, ch)
			var gid string
			for _, c := range ch.PutCards {
				if c.Kind == data.KindGroup {
					gid = c.ID
				}
			}
			for _, c := range ch.PutCards {
				if want, ok := tt.member[strings.ToLower(c.Title)]; ok && (c.Group == gid) != want {
					t.Errorf("%s in the group: %v, want %v", c.Title, c.Group == gid, want)
				}
			}
			if got := strings.Join(rep.Lines(), "\n"); got != tt.report {
				t.Errorf("report %q, want %q", got, tt.report)
			}
		})
	}
}
