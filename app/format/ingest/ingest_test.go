package ingest

import (
	"fmt"
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

// Cards the file placed keep their arrangement, but never land on cards
// already on the board.
func TestPlacedCardsClearOfTheBoard(t *testing.T) {
	board := data.NewModel(data.Board{})
	board.Apply(data.Change{PutCards: []data.Card{
		{ID: "a", Kind: data.KindNote, X: 0, Y: 0, Width: 200, Height: 100},
		{ID: "b", Kind: data.KindNote, X: 400, Y: 300, Width: 200, Height: 100},
	}})
	for _, tc := range []struct {
		name   string
		at     [][2]float64 // where the file places its cards
		moved  bool
		wantXY [2]float64 // the first card's place afterwards
	}{
		{"clear of the board", [][2]float64{{1000, 1000}, {1300, 1000}}, false, [2]float64{1000, 1000}},
		{"one would cover a card", [][2]float64{{1000, 1000}, {450, 350}}, true, [2]float64{1000 - 450, 1000 + (400 + 2*Gap - 350)}},
		{"between cards, touching none", [][2]float64{{250, 150}}, false, [2]float64{250, 150}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder(board, "test")
			for i, xy := range tc.at {
				b.AddCard(fmt.Sprint(i), fmt.Sprint("card ", i), Pending{Placed: true,
					Card: data.Card{Kind: data.KindNote, Title: "n", X: xy[0], Y: xy[1], Width: 100, Height: 50}})
			}
			ch, rep, err := b.Change("Import")
			if err != nil {
				t.Fatal(err)
			}
			c := ch.PutCards[0]
			if [2]float64{c.X, c.Y} != tc.wantXY {
				t.Fatalf("first card at (%v, %v), want %v", c.X, c.Y, tc.wantXY)
			}
			if len(ch.PutCards) > 1 {
				d := ch.PutCards[1]
				if d.X-c.X != tc.at[1][0]-tc.at[0][0] || d.Y-c.Y != tc.at[1][1]-tc.at[0][1] {
					t.Fatal("the file's arrangement was not kept")
				}
			}
			if said := len(rep.Skipped) == 1; said != tc.moved {
				t.Fatalf("report %q (moved %v)", rep.Skipped, tc.moved)
			}
		})
	}
}

// What a file says of a card's group, speaker or source is kept only when
// it names a card of the right kind; otherwise the report says what is
// wrong, in words that fit the case (issue 12: a group in neither the
// file nor the board was reported as "not a group card here (groups do
// not nest)").
func TestReferenceReportLines(t *testing.T) {
	into := data.NewModel(data.Board{})
	into.Cards["onboard"] = &data.Card{ID: "onboard", Kind: data.KindGroup, Title: "On board", Width: 400, Height: 300}
	into.Cards["someone"] = &data.Card{ID: "someone", Kind: data.KindParty, Title: "Someone", Width: 200, Height: 80}
	for _, tt := range []struct {
		name  string
		kind  data.Kind
		field string // group, speaker or source
		ref   string
		want  string // the report line; "" when the reference is kept
	}{
		{"in a group of the file", data.KindNote, "group", "g", ""},
		{"in a group on the board", data.KindNote, "group", "onboard", ""},
		{"group missing", data.KindNote, "group", "ghost", `card "group missing": its group "ghost" is neither in the file nor on the board; left out of any group`},
		{"group is a claim", data.KindNote, "group", "claim", `card "group is a claim": its group "C" is a card of kind claim, not a group; left out of any group`},
		{"group in a group", data.KindGroup, "group", "g", `card "group in a group" is a group, and groups do not nest; left out of the group "G"`},
		{"itself", data.KindGroup, "group", "itself", `card "itself" names itself as its group; left out of any group`},
		{"speaker on the board", data.KindQuote, "speaker", "someone", ""},
		{"speaker missing", data.KindQuote, "speaker", "ghost", `card "speaker missing": its speaker "ghost" is neither in the file nor on the board; left out`},
		{"speaker is a group", data.KindQuote, "speaker", "g", `card "speaker is a group": its speaker "G" is a card of kind group, not a party; left out`},
		{"source is a claim", data.KindQuote, "source", "claim", `card "source is a claim": its source "C" is a card of kind claim, not a source; left out`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder(into, "test")
			b.AddCard("g", "g", Pending{Card: data.Card{Kind: data.KindGroup, Title: "G"}})
			b.AddCard("claim", "claim", Pending{Card: data.Card{Kind: data.KindClaim, Title: "C"}})
			p := Pending{Card: data.Card{Kind: tt.kind, Title: tt.name}}
			ref := map[string]*string{"group": &p.Group, "speaker": &p.Speaker, "source": &p.Source}[tt.field]
			*ref = tt.ref
			b.AddCard("itself", "it", p)
			ch, rep, err := b.Change("Import")
			if err != nil {
				t.Fatal(err)
			}
			m := into.Clone()
			m.Apply(ch)
			if err := m.Validate(); err != nil {
				t.Fatal(err)
			}
			got := strings.Join(rep.Lines(), "\n")
			if got != tt.want {
				t.Errorf("report %q, want %q", got, tt.want)
			}
			c := b.Pending("itself").Card
			kept := map[string]string{"group": c.Group, "speaker": c.SpeakerID, "source": c.SourceID}[tt.field] != ""
			if kept != (tt.want == "") {
				t.Errorf("kept the %s: %v", tt.field, kept)
			}
		})
	}
}

// A card larger than a board holds is cut to the limit, and the report
// says so: a group frame cut so changes what it holds (issue 12).
func TestSizeCutIsReported(t *testing.T) {
	for _, tt := range []struct {
		w, h float64
		want string
	}{
		{200, 90, ""},
		{data.MaxCardSize, data.MaxCardSize, ""},
		{250000, 90, `frame: its size, 250000 × 90, is over a card's limit of 100000; cut to 100000 × 90`},
		{300, 1e300, `frame: its size, 300 × 1e+300, is over a card's limit of 100000; cut to 300 × 100000`},
	} {
		b := NewBuilder(nil, "test")
		b.AddCard("g", "frame", Pending{Card: data.Card{Kind: data.KindGroup, Title: "G", Width: tt.w, Height: tt.h}, Placed: true})
		_, rep, err := b.Change("Import")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rep.Lines(), "\n"); got != tt.want {
			t.Errorf("%v × %v: report %q, want %q", tt.w, tt.h, got, tt.want)
		}
	}
}
