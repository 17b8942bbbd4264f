package graphml

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/assets"
	"evidenceboard/data"
)

func importFile(t *testing.T, path string) (data.Change, string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ch, rep, err := Import(bytes.NewReader(b), filepath.Base(path), nil)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	formattest.CheckApplies(t, nil, ch)
	return ch, strings.Join(rep.Lines(), "\n")
}

func TestImportYEd(t *testing.T) {
	ch, report := importFile(t, "testdata/yed-handmade.graphml")
	cards := map[string]data.Card{}
	for _, c := range ch.PutCards {
		cards[c.Title] = c
	}
	tests := []struct {
		title      string
		x, y, w, h float64
		color      string
		url        string
		body       string
		tags       string
		placed     bool
	}{
		{"Acme Holdings Ltd", -15.25, 100, 120.5, 30, "#ffcc00", "https://example.com/acme", "Shell company registered in 2019.\n\nnationality: unknown", "", true},
		{"Jean Dupont", 300, 100, 150, 40, "", "", "nationality: FR", "", true},
		{"Trust A", 20, 340, 100, 50, "", "", "nationality: unknown", "", true},
		{"Trust B", 0, 0, 200, 90, "", "", "nationality: unknown", "", false},
		{"Offshore", 0, 300, 400, 300, "", "", "nationality: unknown", "", true},
	}
	for _, tt := range tests {
		c, ok := cards[tt.title]
		if !ok {
			t.Errorf("no card %q", tt.title)
			continue
		}
		if tt.placed && (c.X != tt.x || c.Y != tt.y) || c.Width != tt.w || c.Height != tt.h || c.Color != tt.color ||
			c.URL != tt.url || c.Body != tt.body || strings.Join(c.Tags, ",") != tt.tags || (c.Kind == data.KindGroup) != (tt.title == "Offshore") {
			t.Errorf("%q: got %+v", tt.title, c)
		}
		if !tt.placed && c.Y <= 390 {
			t.Errorf("%q is not placed below the others: %v", tt.title, c.Y)
		}
	}
	if len(ch.PutCards) != 5 {
		t.Errorf("%d cards, want 5", len(ch.PutCards))
	}
	// The group node holds Trust A; Trust B, its geometry unreadable, is
	// placed below the others, away from it (see TestImportYEdGroups).
	if cards["Trust A"].Group != cards["Offshore"].ID || cards["Trust B"].Group != "" {
		t.Errorf("Trust A in %q, Trust B in %q; want the group's id %q and none",
			cards["Trust A"].Group, cards["Trust B"].Group, cards["Offshore"].ID)
	}
	id := func(title string) string { return cards[title].ID }
	links := []data.Link{
		{From: id("Jean Dupont"), To: id("Acme Holdings Ltd"), Relation: "involves", Directed: true, Note: "Director since 2019"},
		{From: id("Trust A"), To: id("Acme Holdings Ltd"), Relation: "owns", Directed: false},
		{From: id("Trust B"), To: id("Acme Holdings Ltd"), Relation: "paid by", Directed: true},
		{From: id("Jean Dupont"), To: id("Offshore"), Directed: true},
	}
	if len(ch.PutLinks) != len(links) {
		t.Fatalf("%d links, want %d: %+v", len(ch.PutLinks), len(links), ch.PutLinks)
	}
	for i, want := range links {
		got := ch.PutLinks[i]
		got.ID = ""
		if !reflect.DeepEqual(got, want) {
			t.Errorf("link %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
	for _, w := range []string{"used twice", "not numbers", "end is missing", "away from its group", "hyperedge"} {
		if !strings.Contains(report, w) {
			t.Errorf("no report line says %q:\n%s", w, report)
		}
	}
}

func TestImportRealFiles(t *testing.T) {
	tests := []struct {
		file         string
		cards, links int
		directed     bool
	}{
		{"testdata/networkx-fourpath.graphml", 4, 3, false},
		{"testdata/igraph-test.graphml", 6, 7, false},
	}
	for _, tt := range tests {
		ch, _ := importFile(t, tt.file)
		if len(ch.PutCards) != tt.cards || len(ch.PutLinks) != tt.links {
			t.Errorf("%s: %d cards, %d links; want %d, %d", tt.file, len(ch.PutCards), len(ch.PutLinks), tt.cards, tt.links)
		}
		for _, l := range ch.PutLinks {
			if l.Directed != tt.directed {
				t.Errorf("%s: link directed %v", tt.file, l.Directed)
			}
		}
	}
	ch, _ := importFile(t, "testdata/igraph-test.graphml")
	bodies := map[string]string{}
	for _, c := range ch.PutCards {
		bodies[c.Title] = c.Body
	}
	if bodies["n3"] != `color: red "with entities"`+"\ngender: 1" || bodies["n1"] != "color: yellow\ngender: 1" {
		t.Errorf("keys and defaults: %q", bodies)
	}
	for _, l := range ch.PutLinks {
		if l.Note == "weight: 2.0" {
			return
		}
	}
	t.Errorf("no link keeps its weight: %+v", ch.PutLinks)
}

func TestRoundTrip(t *testing.T) {
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.SortedCards() {
		if c.Kind == data.KindQuote {
			c.QuoteText += "\n  indented <b>&amp;</b> \"line\"\r\n"
			c.X += 0.3
			c.Tags = []string{"a, tag", "b tag"}
			c.Color = "#123abc"
			break
		}
	}
	for _, l := range m.Links {
		l.Directed = false
		l.Note = "a note\non two lines"
		break
	}
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	ch, rep, err := Import(bytes.NewReader(buf.Bytes()), "x.graphml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) > 0 {
		t.Errorf("round trip skipped: %v", rep.Skipped)
	}
	back := data.NewModel(data.Board{})
	back.Apply(ch)
	if err := back.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(back.Cards) != len(m.Cards) || len(back.Links) != len(m.Links) {
		t.Fatalf("%d cards, %d links; want %d, %d", len(back.Cards), len(back.Links), len(m.Cards), len(m.Links))
	}
	for id, c := range m.Cards {
		if got := back.Cards[id]; got == nil || !formattest.SameCard(*c, *got) {
			t.Errorf("card %s:\n got %+v\nwant %+v", id, got, c)
		}
	}
	for id, l := range m.Links {
		got := back.Links[id]
		if got == nil || got.From != l.From || got.To != l.To || got.Relation != l.Relation ||
			got.Directed != l.Directed || got.Status != l.Status || got.Note != l.Note {
			t.Errorf("link %s:\n got %+v\nwant %+v", id, got, l)
		}
	}
}

func TestBadInput(t *testing.T) {
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<graphml><graph><node id="a"><data key="label">&lol2;</data></node></graph></graphml>`
	external := `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<graphml><graph><node id="a"><data key="label">&xxe;</data></node></graph></graphml>`
	deep := "<graphml><graph><node id=\"a\"><data key=\"d\">" + strings.Repeat("<x>", 10000) + strings.Repeat("</x>", 10000) + "</data></node></graph></graphml>"
	tests := []struct {
		name, in, want string
	}{
		{"billion laughs", laughs, "line 7: invalid character entity &lol2;"},
		{"external entity", external, "line 3: invalid character entity &xxe;"},
		{"deep", deep, "nested over 256 deep"},
		{"not xml", "hello", "no <graphml> element"},
		{"not xml either", "<<<", "line 1: "},
		{"not graphml", "<svg></svg>", "not a GraphML file: it starts with <svg>"},
		{"empty", "", "no <graphml> element"},
		{"truncated", "<graphml><graph><node id='a'>", "unexpected EOF"},
		{"mismatched", "<graphml><graph></node></graphml>", "line 1: element <graph> closed by </node>"},
		{"encoding", `<?xml version="1.0" encoding="EBCDIC"?><graphml/>`, `the encoding "EBCDIC" is not read`},
	}
	for _, tt := range tests {
		_, _, err := Import(strings.NewReader(tt.in), "bad.graphml", nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "bad.graphml: ") ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line with %q", tt.name, err, tt.want)
		}
	}
	// Latin-1, declared, is read; undeclared bad bytes are mended.
	for _, in := range []string{
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><graphml><graph><node id=\"caf\xe9\"/></graph></graphml>",
	} {
		ch, _, err := Import(strings.NewReader(in), "latin1.graphml", nil)
		if err != nil || len(ch.PutCards) != 1 || ch.PutCards[0].Title != "café" {
			t.Errorf("latin-1: %v %+v", err, ch.PutCards)
		}
	}
	_, _, err := Import(strings.NewReader("<graphml><graph><node id=\"caf\xe9\"/></graph></graphml>"), "bad.graphml", nil)
	if err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("bad UTF-8: %v", err)
	}
}

func TestSniff(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.graphml")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if !Sniff(b) {
			t.Errorf("%s not recognised", f)
		}
	}
	for _, s := range []string{"", `{"nodes":[]}`, "<gexf/>", "a,b\n<graphml"} {
		if Sniff([]byte(s)) {
			t.Errorf("%q taken for GraphML", s)
		}
	}
}

func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.graphml")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	Export(&buf, m)
	f.Add(buf.Bytes())
	buf.Reset()
	Export(&buf, formattest.Grouped(f)) // groups: the "group" and "folded" keys
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		ch, rep, err := Import(bytes.NewReader(b), "fuzz.graphml", nil)
		if err != nil {
			return
		}
		if rep == nil {
			t.Fatal("no report")
		}
		formattest.CheckApplies(t, nil, ch)
	})
}

func generated(b *testing.B) *data.Model {
	bd, gen := data.Generate(10000, 1)
	m := data.NewModel(bd)
	m.Apply(gen)
	return m
}

func BenchmarkImport10k(b *testing.B) {
	var buf bytes.Buffer
	if err := Export(&buf, generated(b)); err != nil {
		b.Fatal(err)
	}
	raw := buf.Bytes()
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Import(bytes.NewReader(raw), "big.graphml", nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExport10k(b *testing.B) {
	m := generated(b)
	for b.Loop() {
		var buf bytes.Buffer
		if err := Export(&buf, m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestYFilesHTML reads the form yFiles for HTML (yEd Live) writes: the
// geometry in y:RectD, the label in y:Label.Text, colours as #AARRGGBB.
func TestYFilesHTML(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/yfiles-common/3.0" xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/3.0" xmlns:yjs="http://www.yworks.com/xml/yfiles-for-html/2.0/xaml">
	<key id="d3" for="node" attr.type="string" attr.name="description"/>
	<key id="d4" for="node" attr.name="NodeLabels" y:attr.uri="http://www.yworks.com/xml/yfiles-common/2.0/NodeLabels"/>
	<key id="d5" for="node" attr.name="NodeGeometry" y:attr.uri="http://www.yworks.com/xml/yfiles-common/2.0/NodeGeometry"/>
	<key id="d7" for="node" attr.name="NodeStyle" y:attr.uri="http://www.yworks.com/xml/yfiles-common/2.0/NodeStyle"/>
	<key id="d10" for="edge" attr.type="string" attr.name="description"/>
	<graph id="G" edgedefault="directed">
		<node id="n0">
			<data key="d3"><![CDATA[<node id="n3">]]></data>
			<data key="d4"><x:List><y:Label><y:Label.Text><![CDATA[Top left rounded rectangle]]></y:Label.Text></y:Label></x:List></data>
			<data key="d5"><y:RectD X="469" Y="246" Width="60" Height="60"/></data>
			<data key="d7"><yjs:RectangleNodeStyle corners="TOP_LEFT" stroke="#FF663800" fill="#FFFF8C00"/></data>
		</node>
		<node id="n1">
			<data key="d4"><x:List><y:Label><y:Label.Text>őð中</y:Label.Text></y:Label></x:List></data>
			<data key="d5"><y:RectD X="650" Y="405" Width="100" Height="60"/></data>
		</node>
		<edge id="e0" source="n0" target="n1"><data key="d10"><![CDATA[this is an edge]]></data></edge>
	</graph>
</graphml>`
	ch, _, err := Import(strings.NewReader(in), "yfiles.graphml", nil)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, nil, ch)
	if len(ch.PutCards) != 2 || len(ch.PutLinks) != 1 {
		t.Fatalf("%d cards, %d links", len(ch.PutCards), len(ch.PutLinks))
	}
	a, b := ch.PutCards[0], ch.PutCards[1]
	if a.Title != "Top left rounded rectangle" || a.Body != `<node id="n3">` || a.X != 469 || a.Y != 246 ||
		a.Width != 60 || a.Color != "#ff8c00" {
		t.Errorf("n0: %+v", a)
	}
	if b.Title != "őð中" || b.X != 650 || b.Width != 100 {
		t.Errorf("n1: %+v", b)
	}
	if l := ch.PutLinks[0]; !l.Directed || l.Note != "this is an edge" || l.From != a.ID {
		t.Errorf("e0: %+v", l)
	}
}

// TestGephi reads the keys Gephi writes: label, x, y, size and a colour
// as r, g, b.
func TestGephi(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
<key attr.name="weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="r" attr.type="int" for="node" id="r"/>
<key attr.name="g" attr.type="int" for="node" id="g"/>
<key attr.name="b" attr.type="int" for="node" id="b"/>
<key attr.name="x" attr.type="float" for="node" id="x"/>
<key attr.name="y" attr.type="float" for="node" id="y"/>
<key attr.name="size" attr.type="float" for="node" id="size"/>
<graph edgedefault="undirected">
<node id="0"><data key="label">Acme</data><data key="size">10.0</data><data key="r">153</data><data key="g">0</data><data key="b">255</data><data key="x">-12.5</data><data key="y">40.25</data></node>
<node id="1"><data key="label">Jean</data><data key="r">300</data><data key="g">0</data><data key="b">0</data><data key="x">100</data><data key="y">0</data></node>
<edge id="0" source="0" target="1"><data key="weight">1.0</data><data key="edgelabel">Director</data></edge>
</graph>
</graphml>`
	ch, _, err := Import(strings.NewReader(in), "gephi.graphml", nil)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, nil, ch)
	a, b := ch.PutCards[0], ch.PutCards[1]
	if a.Title != "Acme" || a.Color != "#9900ff" || a.X != -12.5 || a.Y != 40.25 || a.Body != "size: 10.0" {
		t.Errorf("node 0: %+v", a)
	}
	if b.Color != "" || !strings.Contains(b.Body, "r: 300") {
		t.Errorf("node 1, colour out of range: %+v", b)
	}
	if l := ch.PutLinks[0]; l.Directed || l.Note != "weight: 1.0" || l.Relation != "Director" {
		t.Errorf("edge: %+v", l)
	}
}
