package source

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ContextRunes is how much text before and after a quote its
// TextQuoteSelector keeps (prefix and suffix), in code points.
const ContextRunes = 32

// TextQuoteSelector is the W3C Web Annotation selector that finds a passage by
// its words and a little of the text around them.
type TextQuoteSelector struct {
	Type   string `json:"type"` // "TextQuoteSelector"
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// TextPositionSelector is the W3C Web Annotation selector by offsets: code
// points in Document.Text(), Start inclusive, End exclusive.
type TextPositionSelector struct {
	Type  string `json:"type"` // "TextPositionSelector"
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Match is where a quote is in a document (or, when Find reports false, the
// closest passage to it).
type Match struct {
	Page      int  // 1-based
	Paragraph int  // 1-based, counted across the document (Paragraph.Number)
	Paged     bool // the document has pages (PDF): the locator names the page
	Quote     TextQuoteSelector
	Position  TextPositionSelector
	// Occurrences counts where the words occur (non-overlapping); the match
	// is the first. 0 for a closest passage.
	Occurrences int
}

// Locator formats the match for a person: "p. 3, ¶ 12", or "¶ 12" for a
// document without pages. "" for an empty match.
func (m Match) Locator() string {
	switch {
	case m.Paragraph == 0:
		return ""
	case m.Paged:
		return fmt.Sprintf("p. %d, ¶ %d", m.Page, m.Paragraph)
	}
	return fmt.Sprintf("¶ %d", m.Paragraph)
}

// fold maps text to the form quotes are compared in (docs/QUOTES.md): NFC;
// runs of white space become one space; curly single quotes, apostrophes and
// primes become ', curly double quotes become ", every dash and hyphen
// becomes -, "…" becomes "..."; soft hyphens and zero-width characters
// vanish. Case, letters, digits and all other punctuation stay as they are.
// orig[i] is the index, among the code points of s, of the one that folded
// rune i came from; orig has one extra entry, len(s in code points).
func fold(s string, withMap bool) (out []rune, orig []int) {
	s = norm.NFC.String(s)
	out = make([]rune, 0, len(s))
	if withMap {
		orig = make([]int, 0, len(s)+1)
	}
	space := false
	i := -1
	emit := func(r rune) {
		out = append(out, r)
		if withMap {
			orig = append(orig, i)
		}
	}
	for _, r := range s {
		i++
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u2007' || r == '\u202f' {
			if !space && len(out) > 0 {
				emit(' ')
			}
			space = true
			continue
		}
		space = false
		switch r {
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		case '‘', '’', '‚', '‛', '′', '`', '´':
			emit('\'')
		case '“', '”', '„', '‟', '″':
			emit('"')
		case '‐', '‑', '‒', '–', '—', '―', '−':
			emit('-')
		case '…':
			emit('.')
			emit('.')
			emit('.')
		default:
			emit(r)
		}
	}
	if len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
		if withMap {
			orig = orig[:len(orig)-1]
		}
	}
	if withMap {
		orig = append(orig, i+1)
	}
	return out, orig
}

// Find looks for words in the document by the rule of docs/QUOTES.md and
// reports where they first occur. When they do not occur it returns false and
// the closest passage (by word overlap), whose Quote.Exact is "" when nothing
// in the document comes near.
func Find(doc *Document, words string) (Match, bool) {
	if doc == nil {
		return Match{}, false
	}
	q, _ := fold(words, false)
	if len(q) == 0 {
		return Match{}, false
	}
	full := doc.Text()
	text := []rune(full)
	d, orig := fold(full, true)
	ds, qs := string(d), string(q)
	first, n := -1, 0
	for from := 0; from <= len(ds)-len(qs); {
		k := strings.Index(ds[from:], qs)
		if k < 0 {
			break
		}
		at := from + k
		if boundary(ds, at, qs) {
			if first < 0 {
				first = at
			}
			n++
			from = at + len(qs)
			continue
		}
		_, size := utf8.DecodeRuneInString(ds[at:])
		from = at + size
	}
	if first >= 0 {
		start := utf8.RuneCountInString(ds[:first])
		m := matchAt(doc, text, orig[start], orig[start+len(q)-1]+1)
		m.Occurrences = n
		return m, true
	}
	return closest(doc, text, d, orig, q), false
}

// boundary reports whether qs at ds[at:] is whole words: a quote that
// starts (ends) with a letter or digit may not start (end) inside a word, so
// "ion" is not found in "coercion".
func boundary(ds string, at int, qs string) bool {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	q0, _ := utf8.DecodeRuneInString(qs)
	if isWord(q0) && at > 0 {
		if r, _ := utf8.DecodeLastRuneInString(ds[:at]); isWord(r) {
			return false
		}
	}
	q1, _ := utf8.DecodeLastRuneInString(qs)
	if end := at + len(qs); isWord(q1) && end < len(ds) {
		if r, _ := utf8.DecodeRuneInString(ds[end:]); isWord(r) {
			return false
		}
	}
	return true
}

// matchAt builds the match for text[start:end].
func matchAt(doc *Document, text []rune, start, end int) Match {
	m := Match{Paged: doc.Type == TypePDF}
	m.Quote = TextQuoteSelector{Type: "TextQuoteSelector", Exact: string(text[start:end]),
		Prefix: string(text[max(0, start-ContextRunes):start]), Suffix: string(text[end:min(len(text), end+ContextRunes)])}
	m.Position = TextPositionSelector{Type: "TextPositionSelector", Start: start, End: end}
	// The paragraph holding the start: paragraphs are joined by "\n\n".
	off := 0
	for _, p := range doc.Paragraphs {
		n := utf8.RuneCountInString(p.Text)
		if start < off+n+2 {
			m.Page, m.Paragraph = p.Page, p.Number
			break
		}
		off += n + 2
	}
	return m
}

// word is a run of letters and digits in folded text, lower-cased.
type word struct {
	text       string
	start, end int // in folded runes
}

func words(r []rune) []word {
	var ws []word
	for i := 0; i < len(r); {
		if !unicode.IsLetter(r[i]) && !unicode.IsDigit(r[i]) {
			i++
			continue
		}
		j := i
		for j < len(r) && (unicode.IsLetter(r[j]) || unicode.IsDigit(r[j])) {
			j++
		}
		ws = append(ws, word{strings.ToLower(string(r[i:j])), i, j})
		i = j
	}
	return ws
}

// closest finds the passage of the document that shares the most words with
// the quote in the same order: every document word equal to quote word j
// votes for the alignment "quote starts at document word i-j"; the alignment
// with the most votes within two words either side (so a word added or
// dropped does not split them) wins, the earliest on a tie. Fewer votes than
// a third of the quote's words is no passage at all.
func closest(doc *Document, text, d []rune, orig []int, q []rune) Match {
	qw := words(q)
	dw := words(d)
	if len(qw) == 0 || len(dw) == 0 {
		return Match{}
	}
	at := map[string][]int{}
	for j, w := range qw {
		at[w.text] = append(at[w.text], j)
	}
	offset := len(qw) // votes[i-j+offset]
	votes := make([]int32, len(dw)+len(qw)+1)
	for i, w := range dw {
		for _, j := range at[w.text] {
			votes[i-j+offset]++
		}
	}
	best, bestScore, bestOwn := -1, int32(0), int32(0)
	for k := range votes {
		var s int32
		for t := max(0, k-2); t <= min(len(votes)-1, k+2); t++ {
			s += votes[t]
		}
		if s > bestScore || (s == bestScore && s > 0 && votes[k] > bestOwn) {
			best, bestScore, bestOwn = k, s, votes[k]
		}
	}
	if best < 0 || int(bestScore)*3 < len(qw) {
		return Match{}
	}
	// The window's sum may peak beside the alignment with the most votes:
	// take that alignment itself.
	lo, hi := max(0, best-2), min(len(votes)-1, best+2)
	for k := lo; k <= hi; k++ {
		if votes[k] > bestOwn {
			best, bestOwn = k, votes[k]
		}
	}
	// The passage is the document words on the best alignment, extended
	// word by word to hits on the neighbouring alignments that continue it
	// (earlier quote words before, later ones after, at most three document
	// words apart): the quote's own words, with whatever the document has
	// between them.
	d0 := best - offset // document word where the quote starts, on the best alignment
	first, last, jFirst, jLast := -1, -1, 0, 0
	for j := range qw {
		if i := d0 + j; i >= 0 && i < len(dw) && dw[i].text == qw[j].text {
			if first < 0 {
				first, jFirst = i, j
			}
			last, jLast = i, j
		}
	}
	if first < 0 {
		return Match{}
	}
	near := func(i, j int) bool { k := i - j + offset; return k >= best-2 && k <= best+2 }
	for i := first - 1; i >= 0 && first-i <= 3; i-- {
		for j := jFirst - 1; j >= 0; j-- {
			if qw[j].text == dw[i].text && near(i, j) {
				first, jFirst = i, j
				break
			}
		}
	}
	for i := last + 1; i < len(dw) && i-last <= 3; i++ {
		for j := jLast + 1; j < len(qw); j++ {
			if qw[j].text == dw[i].text && near(i, j) {
				last, jLast = i, j
				break
			}
		}
	}
	start, end := orig[dw[first].start], orig[dw[last].end-1]+1
	return matchAt(doc, text, start, end)
}
