// Package image draws a board as a picture, PNG or SVG, as the board
// shows it: cards in their kind's colours with the kind's strip and label,
// titles and text, links with arrows and their relation, for slides and
// reports. Both are drawn from one layout, so they look the same; text is
// set in DejaVu Sans, the brief's font, measured with its own metrics.
package image

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// Colours of what is not a card.
const (
	background = "#fafaf7"
	ink        = "#1a202c"
	muted      = "#4a5568"
)

// Sizes in board units (pixels at 100%).
const (
	margin    = 40.0
	pad       = 8.0
	strip     = 4.0
	radius    = 6.0
	kindSize  = 9.0
	titleSize = 13.0
	bodySize  = 11.0
	labelSize = 10.0
)

var (
	fontsOnce            sync.Once
	regularFont, boldFnt *opentype.Font
	fontErr              error
	facesMu              sync.Mutex
	// drawMu makes one drawing at a time: font faces keep buffers and
	// are not safe for concurrent use.
	drawMu sync.Mutex
	faces  = map[faceKey]font.Face{}
)

type faceKey struct {
	bold bool
	size float64
}

func loadFonts() error {
	fontsOnce.Do(func() {
		if regularFont, fontErr = opentype.Parse(assets.SansRegular); fontErr != nil {
			return
		}
		boldFnt, fontErr = opentype.Parse(assets.SansBold)
	})
	return fontErr
}

// face is DejaVu Sans (bold or not) at size pixels.
func face(bold bool, size float64) font.Face {
	k := faceKey{bold, math.Round(size*4) / 4}
	facesMu.Lock()
	defer facesMu.Unlock()
	if f, ok := faces[k]; ok {
		return f
	}
	fnt := regularFont
	if bold {
		fnt = boldFnt
	}
	f, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: k.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	faces[k] = f
	return f
}

// advances caches each character's advance at 100 px, regular and bold
// (guarded by drawMu):
// measuring is most of laying out a large board.
var advances [2]map[rune]float64

// width is how wide s is set at size, in the same units as size: the sum
// of its characters' advances (kerning left out, as it moves a line by
// less than a pixel, and the SVG's reader kerns by itself).
func width(s string, bold bool, size float64) float64 {
	i := 0
	if bold {
		i = 1
	}
	if advances[i] == nil {
		advances[0], advances[1] = map[rune]float64{}, map[rune]float64{}
	}
	total := 0.0
	for _, r := range s {
		a, ok := advances[i][r]
		if !ok {
			a = float64(len(string(r))) * 60 // a fallback that is never zero
			if f := face(bold, 100); f != nil {
				if adv, ok := f.GlyphAdvance(r); ok {
					a = fix(adv)
				}
			}
			advances[i][r] = a
		}
		total += a
	}
	return total * size / 100
}

func fix(v fixed.Int26_6) float64 { return float64(v) / 64 }

type textLine struct {
	x, y  float64 // the baseline's start, board units
	text  string
	size  float64
	bold  bool
	color string
}

type cardShape struct {
	c            *data.Card
	x, y, w, h   float64
	fill, accent string
	lines        []textLine
}

type linkShape struct {
	x0, y0, x1, y1 float64
	color          string
	directed       bool
	dashed         bool
	label          string
}

// layout is a board laid out for drawing, in board units.
type layout struct {
	minX, minY, w, h float64
	frames           []cardShape // groups: drawn first, under the links
	cards            []cardShape
	links            []linkShape
}

func newLayout(m *data.Model) *layout {
	cards := m.SortedCards()
	// Drawn in reading order, top to bottom, so that overlaps look as
	// they do on the board (later cards over earlier ones).
	sortByPosition(cards)
	lay := &layout{}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	rects := map[string][4]float64{}
	for _, c := range cards {
		minX, minY = math.Min(minX, c.X), math.Min(minY, c.Y)
		maxX, maxY = math.Max(maxX, c.X+c.Width), math.Max(maxY, c.Y+c.Height)
		rects[c.ID] = [4]float64{c.X, c.Y, c.Width, c.Height}
	}
	if len(cards) == 0 {
		minX, minY, maxX, maxY = 0, 0, 200, 100
	}
	lay.minX, lay.minY = minX-margin, minY-margin
	lay.w, lay.h = maxX-minX+2*margin, maxY-minY+2*margin
	for _, l := range sortedLinks(m) {
		a, ok1 := rects[l.From]
		b, ok2 := rects[l.To]
		if !ok1 || !ok2 || l.From == l.To {
			continue
		}
		ax, ay := a[0]+a[2]/2, a[1]+a[3]/2
		bx, by := b[0]+b[2]/2, b[1]+b[3]/2
		dx, dy := bx-ax, by-ay
		ta, tb := exitT(a, dx, dy), exitT(b, dx, dy)
		if ta+tb >= 1 {
			continue // overlapping cards: no line to draw
		}
		// Coloured as the board colours it (data.RelationOf); a link that
		// says nothing is dashed.
		col, dashed := data.RelationOf(l.Relation).Color, strings.TrimSpace(l.Relation) == ""
		lay.links = append(lay.links, linkShape{ax + dx*ta, ay + dy*ta, bx - dx*tb, by - dy*tb, col, l.Directed, dashed,
			elide(data.OneLine(l.Relation, 0), false, labelSize, 200)})
	}
	for _, c := range cards {
		if c.Kind == data.KindGroup {
			lay.frames = append(lay.frames, cardLayout(c))
		} else {
			lay.cards = append(lay.cards, cardLayout(c))
		}
	}
	return lay
}

func sortByPosition(cards []*data.Card) {
	sort.SliceStable(cards, func(i, j int) bool {
		a, b := cards[i], cards[j]
		if a.Y != b.Y {
			return a.Y < b.Y
		}
		if a.X != b.X {
			return a.X < b.X
		}
		return a.ID < b.ID
	})
}

// exitT is how far along (dx, dy) from the centre of r the line leaves r,
// as a fraction of (dx, dy).
func exitT(r [4]float64, dx, dy float64) float64 {
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, r[2]/2/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, r[3]/2/math.Abs(dy))
	}
	if math.IsInf(t, 1) {
		return 1
	}
	return t
}

// cardLayout sets a card's text: the kind (and a claim's status, an
// event's date), the title, and the quote or the body as room allows.
func cardLayout(c *data.Card) cardShape {
	fill := c.Kind.DefaultColor()
	if isHex(c.Color) {
		fill = strings.ToLower(c.Color)
	}
	s := cardShape{c: c, x: c.X, y: c.Y, w: c.Width, h: c.Height, fill: fill, accent: c.Kind.AccentColor()}
	iw := c.Width - 2*pad
	if iw < 10 {
		return s
	}
	y := c.Y + strip + pad
	bottom := c.Y + c.Height - pad/2
	kind := strings.ToUpper(c.Kind.Label())
	if c.Kind == data.KindClaim && c.Status != data.StatusNone {
		kind += " · " + strings.ToUpper(string(c.Status))
	}
	if c.Date != "" && (c.Kind == data.KindEvent || c.Kind == data.KindSource) {
		kind += " · " + data.OneLine(c.Date, 0)
	}
	add := func(text string, size float64, bold bool, color string) bool {
		lead := size * 1.3
		if y+lead > bottom {
			return false
		}
		s.lines = append(s.lines, textLine{c.X + pad, y + size, text, size, bold, color})
		y += lead
		return true
	}
	add(elide(kind, true, kindSize, iw), kindSize, true, s.accent)
	y += 2
	type para struct {
		text  string
		size  float64
		bold  bool
		color string
	}
	title := c.Title
	if len(title) > 600 {
		title = strings.ToValidUTF8(title[:600], "")
	}
	paras := []para{{data.OneLine(title, 0), titleSize, true, ink}}
	more := c.Body
	if c.Kind == data.KindQuote && c.QuoteText != "" {
		more = "\u201c" + c.QuoteText + "\u201d"
	}
	// No card shows more than a few hundred characters: wrap no more.
	if len(more) > 600 {
		more = strings.ToValidUTF8(more[:600], "")
	}
	if more = data.OneLine(more, 0); more != "" {
		paras = append(paras, para{more, bodySize, false, muted})
	}
	for _, p := range paras {
		lines := wrap(p.text, p.bold, p.size, iw)
		for i, l := range lines {
			lead := p.size * 1.3
			if y+lead > bottom {
				return s
			}
			// The last line that fits, with more to come, ends in "…".
			if i+1 < len(lines) && y+2*lead > bottom {
				l = elide(l+" \u2026", p.bold, p.size, iw)
				add(l, p.size, p.bold, p.color)
				return s
			}
			add(l, p.size, p.bold, p.color)
		}
		y += 3
	}
	return s
}

// wrap breaks text into lines at most w wide, breaking words only when a
// word alone is wider. At most 200 lines are made: more never fits a card.
func wrap(text string, bold bool, size, w float64) []string {
	var lines []string
	var cur string
	curW, space := 0.0, width(" ", bold, size)
	for _, word := range strings.Fields(text) {
		if len(lines) >= 200 {
			break
		}
		ww := width(word, bold, size)
		if cur == "" && ww <= w {
			cur, curW = word, ww
			continue
		}
		if cur != "" && curW+space+ww <= w {
			cur, curW = cur+" "+word, curW+space+ww
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur, curW = word, ww
		for curW > w && utf8.RuneCountInString(cur) > 1 {
			head := elideRunes(cur, bold, size, w)
			lines = append(lines, head)
			cur = cur[len(head):]
			curW = width(cur, bold, size)
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// elideRunes is the longest start of s at most w wide (at least one
// character).
func elideRunes(s string, bold bool, size, w float64) string {
	end, total := 0, 0.0
	for i, r := range s {
		total += width(string(r), bold, size)
		if end > 0 && total > w {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return s[:end]
}

// elide cuts s to w wide, ending it in "…" when cut.
func elide(s string, bold bool, size, w float64) string {
	if width(s, bold, size) <= w {
		return s
	}
	for len(s) > 0 {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if width(s+"\u2026", bold, size) <= w {
			return s + "\u2026"
		}
	}
	return ""
}

func isHex(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, r := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// sortedLinks is every link the board draws: the stored ones and those a
// quote's Speaker and Source fields stand for (data.QuoteLinks), in a
// stable order.
func sortedLinks(m *data.Model) []*data.Link {
	out := make([]*data.Link, 0, len(m.Links))
	byCard := map[string][]*data.Link{}
	for _, l := range m.Links {
		out = append(out, l)
		byCard[l.From] = append(byCard[l.From], l)
		if l.To != l.From {
			byCard[l.To] = append(byCard[l.To], l)
		}
	}
	has := func(id string) bool { return m.Cards[id] != nil }
	for _, q := range m.Cards {
		stated := func(to, relation string) bool {
			for _, l := range byCard[q.ID] {
				if (l.From == to || l.To == to) && data.SameRelation(l.Relation, relation) {
					return true
				}
			}
			return false
		}
		for _, l := range data.QuoteLinks(q, has, stated) {
			out = append(out, &l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
