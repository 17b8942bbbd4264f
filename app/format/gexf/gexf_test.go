package gexf

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"evidenceboard/assets"
	"evidenceboard/data"
)

func TestSpell(t *testing.T) {
	tests := []struct {
		in, start, end string
		ok             bool
	}{
		{"2018-04-06", "2018-04-06", "2018-04-06", true},
		{"2018-02", "2018-02-01", "2018-02-28", true},
		{"2020-02", "2020-02-01", "2020-02-29", true},
		{"2019", "2019-01-01", "2019-12-31", true},
		{" 2019 ", "2019-01-01", "2019-12-31", true},
		{"spring 2019", "", "", false},
		{"2019-13", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		s, e, ok := Spell(tt.in)
		if s != tt.start || e != tt.end || ok != tt.ok {
			t.Errorf("Spell(%q) = %q %q %v", tt.in, s, e, ok)
		}
	}
}

// gexfDoc is what the test reads back: enough to check the export.
type gexfDoc struct {
	XMLName xml.Name `xml:"gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Mode  string `xml:"mode,attr"`
		Nodes []struct {
			ID     string `xml:"id,attr"`
			Label  string `xml:"label,attr"`
			Spells []struct {
				Start string `xml:"start,attr"`
				End   string `xml:"end,attr"`
			} `xml:"spells>spell"`
			Values []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
			Position struct {
				X float64 `xml:"x,attr"`
				Y float64 `xml:"y,attr"`
			} `xml:"position"`
		} `xml:"nodes>node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Type   string `xml:"type,attr"`
			Label  string `xml:"label,attr"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

func TestExport(t *testing.T) {
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Cards {
		if c.Kind == data.KindClaim {
			c.Body = "tab\there, \"quotes\" & <angles>\nand a line"
			break
		}
	}
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	var doc gexfDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	if doc.Version != "1.2" || doc.Graph.Mode != "dynamic" {
		t.Errorf("version %q mode %q", doc.Version, doc.Graph.Mode)
	}
	if len(doc.Graph.Nodes) != len(m.Cards) || len(doc.Graph.Edges) != len(m.Links) {
		t.Fatalf("%d nodes, %d edges; want %d, %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(m.Cards), len(m.Links))
	}
	dated := 0
	for _, n := range doc.Graph.Nodes {
		c := m.Cards[n.ID]
		if c == nil || n.Label != c.Title {
			t.Fatalf("node %s: %+v", n.ID, n)
		}
		vals := map[string]string{}
		for _, v := range n.Values {
			vals[v.For] = v.Value
		}
		if vals["kind"] != string(c.Kind) || vals["body"] != c.Body || vals["status"] != string(c.Status) {
			t.Errorf("node %s attributes %v", n.ID, vals)
		}
		if n.Position.X != c.X+c.Width/2 || n.Position.Y != -(c.Y+c.Height/2) {
			t.Errorf("node %s at %v", n.ID, n.Position)
		}
		if _, _, ok := Spell(c.Date); ok {
			dated++
			if len(n.Spells) != 1 || n.Spells[0].Start == "" {
				t.Errorf("dated card %s has no spell", c.Title)
			}
		} else if len(n.Spells) != 0 {
			t.Errorf("undated card %s has a spell", c.Title)
		}
	}
	if dated == 0 {
		t.Error("the sample has no dated card to test")
	}
	for _, e := range doc.Graph.Edges {
		if e.Type != "directed" && e.Type != "undirected" || m.Cards[e.Source] == nil || m.Cards[e.Target] == nil {
			t.Errorf("edge %+v", e)
		}
	}
	if !strings.Contains(buf.String(), `xmlns="http://gexf.net/1.2"`) {
		t.Error("no GEXF 1.2 namespace")
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
