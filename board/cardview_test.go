package board

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
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

// TestTextStaysInsideAtEveryZoom draws cards with long text at many zooms
// and measures every text as Fyne draws it (at its drawn size, which Fyne
// rounds to whole pixels): none may run past the card's right or bottom
// edge.
func TestTextStaysInsideAtEveryZoom(t *testing.T) {
	m := kindsBoard()
	long := "Payments routed through a consultancy in the month before each inspection, which the log does not record anywhere. "
	for _, c := range m.Cards {
		c.Body = strings.Repeat(long, 4)
		if c.Kind == data.KindQuote {
			c.QuoteText = strings.Repeat("We signed what they put in front of us, every week, without reading it. ", 4)
		}
		c.Tags = []string{"harbour", "follow-up", "payments", "inspection", "Northwind", "2019"}
	}
	b, _ := show(t, m, 1400, 900)
	for _, z := range []float64{0.45, 0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.9, 1, 1.1, 1.3, 1.5, 1.7, 2, 2.5, 3} {
		b.SetZoom(float32(z))
		for id, e := range b.cards {
			if e.view == nil {
				continue
			}
			box := e.view.box.Size()
			for _, tx := range e.view.texts {
				if !tx.Visible() {
					continue
				}
				w := fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width
				if right := tx.Position().X + w; right > box.Width-1 {
					t.Fatalf("zoom %v, card %s: %q (size %v) ends at %v, past the card's edge at %v", z, id, tx.Text, tx.TextSize, right, box.Width)
				}
				if tx.Position().Y+tx.TextSize > box.Height {
					t.Fatalf("zoom %v, card %s: %q below the card", z, id, tx.Text)
				}
			}
		}
	}
}

// TestEnlargedCardShowsWholeTitle: a title of many lines is cut to two on
// a card of the usual size, and shown whole on an enlarged one.
func TestEnlargedCardShowsWholeTitle(t *testing.T) {
	test.NewTempApp(t)
	m := kindsBoard()
	title := "Northwind paid the inspector to pass the cargo through the port without the checks the log says were made in June and July"
	for _, c := range m.Cards {
		c.Title = title
		small := layoutCard(m, c, 200, 96)
		big := layoutCard(m, c, 200, 420)
		titleOf := func(l *cardLayout) (lines []string) {
			for _, r := range l.texts {
				if r.size == titleSize {
					lines = append(lines, r.text)
				}
			}
			return lines
		}
		if got := titleOf(small); len(got) > 3 || !strings.HasSuffix(got[len(got)-1], ellipsis) || !small.cut {
			t.Errorf("%s at 200×96: title %q not cut, or not marked cut", c.Kind, got)
		}
		got := strings.Join(titleOf(big), " ")
		if got != title || len(titleOf(big)) <= 3 {
			t.Errorf("%s at 200×420: title shown as %q", c.Kind, titleOf(big))
		}
		if c.Body != "" && c.Kind != data.KindQuote && !hasRun(big, "Freight", "Payments", "Container", "Who else") {
			t.Errorf("%s at 200×420: the whole title left no room for the body", c.Kind)
		}
	}
}

// hasRun reports whether a line of l begins with any of the prefixes.
func hasRun(l *cardLayout, prefixes ...string) bool {
	for _, r := range l.texts {
		for _, p := range prefixes {
			if strings.HasPrefix(r.text, p) {
				return true
			}
		}
	}
	return false
}

// TestTagChips: a card shows its tags as chips in the board's tag colours,
// inside the card, with the ones that do not fit counted on a "+N" chip.
func TestTagChips(t *testing.T) {
	test.NewTempApp(t)
	m := kindsBoard()
	m.Board = m.Board.WithTagColor("harbour", "#2b6cb0")
	c := m.Cards["note"]
	c.Tags = []string{"harbour", "follow-up", "payments", "inspection", "Northwind", "customs", "2019"}
	for _, w := range []float64{600, 400, 200, 120, 90} {
		l := layoutCard(m, c, w, 140)
		checkInside(t, c, l, w, 140)
		var chips []string
		var first pill
		for _, r := range l.texts {
			if r.y > headerY+headerH && r.size == chipSize {
				chips = append(chips, r.text)
			}
		}
		for _, p := range l.pills {
			if p.h == chipH {
				first = p
				break
			}
		}
		if len(chips) == 0 {
			t.Fatalf("%v wide: no chips", w)
		}
		shown, more := chips, ""
		if last := chips[len(chips)-1]; strings.HasPrefix(last, "+") {
			shown, more = chips[:len(chips)-1], last
		}
		for i, s := range shown {
			if s != c.Tags[i] && !(i == 0 && strings.HasSuffix(s, ellipsis)) {
				t.Errorf("%v wide: chip %d shows %q for %q", w, i, s, c.Tags[i])
			}
		}
		wantMore := ""
		if n := len(c.Tags) - len(shown); n > 0 {
			wantMore = "+" + strconv.Itoa(n)
		}
		if more != wantMore || l.cut != (wantMore != "") {
			t.Errorf("%v wide: chips %q, want the rest counted as %q (cut %v)", w, chips, wantMore, l.cut)
		}
		if w == 600 && len(shown) != len(c.Tags) {
			t.Errorf("600 wide: only %q", chips)
		}
		if len(shown) > 0 && first.color != hexOr("#2b6cb0", "") {
			t.Errorf("%v wide: the harbour chip is %v, not the board's colour for the tag", w, first.color)
		}
	}
}
