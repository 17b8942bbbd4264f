package board

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data"
)

// Fyne 2.8 has no tooltips, and a pop-up on the canvas's overlay stack
// would take the pointer events the board needs to hide it again. So the
// board draws its own: a box on top of the scene, shown when the pointer
// has rested on a card whose text the card cannot show in full, hidden
// when the pointer moves off it, presses or scrolls.

// Tooltip metrics, in screen pixels.
const (
	tipSize     = 12.0 // text size
	tipWidth    = 340  // the widest the text runs
	tipPad      = 8    // inner margin
	tipMaxLines = 24   // the most lines shown; a longer text ends in "…"
	tipOffsetX  = 14   // from the pointer
	tipOffsetY  = 18
)

// tipDelay is how long the pointer must rest on a card before its
// tooltip shows (a variable so that tests need not wait).
var tipDelay = 500 * time.Millisecond

// tooltip is the hover box of one board.
type tooltip struct {
	b     *Board
	box   *fyne.Container
	bg    *canvas.Rectangle
	texts []*canvas.Text

	card  *cardEnt      // the card the pointer rests on, or nil
	at    fyne.Position // where the pointer rests, widget coordinates
	gen   int           // which rest a pending timer belongs to
	shown *cardEnt      // the card whose text is shown, or nil
}

func newTooltip(b *Board) *tooltip {
	t := &tooltip{b: b, bg: canvas.NewRectangle(colTipBg)}
	t.bg.CornerRadius = 5
	t.bg.StrokeWidth = 1
	t.box = &fyne.Container{Objects: []fyne.CanvasObject{t.bg}}
	t.box.Hide()
	t.recolour()
	return t
}

// recolour takes the palette in use.
func (t *tooltip) recolour() {
	t.bg.FillColor, t.bg.StrokeColor = colTipBg, colTipBorder
	t.bg.Shadow = canvas.Shadow{Color: colShadow, BlurRadius: 6, Offset: fyne.NewPos(0, 2)}
	for _, x := range t.texts {
		x.Color = colInk
	}
	if t.box.Visible() {
		t.box.Refresh()
	}
}

// rest tells the tooltip the pointer is at p over card e (nil: over no
// card). Moving within the same card keeps a shown tooltip; moving to
// another card, or off cards, hides it and starts waiting again.
func (t *tooltip) rest(e *cardEnt, p fyne.Position) {
	if e == t.card && e != nil {
		t.at = p
		return
	}
	t.hide()
	t.card, t.at = e, p
	if e == nil {
		return
	}
	t.gen++
	gen := t.gen
	time.AfterFunc(tipDelay, func() {
		fyne.Do(func() {
			if t.gen == gen && t.card == e {
				t.show()
			}
		})
	})
}

// hide takes the tooltip away and forgets the pointer's rest.
func (t *tooltip) hide() {
	t.gen++
	t.card, t.shown = nil, nil
	if t.box.Visible() {
		t.box.Hide()
	}
}

// show shows the full text of the card the pointer rests on, if the card
// does not show it all, placed by the pointer inside the board.
func (t *tooltip) show() {
	b, e := t.b, t.card
	if e == nil || b.cards[e.id] != e || b.in.pressed || b.in.mode != dragNone || !b.cardTextCut(e) {
		return
	}
	lines := tipLines(b.m, e.c)
	if len(lines) == 0 {
		return
	}
	for len(t.texts) < len(lines) {
		x := canvas.NewText("", colInk)
		t.texts = append(t.texts, x)
		t.box.Objects = append(t.box.Objects, x)
	}
	w, y := 0.0, float64(tipPad)
	for i, x := range t.texts {
		if i >= len(lines) {
			x.Hide()
			continue
		}
		ln := lines[i]
		x.Text, x.TextSize, x.TextStyle, x.Color = ln.text, tipSize, ln.style, colInk
		x.Move(fyne.NewPos(tipPad, float32(y)))
		y += lineHeight(tipSize)
		if tw := textWidth(ln.text, tipSize, ln.style); tw > w {
			w = tw
		}
		x.Show()
		x.Refresh()
	}
	size := fyne.NewSize(float32(w+2*tipPad), float32(y+tipPad))
	t.bg.Resize(size)
	t.box.Resize(size)
	t.box.Move(tipPlace(t.at, size, b.size))
	t.shown = e
	t.box.Show()
	// The box was hidden when the canvas last walked the board, so the
	// canvas does not know it yet: ask the board's canvas to repaint it.
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil {
		c.Refresh(t.box)
	}

}

// tipPlace is where a tooltip of size goes for the pointer at p on a
// board of size area: below and right of the pointer, else above or left
// of it, and never past the board's edges (so never outside the window).
func tipPlace(p fyne.Position, size, area fyne.Size) fyne.Position {
	x, y := p.X+tipOffsetX, p.Y+tipOffsetY
	if x+size.Width > area.Width {
		x = p.X - tipOffsetX - size.Width
	}
	if y+size.Height > area.Height {
		y = p.Y - 6 - size.Height
	}
	x = max(0, min(x, area.Width-size.Width))
	y = max(0, min(y, area.Height-size.Height))
	return fyne.NewPos(x, y)
}

// tipLine is one line of a tooltip.
type tipLine struct {
	text  string
	style fyne.TextStyle
}

// tipLines is the text of card c, wrapped for a tooltip: its title, then
// every field the card shows, each in full up to tipMaxLines in all.
func tipLines(m *data.Model, c *data.Card) []tipLine {
	var out []tipLine
	add := func(s string, style fyne.TextStyle) {
		s = strings.TrimSpace(clip(s))
		if s == "" || len(out) >= tipMaxLines {
			return
		}
		for _, ln := range wrap(s, tipSize, style, tipWidth, tipMaxLines-len(out)) {
			out = append(out, tipLine{ln, style})
		}
	}
	add(c.Title, fyne.TextStyle{Bold: true})
	var meta []string
	switch c.Kind {
	case data.KindParty:
		meta = append(meta, partyLine(c))
	case data.KindClaim:
		if st := statusLabel(c.Status); st != "" {
			meta = append(meta, st)
		}
		meta = append(meta, grading(c))
	case data.KindSource:
		meta = append(meta, c.Publisher, grading(c), c.Date)
	case data.KindEvent:
		meta = append(meta, c.Date)
	case data.KindQuote:
		meta = append(meta, c.Locator)
	}
	add(joinNonEmpty(meta, " · "), fyne.TextStyle{})
	if c.Kind == data.KindQuote && c.QuoteText != "" {
		add("“"+strings.TrimSpace(c.QuoteText)+"”", fyne.TextStyle{Italic: true})
		add(attribution(m, c), fyne.TextStyle{})
	}
	add(c.Body, fyne.TextStyle{})
	if len(c.Tags) > 0 {
		add("#"+strings.Join(c.Tags, "  #"), fyne.TextStyle{})
	}
	return out
}

func joinNonEmpty(parts []string, sep string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// cardTextCut reports whether card e, as drawn now, leaves some of its
// text unseen: cut short, not shown at this zoom, or tags counted on a
// "+3" chip.
func (b *Board) cardTextCut(e *cardEnt) bool {
	if b.zoom < compactZoom || e.layout == nil || e.layout.titleOnly {
		return true
	}
	return e.layout.cut
}
