package canvas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/assets"
	"evidenceboard/data"
)

func importFile(t *testing.T, path string, into *data.Model) (data.Change, []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ch, rep, err := Import(bytes.NewReader(b), filepath.Base(path), into)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	formattest.CheckApplies(t, into, ch)
	if rep.Cards != len(ch.PutCards) || rep.Links != len(ch.PutLinks) {
		t.Errorf("report counts %d/%d, change has %d/%d", rep.Cards, rep.Links, len(ch.PutCards), len(ch.PutLinks))
	}
	return ch, rep.Lines()
}

func byTitle(ch data.Change) map[string]data.Card {
	out := map[string]data.Card{}
	for _, c := range ch.PutCards {
		out[c.Title] = c
	}
	return out
}

func TestImportHandmade(t *testing.T) {
	ch, lines := importFile(t, "testdata/handmade.canvas", nil)
	cards := byTitle(ch)
	groupOf := func(c data.Card) string {
		for _, g := range ch.PutCards {
			if g.ID == c.Group && c.Group != "" {
				return g.Title
			}
		}
		return ""
	}
	tests := []struct {
		title string
		kind  data.Kind
		color string
		x, y  float64
		w, h  float64
		group string
		url   string
		body  string
	}{
		{"Acme case", data.KindGroup, "#d6f5d6", -40, -40, 900, 420, "", "", ""},
		{"", data.KindGroup, "", 2000, 2000, 100, 100, "", "", ""},
		{"Acme paid the inspector", data.KindNote, "#ffd6d6", 0, 0, 250, 120, "Acme case", "", "Transfers in March 2021."},
		{"A plain note", data.KindNote, "#a341ff", 300, 0, 250, 60, "Acme case", "", "with a second line"},
		{"abc colour", data.KindNote, "#00aaff", 600, 0, 200, 60, "Acme case", "", ""},
		{"Audit 2021", data.KindSource, "#ffe2c2", 0, 200, 400, 150, "Acme case", "", "File: Reports/Audit 2021.pdf#page=4"},
		{"https://example.com/news/acme", data.KindSource, "#fff3b0", 450, 200, 400, 150, "Acme case", "https://example.com/news/acme", ""},
		{"javascript:alert(1)", data.KindSource, "", 1000, 0, 200, 60, "", "", "javascript:alert(1)"},
		{"cyan", data.KindNote, "#cdf3f3", 1000, 100, 100, 60, "", "", ""},
		{"purple", data.KindNote, "#e6dcff", 1000, 200, 100, 60, "", "", ""},
		{"bad colour", data.KindNote, "", 1000, 300, 100, 60, "", "", ""},
		{"far away", data.KindNote, "", data.MaxCoord, -data.MaxCoord, data.MaxCardSize, 90, "", "", ""},
	}
	for _, tt := range tests {
		c, ok := cards[tt.title]
		if !ok {
			t.Errorf("no card %q", tt.title)
			continue
		}
		if c.Kind != tt.kind || c.Color != tt.color || c.X != tt.x || c.Y != tt.y || c.Width != tt.w ||
			c.Height != tt.h || groupOf(c) != tt.group || len(c.Tags) > 0 || c.URL != tt.url || c.Body != tt.body {
			t.Errorf("%q: got %+v", tt.title, c)
		}
	}
	if c, ok := cards["string position"]; !ok || c.Y < 300+60 {
		t.Errorf("the card with a string position is not placed below the others: %+v", c)
	}
	if len(ch.PutCards) != 13 {
		t.Errorf("%d cards, want 13", len(ch.PutCards))
	}
	rel := map[string]data.Link{}
	for _, l := range ch.PutLinks {
		from, to := "", ""
		for _, c := range ch.PutCards {
			if c.ID == l.From {
				from = c.Title
			}
			if c.ID == l.To {
				to = c.Title
			}
		}
		rel[from+" -> "+to] = l
	}
	links := []struct {
		key      string
		relation string
		directed bool
	}{
		{"Acme paid the inspector -> Audit 2021", "cites", true},
		{"Audit 2021 -> https://example.com/news/acme", "supports", true},
		{"A plain note -> Acme paid the inspector", "", false},
		{"abc colour -> A plain note", "mentioned in", true},
		{"abc colour -> cyan", "", false},
		{"Acme case -> Acme paid the inspector", "", true},
	}
	for _, tt := range links {
		l, ok := rel[tt.key]
		if !ok || l.Relation != tt.relation || l.Directed != tt.directed {
			t.Errorf("link %s: got %+v (present %v)", tt.key, l, ok)
		}
	}
	if len(ch.PutLinks) != len(links) {
		t.Errorf("%d links, want %d", len(ch.PutLinks), len(links))
	}
	want := []string{"used twice", "end is missing", "not a number", "beyond the board's edge",
		"unknown node type", "not one we can show", "not opened"}
	all := strings.Join(lines, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no report line says %q:\n%s", w, all)
		}
	}
}

func TestImportRealFiles(t *testing.T) {
	tests := []struct {
		file         string
		cards, links int
	}{
		{"testdata/jsoncanvas-sample.canvas", 4, 1},
		{"testdata/tob-sample.canvas", 3, 3},
	}
	for _, tt := range tests {
		ch, _ := importFile(t, tt.file, nil)
		if len(ch.PutCards) != tt.cards || len(ch.PutLinks) != tt.links {
			t.Errorf("%s: %d cards, %d links; want %d, %d", tt.file, len(ch.PutCards), len(ch.PutLinks), tt.cards, tt.links)
		}
	}
	ch, _ := importFile(t, "testdata/jsoncanvas-sample.canvas", nil)
	c := byTitle(ch)["readme"]
	if c.Kind != data.KindSource || c.Color != Presets["6"] || c.X != -280 || c.Width != 570 {
		t.Errorf("readme.md: %+v", c)
	}
}

func roundTrip(t *testing.T, m *data.Model, strip bool) *data.Model {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if strip {
		raw = stripOurs(t, raw)
	}
	ch, rep, err := Import(bytes.NewReader(raw), "x.canvas", nil)
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
	return back
}

func TestRoundTrip(t *testing.T) {
	m := formattest.Sample(t)
	// Awkward values the sample lacks: fractions, tags, a colour, a quote
	// of several lines, an undirected link with a note.
	for _, c := range m.SortedCards() {
		if c.Kind == data.KindQuote {
			c.QuoteText += "\n> second line"
			c.X += 0.3
			c.Tags = []string{"b tag", "a tag"}
			c.Color = "#123abc"
			break
		}
	}
	for _, l := range m.Links {
		l.Directed = false
		l.Note = "a note\non two lines"
		break
	}
	back := roundTrip(t, m, false)
	if len(back.Cards) != len(m.Cards) || len(back.Links) != len(m.Links) {
		t.Fatalf("%d cards, %d links; want %d, %d", len(back.Cards), len(back.Links), len(m.Cards), len(m.Links))
	}
	for id, c := range m.Cards {
		want := c.Clone()
		sort.Strings(want.Tags)
		if got := back.Cards[id]; got == nil || !formattest.SameCard(want, *got) {
			t.Errorf("card %s:\n got %+v\nwant %+v", id, got, want)
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

// stripOurs drops the "evidenceboard" keys, as Obsidian does when it
// saves a canvas.
func stripOurs(t *testing.T, raw []byte) []byte {
	var f map[string][]map[string]any
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	for _, items := range f {
		for _, it := range items {
			delete(it, "evidenceboard")
		}
	}
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("evidenceboard")) {
		t.Fatal("not stripped")
	}
	return out
}

// TestRoundTripThroughObsidian checks that the Markdown text alone, what
// Obsidian keeps, brings back each card's kind and fields.
func TestRoundTripThroughObsidian(t *testing.T) {
	m := formattest.Sample(t)
	back := roundTrip(t, m, true)
	if len(back.Cards) != len(m.Cards) {
		t.Fatalf("%d cards, want %d", len(back.Cards), len(m.Cards))
	}
	for id, c := range m.Cards {
		got := back.Cards[id]
		if got == nil || got.Kind != c.Kind || got.Title != c.Title || got.Body != c.Body ||
			got.Status != c.Status || got.QuoteText != c.QuoteText || got.SpeakerID != c.SpeakerID ||
			got.SourceID != c.SourceID || got.Role != c.Role || got.Reliability != c.Reliability ||
			got.Credibility != c.Credibility || got.Date != c.Date || got.URL != c.URL {
			t.Errorf("card %s:\n got %+v\nwant %+v", id, got, c)
		}
	}
}

func TestImportIntoBoard(t *testing.T) {
	m := formattest.Sample(t)
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	// The same canvas into the board it came from: every id is taken, so
	// all are new and nothing on the board is replaced.
	ch, rep, err := Import(bytes.NewReader(buf.Bytes()), "again.canvas", m)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, m, ch)
	if rep.Cards != len(m.Cards) || rep.Links != len(m.Links) {
		t.Errorf("report %s", rep.Summary())
	}
	// A canvas with no positions lands below the board.
	maxY := math.Inf(-1)
	for _, c := range m.Cards {
		maxY = math.Max(maxY, c.Y+c.Height)
	}
	ch, _, err = Import(strings.NewReader(`{"nodes":[{"id":"a","type":"text","text":"x"},{"id":"b","type":"text","text":"y"}]}`), "n.canvas", m)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, m, ch)
	for _, c := range ch.PutCards {
		if c.Y <= maxY {
			t.Errorf("card %q at y=%v, not below the board (%v)", c.Title, c.Y, maxY)
		}
	}
}

func TestBadInput(t *testing.T) {
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "not a JSON Canvas file"},
		{"not json", "hello", "line 1, column 1"},
		{"nan", `{"nodes":[{"id":"a","type":"text","x":NaN}]}`, "not a JSON Canvas file"},
		{"deep", `{"nodes":[{"id":"a","type":"text","text":"x","extra":` + deep + `}]}`, "exceeded max depth"},
		{"nodes not a list", `{"nodes":{"a":1}}`, `"nodes" is not a list`},
		{"no nodes", `{"something":"else"}`, "no \"nodes\""},
		{"truncated", `{"nodes":[{"id":"a",`, "not a JSON Canvas file"},
	}
	for _, tt := range tests {
		_, _, err := Import(strings.NewReader(tt.in), "bad.canvas", nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "bad.canvas: ") ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line with %q", tt.name, err, tt.want)
		}
	}
	// Non-UTF-8 text is mended, not refused.
	ch, _, err := Import(strings.NewReader("{\"nodes\":[{\"id\":\"a\",\"type\":\"text\",\"text\":\"caf\xe9\"}]}"), "latin1.canvas", nil)
	if err != nil || len(ch.PutCards) != 1 || ch.PutCards[0].Title != "caf\uFFFD" {
		t.Errorf("non-UTF-8: %v %+v", err, ch.PutCards)
	}
	// Nodes that are not objects, ids that are not strings.
	ch, rep, err := Import(strings.NewReader(`{"nodes":[1,"x",null,{"id":5,"type":"text","text":"t"}],"edges":[7]}`), "odd.canvas", nil)
	if err != nil || len(ch.PutCards) != 1 || len(rep.Skipped) != 4 {
		t.Errorf("odd items: %v %d cards %v", err, len(ch.PutCards), rep.Skipped)
	}
}

func TestTooManyNodes(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"nodes":[`)
	for i := 0; i <= data.MaxCards; i++ {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString("{}")
	}
	sb.WriteString("]}")
	_, _, err := Import(strings.NewReader(sb.String()), "huge.canvas", nil)
	if err == nil || !strings.Contains(err.Error(), "over a board's limit") {
		t.Fatalf("a canvas of %d nodes: %v", data.MaxCards+1, err)
	}
}

func TestManyGroups(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"nodes":[`)
	for i := 0; i < MaxGroups+10; i++ {
		fmt.Fprintf(&sb, `{"id":"g%d","type":"group","label":"g%d","x":0,"y":0,"width":100,"height":100},`, i, i)
	}
	sb.WriteString(`{"id":"a","type":"text","text":"inside","x":10,"y":10,"width":50,"height":50}]}`)
	ch, rep, err := Import(strings.NewReader(sb.String()), "groups.canvas", nil)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, nil, ch)
	if len(ch.PutCards) != MaxGroups+1 || !strings.Contains(strings.Join(rep.Lines(), "\n"), "10 groups beyond") {
		t.Fatalf("%d cards, report %q", len(ch.PutCards), rep.Lines())
	}
	// Every group is the same size: the first in the file holds the card.
	if c := ch.PutCards[MaxGroups]; c.Title != "inside" || c.Group != ch.PutCards[0].ID || ch.PutCards[0].Title != "g0" {
		t.Errorf("the card is in %q, want the first group", c.Group)
	}
}

func TestSniff(t *testing.T) {
	for _, f := range []string{"testdata/handmade.canvas", "testdata/jsoncanvas-sample.canvas", "testdata/tob-sample.canvas"} {
		b, _ := os.ReadFile(f)
		if !Sniff(b) {
			t.Errorf("%s not recognised", f)
		}
	}
	for _, s := range []string{"", "<graphml/>", "a,b\n", `["nodes"]`, `{"x":1}`} {
		if Sniff([]byte(s)) {
			t.Errorf("%q taken for a canvas", s)
		}
	}
}

func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.canvas")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	var buf bytes.Buffer
	m, err := data.SampleModel(assets.Article)
	if err != nil {
		f.Fatal(err)
	}
	Export(&buf, m)
	f.Add(buf.Bytes())
	// Groups (testdata/groups.canvas is Obsidian's way; this is ours).
	grouped := formattest.Grouped(f)
	buf.Reset()
	Export(&buf, grouped)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		ch, rep, err := Import(bytes.NewReader(b), "fuzz.canvas", nil)
		if err != nil {
			return
		}
		if rep == nil {
			t.Fatal("no report")
		}
		formattest.CheckApplies(t, nil, ch)
	})
}

func BenchmarkImport10k(b *testing.B) {
	bd, gen := data.Generate(10000, 1)
	m := data.NewModel(bd)
	m.Apply(gen)
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		b.Fatal(err)
	}
	raw := buf.Bytes()
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Import(bytes.NewReader(raw), "big.canvas", nil); err != nil {
			b.Fatal(err)
		}
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
