package board

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
)

// TestCardTextNeverSpills lays out every kind of card, with long text, at
// many sizes, and checks that every line of text and every pill stays
// inside the card.
func TestCardTextNeverSpills(t *testing.T) {
	test.NewTempApp(t)
	m := kindsBoard()
	long := strings.Repeat("Payments routed through a consultancy in the month before each inspection. ", 12)
	for _, c := range m.Cards {
		c.Body = long
		c.Title = "A title long enough to need three or four lines on a narrow card " + c.Title
		if c.Kind == data.KindQuote {
			c.QuoteText = long
		}
		for _, w := range []float64{data.MinCardSize, 60, 90, 140, 200, 320} {
			for _, h := range []float64{data.MinCardSize, 48, 70, 100, 160, 400} {
				for _, l := range []*cardLayout{layoutCard(m, c, w, h), layoutTitle(c, w, h)} {
					checkInside(t, c, l, w, h)
				}
				l := layoutCard(m, c, w, h)
				if w >= 200 && h >= 100 && len(l.texts) < 3 {
					t.Errorf("%s %v×%v: only %d lines of text", c.Kind, w, h, len(l.texts))
				}
			}
		}
	}
}

// checkInside fails t if any text or pill of l leaves a w×h card.
func checkInside(t *testing.T, c *data.Card, l *cardLayout, w, h float64) {
	t.Helper()
	for _, p := range l.pills {
		if p.x < 0 || p.y < 0 || p.x+p.w > w+0.01 || p.y+p.h > h+0.01 {
			t.Fatalf("%s %v×%v: pill %+v outside the card", c.Kind, w, h, p)
		}
	}
	for _, r := range l.texts {
		tw := textWidth(r.text, r.size, r.style)
		if r.x < 0 || r.y < 0 || r.x+tw > w-cardPad/2 || r.y+lineHeight(r.size) > h {
			t.Fatalf("%s %v×%v: text %q at (%v,%v), %v wide, outside the card", c.Kind, w, h, r.text, r.x, r.y, tw)
		}
	}
}

func TestCardShowsKindFacts(t *testing.T) {
	test.NewTempApp(t)
	m := kindsBoard()
	texts := func(id string) string {
		c := m.Cards[id]
		var all []string
		for _, r := range layoutCard(m, c, c.Width, c.Height).texts {
			all = append(all, r.text)
		}
		return strings.Join(all, "|")
	}
	for id, want := range map[string][]string{
		"party":  {"PARTY", "Organisation · defendant"},
		"claim":  {"CLAIM", "Disputed", "B2"},
		"quote":  {"QUOTE", "“I signed what they put in front of me.”", "— Northwind Shipping Ltd · Port authority", "p. 12"},
		"event":  {"EVENT", "2019-06-14"},
		"source": {"SOURCE", "A1 · 2019-06", "Port of Ashford"},
		"note":   {"NOTE", "Ask the harbour master"},
	} {
		got := texts(id)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s card shows %q, missing %q", id, got, w)
			}
		}
	}
}

func TestHugeTextLaysOutQuickly(t *testing.T) {
	test.NewTempApp(t)
	m := data.NewModel(data.Board{})
	huge := strings.Repeat("word  and   more words ", data.MaxTextLen/24)
	c := &data.Card{ID: "q", Kind: data.KindQuote, Title: huge, QuoteText: huge, Body: huge, Width: 300, Height: 200}
	m.Cards["q"] = c
	l := layoutCard(m, c, c.Width, c.Height)
	if len(l.texts) == 0 || len(l.texts) > 20 {
		t.Fatalf("%d lines for a huge card", len(l.texts))
	}
	if got := clip(strings.Repeat("é", maxShown)); len(got) > maxShown || !utf8.ValidString(got) {
		t.Fatalf("clip gave %d bytes, valid=%v", len(got), utf8.ValidString(got))
	}
}

// TestBidiControlsShown: a title holding a right-to-left override shows
// the control as a mark, in the full layout and the title-only one, so it
// cannot disguise itself ("exe.live").
func TestBidiControlsShown(t *testing.T) {
	test.NewTempApp(t)
	m := kindsBoard()
	for _, c := range m.Cards {
		c.Title = "report\u202Eexe.pdf"
		for _, l := range []*cardLayout{layoutCard(m, c, 320, 200), layoutTitle(c, 320, 200)} {
			var all strings.Builder
			for _, r := range l.texts {
				all.WriteString(r.text)
			}
			if strings.ContainsRune(all.String(), '\u202E') || !strings.Contains(all.String(), "U+202E") {
				t.Fatalf("%s card shows %q", c.Kind, all.String())
			}
		}
		break
	}
}
