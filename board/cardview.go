package board

import (
	"image/color"
	"math"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data"
)

// Card metrics, in board units at zoom 1.
const (
	cardPad     = 10   // inner margin
	cardRadius  = 6    // corner radius
	headerY     = 8    // top of the header row (badge, status)
	headerH     = 16   // height of the header row's pills
	badgeSize   = 8.5  // kind badge and status pill text
	metaSize    = 10   // header text on the right (date, grading, locator)
	titleSize   = 12.5 // title, bold
	subSize     = 10.5 // party type and role, publisher
	bodySize    = 11   // body, quote words
	footSize    = 10   // quote attribution
	lineSpacing = 1.3  // line height as a multiple of text size

	// compactZoom is the zoom below which cards are drawn compact: fill,
	// border and a strip of the kind's colour, and only the title, in
	// larger type (titleOnlySize) so it can still be read. Below
	// titleOnlyZoom there is no text at all: it would be too small to read,
	// and text costs the most to draw.
	compactZoom   = 0.45
	titleOnlyZoom = 0.28
	titleOnlySize = 24
)

// textRun is one line of text placed on a card, in board units.
type textRun struct {
	text  string
	x, y  float64
	size  float32
	style fyne.TextStyle
	color color.Color
}

// pill is a rounded rectangle behind a badge or status, in board units.
type pill struct {
	x, y, w, h float64
	color      color.Color
}

// cardLayout is a card's text wrapped and placed for its size, in board
// units. It is computed when a card comes into view or changes, and reused
// at every zoom and while panning.
type cardLayout struct {
	w, h      float64
	titleOnly bool // the compact layout: the title alone, large
	pills     []pill
	texts     []textRun
}

// lineHeight is the height of one line of text of the given size.
func lineHeight(size float32) float64 { return float64(size) * lineSpacing }

// textHeightCache holds the measured height of a line per text size and
// style, to centre text in its pill.
var textHeightCache = map[struct {
	s  float32
	st fyne.TextStyle
}]float64{}

func textHeight(size float32, style fyne.TextStyle) float64 {
	k := struct {
		s  float32
		st fyne.TextStyle
	}{size, style}
	if h, ok := textHeightCache[k]; ok {
		return h
	}
	h := float64(fyne.MeasureText("Ag", size, style).Height)
	textHeightCache[k] = h
	return h
}

// statusLabel is a status as a person reads it on a pill.
func statusLabel(s data.Status) string {
	if s == data.StatusNone {
		return ""
	}
	return s.Label()
}

// grading is the Admiralty grading of a card, e.g. "B2", or "".
func grading(c *data.Card) string {
	g := c.Reliability
	if c.Credibility > 0 {
		if g == "" {
			g = "–"
		}
		g += string(rune('0' + c.Credibility))
	}
	return g
}

// partyLine is "Organisation · defendant" for a party card.
func partyLine(c *data.Card) string {
	var parts []string
	if c.PartyType != "" {
		parts = append(parts, strings.ToUpper(c.PartyType[:1])+c.PartyType[1:])
	}
	if c.Role != "" {
		parts = append(parts, c.Role)
	}
	return strings.Join(parts, " · ")
}

// attribution is the line under a quote: "— Speaker · Source title".
func attribution(m *data.Model, c *data.Card) string {
	var parts []string
	if sp := m.Cards[c.SpeakerID]; sp != nil && c.SpeakerID != "" {
		parts = append(parts, sp.Title)
	}
	if so := m.Cards[c.SourceID]; so != nil && c.SourceID != "" {
		parts = append(parts, so.Title)
	}
	if len(parts) == 0 {
		return ""
	}
	return "— " + strings.Join(parts, " · ")
}

// layoutCard places the text of card c, at its size w×h.
func layoutCard(m *data.Model, c *data.Card, w, h float64) *cardLayout {
	l := &cardLayout{w: w, h: h, pills: make([]pill, 0, 2), texts: make([]textRun, 0, 16)}
	accent := kindAccent(c.Kind)
	inner := w - 2*cardPad
	bold := fyne.TextStyle{Bold: true}
	if inner < 8 || h < headerY+headerH {
		return l
	}

	// Header: the kind badge on the left, kind-specific facts on the right.
	label := strings.ToUpper(c.Kind.Label())
	bw := textWidth(label, badgeSize, bold) + 12
	if bw > inner {
		bw = inner
	}
	l.pills = append(l.pills, pill{cardPad, headerY, bw, headerH, accent})
	l.addCentred(label, cardPad+6, headerY, badgeSize, bold, colWhite)
	right := w - cardPad          // right edge of the free header space
	leftLimit := cardPad + bw + 6 // nothing on the right may come nearer
	switch c.Kind {
	case data.KindClaim:
		if st := statusLabel(c.Status); st != "" {
			sw := textWidth(st, badgeSize, bold) + 12
			if right-sw >= leftLimit {
				l.pills = append(l.pills, pill{right - sw, headerY, sw, headerH, statusColor(c.Status)})
				l.addCentred(st, right-sw+6, headerY, badgeSize, bold, colWhite)
				right -= sw + 6
			}
		}
		l.addRight(grading(c), right, leftLimit, metaSize, bold, colInkSoft)
	case data.KindEvent:
		l.addRight(c.Date, right, leftLimit, metaSize, bold, accent)
	case data.KindSource:
		meta := grading(c)
		if c.Date != "" {
			if meta != "" {
				meta += " · "
			}
			meta += c.Date
		}
		l.addRight(meta, right, leftLimit, metaSize, bold, colInkSoft)
	case data.KindQuote:
		l.addRight(c.Locator, right, leftLimit, metaSize, fyne.TextStyle{}, colInkFaint)
	}

	y := float64(headerY + headerH + 6)
	bottom := h - 8
	// The quote's attribution sits at the bottom; room for it is kept first.
	foot, footCol := "", color.Color(colInkFaint)
	if c.Kind == data.KindQuote {
		foot = attribution(m, c)
	} else if len(c.Tags) > 0 && h >= 96 {
		foot, footCol = "#"+strings.Join(c.Tags, "  #"), mix(accent, colInkFaint, 0.4)
	}
	if foot != "" {
		bottom -= lineHeight(footSize)
	}
	lines := func(text string, size float32, style fyne.TextStyle, col color.Color, max int) {
		if text == "" {
			return
		}
		text = clip(text)
		room := int(math.Floor((bottom - y) / lineHeight(size)))
		if max > room {
			max = room
		}
		for _, s := range wrap(text, size, style, inner, max) {
			l.texts = append(l.texts, textRun{s, cardPad, y, size, style, col})
			y += lineHeight(size)
		}
	}
	titleMax := 2
	if c.Kind == data.KindParty || c.Kind == data.KindEvent {
		titleMax = 3
	}
	lines(c.Title, titleSize, bold, colInk, titleMax)
	switch c.Kind {
	case data.KindParty:
		lines(partyLine(c), subSize, fyne.TextStyle{}, accent, 1)
		y += 2
		lines(c.Body, bodySize, fyne.TextStyle{}, colInkSoft, 99)
	case data.KindQuote:
		y += 2
		if c.QuoteText != "" {
			lines("“"+strings.TrimSpace(clip(c.QuoteText))+"”", bodySize, fyne.TextStyle{Italic: true}, colInk, 99)
		} else {
			lines(c.Body, bodySize, fyne.TextStyle{}, colInkSoft, 99)
		}
	case data.KindSource:
		lines(c.Publisher, subSize, fyne.TextStyle{}, accent, 1)
		y += 2
		lines(c.Body, bodySize, fyne.TextStyle{}, colInkSoft, 99)
	default:
		y += 2
		lines(c.Body, bodySize, fyne.TextStyle{}, colInkSoft, 99)
	}
	if foot != "" && h-8-lineHeight(footSize) >= headerY+headerH {
		s := fitLine(foot, footSize, fyne.TextStyle{}, inner)
		l.texts = append(l.texts, textRun{s, cardPad, h - 8 - lineHeight(footSize), footSize, fyne.TextStyle{}, footCol})
	}
	return l
}

// layoutTitle places just the title of card c, large, for a compact card.
func layoutTitle(c *data.Card, w, h float64) *cardLayout {
	l := &cardLayout{w: w, h: h, titleOnly: true}
	const pad = 12
	top := math.Min(h/4, 14) + 8
	lh := lineHeight(titleOnlySize)
	max := int(math.Floor((h - top - 6) / lh))
	y := top
	textW := w - 2*pad
	if c.Kind == data.KindClaim && c.Status != data.StatusNone && w > 60 && max > 0 {
		// The claim's status, as a dot of its colour on the right.
		const d = 18
		l.pills = append(l.pills, pill{w - pad - d, top + (lineHeight(titleOnlySize)-d)/2, d, d, statusColor(c.Status)})
		textW -= d + 6
	}
	for _, s := range wrap(clip(c.Title), titleOnlySize, fyne.TextStyle{Bold: true}, textW, max) {
		l.texts = append(l.texts, textRun{s, pad, y, titleOnlySize, fyne.TextStyle{Bold: true}, colInk})
		y += lh
	}
	return l
}

// maxShown is as much of a text field as a card ever shows, in bytes:
// more than the largest card holds. Longer text is cut before wrapping so
// that a field of a megabyte costs no more to lay out than a page.
const maxShown = 16 << 10

// clip cuts s to at most maxShown bytes, at a character boundary.
// clip also shows bidirectional and other controls as marks (data.Visible):
// a title cannot read "exe.live" on screen while holding U+202E.
func clip(s string) string { return data.Visible(clipTo(s, maxShown)) }

// clipTo cuts s to at most n bytes, at a character boundary.
func clipTo(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// addCentred adds one line of text centred vertically in a header pill.
func (l *cardLayout) addCentred(s string, x, top float64, size float32, style fyne.TextStyle, col color.Color) {
	y := top + (headerH-textHeight(size, style))/2
	l.texts = append(l.texts, textRun{s, x, y, size, style, col})
}

// addRight adds header text ending at right, cut to keep clear of left.
func (l *cardLayout) addRight(s string, right, left float64, size float32, style fyne.TextStyle, col color.Color) {
	if s == "" || right-left < 12 {
		return
	}
	s = fitLine(s, size, style, right-left)
	w := textWidth(s, size, style)
	l.addCentred(s, right-w, headerY, size, style, col)
}

// cardView is the set of canvas objects that draws one card. Views are
// pooled: a view is given to a card when it comes into view and taken
// back when it leaves.
type cardView struct {
	box    *fyne.Container
	bg     *canvas.Rectangle
	strip  *canvas.Rectangle // the kind's colour along the top, when zoomed out
	pills  []*canvas.Rectangle
	texts  []*canvas.Text
	veil   *canvas.Rectangle // dims a card that the filter does not match
	grip   [2]*canvas.Line   // resize handle
	handle *canvas.Circle    // connect handle
	extra  cardExtra         // picture and quote mark: picture.go
	ent    *cardEnt

	// What the objects show now. Redrawing a text makes the driver render
	// it again, so a view that only moved is just moved.
	drawn   drawnKey
	drawnOK bool
}

// drawnKey is everything a card view's look depends on, but its place.
type drawnKey struct {
	c       *data.Card
	l       *cardLayout
	w, h, z float64
	st      cardState
	kind    data.Kind
	colour  string
}

func newCardView() *cardView {
	v := &cardView{
		bg:     canvas.NewRectangle(color.Transparent),
		strip:  canvas.NewRectangle(color.Transparent),
		veil:   canvas.NewRectangle(colDimVeil),
		handle: canvas.NewCircle(colWhite),
	}
	v.bg.CornerRadius = cardRadius
	v.veil.CornerRadius = cardRadius
	for i := range v.grip {
		v.grip[i] = canvas.NewLine(colInkFaint)
		v.grip[i].StrokeWidth = 1.2
	}
	v.handle.StrokeWidth = 1.5
	v.box = &fyne.Container{}
	v.rebuild()
	return v
}

// rebuild puts the view's objects in drawing order after a pool grew.
func (v *cardView) rebuild() {
	objs := make([]fyne.CanvasObject, 0, 5+len(v.pills)+len(v.texts))
	objs = append(objs, v.bg, v.strip)
	for _, p := range v.pills {
		objs = append(objs, p)
	}
	for _, t := range v.texts {
		objs = append(objs, t)
	}
	objs = append(objs, v.extra.objects()...)
	objs = append(objs, v.veil, v.grip[0], v.grip[1], v.handle)
	v.box.Objects = objs
}

// state is how a card is drawn besides its content.
type cardState struct {
	selected, hovered, target, dimmed bool
	showHandles                       bool
}

// update draws card c with layout l at zoom z, with its top-left corner
// at pos (relative to the world layer) and size w×h in board units.
func (v *cardView) update(c *data.Card, l *cardLayout, pos fyne.Position, w, h float64, z float64, st cardState) {
	key := drawnKey{c, l, w, h, z, st, c.Kind, c.Color}
	v.box.Move(pos)
	if v.drawnOK && v.drawn == key {
		return // only moved, as when dragged: nothing to redraw
	}
	v.drawn, v.drawnOK = key, true
	zf := float32(z)
	sw, sh := float32(w*z), float32(h*z)
	v.box.Resize(fyne.NewSize(sw, sh))
	fill := cardFill(c)
	accent := kindAccent(c.Kind)
	compact := z < compactZoom

	v.bg.FillColor = fill
	v.bg.CornerRadius = float32(cardRadius * z)
	switch {
	case st.selected:
		v.bg.StrokeColor, v.bg.StrokeWidth = colSelect, 2
		v.bg.Shadow = canvas.Shadow{Color: colShadowSel, BlurRadius: 8, Offset: fyne.NewPos(0, 1)}
	case st.target:
		v.bg.StrokeColor, v.bg.StrokeWidth = colSelect, 2
		v.bg.Shadow = canvas.Shadow{Color: colShadowSel, BlurRadius: 10}
	default:
		v.bg.StrokeColor, v.bg.StrokeWidth = mix(accent, fill, 0.55), 1
		if st.hovered {
			v.bg.StrokeColor = mix(accent, fill, 0.2)
		}
		if compact {
			v.bg.StrokeColor = mix(accent, fill, 0.25)
			v.bg.Shadow = canvas.Shadow{}
		} else {
			v.bg.Shadow = canvas.Shadow{Color: colShadow, BlurRadius: 4, Offset: fyne.NewPos(0, 1.5)}
		}
	}
	v.bg.Move(fyne.Position{})
	v.bg.Resize(fyne.NewSize(sw, sh))
	v.bg.Refresh()

	if compact && sh >= 6 {
		sr := float32(cardRadius * z)
		v.strip.FillColor = accent
		v.strip.TopLeftCornerRadius, v.strip.TopRightCornerRadius = sr, sr
		v.strip.Move(fyne.Position{})
		v.strip.Resize(fyne.NewSize(sw, float32(math.Max(2, math.Min(float64(sh)/4, 14*z)))))
		v.strip.Show()
		v.strip.Refresh()
	} else {
		v.strip.Hide()
	}

	grew := false
	np, nt := 0, 0
	if l != nil {
		np, nt = len(l.pills), len(l.texts)
	}
	for len(v.pills) < np {
		v.pills = append(v.pills, canvas.NewRectangle(color.Transparent))
		grew = true
	}
	for len(v.texts) < nt {
		v.texts = append(v.texts, canvas.NewText("", colInk))
		grew = true
	}
	if grew {
		v.rebuild()
	}
	for i, p := range v.pills {
		if i >= np {
			p.Hide()
			continue
		}
		lp := l.pills[i]
		p.FillColor = lp.color
		p.CornerRadius = float32(lp.h * z / 2)
		p.Move(fyne.NewPos(float32(lp.x*z), float32(lp.y*z)))
		p.Resize(fyne.NewSize(float32(lp.w*z), float32(lp.h*z)))
		p.Show()
		p.Refresh()
	}
	for i, t := range v.texts {
		if i >= nt {
			t.Hide()
			continue
		}
		r := l.texts[i]
		t.Text, t.TextSize, t.TextStyle, t.Color = r.text, r.size*zf, r.style, r.color
		t.Move(fyne.NewPos(float32(r.x*z), float32(r.y*z)))
		// A text with no size is culled by Fyne's painter as soon as its
		// origin leaves the view, blanking cards cut by the view's edge.
		t.Resize(fyne.NewSize(float32(math.Max(0, float64(sw)-r.x*z)), float32(lineHeight(r.size)*z)))
		t.Show()
		t.Refresh()
	}

	if st.dimmed {
		v.veil.CornerRadius = v.bg.CornerRadius
		v.veil.Move(fyne.Position{})
		v.veil.Resize(fyne.NewSize(sw, sh))
		v.veil.Show()
	} else {
		v.veil.Hide()
	}

	if st.showHandles && sw > 24 && sh > 24 {
		// The grip: two short diagonals in the bottom-right corner.
		for i, d := range []float32{9, 5} {
			g := v.grip[i]
			g.Position1 = fyne.NewPos(sw-d-3, sh-3)
			g.Position2 = fyne.NewPos(sw-3, sh-d-3)
			g.Show()
			g.Refresh()
		}
		v.handle.StrokeColor = colSelect
		if !st.selected {
			v.handle.StrokeColor = accent
		}
		v.handle.Move(fyne.NewPos(sw-handleRadius, sh/2-handleRadius))
		v.handle.Resize(fyne.NewSize(2*handleRadius, 2*handleRadius))
		v.handle.Show()
		v.handle.Refresh()
	} else {
		v.grip[0].Hide()
		v.grip[1].Hide()
		v.handle.Hide()
	}
}

// Handle sizes, in screen pixels at any zoom: a handle must stay easy to
// hit when the board is zoomed out.
const (
	handleRadius = 6  // the connect handle's circle
	handleHit    = 10 // how near the connect handle a press must be
	gripHit      = 12 // the resize grip's square in the bottom-right corner
)
