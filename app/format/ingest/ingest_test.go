package ingest

import (
	"strings"
	"testing"

	"evidenceboard/data"
)

func TestClean(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"plain", 0, "plain"},
		{"a\x00b\x1bc\td\ne\rf", 0, "abc\td\ne\rf"},
		{"caf\xe9", 0, "caf\uFFFD"},
		{"héllo", 2, "h"},
		{"héllo", 3, "hé"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in, tt.max); got != tt.want {
			t.Errorf("Clean(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestNormColor(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"#A341FF", "#a341ff", true}, {"#0af", "#00aaff", true}, {" #123456 ", "#123456", true},
		{"red", "", false}, {"#12345", "", false}, {"#gggggg", "", false}, {"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormColor(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormColor(%q) = %q %v", tt.in, got, ok)
		}
	}
}

func TestBuilder(t *testing.T) {
	into := data.NewModel(data.Board{})
	into.Cards["old"] = &data.Card{ID: "old", Kind: data.KindParty, Title: "Old", X: 100, Y: 50, Width: 200, Height: 80}
	b := NewBuilder(into, "test")
	add := func(id string, p Pending) bool { return b.AddCard(id, "item "+id, p) }
	if !add("a", Pending{Card: data.Card{Kind: data.KindQuote, Title: "Q", QuoteText: "words"}, Speaker: "old", Source: "s"}) ||
		!add("s", Pending{Card: data.Card{Kind: data.KindSource, Title: "S", URL: "javascript:x"}}) ||
		!add("p", Pending{Card: data.Card{Title: "placed\x07", X: 1e9, Y: -5, Width: 1, Height: 1e9}, Placed: true}) {
		t.Fatal("a good card was refused")
	}
	if add("a", Pending{Card: data.Card{Title: "dup"}}) {
		t.Error("a duplicate id was taken")
	}
	b.AddLink("", "link 1", "a", "old", data.Link{Relation: "said by", Directed: true})
	b.AddLink("", "link 2", "a", "nowhere", data.Link{})
	ch, rep, err := b.Change("Import")
	if err != nil {
		t.Fatal(err)
	}
	m := into.Clone()
	m.Apply(ch)
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	got := map[string]data.Card{}
	for _, c := range ch.PutCards {
		got[c.Title] = c
	}
	if q := got["Q"]; q.SpeakerID != "old" || q.SourceID != got["S"].ID {
		t.Errorf("references: %+v", q)
	}
	if s := got["S"]; s.URL != "" || !strings.Contains(s.Body, "javascript:x") {
		t.Errorf("an unsafe URL was kept as a link: %+v", s)
	}
	if p := got["placed"]; p.X != data.MaxCoord || p.Y != -5 || p.Width != data.MinCardSize || p.Height != data.MaxCardSize {
		t.Errorf("clamping: %+v", p)
	}
	// Unplaced cards go below everything, the board's and the file's.
	for _, title := range []string{"Q", "S"} {
		if c := got[title]; c.Y != -5+data.MaxCardSize+2*Gap || c.X < 100 {
			t.Errorf("%s placed at %v,%v", title, c.X, c.Y)
		}
	}
	if rep.Cards != 3 || rep.Links != 1 || !strings.Contains(strings.Join(rep.Lines(), "\n"), "link 2 skipped: its end is missing") {
		t.Errorf("report: %s %q", rep.Summary(), rep.Lines())
	}
}

func TestReportIsBounded(t *testing.T) {
	r := &Report{}
	for i := 0; i < MaxReportLines+50; i++ {
		r.Skip("line %d", i)
	}
	if len(r.Skipped) != MaxReportLines || r.More != 50 || r.Lines()[MaxReportLines] != "and 50 more" {
		t.Errorf("%d lines, %d more", len(r.Skipped), r.More)
	}
}
