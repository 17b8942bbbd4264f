package ftm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"evidenceboard/assets"
	"evidenceboard/data"
)

func TestCardSchema(t *testing.T) {
	tests := []struct {
		kind  data.Kind
		party string
		want  string
	}{
		{data.KindParty, data.PartyPerson, "Person"},
		{data.KindParty, data.PartyOrganisation, "Organization"},
		{data.KindParty, data.PartyGroup, "Organization"},
		{data.KindParty, "", "LegalEntity"},
		{data.KindEvent, "", "Event"},
		{data.KindSource, "", "Document"},
		{data.KindClaim, "", "Note"},
		{data.KindQuote, "", "Note"},
		{data.KindNote, "", "Note"},
	}
	for _, tt := range tests {
		if got := CardSchema(&data.Card{Kind: tt.kind, PartyType: tt.party}); got != tt.want {
			t.Errorf("%s/%s: %s, want %s", tt.kind, tt.party, got, tt.want)
		}
	}
}

func TestLinkEntity(t *testing.T) {
	tests := []struct {
		relation string
		directed bool
		from, to string // schemas
		schema   string
		ends     [2]string // properties naming From and To
	}{
		{"director", true, "Person", "Organization", "Directorship", [2]string{"director", "organization"}},
		{"Company secretary", true, "Person", "Organization", "Directorship", [2]string{"director", "organization"}},
		{"director", true, "Note", "Organization", "UnknownLink", [2]string{"subject", "object"}},
		{"employs", false, "Organization", "Person", "Employment", [2]string{"employer", "employee"}},
		{"spouse", true, "Person", "Person", "Family", [2]string{"person", "relative"}},
		{"associate of", true, "Person", "Person", "Associate", [2]string{"person", "associate"}},
		{"member", true, "Person", "Organization", "Membership", [2]string{"member", "organization"}},
		{"counsel", true, "Person", "LegalEntity", "Representation", [2]string{"agent", "client"}},
		{"paid", true, "Organization", "Person", "Payment", [2]string{"payer", "beneficiary"}},
		{"cites", true, "Note", "Document", "Documentation", [2]string{"entity", "document"}},
		{"cites", true, "Document", "Note", "Documentation", [2]string{"document", "entity"}},
		{"Quoted in", true, "Note", "Document", "Documentation", [2]string{"entity", "document"}}, // a synonym of cites
		{"alleges", true, "LegalEntity", "Note", "UnknownLink", [2]string{"subject", "object"}},
		{"", false, "Person", "Person", "UnknownLink", [2]string{"subject", "object"}},
	}
	for _, tt := range tests {
		l := &data.Link{ID: "l", From: "a", To: "b", Relation: tt.relation, Directed: tt.directed, Note: "n"}
		e := LinkEntity(l, tt.from, tt.to)
		if e.Schema != tt.schema || first(e.Properties[tt.ends[0]]) != "a" || first(e.Properties[tt.ends[1]]) != "b" {
			t.Errorf("%q %s->%s: %+v", tt.relation, tt.from, tt.to, e)
		}
		if tt.relation != "" && e.Schema == "UnknownLink" && first(e.Properties["role"]) != tt.relation {
			t.Errorf("%q: role %v", tt.relation, e.Properties["role"])
		}
	}
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func TestExport(t *testing.T) {
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	ends := map[string][]string{
		"UnknownLink": {"subject", "object"}, "Directorship": {"director", "organization"},
		"Documentation": {"document", "entity"}, "Employment": {"employer", "employee"},
		"Family": {"person", "relative"}, "Associate": {"person", "associate"},
		"Membership": {"member", "organization"}, "Representation": {"agent", "client"},
		"Payment": {"payer", "beneficiary"},
	}
	seen := map[string]bool{}
	n := 0
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		n++
		var e Entity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if e.ID == "" || e.Schema == "" {
			t.Errorf("line %d: %s", n, sc.Text())
		}
		seen[e.ID] = true
		if props, ok := ends[e.Schema]; ok {
			for _, p := range props {
				if len(e.Properties[p]) != 1 || !seen[e.Properties[p][0]] {
					t.Errorf("line %d: %s's %s does not name an entity written before: %v", n, e.Schema, p, e.Properties[p])
				}
			}
		} else if len(e.Properties["name"]) != 1 {
			t.Errorf("line %d: a %s with no name", n, e.Schema)
		}
		for p, vs := range e.Properties {
			for _, v := range vs {
				if v == "" {
					t.Errorf("line %d: empty %s", n, p)
				}
			}
		}
	}
	if n != len(m.Cards)+len(m.Links) {
		t.Errorf("%d lines, want %d", n, len(m.Cards)+len(m.Links))
	}
}

func BenchmarkExport10k(b *testing.B) {
	bd, gen := data.Generate(10000, 1)
	m := data.NewModel(bd)
	m.Apply(gen)
	for b.Loop() {
		var buf bytes.Buffer
		if err := Export(&buf, m); err != nil {
			b.Fatal(err)
		}
	}
}
