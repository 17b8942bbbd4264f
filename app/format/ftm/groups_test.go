package ftm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

// Groups are frames, not entities: left out, with links to them, while
// their cards are written as ever.
func TestGroupsLeftOut(t *testing.T) {
	m := formattest.Grouped(t)
	g := "00000000-0000-4000-8000-000000000001"
	for _, c := range m.Cards {
		if c.Kind == data.KindParty {
			m.Apply(data.Change{PutLinks: []data.Link{{ID: "to-group", From: c.ID, To: g, Relation: "involves"}}})
			break
		}
	}
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var e Entity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		seen[e.ID] = true
	}
	if seen[g] || seen["00000000-0000-4000-8000-000000000002"] || seen["to-group"] {
		t.Error("a group, or a link to one, was written")
	}
	for id, c := range m.Cards {
		if c.Kind != data.KindGroup && !seen[id] {
			t.Errorf("card %s (%s) left out", id, c.Kind)
		}
	}
	if !m.Cards[g].Folded || len(m.Links) < 2 {
		t.Fatal("the test board is not as meant")
	}
}
