package brief

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"evidenceboard/data"
)

// Page geometry, in millimetres (A4).
const (
	pageW      = 210.0
	pageH      = 297.0
	marginL    = 24.0
	marginR    = 24.0
	marginT    = 26.0
	marginB    = 22.0
	headerY    = 11.0
	bodyW      = pageW - marginL - marginR
	bodySize   = 10.0
	bodyLead   = 5.0
	smallSize  = 8.5
	smallLead  = 4.2
	boardPages = 48 // at most this many tiled pages of a large board
)

// Colours of the brief's own furniture; the kinds bring theirs from data.
const (
	ink      = "#1a202c"
	muted    = "#4a5568"
	faint    = "#718096"
	rule     = "#cbd5e0"
	paleFill = "#f5f6f8"
	marking  = "#9b2c2c"
	linkBlue = "#2b6cb0"
	supports = "#2f855a"
	contra   = "#c53030"
)

// Text limits, in characters, that keep an absurd field from filling a
// book: a brief shows this much and marks the cut with "…".
const (
	maxTitle   = 300  // a card or board title in running text
	maxHeading = 160  // a title in a heading, a table cell, the outline
	maxBody    = 4000 // a card's body
	maxQuote   = 8000 // a quote's words
	maxShort   = 400  // a quote or body quoted in passing
	maxMeta    = 120  // a role, a locator, a publisher
	maxURL     = 2000
)

// layout is what one pass learns and the next one prints: the page of
// every anchor (section, claim) and the page count.
type layout struct {
	anchors map[string]int
	pages   int
}

func (l *layout) same(o *layout) bool {
	if l == nil || o == nil || l.pages != o.pages || len(l.anchors) != len(o.anchors) {
		return false
	}
	for k, v := range l.anchors {
		if o.anchors[k] != v {
			return false
		}
	}
	return true
}

// section is one top-level part of the brief.
type section struct {
	anchor, title string
	draw          func()
}

// doc is one pass of rendering.
type doc struct {
	pdf      *gofpdf.Fpdf
	cd       *caseData
	opts     Options
	z        *sanitiser
	prev     *layout // the previous pass, nil on the first
	layout   *layout
	progress func(float64)

	title     string // board title, cleaned
	marking   string // marking line, cleaned
	sections  []section
	number    map[string]int // section anchor → its number in the brief
	claimNo   map[string]int // claim ID → its number
	landscape bool

	legend   []legendEntry   // link labels drawn as numbers (see placeLabels)
	diagrams []diagramLayout // the labels' layout in each view of the board

	fonts  *fontSet
	chains map[fontKey][]fontKey // the fallback chains of the fonts added
	cur    fontKey               // the font last set with font
}

func newDoc(cd *caseData, opts Options, z *sanitiser, prev *layout, fs *fontSet, fallback bool,
	progress func(float64)) *doc {
	d := &doc{cd: cd, opts: opts, z: z, prev: prev, progress: progress, fonts: fs,
		chains:  map[fontKey][]fontKey{},
		layout:  &layout{anchors: map[string]int{}},
		number:  map[string]int{},
		claimNo: map[string]int{},
	}
	b := cd.m.Board
	d.title = z.line(b.Title, maxHeading)
	if d.title == "" {
		d.title = "Untitled board"
	}
	mk := opts.Marking
	if strings.TrimSpace(mk) == "" {
		mk = b.Marking
	}
	d.marking = z.line(mk, maxHeading)
	for i, c := range cd.claims {
		d.claimNo[c.ID] = i + 1
	}

	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	added := map[fontKey]bool{}
	for _, f := range fontFiles {
		if f.fallback && !fallback {
			continue
		}
		// gofpdf rewrites the bytes it is given: every document gets a copy.
		pdf.AddUTF8FontFromBytes(f.family, f.style, append([]byte(nil), (*f.bytes)...))
		added[fontKey{f.family, f.style}] = true
	}
	for k, chain := range fallbacks {
		for _, f := range chain {
			if added[f] {
				d.chains[k] = append(d.chains[k], f)
			}
		}
	}
	t := pdfTime(b, opts)
	pdf.SetCreationDate(t)
	pdf.SetModificationDate(t)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetTitle(d.title, true)
	if a := z.line(b.Author, maxMeta); a != "" {
		pdf.SetAuthor(a, true)
	}
	pdf.SetSubject("Case brief", true)
	pdf.SetCreator("Evidence Board", true)
	pdf.SetProducer("Evidence Board (gofpdf)", true)
	pdf.SetMargins(marginL, marginT, marginR)
	// Page breaks are ours (see need): a break gofpdf took by itself in
	// the middle of a drawing would split it.
	pdf.SetAutoPageBreak(false, marginB)
	pdf.SetCellMargin(0)
	pdf.SetLineCapStyle("round")
	pdf.SetLineJoinStyle("round")
	pdf.SetHeaderFunc(d.header)
	pdf.SetFooterFunc(d.footer)
	d.pdf = pdf
	return d
}

// build lays out the whole brief.
func (d *doc) build() {
	add := func(anchor, title string, on bool, draw func()) {
		if on {
			d.sections = append(d.sections, section{anchor, title, draw})
		}
	}
	add("board", "The board", d.opts.Diagram, d.boardSection)
	add("parties", "Parties", true, d.partiesSection)
	add("claims", "Claims", true, d.claimsSection)
	add("contested", "Contested points", true, d.contestedSection)
	add("questions", "Open questions", true, d.questionsSection)
	add("quotes", "Quotes", true, d.quotesSection)
	add("timeline", "Timeline", d.opts.Timeline, d.timelineSection)
	add("sources", "Sources", true, d.sourcesSection)
	add("appendix", "Appendix: links", d.opts.Appendix, d.appendixSection)
	for i, s := range d.sections {
		d.number[s.anchor] = i + 1
	}

	d.cover()
	d.contents()
	n := float64(len(d.sections) + 1)
	d.progress(1 / n)
	for i, s := range d.sections {
		s.draw()
		d.progress(float64(i+2) / n)
	}
	d.missingNote()
	d.integrityNote()
	d.layout.pages = d.pdf.PageNo()
}

// pageOf is the page an anchor fell on in the previous pass (0 if unknown).
func (d *doc) pageOf(anchor string) int {
	if d.prev == nil {
		return 0
	}
	return d.prev.anchors[anchor]
}

// mark records that anchor starts on the current page and bookmarks it.
func (d *doc) mark(anchor, title string, level int) {
	d.layout.anchors[anchor] = d.pdf.PageNo()
	// gofpdf turns y into PDF coordinates with the height of the last
	// page, which is always a portrait one (the brief ends in text): a
	// landscape page's position is given as if it were portrait.
	y := d.pdf.GetY()
	if _, h := d.pageSize(); h < pageH {
		y = pageH - (h - y)
	}
	d.pdf.Bookmark(d.z.guard(title), level, y)
}

// ---- pages, header and footer ----

func (d *doc) newPage() {
	d.landscape = false
	d.pdf.AddPageFormat("P", gofpdf.SizeType{Wd: pageW, Ht: pageH})
	d.pdf.SetXY(marginL, marginT)
}

func (d *doc) newLandscape() {
	d.landscape = true
	d.pdf.AddPageFormat("L", gofpdf.SizeType{Wd: pageW, Ht: pageH})
	d.pdf.SetXY(marginL, marginT)
}

// width and height of the current page.
func (d *doc) pageSize() (float64, float64) {
	// gofpdf's own idea of the page, which in the footer is still the page
	// being finished, even when the next one is landscape.
	return d.pdf.GetPageSize()
}

func (d *doc) bottom() float64 {
	_, h := d.pageSize()
	return h - marginB
}

// need starts a new page unless h millimetres fit below the current line.
func (d *doc) need(h float64) {
	if d.pdf.GetY()+h > d.bottom() {
		if d.landscape {
			d.newLandscape()
		} else {
			d.newPage()
		}
	}
}

func (d *doc) header() {
	if d.pdf.PageNo() == 1 {
		return
	}
	w, _ := d.pageSize()
	right := w - marginR
	d.font("sans", "B", 7.5)
	mw := 0.0
	if d.marking != "" {
		mk := d.fit(d.marking, (right-marginL)*0.55)
		mw = d.width(mk)
		d.color(marking)
		d.textAt(right-mw, headerY, mk)
	}
	d.font("sans", "", 7.5)
	d.color(muted)
	gap := 0.0
	if mw > 0 {
		gap = 6
	}
	d.textAt(marginL, headerY, d.fit(d.title, right-marginL-mw-gap))
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(marginL, headerY+2.2, right, headerY+2.2)
	d.pdf.SetXY(marginL, marginT)
}

func (d *doc) footer() {
	if d.pdf.PageNo() == 1 {
		return
	}
	w, h := d.pageSize()
	right := w - marginR
	y := h - 12
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(marginL, y-4, right, y-4)
	total := "?"
	if d.prev != nil {
		total = strconv.Itoa(d.prev.pages)
	}
	pg := fmt.Sprintf("page %d of %s", d.pdf.PageNo(), total)
	d.font("sans", "", 7.5)
	d.color(muted)
	pw := d.width(pg)
	d.textAt(right-pw, y, pg)
	d.textAt(marginL, y, d.fit("Case brief · "+d.caseRef(), right-marginL-pw-8))
}

func (d *doc) caseRef() string {
	if r := d.z.line(d.cd.m.Board.CaseRef, maxMeta); r != "" {
		return r
	}
	return d.title
}

// ---- text primitives ----

func (d *doc) font(family, style string, size float64) {
	d.pdf.SetFont(family, style, size)
	d.cur = fontKey{family, style}
}

// width is the width of one line of cleaned text in the current font, as
// drawn: with its fallback fonts and Arabic shaped.
func (d *doc) width(s string) float64 {
	if d.simple(d.cur, s) {
		return d.pdf.GetStringWidth(s)
	}
	size, _ := d.pdf.GetFontSize()
	w := 0.0
	for _, r := range d.runs(d.cur, s) {
		d.pdf.SetFont(r.font.family, r.font.style, size)
		w += d.pdf.GetStringWidth(r.text)
	}
	d.pdf.SetFont(d.cur.family, d.cur.style, size)
	return w
}

// show draws one line of cleaned text with its baseline at (x, y), each
// character in the first font of the current style's chain that has it,
// right-to-left runs reordered and Arabic joined.
func (d *doc) show(x, y float64, s string) {
	if d.simple(d.cur, s) {
		d.pdf.Text(x, y, s)
		return
	}
	size, _ := d.pdf.GetFontSize()
	for _, r := range d.runs(d.cur, s) {
		d.pdf.SetFont(r.font.family, r.font.style, size)
		d.pdf.Text(x, y, r.text)
		x += d.pdf.GetStringWidth(r.text)
	}
	d.pdf.SetFont(d.cur.family, d.cur.style, size)
}

func rgb(hex string) (int, int, int) {
	hex = strings.TrimPrefix(strings.TrimSpace(hex), "#")
	if len(hex) != 6 {
		return 0, 0, 0
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

// validColor reports whether s is "#rrggbb".
func validColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	_, err := strconv.ParseUint(s[1:], 16, 32)
	return err == nil
}

func (d *doc) color(hex string)     { d.pdf.SetTextColor(rgb(hex)) }
func (d *doc) fillColor(hex string) { d.pdf.SetFillColor(rgb(hex)) }
func (d *doc) drawColor(hex string) { d.pdf.SetDrawColor(rgb(hex)) }

// textAt draws one line of already cleaned text with its baseline at y.
func (d *doc) textAt(x, y float64, s string) {
	if s == "" || d.prev == nil {
		return
	}
	d.show(x, y, d.z.guard(s))
}

// cellAt draws one line of already cleaned text in a box of height h
// whose top is y, optionally linked to url.
func (d *doc) cellAt(x, y, w, h float64, s, align, url string) {
	d.pdf.SetXY(x, y)
	if d.prev == nil {
		// The first pass only measures: where the text goes is known
		// without drawing it, and nothing reads the position it leaves.
		return
	}
	s = d.z.guard(s)
	if d.simple(d.cur, s) {
		d.pdf.CellFormat(w, h, s, "", 0, align, false, 0, url)
		return
	}
	// Placed as CellFormat places it: centred on the box's middle.
	tw := d.width(s)
	tx := x
	switch align {
	case "R":
		tx = x + w - tw
	case "C":
		tx = x + (w-tw)/2
	}
	_, size := d.pdf.GetFontSize()
	d.show(tx, y+0.5*h+0.3*size, s)
	if url != "" {
		d.pdf.LinkString(tx, y, tw, h, url)
	}
	d.pdf.SetXY(x+w, y)
}

// fit shortens one line of cleaned text to width w with "…".
func (d *doc) fit(s string, w float64) string {
	s = d.z.guard(s)
	if w <= 0 {
		return ""
	}
	if d.width(s) <= w {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.width(string(rs[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(rs[:lo]), " ") + "…"
}

// style is how a run of text is set.
type style struct {
	family, face string
	size, lead   float64
	color        string
}

var (
	stBody    = style{"serif", "", bodySize, bodyLead, ink}
	stBold    = style{"serif", "B", bodySize, bodyLead, ink}
	stQuote   = style{"serif", "I", 10.5, 5.3, ink}
	stSmall   = style{"sans", "", smallSize, smallLead, muted}
	stSmallB  = style{"sans", "B", smallSize, smallLead, ink}
	stLabel   = style{"sans", "B", 7.5, 4.6, faint}
	stH2      = style{"sans", "B", 12, 6.2, ink}
	stNote    = style{"serif", "I", 9.5, 4.8, faint}
	stTableH  = style{"sans", "B", 7.5, 4.0, muted}
	stTable   = style{"serif", "", 8.8, 4.3, ink}
	stTableSm = style{"sans", "", 8, 4.0, muted}
)

func (d *doc) use(st style) {
	d.font(st.family, st.face, st.size)
	d.color(st.color)
}

// span is one laid-out line of text.
type span struct {
	text   string
	st     style
	indent float64
	bar    string  // colour of a bar in the left margin of the line, or ""
	url    string  // the line links here
	gap    float64 // space above the line
	mark   string  // a bullet drawn in the indent of the line
}

// wrap lays out cleaned text in style st to width w as lines.
func (d *doc) wrap(text string, st style, w float64) []span {
	text = d.z.guard(text) // SplitText indexes a table by rune
	if text == "" {
		return nil
	}
	d.use(st)
	var out []span
	for _, para := range strings.Split(text, "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, span{text: "", st: st})
			continue
		}
		var lines []string
		if d.simple(d.cur, para) {
			lines = d.pdf.SplitText(para, w)
		} else {
			lines = keepDirection(para, d.breakLines(para, w))
		}
		for _, ln := range lines {
			out = append(out, span{text: strings.TrimRight(ln, " "), st: st})
		}
	}
	return out
}

func height(spans []span) float64 {
	h := 0.0
	for _, s := range spans {
		h += s.st.lead + s.gap
	}
	return h
}

// draw puts spans at x from the current line down, breaking pages as
// needed between lines (callers keep short blocks together with need).
func (d *doc) draw(spans []span, x, w float64) {
	for _, s := range spans {
		d.need(s.st.lead + s.gap)
		y := d.pdf.GetY() + s.gap
		d.drawSpan(s, x, y, w)
		d.pdf.SetY(y + s.st.lead)
	}
}

// drawSpan draws one line with its top at y.
func (d *doc) drawSpan(s span, x, y, w float64) {
	if s.bar != "" {
		d.fillColor(s.bar)
		d.pdf.Rect(x+s.indent-3.2, y, 0.9, s.st.lead, "F")
	}
	if s.text == "" {
		return
	}
	d.use(s.st)
	if s.mark != "" {
		d.color(faint)
		d.cellAt(x+s.indent-4.5, y, 4, s.st.lead, s.mark, "L", "")
		d.color(s.st.color)
	}
	d.cellAt(x+s.indent, y, w-s.indent, s.st.lead, s.text, "L", s.url)
}

// para wraps and draws cleaned text in style st at the body's left edge
// plus indent.
func (d *doc) para(text string, st style, indent float64) {
	d.draw(d.wrap(text, st, bodyW-indent), marginL+indent, bodyW-indent)
}

func (d *doc) space(h float64) {
	if d.pdf.GetY()+h <= d.bottom() {
		d.pdf.SetY(d.pdf.GetY() + h)
	}
}

// indentSpans shifts spans right and gives them a bar.
func indentSpans(spans []span, indent float64, bar string) []span {
	for i := range spans {
		spans[i].indent += indent
		if bar != "" {
			spans[i].bar = bar
		}
	}
	return spans
}

// ---- section furniture ----

// sectionStart opens a section on a new page with its numbered title.
func (d *doc) sectionStart(anchor, title string, landscape bool) {
	if landscape {
		d.newLandscape()
	} else {
		d.newPage()
	}
	full := title
	if n := d.number[anchor]; n > 0 {
		full = strconv.Itoa(n) + "  " + title
	}
	d.mark(anchor, full, 0)
	w, _ := d.pageSize()
	d.font("sans", "B", 19)
	d.color(ink)
	d.cellAt(marginL, d.pdf.GetY(), w-marginL-marginR, 9, full, "L", "")
	y := d.pdf.GetY() + 11
	d.fillColor(ink)
	d.pdf.Rect(marginL, y, 14, 0.9, "F")
	d.pdf.SetY(y + 6)
}

// label draws a small capitalised label such as "SUPPORTS".
func (d *doc) label(text, hex string, indent float64) {
	st := stLabel
	st.color = hex
	d.need(st.lead + 2*bodyLead)
	d.draw([]span{{text: strings.ToUpper(text), st: st, indent: indent, gap: 1.5}}, marginL, bodyW)
}

// kindSwatch draws a small square in a kind's colours.
func (d *doc) kindSwatch(x, y, s float64, k data.Kind) {
	d.fillColor(k.DefaultColor())
	d.drawColor(k.AccentColor())
	d.pdf.SetLineWidth(0.35)
	d.pdf.Rect(x, y, s, s, "FD")
}

// pill draws text in a rounded coloured box at (x, y) and returns its width.
func (d *doc) pill(x, y float64, text, bg, fg string, size float64) float64 {
	d.font("sans", "B", size)
	tw := d.width(text)
	h := size * 0.55
	w := tw + 3.2
	d.fillColor(bg)
	d.pdf.RoundedRect(x, y, w, h, h/2.5, "1234", "F")
	d.color(fg)
	d.cellAt(x+1.6, y, tw, h, text, "L", "")
	return w
}

// cardName is a card's title for running text, or a description of it
// when it has none.
func (d *doc) cardName(c *data.Card, max int) string {
	if c == nil {
		return "(missing card)"
	}
	if t := d.z.line(c.Title, max); t != "" {
		return t
	}
	if c.Kind == data.KindQuote {
		if q := d.z.line(c.QuoteText, 60); q != "" {
			return "“" + q + "”"
		}
	}
	return "(untitled " + strings.ToLower(kindLabel(c.Kind)) + ")"
}

// missingNote lists, at the end of the brief, the characters the fonts
// could not draw.
func (d *doc) missingNote() {
	miss := d.z.missingRunes()
	if len(miss) == 0 {
		return
	}
	var b strings.Builder
	const show = 400
	for i, r := range miss {
		if i == show {
			fmt.Fprintf(&b, " and %d more", len(miss)-show)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "U+%04X", r)
	}
	if d.landscape {
		d.newPage()
	}
	d.space(6)
	d.need(30)
	d.label("Characters not drawn", contra, 0)
	d.para(fmt.Sprintf("The fonts embedded in this brief cannot draw %d character(s) that appear on the board. "+
		"Each is shown as %c where it occurs; the board itself holds the original text. The characters are: %s.",
		len(miss), replacement, b.String()), stNote, 0)
}

// clampF keeps v finite and within [lo, hi].
func clampF(v, lo, hi float64) float64 {
	if math.IsNaN(v) {
		return lo
	}
	return math.Max(lo, math.Min(hi, v))
}
