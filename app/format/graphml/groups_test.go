package graphml

import (
	"bytes"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

// Groups travel as a node attribute "group" (the group node's id) and
// "folded" on the group node, which is itself a node of kind group.
func TestGroupsRoundTrip(t *testing.T) {
	m := formattest.Grouped(t)
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<key id="n_group" for="node" attr.name="group" attr.type="string"/>`,
		`<key id="n_folded" for="node" attr.name="folded" attr.type="boolean"/>`,
		`<data key="n_group">00000000-0000-4000-8000-000000000001</data>`, `<data key="n_folded">true</data>`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the export has no %s", want)
		}
	}
	ch, rep, err := Import(bytes.NewReader(buf.Bytes()), "g.graphml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) > 0 {
		t.Errorf("skipped: %v", rep.Skipped)
	}
	formattest.CheckApplies(t, nil, ch)
	back := data.NewModel(data.Board{})
	back.Apply(ch)
	members := 0
	for id, c := range m.Cards {
		got := back.Cards[id]
		if got == nil || !formattest.SameCard(*c, *got) {
			t.Errorf("card %s:\n got %+v\nwant %+v", id, got, c)
		}
		if c.Group != "" {
			members++
		}
	}
	if members != 3 || !back.Cards["00000000-0000-4000-8000-000000000001"].Folded {
		t.Errorf("%d members, want 3; or the folded group came back unfolded", members)
	}
}

// A file from someone else that names a group wrongly: the card is kept,
// its group left out with a line in the report.
func TestBadGroupReported(t *testing.T) {
	in := `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="k" for="node" attr.name="kind"/><key id="g" for="node" attr.name="group"/><key id="f" for="node" attr.name="folded"/>
<graph id="G">
<node id="n1"><data key="k">note</data><data key="g">n2</data><data key="f">true</data></node>
<node id="n2"><data key="k">claim</data></node>
<node id="n3"><data key="k">group</data><data key="g">n3</data></node>
<node id="n4"><data key="g">nowhere</data></node>
</graph></graphml>`
	ch, rep, err := Import(strings.NewReader(in), "bad.graphml", nil)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, nil, ch)
	if len(ch.PutCards) != 4 {
		t.Fatalf("%d cards, want 4", len(ch.PutCards))
	}
	for _, c := range ch.PutCards {
		if c.Group != "" || c.Folded {
			t.Errorf("card %+v kept a bad group or a note's fold", c)
		}
	}
	// Each says what is wrong with the group it names (issue 12: a group
	// that is in neither the file nor the board was "not a group card
	// here (groups do not nest)").
	want := []string{
		`card "n1": its group "n2" is a card of kind claim, not a group; left out of any group`,
		`card "n3" names itself as its group; left out of any group`,
		`card "n4": its group "nowhere" is neither in the file nor on the board; left out of any group`,
	}
	if got := rep.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A yEd group node (a node holding a graph of its own) is a group card and
// the nodes of its graph its members (issue 12: groups were dropped, their
// labels left as tags). A closed folder is a folded group; a group inside
// a group is kept beside it, its members tagged with the outer group's
// label; a group with no geometry is drawn around its members; a member
// drawn outside its group's frame is left out of it. Every departure from
// the file is a line in the report.
func TestImportYEdGroups(t *testing.T) {
	ch, report := importFile(t, "testdata/yed-groups.graphml")
	cards := map[string]data.Card{}
	title := map[string]string{}
	for _, c := range ch.PutCards {
		cards[c.Title] = c
		title[c.ID] = c.Title
	}
	for _, tt := range []struct {
		card, group string
		kind        data.Kind
		folded      bool
		tags        string
	}{
		{"Payments", "", data.KindGroup, false, ""},
		{"Transfer 1", "Payments", data.KindNote, false, ""},
		{"Transfer 2", "Payments", data.KindNote, false, ""},
		{"Cyprus leg", "", data.KindGroup, false, ""},
		{"Nicosia account", "Cyprus leg", data.KindNote, false, "Payments"},
		{"Stray", "", data.KindNote, false, ""},
		{"Shell companies", "", data.KindGroup, true, ""},
		{"Acme Ltd", "Shell companies", data.KindNote, false, ""},
		{"Loose", "", data.KindGroup, false, ""},
		{"Loose A", "Loose", data.KindNote, false, ""},
		{"Loose B", "Loose", data.KindNote, false, ""},
		{"Inspector", "", data.KindNote, false, ""},
	} {
		c, ok := cards[tt.card]
		if !ok {
			t.Errorf("no card %q", tt.card)
			continue
		}
		if title[c.Group] != tt.group || c.Kind != tt.kind || c.Folded != tt.folded || strings.Join(c.Tags, ",") != tt.tags {
			t.Errorf("%q: in %q, kind %s, folded %v, tags %q; want in %q, %s, %v, %q",
				tt.card, title[c.Group], c.Kind, c.Folded, c.Tags, tt.group, tt.kind, tt.folded, tt.tags)
		}
	}
	if len(ch.PutCards) != 12 {
		t.Errorf("%d cards, want 12", len(ch.PutCards))
	}
	if p := cards["Payments"]; p.X != 0 || p.Y != 0 || p.Width != 400 || p.Height != 260 || p.Body != "Money moved in March" {
		t.Errorf("Payments: %+v", p)
	}
	// Drawn around its members, with a margin and room for its title.
	if l := cards["Loose"]; l.X != -20 || l.Y != 360 || l.Width != 340 || l.Height != 130 {
		t.Errorf("Loose: at %v,%v size %vx%v", l.X, l.Y, l.Width, l.Height)
	}
	// Every member lies in its group's frame, as on a board.
	for _, c := range ch.PutCards {
		if c.Group == "" {
			continue
		}
		g := cards[title[c.Group]]
		if c.X < g.X || c.Y < g.Y || c.X+c.Width > g.X+g.Width || c.Y+c.Height > g.Y+g.Height {
			t.Errorf("%q lies outside its group %q", c.Title, g.Title)
		}
	}
	links := map[string]string{}
	for _, l := range ch.PutLinks {
		links[title[l.From]+" → "+title[l.To]] = l.Relation
	}
	if links["Transfer 1 → Acme Ltd"] != "paid" || links["Inspector → Payments"] != "investigates" || len(links) != 2 {
		t.Errorf("links: %v", links)
	}
	want := []string{
		`card "Stray" lies outside the frame of its group "Payments"; left out of the group`,
		`card "Cyprus leg" is a group, and groups do not nest; left out of the group "Payments"`,
	}
	if got := strings.Split(report, "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", report, strings.Join(want, "\n"))
	}
}
