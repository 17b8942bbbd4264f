package exchange

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"evidenceboard/assets"
	"evidenceboard/data"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		file string
		want Format
	}{
		{"../canvas/testdata/handmade.canvas", Canvas},
		{"../canvas/testdata/tob-sample.canvas", Canvas},
		{"../graphml/testdata/yed-handmade.graphml", GraphML},
		{"../graphml/testdata/networkx-fourpath.graphml", GraphML},
		{"../csv/testdata/companies.csv", CSV},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > HeadSize {
			b = b[:HeadSize]
		}
		// The content decides, whatever the name says.
		if got, ok := Detect(b, "renamed.txt"); !ok || got != tt.want {
			t.Errorf("%s: %q %v, want %q", tt.file, got, ok, tt.want)
		}
	}
	if f, ok := Detect(nil, "empty.canvas"); !ok || f != Canvas {
		t.Errorf("an empty .canvas: %q %v", f, ok)
	}
	for _, s := range []string{"just words", "%PDF-1.4", "\x00\x01\x02"} {
		if f, ok := Detect([]byte(s), "x.bin"); ok {
			t.Errorf("%q detected as %s", s, f)
		}
	}
}

func TestFromPath(t *testing.T) {
	tests := []struct {
		path string
		want Format
		ok   bool
	}{
		{"a.canvas", Canvas, true}, {"A.GRAPHML", GraphML, true}, {"x/y.gexf", GEXF, true},
		{"t.csv", CSV, true}, {"case.ftm.json", FTM, formats[FTM] != nil}, {"x.json", "", false},
		{"x.png", PNG, formats[PNG] != nil}, {"x.svg", SVG, formats[SVG] != nil}, {"x", "", false},
	}
	for _, tt := range tests {
		got, ok := FromPath(tt.path)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("%s: %q %v", tt.path, got, ok)
		}
	}
}

// TestEveryFormat exports the sample case in every format, and imports
// again each format that is read.
func TestEveryFormat(t *testing.T) {
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ExportFormats() {
		var buf bytes.Buffer
		if err := Export(f, &buf, m); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if buf.Len() == 0 {
			t.Errorf("%s: nothing written", f)
		}
		if !contains(ImportFormats(), f) {
			continue
		}
		got, ok := Detect(buf.Bytes()[:min(buf.Len(), HeadSize)], "x")
		if !ok || got != f {
			t.Errorf("%s export detected as %q", f, got)
		}
		ch, rep, err := Import(f, bytes.NewReader(buf.Bytes()), "x", nil, Options{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(ch.PutCards) != len(m.Cards) || len(ch.PutLinks) != len(m.Links) || rep.Format != f.Label() {
			t.Errorf("%s: %s", f, rep.Summary())
		}
	}
	if _, _, err := Import(GEXF, strings.NewReader(""), "x.gexf", nil, Options{}); err == nil {
		t.Error("GEXF is not read, yet Import took it")
	}
}

func contains(fs []Format, f Format) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

func TestSelection(t *testing.T) {
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	var quote *data.Card
	for _, c := range m.Cards {
		if c.Kind == data.KindQuote && c.SpeakerID != "" {
			quote = c
			break
		}
	}
	sel := Selection(m, []string{quote.ID, quote.SpeakerID, "missing"})
	if len(sel.Cards) != 2 || sel.Cards[quote.ID].SpeakerID != quote.SpeakerID || sel.Cards[quote.ID].SourceID != "" {
		t.Errorf("selection: %d cards, %+v", len(sel.Cards), sel.Cards[quote.ID])
	}
	if err := sel.Validate(); err != nil {
		t.Error(err)
	}
	for _, l := range sel.Links {
		if sel.Cards[l.From] == nil || sel.Cards[l.To] == nil {
			t.Errorf("link %s leaves the selection", l.ID)
		}
	}
	if m.Cards[quote.ID].SourceID == "" {
		t.Error("Selection changed the board it was taken from")
	}
}
