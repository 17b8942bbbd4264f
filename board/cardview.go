package board

import (
	"image/color"
	"math"
	"strconv"
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
	cut       bool // some of the card's text is not shown (the tooltip shows it)
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
	fill := cardFill(c)
	accent := kindAccent(c.Kind)
	accentInk := onFill(accent, fill) // the kind's colour, as text that reads on the card
	ink, soft, faint := onFill(colInk, fill), onFill(colInkSoft, fill), onFill(colInkFaint, fill)
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
	l.pills = append(l.pills, pill{cardPad, headerY, bw, headerH, pillColor(accent)})
	l.addCentred(fitLine(label, badgeSize, bold, bw-12), cardPad+6, headerY, badgeSize, bold, colWhite)
	l.addPin(c, 9)
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
		l.addRight(grading(c), right, leftLimit, metaSize, bold, soft)
	case data.KindEvent:
		l.addRight(c.Date, right, leftLimit, metaSize, bold, accentInk)
	case data.KindSource:
		meta := grading(c)
		if c.Date != "" {
			if meta != "" {
				meta += " · "
			}
			meta += c.Date
		}
		l.addRight(meta, right, leftLimit, metaSize, bold, soft)
	case data.KindQuote:
		l.addRight(c.Locator, right, leftLimit, metaSize, fyne.TextStyle{}, faint)
	}

	y := float64(headerY + headerH + 6)
	bottom := h - 8
	// The quote's attribution sits at the bottom, the tags above it; room
	// for them is kept first.
	foot := ""
	if c.Kind == data.KindQuote {
		foot = attribution(m, c)
	}
	if foot != "" {
		bottom -= lineHeight(footSize)
	}
	if len(c.Tags) > 0 {
		if bottom-chipH-chipGap >= y+lineHeight(titleSize) {
			bottom -= chipH + chipGap
			l.addChips(m, c, cardPad, bottom+chipGap, inner)
		} else {
			l.cut = true
		}
	}

	// What the card shows under its title, by kind.
	sub, body := "", c.Body
	subCol, bodyCol, bodyStyle := accentInk, soft, fyne.TextStyle{}
	switch c.Kind {
	case data.KindParty:
		sub = partyLine(c)
	case data.KindSource:
		sub = c.Publisher
	case data.KindQuote:
		if c.QuoteText != "" {
			body = "“" + strings.TrimSpace(clip(c.QuoteText)) + "”"
			bodyCol, bodyStyle = ink, fyne.TextStyle{Italic: true}
		}
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
		got := wrap(text, size, style, inner, max)
		if len(got) == 0 {
			l.cut = true
		} else {
			l.noteCut(got[len(got)-1], text)
		}
		for _, s := range got {
			l.texts = append(l.texts, textRun{s, cardPad, y, size, style, col})
			y += lineHeight(size)
		}
	}
	// The title takes two lines (three for parties and events), or every
	// line an enlarged card has room for while keeping a line for the
	// sub-line and two for the body.
	titleMax := 2
	if c.Kind == data.KindParty || c.Kind == data.KindEvent {
		titleMax = 3
	}
	keep := 0.0
	if sub != "" {
		keep += lineHeight(subSize)
	}
	if strings.TrimSpace(body) != "" {
		keep += 2 + 2*lineHeight(bodySize)
	}
	if n := int(math.Floor((bottom - y - keep) / lineHeight(titleSize))); n > titleMax {
		titleMax = n
	}
	lines(c.Title, titleSize, bold, ink, titleMax)
	lines(sub, subSize, fyne.TextStyle{}, subCol, 1)
	y += 2
	lines(body, bodySize, bodyStyle, bodyCol, 99)
	if foot != "" && h-8-lineHeight(footSize) >= headerY+headerH {
		s := fitLine(foot, footSize, fyne.TextStyle{}, inner)
		l.noteCut(s, foot)
		l.texts = append(l.texts, textRun{s, cardPad, h - 8 - lineHeight(footSize), footSize, fyne.TextStyle{}, faint})
	} else if foot != "" {
		l.cut = true
	}
	return l
}

// Tag chips, in board units at zoom 1.
const (
	chipH     = 14  // height
	chipGap   = 4   // between the row of chips and the text above it
	chipSize  = 8.5 // text size
	chipPadX  = 5   // text margin inside a chip
	chipSep   = 4   // between chips
	chipWidth = 120 // the widest a chip grows; a longer tag is cut
)

// addChips adds card c's tags as a row of chips at (x, y), no wider than
// width; the tags that do not fit are counted on a last chip, "+3".
func (l *cardLayout) addChips(m *data.Model, c *data.Card, x, y, width float64) {
	style := fyne.TextStyle{}
	fill := cardFill(c)
	limit := x + width
	chip := func(text string, col color.NRGBA, w float64) {
		l.pills = append(l.pills, pill{x, y, w, chipH, col})
		ty := y + (chipH-textHeight(chipSize, style))/2
		l.texts = append(l.texts, textRun{text, x + chipPadX, ty, chipSize, style, onFill(colInk, col)})
		x += w + chipSep
	}
	moreW := func(n int) float64 { return textWidth("+"+strconv.Itoa(n), chipSize, style) + 2*chipPadX }
	for i, tag := range c.Tags {
		rest := len(c.Tags) - i - 1
		room := limit - x
		if rest > 0 {
			room -= moreW(rest) + chipSep
		}
		t := fitLine(clip(tag), chipSize, style, math.Min(room, chipWidth)-2*chipPadX)
		w := textWidth(t, chipSize, style) + 2*chipPadX
		// Only the first chip is shortened to fit; a later one that does
		// not fit whole is counted on the "+N" chip instead.
		shortened := t != normalSpace(clip(tag))
		if t == "" || t == ellipsis || w > room || (i > 0 && shortened) {
			l.cut = true
			if mw := moreW(len(c.Tags) - i); x+mw <= limit {
				chip("+"+strconv.Itoa(len(c.Tags)-i), mix(fill, colInkFaint, 0.2), mw)
			}
			return
		}
		col, ok := tagColor(m, tag)
		if !ok {
			col = mix(fill, kindAccent(c.Kind), 0.2)
		}
		l.noteCut(t, tag)
		chip(t, col, w)
	}
}

// tagColor is tag's colour on board m, if it has one (data.Board.TagColor,
// as Board.TagColor answers).
func tagColor(m *data.Model, tag string) (color.NRGBA, bool) {
	if m == nil {
		return color.NRGBA{}, false
	}
	return m.Board.TagColor(tag)
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
	l.addPin(c, 14)
	for _, s := range wrap(clip(c.Title), titleOnlySize, fyne.TextStyle{Bold: true}, textW, max) {
		l.texts = append(l.texts, textRun{s, pad, y, titleOnlySize, fyne.TextStyle{Bold: true}, onFill(colInk, cardFill(c))})
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

// noteCut marks the layout cut if shown is full shortened with an ellipsis.
func (l *cardLayout) noteCut(shown, full string) {
	if strings.HasSuffix(shown, ellipsis) && !strings.HasSuffix(strings.TrimSpace(full), ellipsis) {
		l.cut = true
	}
}

// addCentred adds one line of text centred vertically in a header pill.
func (l *cardLayout) addCentred(s string, x, top float64, size float32, style fyne.TextStyle, col color.Color) {
	y := top + (headerH-textHeight(size, style))/2
	l.texts = append(l.texts, textRun{s, x, y, size, style, col})
}

// addRight adds header text ending at right, cut to keep clear of left.
func (l *cardLayout) addRight(s string, right, left float64, size float32, style fyne.TextStyle, col color.Color) {
	if s == "" || right-left < 12 {
		l.cut = l.cut || s != ""
		return
	}
	full := s
	s = fitLine(s, size, style, right-left)
	l.noteCut(s, full)
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
	palette int
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
	key := drawnKey{c, l, w, h, z, st, c.Kind, c.Color, paletteGen}
	v.box.Move(pos)
	if v.drawnOK && v.drawn == key {
		return // only moved, as when dragged: nothing to redraw
	}
	v.drawn, v.drawnOK = key, true
	sw, sh := float32(w*z), float32(h*z)
	v.box.Resize(fyne.NewSize(sw, sh))
	fill := cardFill(c)
	accent := kindAccent(c.Kind)
	compact := z < compactZoom

	v.veil.FillColor = colDimVeil
	v.handle.FillColor = colWhite
	v.grip[0].StrokeColor, v.grip[1].StrokeColor = colInkFaint, colInkFaint
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
		if pixelSize(r.size, z) < 1 {
			t.Hide() // Fyne would draw a size of 0 at the theme's size
			continue
		}
		t.Text, t.TextSize, t.TextStyle, t.Color = r.text, pixelSize(r.size, z), r.style, r.color
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

// pixelSize is the size text laid out at size is drawn at, at zoom z. Fyne
// draws text at a whole number of pixels, rounding the size up: drawn at
// size×z, text would come out up to a pixel larger than the layout allows
// for, and, at 50% say, its lines a tenth wider than the card. Drawn at
// the whole size at or below the layout's (text of size s is laid out as
// Fyne draws it, at ⌈s⌉), it is never wider than the layout made room for.
func pixelSize(size float32, z float64) float32 {
	return float32(math.Floor(math.Ceil(float64(size))*z + 1e-6))
}

// Handle sizes, in screen pixels at any zoom: a handle must stay easy to
// hit when the board is zoomed out.
const (
	handleRadius = 6  // the connect handle's circle
	handleHit    = 10 // how near the connect handle a press must be
	gripHit      = 12 // the resize grip's square in the bottom-right corner
)
