package board

import (
	"testing"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
)

// markOf is card id's mark objects, nil if its view has none.
func markOf(b *Board, id string) *markView {
	e := b.cards[id]
	if e == nil || e.view == nil {
		return nil
	}
	return e.view.extra.mark
}

func TestQuoteMarks(t *testing.T) {
	m := data.NewModel(data.Board{})
	m.Apply(data.Change{PutCards: []data.Card{
		{ID: "q1", Kind: data.KindQuote, Title: "One", QuoteText: "words", X: 20, Y: 20, Width: 240, Height: 120},
		{ID: "q2", Kind: data.KindQuote, Title: "Two", QuoteText: "more words", X: 300, Y: 20, Width: 240, Height: 120},
		{ID: "note", Kind: data.KindNote, Title: "A note", X: 580, Y: 20, Width: 200, Height: 90},
		{ID: "far", Kind: data.KindQuote, Title: "Far", QuoteText: "away", X: 9000, Y: 9000, Width: 240, Height: 120},
	}})
	b, win := show(t, m, 900, 300)
	b.SetQuoteMarks(map[string]QuoteMark{"q1": QuoteNotFound, "q2": QuoteVerified, "note": QuoteNotFound, "far": QuoteNotFound})

	type want struct {
		mark        QuoteMark
		ring, glyph bool
		text        string
	}
	for id, w := range map[string]want{
		"q1":   {QuoteNotFound, true, true, "!"},
		"q2":   {QuoteVerified, false, true, "✓"},
		"note": {QuoteUnchecked, false, false, ""},
	} {
		if got := b.QuoteMarkOf(id); got != w.mark {
			t.Errorf("%s: mark %v, want %v", id, got, w.mark)
		}
		mv := markOf(b, id)
		shown := mv != nil && mv.dot.Visible()
		if shown != (w.mark != QuoteUnchecked) {
			t.Errorf("%s: badge shown %v", id, shown)
			continue
		}
		if !shown {
			continue
		}
		if mv.ring.Visible() != w.ring || mv.glyph.Visible() != w.glyph || mv.glyph.Text != w.text {
			t.Errorf("%s: ring %v, glyph %v %q", id, mv.ring.Visible(), mv.glyph.Visible(), mv.glyph.Text)
		}
	}
	if b.cards["far"].view != nil {
		t.Error("a card out of view has objects")
	}

	// What a person sees: the badge's colour at the card's corner, the
	// ring beside the card's left edge.
	img := win.Canvas().Capture()
	mv := markOf(b, "q1")
	pos, _, _ := b.CardScreenRect("q1")
	centre := pos.Add(mv.dot.Position()).AddXY(mv.dot.Size().Width/2, mv.dot.Size().Height/2-mv.dot.Size().Height/3)
	warn, _ := markColours(QuoteNotFound)
	if c := pixel(img, centre); !near(c, warn) {
		t.Errorf("the badge at %v is %v, want %v", centre, c, warn)
	}
	ringAt := func(p fyne.Position) bool { // a line of pixels leftwards from p
		for d := float32(0); d < 8; d++ {
			if near(pixel(img, p.AddXY(-d, 0)), warn) {
				return true
			}
		}
		return false
	}
	if !ringAt(pos.AddXY(0, 60)) {
		t.Error("no ring left of the card")
	}
	q2, _, _ := b.CardScreenRect("q2")
	if ringAt(q2.AddXY(0, 60)) {
		t.Error("a verified quote has the ring")
	}

	// The fix: marks replaced, the badge goes; zoomed out, the ring stays.
	b.SetQuoteMarks(map[string]QuoteMark{"q2": QuoteVerified})
	if mv.dot.Visible() || mv.ring.Visible() || b.QuoteMarkOf("q1") != QuoteUnchecked {
		t.Error("the mark stayed after it was cleared")
	}
	b.SetQuoteMarks(map[string]QuoteMark{"q1": QuoteNotFound})
	b.SetZoom(0.2)
	if !mv.ring.Visible() || mv.glyph.Visible() {
		t.Errorf("zoomed out: ring %v, glyph %v (too small to read)", mv.ring.Visible(), mv.glyph.Visible())
	}
}

// TestQuoteMarkContrast: on both palettes' backgrounds, each mark stands
// out by 3:1 (a graphic) and its glyph reads on it by 4.5:1 (text).
func TestQuoteMarkContrast(t *testing.T) {
	defer setPalette(darkPalette)
	for _, dark := range []bool{false, true} {
		setPalette(dark)
		for _, mk := range []QuoteMark{QuoteVerified, QuoteNotFound} {
			fill, ink := markColours(mk)
			if c := ContrastRatio(fill, colBackground); c < 3 {
				t.Errorf("mark %d, dark %v: %.2f:1 against the board", mk, dark, c)
			}
			if c := ContrastRatio(ink, fill); c < 4.5 {
				t.Errorf("mark %d, dark %v: glyph %.2f:1 on the badge", mk, dark, c)
			}
		}
	}
}
