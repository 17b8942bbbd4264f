package source

import (
	"bytes"
	"io"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"evidenceboard/data"
)

// PDF text is read with github.com/ledongthuc/pdf for the file structure
// (cross-reference tables and streams, object streams, filters, encryption
// with an empty password) and our own content-stream interpreter on top: the
// library's text extraction decodes Identity-H fonts wrongly (its ToUnicode
// ranges carry only the last byte, so gofpdf's "—" comes out as U+0014) and
// knows no glyph widths for composite fonts, so it cannot tell where words
// end. The interpreter below keeps the text state (matrices, spacing, fonts),
// places each glyph, and rebuilds words, lines and paragraphs from positions.

// glyph is one shown character code, placed in user space.
type glyph struct {
	x, y, end, size float64
	text            string
}

// pdfLine is a run of glyphs on one baseline.
type pdfLine struct {
	x, y, size float64
	text       strings.Builder
	lastEnd    float64
	lastSpace  bool
}

func extractPDF(doc *Document, raw []byte, deadline time.Time) error {
	if err := pdfPrecheck(doc, raw); err != nil {
		return err
	}
	r, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		msg := strings.ToLower(err.Error())
		switch {
		case strings.Contains(msg, "password"):
			return fail(doc.Name, "the PDF is protected by a password; save an unprotected copy")
		case strings.Contains(msg, "256-bit"):
			return fail(doc.Name, "the PDF is encrypted with AES-256, which cannot be read here; save an unencrypted copy")
		case strings.Contains(msg, "encrypt"):
			return fail(doc.Name, "the PDF is encrypted in a way that cannot be read here (%s); save an unencrypted copy", data.OneLine(err.Error(), 120))
		}
		msg = err.Error()
		return fail(doc.Name, "the PDF is damaged or not supported (%s)", data.OneLine(msg, 120))
	}
	info := r.Trailer().Key("Info")
	doc.Title = normaliseSpace(info.Key("Title").Text())
	doc.Date = pdfDate(info.Key("CreationDate").Text())

	pages, err := pdfPages(doc, r.Trailer().Key("Root").Key("Pages"))
	if err != nil {
		return err
	}
	doc.Pages = len(pages)
	c := &textCollector{doc: doc}
	in := &interp{doc: doc, deadline: deadline, fonts: map[string]*pdfFont{}}
	for i, page := range pages {
		in.page = i + 1
		glyphs := in.run(page)
		for _, para := range layout(glyphs) {
			c.add(i+1, para)
		}
	}
	return nil
}

// pdfPages walks the page tree iteratively, bounded in depth and in nodes, so
// a tree with cycles or millions of kids ends with an error instead of a hang.
func pdfPages(doc *Document, root pdf.Value) ([]pdf.Value, error) {
	type item struct {
		v     pdf.Value
		depth int
	}
	var pages []pdf.Value
	stack := []item{{root, 0}}
	visited := 0
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visited++
		if visited > 4*MaxPDFPages || it.depth > 64 {
			return nil, fail(doc.Name, "the PDF's page tree is malformed (too deep, or loops)")
		}
		kids := it.v.Key("Kids")
		if it.v.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if it.v.Kind() == pdf.Dict {
				pages = append(pages, it.v)
				if len(pages) > MaxPDFPages {
					return nil, fail(doc.Name, "the PDF has more than %d pages", MaxPDFPages)
				}
			}
			continue
		}
		for i := kids.Len() - 1; i >= 0; i-- {
			stack = append(stack, item{kids.Index(i), it.depth + 1})
		}
	}
	if len(pages) == 0 {
		return nil, fail(doc.Name, "the PDF has no pages")
	}
	return pages, nil
}

// pdfDate turns "D:20190401090000Z" into "2019-04-01".
func pdfDate(s string) string {
	s = strings.TrimPrefix(s, "D:")
	if len(s) < 8 {
		return ""
	}
	return validDate(s[0:4] + "-" + s[4:6] + "-" + s[6:8])
}

// inherited looks a page attribute up the Parent chain, at most 32 steps.
func inherited(page pdf.Value, key string) pdf.Value {
	v := page
	for i := 0; i < 32 && v.Kind() == pdf.Dict; i++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

type matrix [6]float64 // a b c d e f

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm                    matrix
	tc, tw, th, tl, ts, fs float64
	font                   *pdfFont
}

// interp runs content streams and collects placed glyphs.
type interp struct {
	doc      *Document
	deadline time.Time
	page     int
	fonts    map[string]*pdfFont
	ops      int
	glyphs   int
	buf      []glyph
	forms    int // form XObjects drawn on this page

	fallbackFont *pdfFont
}

func (in *interp) run(page pdf.Value) []glyph {
	contents := page.Key("Contents")
	if contents.IsNull() {
		return nil
	}
	in.forms = 0
	// One buffer for every page: pages are laid out one at a time.
	out := in.interpret(contents, inherited(page, "Resources"), identity, 0, in.buf[:0])
	in.buf = out[:0]
	return out
}

// checkStreams decompresses each stream once with a cap before it is
// parsed: a compression bomb is refused here, and so is nesting deep enough
// to overflow the parser's stack.
func (in *interp) checkStreams(contents pdf.Value) {
	streams := []pdf.Value{contents}
	if contents.Kind() == pdf.Array {
		streams = streams[:0]
		for i := 0; i < contents.Len() && i < 1000; i++ {
			streams = append(streams, contents.Index(i))
		}
	}
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rc := s.Reader()
		data, _ := io.ReadAll(io.LimitReader(rc, MaxPDFStreamBytes+1))
		rc.Close()
		if len(data) > MaxPDFStreamBytes {
			panic(fail(in.doc.Name, "page %d's content decompresses to more than %s (a compression bomb?)", in.page, HumanSize(MaxPDFStreamBytes)))
		}
		if err := checkNesting(in.doc, data, false); err != nil {
			panic(err)
		}
	}
}

// maxForms bounds the form XObjects drawn on one page (a form may draw
// forms, and one that draws itself ten times, eight deep, is 10^8 draws).
const maxForms = 1000

// interpret runs a content stream (a page's, or a form XObject's, with its
// own resources and the matrix it is drawn with), appending its glyphs.
func (in *interp) interpret(contents, resources pdf.Value, ctm matrix, depth int, out []glyph) []glyph {
	in.checkStreams(contents)
	fontDict := resources.Key("Font")

	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	var tm, tlm matrix

	show := func(s string) {
		f := g.font
		if f == nil {
			f = in.fallback()
		}
		for len(s) > 0 {
			code, n := f.next(s)
			s = s[n:]
			w0 := f.width(code)
			// The glyph's place: text space (0, rise) through Tm and the CTM;
			// its advance moves Tm along its own x axis.
			m := tm.mul(g.ctm)
			x, y := g.ts*m[2]+m[4], g.ts*m[3]+m[5]
			size := g.fs * math.Abs(m[3])
			if m[2] != 0 {
				size = g.fs * math.Hypot(m[2], m[3])
			}
			tx := (w0/1000*g.fs + g.tc) * g.th
			if n == 1 && code == 32 {
				tx += g.tw * g.th
			}
			tm[4] += tx * tm[0]
			tm[5] += tx * tm[1]
			// The glyph ends where its own width does: character and word
			// spacing show as a gap after it, which is how some producers
			// (Ghostscript) space words, with no space glyph.
			end := x + w0/1000*g.fs*g.th*m[0]
			text := f.text(code, n)
			if text == " " && tx*m[0] < 0.1*size {
				// A space squeezed to nothing by negative spacing is not
				// a space a reader sees (Ghostscript writes "inv olvement"
				// so); the glyph before and after simply touch.
				continue
			}
			in.glyphs++
			if in.glyphs > MaxTextBytes {
				panic(errTooMuchText)
			}
			out = append(out, glyph{x: x, y: y, end: end, size: size, text: text})
		}
	}
	num := func(v pdf.Value) float64 { return v.Float64() }
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		in.ops++
		if in.ops&4095 == 0 && time.Now().After(in.deadline) {
			panic(fail(in.doc.Name, "reading the PDF took longer than %s (stopped at page %d)", ExtractTimeout, in.page))
		}
		n := stk.Len()
		if n > 64 {
			n = 64
		}
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		for stk.Len() > 0 {
			stk.Pop()
		}
		need := func(k int) bool { return len(args) >= k }
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if need(6) {
				a := args[len(args)-6:]
				g.ctm = matrix{num(a[0]), num(a[1]), num(a[2]), num(a[3]), num(a[4]), num(a[5])}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			if need(1) {
				g.tc = num(args[0])
			}
		case "Tw":
			if need(1) {
				g.tw = num(args[0])
			}
		case "Tz":
			if need(1) {
				g.th = num(args[0]) / 100
			}
		case "TL":
			if need(1) {
				g.tl = num(args[0])
			}
		case "Ts":
			if need(1) {
				g.ts = num(args[0])
			}
		case "Tf":
			if need(2) {
				g.font = in.font(fontDict, args[0].Name())
				g.fs = num(args[1])
			}
		case "TD", "Td":
			if need(2) {
				if op == "TD" {
					g.tl = -num(args[1])
				}
				tlm = matrix{1, 0, 0, 1, num(args[0]), num(args[1])}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if need(6) {
				a := args[len(args)-6:]
				tlm = matrix{num(a[0]), num(a[1]), num(a[2]), num(a[3]), num(a[4]), num(a[5])}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if need(1) {
				show(args[len(args)-1].RawString())
			}
		case "'", "\"":
			if op == "\"" && need(3) {
				g.tw, g.tc = num(args[0]), num(args[1])
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if need(1) {
				show(args[len(args)-1].RawString())
			}
		case "Do":
			// A form XObject's text is the page's text, drawn through the
			// form's matrix; images and the rest are not text.
			if !need(1) || depth >= 8 || in.forms >= maxForms {
				return
			}
			xo := resources.Key("XObject").Key(args[len(args)-1].Name())
			if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
				return
			}
			in.forms++
			res := xo.Key("Resources")
			if res.Kind() != pdf.Dict {
				res = resources
			}
			m := identity
			if mv := xo.Key("Matrix"); mv.Len() == 6 {
				m = matrix{num(mv.Index(0)), num(mv.Index(1)), num(mv.Index(2)), num(mv.Index(3)), num(mv.Index(4)), num(mv.Index(5))}
			}
			out = in.interpret(xo, res, m.mul(g.ctm), depth+1, out)
		case "TJ":
			if !need(1) {
				return
			}
			a := args[len(args)-1]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
				} else {
					tx := -num(x) / 1000 * g.fs * g.th
					tm[4] += tx * tm[0]
					tm[5] += tx * tm[1]
				}
			}
		}
	})
	return out
}

// pdfFont decodes a font's character codes to text and knows their widths.
type pdfFont struct {
	twoByte bool
	widths  map[int]float64
	dw      float64
	uni     *toUnicode
	simple  *pdf.Font // encoding tables for simple fonts without ToUnicode
	cache   map[int]string
	// For one-byte codes: widths and decoded text by code, the text filled
	// on first use (known[code]).
	width1 [256]float64
	text1  [256]string
	known  [256]bool
}

// fallback is the font for text shown before any Tf or with a font the page
// does not define: one byte a code, Latin-1, half an em wide. One per
// extraction, as its cache fills as it is used.
func (in *interp) fallback() *pdfFont {
	if in.fallbackFont == nil {
		f := &pdfFont{dw: 500, cache: map[int]string{}}
		for c := range f.width1 {
			f.width1[c] = f.dw
		}
		in.fallbackFont = f
	}
	return in.fallbackFont
}

func (f *pdfFont) next(s string) (int, int) {
	if f.twoByte && len(s) >= 2 {
		return int(s[0])<<8 | int(s[1]), 2
	}
	return int(s[0]), 1
}

func (f *pdfFont) width(code int) float64 {
	if !f.twoByte && code < 256 {
		return f.width1[code]
	}
	if w, ok := f.widths[code]; ok {
		return w
	}
	return f.dw
}

func (f *pdfFont) text(code, n int) string {
	if n == 1 && f.known[code] {
		return f.text1[code]
	}
	if t, ok := f.cache[code]; ok {
		return t
	}
	t, ok := f.uni.lookup(code)
	switch {
	case ok:
	case f.simple != nil && n == 1:
		t = f.simple.Encoder().Decode(string([]byte{byte(code)}))
	case n == 1:
		t = string(rune(code))
	default:
		t = "\ufffd"
	}
	if n == 1 {
		f.text1[code], f.known[code] = t, true
	} else if len(f.cache) < 65536 {
		f.cache[code] = t
	}
	return t
}

// font loads (once per document) the font a Tf names.
func (in *interp) font(fonts pdf.Value, name string) *pdfFont {
	fv := fonts.Key(name)
	if fv.Kind() != pdf.Dict {
		return in.fallback()
	}
	key := fv.Key("BaseFont").Name() + "|" + fv.Key("Subtype").Name() + "|" + fv.Key("ToUnicode").Key("Length").String() +
		"|" + fv.Key("FirstChar").String() + "|" + fv.Key("Encoding").String()
	if f, ok := in.fonts[key]; ok {
		return f
	}
	f := &pdfFont{widths: map[int]float64{}, cache: map[int]string{}, dw: 1000}
	if fv.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		d := fv.Key("DescendantFonts").Index(0)
		if w := d.Key("DW"); w.Kind() == pdf.Integer || w.Kind() == pdf.Real {
			f.dw = w.Float64()
		}
		readCIDWidths(f, d.Key("W"))
	} else {
		f.dw = 500
		first := int(fv.Key("FirstChar").Int64())
		ws := fv.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.widths[first+i] = ws.Index(i).Float64()
		}
		for c := range f.width1 {
			f.width1[c] = f.dw
			if w, ok := f.widths[c]; ok {
				f.width1[c] = w
			}
		}
		sf := pdf.Font{V: fv}
		f.simple = &sf
	}
	f.uni = readToUnicode(fv.Key("ToUnicode"))
	if len(in.fonts) < 1000 {
		in.fonts[key] = f
	}
	return f
}

// readCIDWidths reads a composite font's W array: "c [w1 w2 …]" or
// "cfirst clast w", bounded so a crafted range cannot fill memory.
func readCIDWidths(f *pdfFont, w pdf.Value) {
	for i := 0; i < w.Len() && len(f.widths) < 65536; {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && j < 65536; j++ {
				f.widths[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		last := int(next.Int64())
		width := w.Index(i + 2).Float64()
		for k := c; k <= last && k-c < 65536; k++ {
			f.widths[k] = width
		}
		i += 3
	}
}

// toUnicode is a parsed ToUnicode CMap: single codes and ranges, kept as
// ranges (never expanded) so a crafted <0000> <FFFF> costs nothing.
type toUnicode struct {
	chars  map[int]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi int
	dst    string   // UTF-16BE of the first code's text, or
	arr    []string // one UTF-16BE destination per code
}

func (t *toUnicode) lookup(code int) (string, bool) {
	if t == nil {
		return "", false
	}
	if s, ok := t.chars[code]; ok {
		return s, true
	}
	for _, r := range t.ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		if r.arr != nil {
			if k := code - r.lo; k < len(r.arr) {
				return utf16String(r.arr[k]), true
			}
			return "", false
		}
		return utf16Add(r.dst, code-r.lo), true
	}
	return "", false
}

// readToUnicode parses a ToUnicode CMap with its own small tokenizer: only
// the bfchar and bfrange sections matter, and a CMap is PostScript that the
// library's interpreter cannot run (findresource, begin). A range's
// destination is incremented as a whole code point, not just its last byte.
func readToUnicode(v pdf.Value) *toUnicode {
	if v.Kind() != pdf.Stream {
		return nil
	}
	rc := v.Reader()
	data, _ := io.ReadAll(io.LimitReader(rc, 4<<20))
	rc.Close()
	t := &toUnicode{chars: map[int]string{}}
	code := func(s string) int {
		c := 0
		for i := 0; i < len(s) && i < 4; i++ {
			c = c<<8 | int(s[i])
		}
		return c
	}
	var section string
	var operands []any // string (hex) or []string (array)
	var arr []string
	inArr := false
	for i := 0; i < len(data); {
		ch := data[i]
		switch {
		case ch == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case ch == '<' && i+1 < len(data) && data[i+1] == '<', ch == '>' && i+1 < len(data) && data[i+1] == '>':
			i += 2
		case ch == '<':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				return t
			}
			h := unhex(data[i+1 : i+j])
			i += j + 1
			if inArr {
				arr = append(arr, h)
			} else {
				operands = append(operands, h)
			}
		case ch == '[':
			inArr, arr = true, nil
			i++
		case ch == ']':
			if inArr {
				operands = append(operands, arr)
			}
			inArr = false
			i++
		case ch == '(':
			depth := 0 // literal strings hold nothing we read: skip them
			for ; i < len(data); i++ {
				if data[i] == '\\' {
					i++
				} else if data[i] == '(' {
					depth++
				} else if data[i] == ')' {
					if depth--; depth == 0 {
						i++
						break
					}
				}
			}
		case ch <= ' ' || ch == '/' || ch == '{' || ch == '}' || ch == ')' || ch == '>':
			i++
		default:
			j := i
			for j < len(data) && data[j] > ' ' && !bytes.ContainsRune([]byte("<>[]()/%{}"), rune(data[j])) {
				j++
			}
			word := string(data[i:j])
			i = j
			switch word {
			case "beginbfchar", "beginbfrange":
				section, operands = word, nil
			case "endbfchar":
				for k := 0; k+1 < len(operands); k += 2 {
					src, _ := operands[k].(string)
					dst, _ := operands[k+1].(string)
					if len(t.chars) < 1<<17 {
						t.chars[code(src)] = utf16String(dst)
					}
				}
				section, operands = "", nil
			case "endbfrange":
				for k := 0; k+2 < len(operands); k += 3 {
					lo, _ := operands[k].(string)
					hi, _ := operands[k+1].(string)
					r := cmapRange{lo: code(lo), hi: code(hi)}
					switch d := operands[k+2].(type) {
					case string:
						r.dst = d
					case []string:
						r.arr = d
					}
					if len(t.ranges) < 1<<14 {
						t.ranges = append(t.ranges, r)
					}
				}
				section, operands = "", nil
			default:
				if section == "" {
					operands = nil
				}
			}
		}
	}
	return t
}

func unhex(b []byte) string {
	var out []byte
	var hi byte
	half := false
	for _, c := range b {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return string(out)
}

func utf16String(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// utf16Add adds k to the last UTF-16 unit of s, with carry into the code
// point: bfrange <0000> <FFFF> <0000> maps 0x2014 to U+2014.
func utf16Add(s string, k int) string {
	r := []rune(utf16String(s))
	if len(r) == 0 {
		return ""
	}
	r[len(r)-1] += rune(k)
	return string(r)
}

// ligatures are expanded: a quote is typed with "fi", never "ﬁ".
var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

// layout rebuilds a page's paragraphs from its glyphs, in content order
// (which for the documents people quote — reports, filings, articles printed
// to PDF — is reading order; we do not re-sort columns):
//   - a glyph more than 0.4 em off the current baseline, or more than one em
//     to the left of where the last one ended, starts a new line;
//   - a gap of more than 0.2 em between glyphs on a line is a space;
//   - a line starts a new paragraph when the step down from the previous one
//     is more than 1.15 times the page's usual line step (in ems), when it goes up,
//     when the font size changes by more than 15%, or when it is indented
//     from the left margin after a line that ended a sentence;
//   - inside a paragraph, lines join with a space, except that a line ending
//     in a hyphen after a lower-case letter, followed by one starting with a
//     lower-case letter, is a word broken across lines and joins without the
//     hyphen.
func layout(glyphs []glyph) []string {
	var lines []*pdfLine
	var cur *pdfLine
	for _, gl := range glyphs {
		if gl.text == "" || gl.size <= 0 || math.IsNaN(gl.x) || math.IsNaN(gl.y) || math.IsInf(gl.x, 0) || math.IsInf(gl.y, 0) {
			continue
		}
		t := gl.text
		r, size := utf8.DecodeRuneInString(t)
		if r >= 0xfb00 && r <= 0xfb06 {
			t = ligatures.Replace(t)
		}
		isSpace := size == len(t) && unicode.IsSpace(r)
		if cur == nil || math.Abs(gl.y-cur.y) > 0.4*gl.size || gl.x < cur.lastEnd-gl.size {
			if isSpace {
				continue
			}
			cur = &pdfLine{x: gl.x, y: gl.y, size: gl.size}
			lines = append(lines, cur)
		} else if gl.x-cur.lastEnd > 0.2*gl.size && !cur.lastSpace && !isSpace {
			cur.text.WriteByte(' ')
		}
		cur.text.WriteString(t)
		cur.lastEnd = gl.end
		cur.lastSpace = isSpace
	}
	if len(lines) == 0 {
		return nil
	}
	// The usual line step (in ems, so a heading's larger step is usual for
	// its size) and the left margin of the page.
	var steps []float64
	margins := map[int]int{}
	for i, l := range lines {
		margins[int(math.Round(l.x))]++
		if i > 0 {
			if dy := lines[i-1].y - l.y; dy > 0.5*l.size && dy < 3*l.size {
				steps = append(steps, dy/l.size)
			}
		}
	}
	step := 0.0
	if len(steps) > 0 {
		sort.Float64s(steps)
		step = steps[len(steps)/2]
	}
	left, most := 0, 0
	for x, n := range margins {
		if n > most || (n == most && x < left) {
			left, most = x, n
		}
	}

	var paras []string
	var p strings.Builder
	for i, l := range lines {
		text := strings.TrimSpace(l.text.String())
		if text == "" {
			continue
		}
		if i > 0 && p.Len() > 0 {
			prev := lines[i-1]
			dy := prev.y - l.y
			limit := 1.15 * step * l.size
			if step == 0 {
				limit = 1.5 * l.size
			}
			prevText := strings.TrimSpace(prev.text.String())
			indented := l.x-float64(left) > 0.8*l.size && l.x-float64(left) < 6*l.size &&
				math.Abs(prev.x-float64(left)) < 0.3*l.size && endsSentence(prevText)
			if dy <= 0.3*l.size || dy > limit || math.Abs(l.size-prev.size) > 0.15*prev.size || indented {
				paras = append(paras, p.String())
				p.Reset()
			}
		}
		if p.Len() > 0 {
			s := p.String()
			if hyphenated(s, text) {
				p.Reset()
				p.WriteString(strings.TrimSuffix(s, "-"))
			} else {
				p.WriteByte(' ')
			}
		}
		p.WriteString(text)
	}
	if p.Len() > 0 {
		paras = append(paras, p.String())
	}
	return paras
}

func endsSentence(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && strings.ContainsRune(".!?:\"”’)", last)
}

func hyphenated(prev, next string) bool {
	if !strings.HasSuffix(prev, "-") {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(before) && unicode.IsLower(first)
}
