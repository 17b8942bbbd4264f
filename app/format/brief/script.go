package brief

// This file makes every script the fonts can draw come out right: Arabic
// letters joined (by their presentation forms), right-to-left runs put in
// visual order, and each character drawn by the first font of its style's
// fallback chain that has it.

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// ---- Arabic joining ----

// joining is how an Arabic letter joins its neighbours (Unicode's
// Joining_Type, for what the presentation forms can show).
type joining uint8

const (
	joinNone  joining = iota // U: joins neither side
	joinRight                // R: joins the letter before it only (alef, dal, reh, waw…)
	joinDual                 // D: joins both sides (beh, seen, lam…)
	joinTrans                // T: transparent, a mark on the letter (harakat)
)

// arabicForms are a letter's isolated, final, initial and medial forms
// (0 where it has none).
type arabicForms [4]rune

const (
	formIsol = iota
	formFina
	formInit
	formMedi
)

var (
	// forms maps an Arabic letter to its presentation forms.
	forms = map[rune]arabicForms{}
	// lamAlef maps the alef after a lam to the isolated and final forms
	// of their ligature (lam with alef must be joined into one glyph).
	lamAlef = map[rune][2]rune{}
)

// init reads the presentation forms out of Unicode's own decompositions
// (NFKC, from golang.org/x/text/unicode/norm) instead of a table of our own: each
// letter's forms stand in the Presentation Forms blocks in the order
// isolated, final, initial, medial, and decompose to the letter; a letter
// with four forms joins on both sides, one with two on the right only.
func init() {
	collect := func(lo, hi rune, skip map[rune]bool) {
		var groups = map[rune][]rune{}
		var order []rune
		for r := lo; r <= hi; r++ {
			d := []rune(norm.NFKC.String(string(r)))
			if len(d) == 2 && d[0] == 0x644 && hi == 0xfefc {
				// The lam-alef ligatures, in pairs: isolated, final.
				p := lamAlef[d[1]]
				if p[0] == 0 {
					p[0] = r
				} else {
					p[1] = r
				}
				lamAlef[d[1]] = p
				continue
			}
			if len(d) != 1 || d[0] < 0x600 || d[0] > 0x6ff || skip[d[0]] {
				continue
			}
			if groups[d[0]] == nil {
				order = append(order, d[0])
			}
			groups[d[0]] = append(groups[d[0]], r)
		}
		for _, base := range order {
			g := groups[base]
			var f arabicForms
			switch len(g) {
			case 1, 2, 4:
				copy(f[:], g)
			default:
				continue // not the regular shape of the blocks: leave the letter alone
			}
			forms[base] = f
			skip[base] = true
		}
	}
	seen := map[rune]bool{}
	collect(0xfe70, 0xfefc, seen) // Presentation Forms-B: the Arabic letters proper
	collect(0xfb50, 0xfdff, seen) // Presentation Forms-A: Persian, Urdu and other letters
}

// joiningOf is the joining type of r.
func joiningOf(r rune) joining {
	if r == 0x640 { // tatweel, the joining stroke
		return joinDual
	}
	if unicode.Is(unicode.Mn, r) {
		return joinTrans
	}
	f, ok := forms[r]
	switch {
	case !ok:
		return joinNone
	case f[formMedi] != 0:
		return joinDual
	case f[formFina] != 0:
		return joinRight
	}
	return joinNone
}

// hasArabic is a quick test for letters shapeArabic would change.
func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x600 && r <= 0x6ff {
			return true
		}
	}
	return false
}

// shapeArabic replaces the Arabic letters of s (in logical order) by the
// presentation forms that join them to their neighbours, where has says
// a font draws the form; everything else is left as it is.
func shapeArabic(s string, has func(rune) bool) string {
	if !hasArabic(s) {
		return s
	}
	rs := []rune(s)
	// The letter before i and after i, skipping marks.
	prev := func(i int) int {
		for i--; i >= 0 && joiningOf(rs[i]) == joinTrans; i-- {
		}
		return i
	}
	next := func(i int) int {
		for i++; i < len(rs) && joiningOf(rs[i]) == joinTrans; i++ {
		}
		return i
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		jt := joiningOf(r)
		if jt != joinRight && jt != joinDual {
			out = append(out, r)
			continue
		}
		p, n := prev(i), next(i)
		joinsPrev := p >= 0 && joiningOf(rs[p]) == joinDual
		joinsNext := jt == joinDual && n < len(rs) && (joiningOf(rs[n]) == joinDual || joiningOf(rs[n]) == joinRight)
		if r == 0x644 && n < len(rs) {
			if lig, ok := lamAlef[rs[n]]; ok {
				form := lig[0]
				if joinsPrev {
					form = lig[1]
				}
				if form != 0 && has(form) {
					out = append(out, form)
					out = append(out, rs[i+1:n]...) // marks on the lam
					i = n
					continue
				}
			}
		}
		f := forms[r]
		var form rune
		switch {
		case joinsPrev && joinsNext:
			form = f[formMedi]
		case joinsPrev:
			form = f[formFina]
		case joinsNext:
			form = f[formInit]
		default:
			form = f[formIsol]
		}
		if form == 0 || !has(form) {
			form = r
		}
		out = append(out, form)
	}
	return string(out)
}

// ---- bidirectional text ----

// isRTLClass reports whether a bidi class makes text need reordering.
func isRTLClass(c bidi.Class) bool { return c == bidi.R || c == bidi.AL || c == bidi.AN }

// needsBidi is a quick test for right-to-left characters in s.
func needsBidi(s string) bool {
	for _, r := range s {
		if rtlRune(r) {
			return true
		}
	}
	return false
}

// rtlRune reports whether r is right-to-left or an Arabic number.
func rtlRune(r rune) bool {
	if r < 0x590 {
		return false
	}
	p, _ := bidi.LookupRune(r)
	return isRTLClass(p.Class())
}

// visualOrder puts one line of text, in logical order, in the order it
// is drawn from left to right, by the Unicode bidirectional algorithm
// (UAX #9) for a line with no explicit embeddings (the sanitiser removes
// those controls): the paragraph direction from its first strong letter
// (P2, P3), weak types resolved (W1-W7), neutrals by their neighbours
// (N1, N2), levels (I1, I2), trailing spaces (L1), runs reversed from the
// highest level down (L2) and brackets mirrored in right-to-left runs
// (L4). The character classes come from golang.org/x/text/unicode/bidi;
// its Paragraph.Order, still marked "under construction", returns the
// runs in logical order (a Hebrew word and a number after it are not
// swapped), so the resolution is done here.
func visualOrder(s string) string {
	if !needsBidi(s) {
		return s
	}
	rs := []rune(s)
	n := len(rs)
	cls := make([]bidi.Class, n)
	for i, r := range rs {
		p, _ := bidi.LookupRune(r)
		cls[i] = p.Class()
		switch cls[i] {
		case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			cls[i] = bidi.ON
		}
	}
	orig := append([]bidi.Class(nil), cls...)
	// P2, P3: the paragraph level.
	para := 0
	for _, c := range cls {
		if c == bidi.L {
			break
		}
		if c == bidi.R || c == bidi.AL {
			para = 1
			break
		}
	}
	sos := bidi.L
	if para == 1 {
		sos = bidi.R
	}
	// W1: a mark takes the type of what it is on.
	for i := range cls {
		if cls[i] == bidi.NSM {
			if i == 0 {
				cls[i] = sos
			} else {
				cls[i] = cls[i-1]
			}
		}
	}
	// W2, W3: European numbers after Arabic letters are Arabic numbers;
	// Arabic letters are right-to-left.
	last := sos
	for i, c := range cls {
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			last = c
		case bidi.EN:
			if last == bidi.AL {
				cls[i] = bidi.AN
			}
		}
	}
	for i, c := range cls {
		if c == bidi.AL {
			cls[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for i := 1; i+1 < n; i++ {
		a, b := cls[i-1], cls[i+1]
		switch {
		case cls[i] == bidi.ES && a == bidi.EN && b == bidi.EN:
			cls[i] = bidi.EN
		case cls[i] == bidi.CS && a == b && (a == bidi.EN || a == bidi.AN):
			cls[i] = a
		}
	}
	// W5: terminators next to European numbers ("$", "%") are numbers.
	for i := 0; i < n; i++ {
		if cls[i] != bidi.ET {
			continue
		}
		j := i
		for j < n && cls[j] == bidi.ET {
			j++
		}
		if (i > 0 && cls[i-1] == bidi.EN) || (j < n && cls[j] == bidi.EN) {
			for k := i; k < j; k++ {
				cls[k] = bidi.EN
			}
		}
		i = j - 1
	}
	// W6: other separators and terminators are neutral.
	for i, c := range cls {
		if c == bidi.ES || c == bidi.ET || c == bidi.CS {
			cls[i] = bidi.ON
		}
	}
	// W7: European numbers in left-to-right text are left-to-right.
	last = sos
	for i, c := range cls {
		switch c {
		case bidi.L, bidi.R:
			last = c
		case bidi.EN:
			if last == bidi.L {
				cls[i] = bidi.L
			}
		}
	}
	// N0: a pair of brackets takes the direction of what it encloses, the
	// paragraph's if that is there, else the one around it.
	strongOf := func(c bidi.Class) bidi.Class {
		switch c {
		case bidi.L:
			return bidi.L
		case bidi.R, bidi.EN, bidi.AN:
			return bidi.R
		}
		return bidi.ON
	}
	var stack []int
	for i, r := range rs {
		if cls[i] != bidi.ON {
			continue
		}
		p, _ := bidi.LookupRune(r)
		switch {
		case !p.IsBracket():
		case p.IsOpeningBracket():
			if len(stack) < 63 {
				stack = append(stack, i)
			}
		default:
			mate := []rune(bidi.ReverseString(string(r)))[0]
			for k := len(stack) - 1; k >= 0; k-- {
				o := stack[k]
				if rs[o] != mate && !(mate == '〈' && rs[o] == '\u2329') && !(mate == '\u2329' && rs[o] == '〈') {
					continue
				}
				stack = stack[:k]
				e := sos
				found, opposite := false, false
				for j := o + 1; j < i; j++ {
					switch strongOf(cls[j]) {
					case e:
						found = true
					case bidi.ON:
					default:
						opposite = true
					}
				}
				dir := bidi.ON
				switch {
				case found:
					dir = e
				case opposite:
					before := sos
					for j := o - 1; j >= 0; j-- {
						if c := strongOf(cls[j]); c != bidi.ON {
							before = c
							break
						}
					}
					dir = before
				}
				if dir != bidi.ON {
					cls[o], cls[i] = dir, dir
				}
				break
			}
		}
	}
	// N1, N2: a run of neutrals between two strong types of the same
	// direction takes it (numbers count as right-to-left); any other, the
	// paragraph's.
	strong := func(c bidi.Class) (bidi.Class, bool) {
		switch c {
		case bidi.L:
			return bidi.L, true
		case bidi.R, bidi.EN, bidi.AN:
			return bidi.R, true
		}
		return 0, false
	}
	for i := 0; i < n; i++ {
		if _, ok := strong(cls[i]); ok {
			continue
		}
		j := i
		for j < n {
			if _, ok := strong(cls[j]); ok {
				break
			}
			j++
		}
		before, after := sos, sos
		if i > 0 {
			before, _ = strong(cls[i-1])
		}
		if j < n {
			after, _ = strong(cls[j])
		}
		dir := sos
		if before == after {
			dir = before
		}
		for k := i; k < j; k++ {
			cls[k] = dir
		}
		i = j - 1
	}
	// I1, I2: levels.
	lv := make([]int, n)
	for i, c := range cls {
		switch {
		case para == 0 && c == bidi.R:
			lv[i] = 1
		case para == 0 && (c == bidi.AN || c == bidi.EN):
			lv[i] = 2
		case para == 1 && (c == bidi.L || c == bidi.AN || c == bidi.EN):
			lv[i] = 2
		default:
			lv[i] = para
		}
	}
	// L1: spaces at the end of the line go back to the paragraph level.
	for i := n - 1; i >= 0 && (orig[i] == bidi.WS || orig[i] == bidi.BN); i-- {
		lv[i] = para
	}
	// L4 is applied before L2 moves the characters: mirror brackets.
	out := make([]rune, n)
	for i, r := range rs {
		if lv[i]%2 == 1 {
			if p, _ := bidi.LookupRune(r); p.IsBracket() {
				r = []rune(bidi.ReverseString(string(r)))[0]
			}
		}
		out[i] = r
	}
	// L2: reverse every run at or above each level, from the highest
	// down to the lowest odd one.
	high, lowOdd := 0, 99
	for _, l := range lv {
		high = max(high, l)
		if l%2 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	for l := high; l >= lowOdd && l > 0; l-- {
		for i := 0; i < n; i++ {
			if lv[i] < l {
				continue
			}
			j := i
			for j < n && lv[j] >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				out[a], out[b] = out[b], out[a]
				lv[a], lv[b] = lv[b], lv[a]
			}
			i = j
		}
	}
	return string(out)
}

// firstStrong is the direction of the first strong letter of s: 1 for
// right-to-left, 0 for left-to-right or none (rules P2, P3).
func firstStrong(s string) int {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return 0
		case bidi.R, bidi.AL:
			return 1
		}
	}
	return 0
}

// Marks that set a line's direction: a paragraph's direction is that of
// its first letter, and a line broken out of it keeps it, whatever its
// own first letter. They take no room and are not drawn.
const (
	markLTR = '\u200e'
	markRTL = '\u200f'
)

// keepDirection prefixes each line broken out of para with the mark of
// para's direction where the line's own first letter would say otherwise.
func keepDirection(para string, lines []string) []string {
	if !needsBidi(para) {
		return lines
	}
	dir := firstStrong(para)
	for i, ln := range lines {
		if firstStrong(ln) != dir {
			lines[i] = string([]rune{markLTR, markRTL}[dir]) + ln
		}
	}
	return lines
}

// ---- fonts ----

// textRun is a piece of a line drawn in one font.
type textRun struct {
	font fontKey
	text string
}

// runs splits one line of cleaned text, in logical order, into the pieces
// drawn in each font of style k's fallback chain, in drawing order: Arabic
// shaped, right-to-left text reordered.
func (d *doc) runs(k fontKey, s string) []textRun {
	chain := d.chains[k]
	if len(chain) == 0 {
		return []textRun{{k, s}}
	}
	if hasArabic(s) {
		s = shapeArabic(s, d.z.cover.Has)
	}
	s = visualOrder(s)
	s = strings.NewReplacer(string(markLTR), "", string(markRTL), "").Replace(s)
	var out []textRun
	var b strings.Builder
	cur := chain[0]
	for _, r := range s {
		f := chain[0]
		for _, c := range chain {
			if d.fonts.cov[c].Has(r) {
				f = c
				break
			}
		}
		// Spaces and marks stay in the font of the run they are in.
		if r == ' ' || unicode.Is(unicode.Mn, r) {
			f = cur
		}
		if f != cur && b.Len() > 0 {
			out = append(out, textRun{cur, b.String()})
			b.Reset()
		}
		cur = f
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, textRun{cur, b.String()})
	}
	return out
}

// simple reports whether s is drawn by style k's own font as it stands:
// nothing to shape, reorder or take from another font. Most text is, and
// goes straight to gofpdf.
func (d *doc) simple(k fontKey, s string) bool {
	c := d.fonts.cov[k]
	if c == nil {
		return true
	}
	for _, r := range s {
		if !c.Has(r) || (r >= 0x590 && ((r >= 0x600 && r <= 0x6ff) || rtlRune(r))) {
			return false
		}
	}
	return true
}

// ---- line breaking ----

// breakable reports whether a line may break before or after r with no
// space: Chinese, Japanese and Korean text has no spaces between words.
func breakable(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// breakLines breaks one paragraph of cleaned text, in logical order, into
// lines no wider than w in the current font, at spaces and between CJK
// characters, and within a word only when the word alone is wider than a
// line. It is gofpdf's SplitText for text that SplitText cannot measure:
// text drawn with fallback fonts or shaped.
func (d *doc) breakLines(para string, w float64) []string {
	// Words, each with whether a space stood before it.
	type word struct {
		text  string
		space bool
	}
	var words []word
	var b strings.Builder
	space := false
	flush := func() {
		if b.Len() > 0 {
			words = append(words, word{b.String(), space})
			b.Reset()
			space = false
		}
	}
	for _, r := range para {
		switch {
		case r == ' ':
			flush()
			space = true
		case breakable(r):
			flush()
			b.WriteRune(r)
			flush()
		default:
			b.WriteRune(r)
		}
	}
	flush()

	var lines []string
	var line strings.Builder
	lineW, spaceW := 0.0, d.width(" ")
	for _, wd := range words {
		ww := d.width(wd.text)
		gap := 0.0
		if wd.space && line.Len() > 0 {
			gap = spaceW
		}
		if line.Len() > 0 && lineW+gap+ww <= w {
			if gap > 0 {
				line.WriteByte(' ')
			}
			line.WriteString(wd.text)
			lineW += gap + ww
			continue
		}
		if line.Len() > 0 {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		// A word wider than a line is cut where it must be.
		rs := []rune(wd.text)
		for len(rs) > 0 && d.width(string(rs)) > w {
			lo, hi := 1, len(rs)
			for lo < hi {
				mid := (lo + hi + 1) / 2
				if d.width(string(rs[:mid])) <= w {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			lines = append(lines, string(rs[:lo]))
			rs = rs[lo:]
		}
		line.WriteString(string(rs))
		lineW = d.width(string(rs))
	}
	if line.Len() > 0 || len(lines) == 0 {
		lines = append(lines, line.String())
	}
	return lines
}
