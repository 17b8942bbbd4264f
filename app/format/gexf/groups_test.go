package gexf

import (
	"bytes"
	"encoding/xml"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

// Gephi sees a group as a node of kind "group", and a card in it with the
// group's id as its "group" attribute, to partition by.
func TestGroupsExported(t *testing.T) {
	m := formattest.Grouped(t)
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	var doc gexfDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	in := map[string]string{}
	kinds := map[string]string{}
	folded := map[string]string{}
	for _, n := range doc.Graph.Nodes {
		for _, v := range n.Values {
			switch v.For {
			case "group":
				in[n.ID] = v.Value
			case "kind":
				kinds[n.ID] = v.Value
			case "folded":
				folded[n.ID] = v.Value
			}
		}
	}
	for id, c := range m.Cards {
		if in[id] != c.Group {
			t.Errorf("node %s in group %q, want %q", id, in[id], c.Group)
		}
		if c.Kind == data.KindGroup && kinds[id] != "group" {
			t.Errorf("group node %s of kind %q", id, kinds[id])
		}
	}
	if folded["00000000-0000-4000-8000-000000000001"] != "true" || len(folded) != 1 {
		t.Errorf("folded attributes %v", folded)
	}
}
