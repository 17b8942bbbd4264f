package brief

import (
	"fmt"
	"math"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// The board is drawn in millimetres from board units: a card's title is
// cardFont board units high, as on screen.
const (
	cardFont    = 12.0
	ptPerMM     = 72 / 25.4
	minTextPt   = 3.2 // below this, cards are drawn without text
	tileTextPt  = 7.0 // the size a card's title gets on a tiled page
	overviewMax = 0.6 // mm per board unit at most: a tiny board is not blown up
)

// view maps board units to the page.
type view struct {
	bx, by float64 // board point at the area's top-left
	s      float64 // millimetres per board unit
	ox, oy float64 // the area's top-left on the page
}

func (v view) pt(x, y float64) (float64, float64) {
	return v.ox + (x-v.bx)*v.s, v.oy + (y-v.by)*v.s
}

// textPt is the size of a card title at this view, in points.
func (v view) textPt() float64 { return cardFont * v.s * ptPerMM }

// boardGeom is every card's rectangle, made drawable, and their bounds.
type boardGeom struct {
	rects      map[string]geom.Rect
	minX, minY float64
	maxX, maxY float64
	order      []*data.Card // drawing order: as SortedCards, groups' frames under notes under others
}

func (d *doc) geometry() *boardGeom {
	g := &boardGeom{rects: map[string]geom.Rect{}, minX: math.Inf(1), minY: math.Inf(1),
		maxX: math.Inf(-1), maxY: math.Inf(-1)}
	for _, c := range d.cd.cards {
		r := cardRect(c)
		g.rects[c.ID] = r
		g.minX, g.minY = math.Min(g.minX, r.X), math.Min(g.minY, r.Y)
		g.maxX, g.maxY = math.Max(g.maxX, r.X+r.W), math.Max(g.maxY, r.Y+r.H)
	}
	// Groups' frames first, under everything; then notes, so that they
	// lie under the evidence; then the rest.
	g.order = append(g.order, d.cd.groups...)
	g.order = append(g.order, d.cd.notes...)
	for _, c := range d.cd.cards {
		if c.Kind != data.KindNote && c.Kind != data.KindGroup && c.Kind.Valid() {
			g.order = append(g.order, c)
		}
	}
	return g
}

func (d *doc) boardSection() {
	d.sectionStart("board", "The board", true)
	w, h := d.pageSize()
	g := d.geometry()
	nLinks := len(d.cd.links)
	capY := d.pdf.GetY() - 3
	d.use(stSmall)
	d.cellAt(marginL, capY, w-marginL-marginR, 4.5,
		fmt.Sprintf("%s and %s, laid out as on the board.", plural(len(d.cd.cards)-len(d.cd.groups), "card"), plural(nLinks, "link")), "L", "")
	d.kindLegend(w-marginR, capY)
	top := capY + 7
	area := geom.Rect{X: marginL, Y: top, W: w - marginL - marginR, H: h - marginB - 2 - top}
	if len(d.cd.cards) == 0 {
		d.pdf.SetY(top)
		d.para("The board is empty.", stNote, 0)
		return
	}
	bw := math.Max(g.maxX-g.minX, 1)
	bh := math.Max(g.maxY-g.minY, 1)
	s := math.Min(overviewMax, math.Min(area.W/bw, area.H/bh))
	v := view{bx: g.minX, by: g.minY, s: s,
		ox: area.X + (area.W-bw*s)/2, oy: area.Y + (area.H-bh*s)/2}
	// A hairline frame round the drawing area.
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Rect(area.X, area.Y, area.W, area.H, "D")

	tiles := d.planTiles(g, area)
	d.drawBoard(g, v, area, "overview")
	defer d.labelLegend()
	if len(tiles) == 0 {
		return
	}
	// Mark the tiles on the overview so a reader can find them.
	for _, t := range tiles {
		x0, y0 := v.pt(t.r.X, t.r.Y)
		x1, y1 := v.pt(t.r.X+t.r.W, t.r.Y+t.r.H)
		x0, y0 = math.Max(x0, area.X), math.Max(y0, area.Y)
		x1, y1 = math.Min(x1, area.X+area.W), math.Min(y1, area.Y+area.H)
		if x1-x0 < 0.5 || y1-y0 < 0.5 {
			continue
		}
		d.pdf.SetDashPattern([]float64{1.2, 1.2}, 0)
		d.drawColor("#a0aec0")
		d.pdf.SetLineWidth(0.2)
		d.pdf.Rect(x0, y0, x1-x0, y1-y0, "D")
		d.pdf.SetDashPattern(nil, 0)
		d.font("sans", "B", 6)
		d.color("#718096")
		d.textAt(x0+0.8, y0+2.6, t.name)
	}
	d.pdf.SetY(area.Y + area.H + 1)
	for _, t := range tiles {
		d.newLandscape()
		ty := d.pdf.GetY() - 6
		d.font("sans", "B", 11)
		d.color(ink)
		d.cellAt(marginL, ty, 120, 6, "The board, part "+t.name, "L", "")
		d.use(stSmall)
		d.cellAt(marginL+120, ty, w-marginL-marginR-120, 6,
			fmt.Sprintf("row %d of %d, column %d of %d", t.row+1, t.rows, t.col+1, t.cols), "R", "")
		ta := geom.Rect{X: marginL, Y: ty + 8, W: area.W, H: h - marginB - 2 - (ty + 8)}
		tv := view{bx: t.r.X, by: t.r.Y, s: t.s, ox: ta.X, oy: ta.Y}
		d.drawColor(rule)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Rect(ta.X, ta.Y, ta.W, ta.H, "D")
		d.drawBoard(g, tv, ta, "part "+t.name)
	}
}

// kindLegend draws the kinds' colours, right-aligned to x.
func (d *doc) kindLegend(right, y float64) {
	d.font("sans", "", 7)
	x := right
	for i := len(data.Kinds) - 1; i >= 0; i-- {
		k := data.Kinds[i]
		lw := d.width(k.Label())
		x -= lw
		d.color(muted)
		d.cellAt(x, y, lw, 4.5, k.Label(), "L", "")
		x -= 4.2
		d.kindSwatch(x, y+1.1, 2.6, k)
		x -= 4
	}
	// The link colours, as the vocabulary gives them (right to left).
	for _, l := range []struct{ t, c string }{{"against", data.RelationOf("contradicts").Color},
		{"alleged", data.RelationOf("alleges").Color}, {"for", data.RelationOf("supports").Color}} {
		lw := d.width(l.t)
		x -= lw
		d.color(muted)
		d.cellAt(x, y, lw, 4.5, l.t, "L", "")
		x -= 6.5
		d.drawColor(l.c)
		d.pdf.SetLineWidth(0.5)
		d.pdf.Line(x, y+2.25, x+5, y+2.25)
		x -= 4
	}
}

// tile is one part of a large board drawn at a readable scale.
type tile struct {
	r                    geom.Rect // in board units
	s                    float64
	name                 string
	row, col, rows, cols int
}

// planTiles splits a board too large to read on one page into tiles at a
// readable scale, leaving out empty ones; none when the overview reads.
func (d *doc) planTiles(g *boardGeom, area geom.Rect) []tile {
	bw := math.Max(g.maxX-g.minX, 1)
	bh := math.Max(g.maxY-g.minY, 1)
	over := math.Min(overviewMax, math.Min(area.W/bw, area.H/bh))
	if cardFont*over*ptPerMM >= 3.6 || len(d.cd.cards) < 2 {
		return nil
	}
	s := tileTextPt / (cardFont * ptPerMM)
	cols, rows := 0, 0
	for i := 0; i < 60; i++ {
		cols = int(math.Ceil(bw * s / area.W))
		rows = int(math.Ceil(bh * s / area.H))
		if cols*rows <= boardPages {
			break
		}
		s *= 0.9
	}
	if cols*rows > boardPages || cardFont*s*ptPerMM < minTextPt+0.8 || cols*rows < 2 {
		return nil
	}
	tw, th := area.W/s, area.H/s
	var out []tile
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			t := tile{r: geom.Rect{X: g.minX + float64(c)*tw, Y: g.minY + float64(r)*th, W: tw, H: th}, s: s,
				row: r, col: c, rows: rows, cols: cols}
			if !g.anyIn(t.r) {
				continue
			}
			t.name = fmt.Sprintf("%c%d", 'A'+rune(r%26), c+1)
			if r >= 26 {
				t.name = fmt.Sprintf("R%dC%d", r+1, c+1)
			}
			out = append(out, t)
		}
	}
	return out
}

func (g *boardGeom) anyIn(t geom.Rect) bool {
	for _, r := range g.rects {
		if r.Intersects(t) {
			return true
		}
	}
	return false
}

// drawBoard draws the cards and links of g seen through v, clipped to
// area, as part name of the board: links under the cards, their labels on
// free space (see placeLabels). It lays the labels out on every pass, as
// the ones that do not fit go to the legend, which takes pages; it draws
// only on the pass that prints.
func (d *doc) drawBoard(g *boardGeom, v view, area geom.Rect, name string) {
	pdf := d.pdf
	// What is visible, in board units, with a margin for labels.
	vis := geom.Rect{X: v.bx + (area.X-v.ox)/v.s, Y: v.by + (area.Y-v.oy)/v.s, W: area.W / v.s, H: area.H / v.s}.Grow(20 / v.s)
	inView := vis.Intersects
	pt := v.textPt()

	var segs []linkSeg
	for _, l := range d.cd.links {
		if l.From == l.To {
			continue
		}
		a, b := g.rects[l.From], g.rects[l.To]
		if !inView(a.Union(b)) {
			continue
		}
		// Drawn as the board draws it: the vocabulary's colour.
		relation := data.RelationOf(l.Relation)
		col := data.FormatColor(data.ColorOr(relation.Color, faint))
		// The centre-to-centre line clipped to the cards' edges, as the
		// board draws it; nothing is drawn between overlapping cards, but
		// the label still has its place.
		bx0, by0, bx1, by1, drawn := geom.LinkEnds(a, b)
		if !drawn {
			bx0, by0 = a.Centre()
			bx1, by1 = b.Centre()
		}
		x0, y0 := v.pt(bx0, by0)
		x1, y1 := v.pt(bx1, by1)
		segs = append(segs, linkSeg{link: l, x0: x0, y0: y0, x1: x1, y1: y1, col: col,
			drawn: drawn, neutral: relation.Stance == data.StanceNeutral})
	}
	var cards []geom.Rect
	for _, c := range g.order {
		if r := g.rects[c.ID]; inView(r) {
			x, y := v.pt(r.X, r.Y)
			cards = append(cards, geom.Rect{X: x, Y: y, W: r.W * v.s, H: r.H * v.s})
		}
	}
	var labels []placedLabel
	if pt >= minTextPt {
		labels = d.placeLabels(segs, cards, area, math.Min(pt*0.78, 7), name)
	}
	if d.prev == nil {
		return
	}

	pdf.ClipRect(area.X, area.Y, area.W, area.H, false)
	defer pdf.ClipEnd()
	lw := clampF(2*v.s, 0.12, 0.45)
	for _, sg := range segs {
		if !sg.drawn {
			continue
		}
		d.drawColor(sg.col)
		pdf.SetLineWidth(lw)
		if sg.neutral {
			pdf.SetDashPattern([]float64{lw * 4, lw * 3}, 0)
		}
		pdf.Line(sg.x0, sg.y0, sg.x1, sg.y1)
		pdf.SetDashPattern(nil, 0)
		if sg.link.Directed {
			d.arrowHead(sg.x0, sg.y0, sg.x1, sg.y1, clampF(9*v.s, 0.9, 3), sg.col)
		}
	}
	for _, c := range g.order {
		r := g.rects[c.ID]
		if !inView(r) {
			continue
		}
		d.drawCard(c, r, v, pt)
	}
	for _, lb := range labels {
		d.font("sans", "", lb.size)
		d.fillColor("#ffffff")
		d.drawColor(lb.col)
		pdf.SetLineWidth(0.1)
		style := "F"
		if lb.number > 0 {
			style = "FD" // a legend number is framed, a label is not
		}
		pdf.RoundedRect(lb.r.X, lb.r.Y, lb.r.W, lb.r.H, lb.r.H/3, "1234", style)
		d.color(lb.col)
		d.textIn(lb.r.X+labelPad, lb.r.Y, lb.r.H, lb.text)
	}
}

// arrowHead draws a filled arrow head at (x1, y1) pointing away from (x0, y0).
func (d *doc) arrowHead(x0, y0, x1, y1, size float64, col string) {
	dx, dy := x1-x0, y1-y0
	n := math.Hypot(dx, dy)
	if n < 1e-6 {
		return
	}
	ux, uy := dx/n, dy/n
	bx, by := x1-ux*size, y1-uy*size
	px, py := -uy*size*0.45, ux*size*0.45
	d.fillColor(col)
	d.pdf.Polygon([]gofpdf.PointType{{X: x1, Y: y1}, {X: bx + px, Y: by + py}, {X: bx - px, Y: by - py}}, "F")
}

// drawCard draws one card: its colour, a strip in the kind's accent, the
// kind and the title, and as much of the text as fits.
func (d *doc) drawCard(c *data.Card, r geom.Rect, v view, pt float64) {
	if c.Kind == data.KindGroup {
		d.drawFrame(c, r, v, pt)
		return
	}
	pdf := d.pdf
	x, y := v.pt(r.X, r.Y)
	w, h := r.W*v.s, r.H*v.s
	if w < 0.05 || h < 0.05 {
		w, h = math.Max(w, 0.3), math.Max(h, 0.3)
	}
	fill := c.Kind.DefaultColor()
	if validColor(c.Color) {
		fill = c.Color
	}
	accent := c.Kind.AccentColor()
	rad := math.Min(6*v.s, math.Min(w, h)/4)
	d.fillColor(fill)
	d.drawColor(accent)
	pdf.SetLineWidth(clampF(1.2*v.s, 0.08, 0.35))
	pdf.RoundedRect(x, y, w, h, rad, "1234", "FD")
	// The kind's strip along the top.
	strip := math.Min(4*v.s, h/6)
	d.fillColor(accent)
	pdf.Rect(x+rad*0.6, y, w-rad*1.2, strip, "F")
	if pt < minTextPt {
		return
	}
	pt = math.Min(pt, 9)
	pad := 8 * v.s
	iw := w - 2*pad
	if iw < 2 {
		return
	}
	pdf.ClipRect(x, y, w, h, false)
	defer pdf.ClipEnd()
	ty := y + strip + pad*0.6
	bottom := y + h - pad*0.5
	// Kind label, with the status of a claim.
	kind := strings.ToUpper(kindLabel(c.Kind))
	if c.Kind == data.KindClaim && c.Status != data.StatusNone {
		kind += " · " + strings.ToUpper(c.Status.Label())
	}
	if c.Kind == data.KindEvent && c.Date != "" {
		kind += " · " + d.z.line(parseDate(c.Date).String(), 40)
	}
	kpt := pt * 0.68
	d.font("sans", "B", kpt)
	d.color(accent)
	lh := kpt / ptPerMM * 1.3
	d.textIn(x+pad, ty, lh, d.fit(kind, iw))
	ty += lh + pad*0.2
	// Title, then the quote's words or the body as room allows.
	tst := style{"sans", "B", pt, pt / ptPerMM * 1.25, ink}
	lines := d.wrap(d.cardName(c, maxTitle), tst, iw)
	var more []span
	switch {
	case c.Kind == data.KindQuote && c.QuoteText != "":
		more = d.wrap("“"+d.z.line(c.QuoteText, maxShort)+"”", style{"serif", "I", pt * 0.85, pt * 0.85 / ptPerMM * 1.3, muted}, iw)
	case c.Body != "":
		more = d.wrap(d.z.line(c.Body, maxShort), style{"serif", "", pt * 0.85, pt * 0.85 / ptPerMM * 1.3, muted}, iw)
	}
	all := append(lines, more...)
	for i, s := range all {
		if ty+s.st.lead > bottom {
			break
		}
		last := i+1 < len(all) && ty+s.st.lead+all[i+1].st.lead > bottom
		text := s.text
		if last {
			d.use(s.st)
			text = d.fit(text+" …", iw)
		}
		d.use(s.st)
		d.textIn(x+pad, ty, s.st.lead, text)
		ty += s.st.lead
	}
}

// textIn draws one line of cleaned text vertically centred in a box of
// height h whose top is y, as CellFormat would, but at any coordinates:
// gofpdf's SetXY reads a negative position as one from the far edge,
// and a card may begin left of a tile.
func (d *doc) textIn(x, y, h float64, s string) {
	_, size := d.pdf.GetFontSize()
	d.textAt(x, y+0.5*h+0.3*size, s)
}
