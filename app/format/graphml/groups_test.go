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
