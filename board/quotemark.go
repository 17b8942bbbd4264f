package board

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data"
)

// QuoteMark is what the check of a quote against its source's document
// (docs/QUOTES.md) found, as the board marks it. The app computes it; the
// board only draws it.
type QuoteMark int

// The marks of a quote card.
const (
	// QuoteUnchecked: no mark (not checked, or nothing to check against).
	QuoteUnchecked QuoteMark = iota
	// QuoteVerified: the words are in the source; a small ✓.
	QuoteVerified
	// QuoteNotFound: they are not; a warning badge and a ring round the card.
	QuoteNotFound
)

// boardExtras is what the app tells the board beyond the model: the
// pictures of image sources and the marks of checked quotes.
type boardExtras struct {
	pics  pictures
	marks map[string]QuoteMark
}

// SetQuoteMarks replaces the quote marks the board shows with marks, by
// card ID (cards not named have none). The board keeps the map: the
// caller makes a new one for the next call. Only the cards in view whose
// mark changed are drawn again.
func (b *Board) SetQuoteMarks(marks map[string]QuoteMark) {
	old := b.ext.marks
	b.ext.marks = marks
	for _, e := range b.sc.liveCards {
		if old[e.id] != marks[e.id] {
			b.sc.drawCard(e)
			b.repaint(e.view.box)
		}
	}
}

// QuoteMarkOf is the mark card id is drawn with.
func (b *Board) QuoteMarkOf(id string) QuoteMark {
	if e := b.cards[id]; e == nil || e.c.Kind != data.KindQuote {
		return QuoteUnchecked
	}
	return b.ext.marks[id]
}

// markView draws a quote's mark: a round badge straddling the card's
// top-right corner (clear of the header's text, as a notification badge
// is) and, for a quote not found, a ring round the card that still shows
// when the board is zoomed out too far for the badge to be read.
type markView struct {
	ring  *canvas.Rectangle
	dot   *canvas.Circle
	glyph *canvas.Text
}

func (m *markView) hide() {
	m.ring.Hide()
	m.dot.Hide()
	m.glyph.Hide()
}

// The marks' colours, by palette (style.go). Each badge carries its own
// ink; the ring and badge are darker on the light board and lighter on the
// dark one, to stand out from the background by at least 3:1 (checked in
// quotemark_test.go).
var (
	markWarnLight  = rgb(0xb4, 0x53, 0x09) // amber 700
	markWarnDark   = rgb(0xf5, 0x9e, 0x0b) // amber 500
	markOKLight    = rgb(0x15, 0x80, 0x3d) // green 700
	markOKDark     = rgb(0x4a, 0xde, 0x80) // green 400
	markInkOnLight = rgb(0xff, 0xff, 0xff)
	markInkOnDark  = rgb(0x1f, 0x23, 0x28)
)

// markColours is the fill and ink of a mark on the board's background.
func markColours(m QuoteMark) (fill, ink color.NRGBA) {
	dark := darkPalette
	switch {
	case m == QuoteNotFound && dark:
		return markWarnDark, markInkOnDark
	case m == QuoteNotFound:
		return markWarnLight, markInkOnLight
	case dark:
		return markOKDark, markInkOnDark
	}
	return markOKLight, markInkOnLight
}

// markRadius is the badge's radius in pixels at zoom 1; it shrinks with
// the zoom but not below markMinRadius.
const (
	markRadius    = 9
	markMinRadius = 4
)

// drawQuoteMark shows quote card e's mark, or hides it.
func (b *Board) drawQuoteMark(e *cardEnt, w, h, z float64) {
	x := &e.view.extra
	mark := QuoteUnchecked
	if e.c.Kind == data.KindQuote {
		mark = b.ext.marks[e.id]
	}
	if mark == QuoteUnchecked {
		if x.mark != nil {
			x.mark.hide()
		}
		return
	}
	if x.mark == nil {
		x.mark = &markView{ring: canvas.NewRectangle(color.Transparent), dot: canvas.NewCircle(color.Transparent),
			glyph: canvas.NewText("", color.Black)}
		x.mark.glyph.TextStyle.Bold = true
		x.mark.glyph.Alignment = fyne.TextAlignCenter
		x.objs = append(x.objs, x.mark.ring, x.mark.dot, x.mark.glyph)
		e.view.rebuild()
	}
	m := x.mark
	fill, ink := markColours(mark)
	sw, sh := float32(w*z), float32(h*z)
	if mark == QuoteNotFound {
		const out = 3 // the ring sits just outside the card, clear of its border and selection
		m.ring.StrokeColor, m.ring.StrokeWidth, m.ring.FillColor = fill, 2, color.Transparent
		m.ring.CornerRadius = float32(cardRadius*z) + out
		m.ring.Move(fyne.NewPos(-out, -out))
		m.ring.Resize(fyne.NewSize(sw+2*out, sh+2*out))
		m.ring.Show()
		m.ring.Refresh()
	} else {
		m.ring.Hide()
	}
	r := float32(max(markMinRadius, markRadius*min(z, 1)))
	cx, cy := sw-r*0.35, r*0.35 // mostly outside the corner
	m.dot.FillColor, m.dot.StrokeColor, m.dot.StrokeWidth = fill, colBackground, 1.5
	m.dot.Move(fyne.NewPos(cx-r, cy-r))
	m.dot.Resize(fyne.NewSize(2*r, 2*r))
	m.dot.Show()
	m.dot.Refresh()
	if r < 6 {
		m.glyph.Hide() // too small to read: the colour says it
		return
	}
	m.glyph.Text = "!"
	if mark == QuoteVerified {
		m.glyph.Text = "✓"
	}
	m.glyph.Color, m.glyph.TextSize = ink, r*1.3
	th := fyne.MeasureText(m.glyph.Text, m.glyph.TextSize, m.glyph.TextStyle).Height
	m.glyph.Move(fyne.NewPos(cx-r, cy-th/2))
	m.glyph.Resize(fyne.NewSize(2*r, th))
	m.glyph.Show()
	m.glyph.Refresh()
}
