package csv

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/assets"
	"evidenceboard/data"
)

func sampleMapping(t testing.TB) *Mapping {
	b, err := os.ReadFile("testdata/companies.mapping.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMapping(b)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestImportSampleSpreadsheet(t *testing.T) {
	raw, err := os.ReadFile("testdata/companies.csv")
	if err != nil {
		t.Fatal(err)
	}
	ch, rep, err := Import(bytes.NewReader(raw), "companies.csv", nil, sampleMapping(t))
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, nil, ch)
	type card struct{ title, typ, date, body string }
	var got []card
	names := map[string]string{}
	for _, c := range ch.PutCards {
		if c.Kind != data.KindParty {
			t.Errorf("%q is a %s", c.Title, c.Kind)
		}
		got = append(got, card{c.Title, c.PartyType, c.Date, c.Body})
		names[c.ID] = c.Title
	}
	want := []card{
		{"Acme Holdings Ltd", "organisation", "2015-03-02", "12 High Street\nLondon EC1A 1AA"},
		{"Jean Dupont", "person", "", ""},
		{"Maria Rossi", "person", "", ""},
		{"Blue Harbour Trading SA", "organisation", "2011", "Calle 50, Panama City"},
		// "Acme Holdings Ltd" as an officer is a person card: kind and
		// party type differ, but kind and title match the company, so it
		// is the company.
		{"Northwind Ventures LLC", "organisation", "2018-11", ""},
		{"Short Row Ltd", "organisation", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cards:\n got %+v\nwant %+v", got, want)
	}
	var links []string
	for _, l := range ch.PutLinks {
		links = append(links, names[l.From]+" -"+l.Relation+"-> "+names[l.To]+" ("+l.Note+")")
	}
	wantLinks := []string{
		"Jean Dupont -director-> Acme Holdings Ltd (2015-03-02)",
		"Maria Rossi -secretary-> Acme Holdings Ltd (2016-07-11)",
		"Jean Dupont -director-> Blue Harbour Trading SA (2012-01-20)",
		"Acme Holdings Ltd -shareholder-> Blue Harbour Trading SA (2019-06)",
	}
	if !reflect.DeepEqual(links, wantLinks) {
		t.Errorf("links:\n got %q\nwant %q", links, wantLinks)
	}
	if len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "1 row(s) not as long") {
		t.Errorf("report: %q", rep.Skipped)
	}
	for _, c := range ch.PutCards {
		if c.PartyType == "organisation" && strings.Join(c.Tags, ",") != "company register" {
			t.Errorf("%q tags %q", c.Title, c.Tags)
		}
	}

	// Into a board that has Maria Rossi already: she is matched, not
	// made again.
	board := data.NewModel(data.Board{})
	board.Cards["m"] = &data.Card{ID: "m", Kind: data.KindParty, Title: "MARIA  rossi", Width: 200, Height: 80}
	ch, _, err = Import(bytes.NewReader(raw), "companies.csv", board, sampleMapping(t))
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, board, ch)
	if len(ch.PutCards) != 5 {
		t.Errorf("%d cards with Maria on the board, want 5", len(ch.PutCards))
	}
	found := false
	for _, l := range ch.PutLinks {
		found = found || l.From == "m"
	}
	if !found {
		t.Error("no link from the board's own Maria Rossi")
	}
	for _, c := range ch.PutCards {
		if c.Y <= 80 {
			t.Errorf("%q at y=%v is not below the board's cards", c.Title, c.Y)
		}
	}
}

func TestDelimitersAndQuirks(t *testing.T) {
	mapping := &Mapping{Cards: []CardMap{{Name: "a", Kind: "note", Columns: map[string]string{"title": "Title", "body": "Body"}}}}
	tests := []struct {
		name   string
		in     string
		titles []string
		bodies []string
	}{
		{"comma", "Title,Body\nA,one\nB,two\n", []string{"A", "B"}, []string{"one", "two"}},
		{"semicolon", "Title;Body\nA;one, still one\n", []string{"A"}, []string{"one, still one"}},
		{"tab", "Title\tBody\nA\tone;two\n", []string{"A"}, []string{"one;two"}},
		{"bom crlf", "\ufeffTitle,Body\r\nA,one\r\n", []string{"A"}, []string{"one"}},
		{"quoted newline", "Title,Body\n\"A\",\"line 1\nline 2\"\n", []string{"A"}, []string{"line 1\nline 2"}},
		{"ragged", "Title,Body\nA\nB,two,extra\n", []string{"A", "B"}, []string{"", "two"}},
		{"latin-1", "Title,Body\nCaf\xe9,cr\xe8me\n", []string{"Café"}, []string{"crème"}},
		{"header case", "  TITLE ,body\nA,one\n", []string{"A"}, []string{"one"}},
		{"blank lines", "Title,Body\n\nA,one\n\n", []string{"A"}, []string{"one"}},
		{"lazy quote", "Title,Body\nA \"the\" B,one\n", []string{"A \"the\" B"}, []string{"one"}},
		{"no title", "Title,Body\n,orphan\nA,one\n", []string{"A"}, []string{"one"}},
	}
	for _, tt := range tests {
		ch, _, err := Import(strings.NewReader(tt.in), "t.csv", nil, mapping)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		formattest.CheckApplies(t, nil, ch)
		var titles, bodies []string
		for _, c := range ch.PutCards {
			titles = append(titles, c.Title)
			bodies = append(bodies, c.Body)
		}
		if !reflect.DeepEqual(titles, tt.titles) || !reflect.DeepEqual(bodies, tt.bodies) {
			t.Errorf("%s: %q %q", tt.name, titles, bodies)
		}
	}
}

func TestBadInput(t *testing.T) {
	good := `{"cards":[{"name":"a","kind":"note","columns":{"title":"Title"}}]}`
	tests := []struct {
		name, in, mapping, want string
	}{
		{"no mapping", "Title,Body\nA,B\n", "", `needs a column mapping (--map MAPPING.json; see docs/CSV_MAPPING.md); its columns: "Title", "Body"`},
		{"missing column", "Name,Body\nA,B\n", good, `the mapping's column "Title" is not in the file (its columns: "Name", "Body")`},
		{"empty", "", good, "the file is empty"},
		{"bad quote", "Title,Body\n\"A\"x\"\n", good, ""},
	}
	for _, tt := range tests {
		var m *Mapping
		if tt.mapping != "" {
			var err error
			if m, err = ParseMapping([]byte(tt.mapping)); err != nil {
				t.Fatal(err)
			}
		}
		_, _, err := Import(strings.NewReader(tt.in), "bad.csv", nil, m)
		if tt.want == "" {
			continue // read leniently or refused: either is fine, never a panic
		}
		if err == nil || !strings.HasPrefix(err.Error(), "bad.csv: ") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	mappings := []struct{ in, want string }{
		{`{`, "the mapping is not valid"},
		{`{"cards":[]}`, "one or two cards"},
		{`{"cards":[{"name":"a","kind":"thing","columns":{"title":"T"}}]}`, `kind "thing" is not one of`},
		{`{"cards":[{"name":"a","kind":"note","columns":{"body":"T"}}]}`, "which column gives its title"},
		{`{"cards":[{"name":"a","kind":"note","columns":{"title":"T","colour ":"C"}}]}`, "is not a card field"},
		{`{"cards":[{"name":"a","kind":"note","columns":{"title":"T"}}],"link":{"from":"a","to":"b"}}`, "must join the row's two cards"},
		{`{"cards":[{"name":"a","kind":"note","columns":{"title":"T"}}],"extra":1}`, `unknown field "extra"`},
		{`{"delimiter":"xx","cards":[{"name":"a","kind":"note","columns":{"title":"T"}}]}`, "delimiter"},
		{`{"cards":[{"name":"a","kind":"note","columns":{"title":"T"}},{"name":"a","kind":"note","columns":{"title":"T"}}]}`, "names two cards"},
	}
	for _, tt := range mappings {
		if _, err := ParseMapping([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("mapping %s: %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.SortedCards() {
		if c.Kind == data.KindClaim {
			c.Body = "=HYPERLINK(\"http://evil\")"
			c.Title = "'=quoted already"
			c.Tags = []string{"b, c", "a"}
			c.X = -15.25
			break
		}
	}
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeffrecord,id,kind")) {
		t.Errorf("no BOM and header: %q", buf.String()[:30])
	}
	if strings.Contains(buf.String(), ",=HYPERLINK") || strings.Contains(buf.String(), ",\"=HYPERLINK") {
		t.Error("a formula is written as a formula")
	}
	ch, rep, err := Import(bytes.NewReader(buf.Bytes()), "x.csv", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) > 0 {
		t.Errorf("skipped: %v", rep.Skipped)
	}
	back := data.NewModel(data.Board{})
	back.Apply(ch)
	if err := back.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(back.Cards) != len(m.Cards) || len(back.Links) != len(m.Links) {
		t.Fatalf("%d cards %d links, want %d %d", len(back.Cards), len(back.Links), len(m.Cards), len(m.Links))
	}
	for id, c := range m.Cards {
		got := back.Cards[id]
		want := c.Clone()
		sort.Strings(want.Tags)
		if got == nil {
			t.Errorf("card %s lost", id)
			continue
		}
		g := got.Clone()
		g.Created, g.Updated = want.Created, want.Updated
		if len(g.Tags) == 0 {
			g.Tags = nil
		}
		if len(want.Tags) == 0 {
			want.Tags = nil
		}
		if !reflect.DeepEqual(g, want) {
			t.Errorf("card %s:\n got %+v\nwant %+v", id, g, want)
		}
	}
	for id, l := range m.Links {
		got := back.Links[id]
		if got == nil || got.From != l.From || got.To != l.To || got.Relation != l.Relation || got.Directed != l.Directed || got.Status != l.Status {
			t.Errorf("link %s: %+v, want %+v", id, got, l)
		}
	}
}

func TestSniff(t *testing.T) {
	for _, s := range []string{"a,b\n1,2", "\ufeffa;b", "a\tb\n"} {
		if !Sniff([]byte(s)) {
			t.Errorf("%q not taken for CSV", s)
		}
	}
	for _, s := range []string{"", "{\"a\":1,\"b\":2}", "<graphml a='1,2'>", "just words"} {
		if Sniff([]byte(s)) {
			t.Errorf("%q taken for CSV", s)
		}
	}
}

func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.csv")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, true)
	}
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	Export(&buf, m)
	f.Add(buf.Bytes(), false)
	buf.Reset()
	Export(&buf, formattest.Grouped(f)) // groups: the last two columns
	f.Add(buf.Bytes(), false)
	mapping := sampleMapping(f)
	f.Fuzz(func(t *testing.T, b []byte, mapped bool) {
		mp := mapping
		if !mapped {
			mp = nil
		}
		ch, rep, err := Import(bytes.NewReader(b), "fuzz.csv", nil, mp)
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
	for b.Loop() {
		if _, _, err := Import(bytes.NewReader(raw), "big.csv", nil, nil); err != nil {
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
