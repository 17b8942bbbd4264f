package source

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"evidenceboard/data"
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

// findIndex is what Find needs of a document, built on its first Find and
// kept: matching a board's quotes against a long document then costs a
// search each, not a fold each.
type findIndex struct {
	paragraphs int    // the document it was built for: paragraph count …
	textLen    int    // … and text length, to notice a changed document
	full       string // Document.Text()
	folded     string // data.FoldTextMap(full)
	orig       []int32
	// words of folded, as ids into vocab (lower-cased), with their byte
	// spans in folded.
	words []foldedWord
	vocab map[string]int32
	// paraStart[i] is the byte offset in full where paragraph i starts.
	paraStart []int
}

type foldedWord struct {
	id         int32
	start, end int32
}

var indexMu sync.Mutex

func (d *Document) index() *findIndex {
	indexMu.Lock()
	defer indexMu.Unlock()
	n := 0
	for _, p := range d.Paragraphs {
		n += len(p.Text)
	}
	if ix := d.idx; ix != nil && ix.paragraphs == len(d.Paragraphs) && ix.textLen == n {
		return ix
	}
	ix := &findIndex{paragraphs: len(d.Paragraphs), textLen: n, vocab: map[string]int32{}}
	var b strings.Builder
	for i, p := range d.Paragraphs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		ix.paraStart = append(ix.paraStart, b.Len())
		b.WriteString(p.Text) // NFC already: Extract stores it so
	}
	ix.full = b.String()
	ix.folded, ix.orig = data.FoldTextMap(ix.full)
	for _, w := range splitWords(ix.folded) {
		key := strings.ToLower(ix.folded[w[0]:w[1]])
		id, ok := ix.vocab[key]
		if !ok {
			id = int32(len(ix.vocab))
			ix.vocab[key] = id
		}
		ix.words = append(ix.words, foldedWord{id, int32(w[0]), int32(w[1])})
	}
	d.idx = ix
	return ix
}

// splitWords gives the byte spans of the runs of letters and digits in s.
func splitWords(s string) [][2]int {
	var ws [][2]int
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			ws = append(ws, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, [2]int{start, len(s)})
	}
	return ws
}

// Find looks for words in the document by the rule of docs/QUOTES.md and
// reports where they first occur. When they do not occur it returns false and
// the closest passage (by word overlap), whose Quote.Exact is "" when nothing
// in the document comes near. The first Find on a document indexes it; a
// document's paragraphs should not change after that (a change of their
// number or length is noticed and the index rebuilt).
func Find(doc *Document, words string) (Match, bool) {
	if doc == nil {
		return Match{}, false
	}
	qs := data.FoldText(words)
	if qs == "" {
		return Match{}, false
	}
	ix := doc.index()
	ds := ix.folded
	first, n := -1, 0
	for from := 0; from <= len(ds)-len(qs); {
		k := strings.Index(ds[from:], qs)
		if k < 0 {
			break
		}
		at := from + k
		// A match must cover whole characters of the text: "." is not
		// found in the middle of an ellipsis that folds to "...".
		whole := (at == 0 || ix.orig[at] != ix.orig[at-1]) && ix.orig[at+len(qs)] != ix.orig[at+len(qs)-1]
		if whole && boundary(ds, at, qs) {
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
		m := ix.matchAt(doc, int(ix.orig[first]), ix.origEnd(first+len(qs)-1))
		m.Occurrences = n
		return m, true
	}
	return ix.closest(doc, qs), false
}

// origEnd is the byte offset in full just after the character that folded
// byte i came from.
func (ix *findIndex) origEnd(i int) int {
	at := int(ix.orig[i])
	_, size := utf8.DecodeRuneInString(ix.full[at:])
	return at + size
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

// matchAt builds the match for full[start:end] (byte offsets).
func (ix *findIndex) matchAt(doc *Document, start, end int) Match {
	full := ix.full
	m := Match{Paged: doc.Type == TypePDF}
	pre := full[:start]
	for i := 0; i < ContextRunes && pre != ""; i++ {
		_, size := utf8.DecodeLastRuneInString(pre)
		pre = pre[:len(pre)-size]
	}
	suf := end
	for i := 0; i < ContextRunes && suf < len(full); i++ {
		_, size := utf8.DecodeRuneInString(full[suf:])
		suf += size
	}
	m.Quote = TextQuoteSelector{Type: "TextQuoteSelector", Exact: full[start:end], Prefix: full[len(pre):start], Suffix: full[end:suf]}
	rs := utf8.RuneCountInString(full[:start])
	m.Position = TextPositionSelector{Type: "TextPositionSelector", Start: rs, End: rs + utf8.RuneCountInString(full[start:end])}
	// The paragraph holding the start (or the one before the blank line the
	// start is on).
	i := sort.SearchInts(ix.paraStart, start+1) - 1
	if i >= 0 && i < len(doc.Paragraphs) {
		m.Page, m.Paragraph = doc.Paragraphs[i].Page, doc.Paragraphs[i].Number
	}
	return m
}

// closest finds the passage of the document that shares the most words with
// the quote in the same order: every document word equal to quote word j
// votes for the alignment "quote starts at document word i-j"; the alignment
// with the most votes within two words either side (so a word added or
// dropped does not split them) wins, the earliest on a tie. Fewer votes than
// a third of the quote's words is no passage at all.
func (ix *findIndex) closest(doc *Document, qs string) Match {
	var qw []int32 // quote words as vocabulary ids, -1 when not in the document
	for _, w := range splitWords(qs) {
		id, ok := ix.vocab[strings.ToLower(qs[w[0]:w[1]])]
		if !ok {
			id = -1
		}
		qw = append(qw, id)
	}
	dw := ix.words
	if len(qw) == 0 || len(dw) == 0 {
		return Match{}
	}
	at := map[int32][]int{}
	for j, id := range qw {
		if id >= 0 {
			at[id] = append(at[id], j)
		}
	}
	offset := len(qw) // votes[i-j+offset]
	votes := make([]int32, len(dw)+len(qw)+1)
	for i, w := range dw {
		for _, j := range at[w.id] {
			votes[i-j+offset]++
		}
	}
	best, bestScore, bestOwn := -1, int32(0), int32(0)
	var s int32 // votes[k-2 … k+2], slid along
	for t := 0; t <= min(2, len(votes)-1); t++ {
		s += votes[t]
	}
	for k := range votes {
		if k > 0 {
			if k+2 < len(votes) {
				s += votes[k+2]
			}
			if k-3 >= 0 {
				s -= votes[k-3]
			}
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
		if i := d0 + j; i >= 0 && i < len(dw) && dw[i].id == qw[j] {
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
			if qw[j] == dw[i].id && near(i, j) {
				first, jFirst = i, j
				break
			}
		}
	}
	for i := last + 1; i < len(dw) && i-last <= 3; i++ {
		for j := jLast + 1; j < len(qw); j++ {
			if qw[j] == dw[i].id && near(i, j) {
				last, jLast = i, j
				break
			}
		}
	}
	return ix.matchAt(doc, int(ix.orig[dw[first].start]), ix.origEnd(int(dw[last].end)-1))
}

// Select is the match for a passage a person selected in the reader:
// Document.Text() from code point start to end (exclusive). Unlike Find it
// names that passage even when the same words occur earlier. It reports
// false for an empty or out-of-range selection.
func Select(doc *Document, start, end int) (Match, bool) {
	if doc == nil || start < 0 || end <= start {
		return Match{}, false
	}
	ix := doc.index()
	// Code points to bytes in the full text.
	bs, be, n := -1, -1, 0
	for i := range ix.full {
		if n == start {
			bs = i
		}
		if n == end {
			be = i
			break
		}
		n++
	}
	if n == end && be < 0 {
		be = len(ix.full)
	}
	if bs < 0 || be < 0 {
		return Match{}, false
	}
	m := ix.matchAt(doc, bs, be)
	if found, ok := Find(doc, m.Quote.Exact); ok {
		m.Occurrences = found.Occurrences
	}
	return m, true
}
