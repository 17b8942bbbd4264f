package source

import (
	"sort"
	"strings"
	"unicode/utf8"

	"evidenceboard/data"
)

// Library is a word index over many documents, for finding a passage in
// any document of a board at once. It is built here, in memory, from the
// documents' extracted text, and never read from a board file: an index
// that came inside a file would be a stranger's (crafted full-text shadow
// tables are a known attack on SQLite), and would have to be checked
// against the text anyway.
type Library struct {
	docs  []libDoc
	words map[string][]posting // lower-cased folded word → where it occurs, in order
	keys  []string             // the words, sorted, for prefix search; nil until needed
}

type libDoc struct {
	id    string
	paras []libPara
}

type libPara struct {
	number, page int
	text         string // folded, as it shows
	lower        string // folded and lower-cased, as it is searched
}

// posting is one paragraph of one document.
type posting struct{ doc, para int32 }

// Hit is one paragraph that holds a search's words.
type Hit struct {
	// Doc is the document's ID (its SHA-256) as Add was given it.
	Doc string
	// Paragraph is the paragraph's index in Document.Paragraphs; Number
	// and Page are as the reader shows them.
	Paragraph, Number, Page int
	// Snippet is the words found with a little of the paragraph around
	// them, on one line.
	Snippet string
}

// MaxPrefixWords bounds how many words the last word of a query, taken
// as a prefix while it is being typed, may stand for.
const MaxPrefixWords = 500

// NewLibrary returns an empty library.
func NewLibrary() *Library { return &Library{words: map[string][]posting{}} }

// Add indexes doc under id. Each document is added once.
func (l *Library) Add(id string, doc *Document) {
	di := int32(len(l.docs))
	d := libDoc{id: id}
	for pi, p := range doc.Paragraphs {
		text, lower := data.FoldText(p.Text), data.SearchKey(p.Text)
		d.paras = append(d.paras, libPara{number: p.Number, page: p.Page, text: text, lower: lower})
		seen := map[string]bool{}
		for _, w := range splitWords(lower) {
			word := lower[w[0]:w[1]]
			if seen[word] {
				continue
			}
			seen[word] = true
			l.words[word] = append(l.words[word], posting{di, int32(pi)})
		}
	}
	l.docs = append(l.docs, d)
	l.keys = nil
}

// Len is the number of documents in the library.
func (l *Library) Len() int { return len(l.docs) }

// Search finds the paragraphs that hold query's words in that order, as
// written (case, white space, quote marks and dashes aside, as quotes are
// compared); the last word may be the start of a word, so results follow
// typing. It returns at most limit hits, in document and paragraph order,
// and how many there are in all.
func (l *Library) Search(query string, limit int) (hits []Hit, total int) {
	q := data.SearchKey(query)
	spans := splitWords(q)
	if len(spans) == 0 {
		return nil, 0
	}
	var cand []posting
	for i, w := range spans {
		word := q[w[0]:w[1]]
		var ps []posting
		if i == len(spans)-1 && w[1] == len(q) {
			ps = l.prefixed(word)
		} else {
			ps = l.words[word]
		}
		if i == 0 {
			cand = append([]posting(nil), ps...)
		} else {
			cand = intersect(cand, ps)
		}
		if len(cand) == 0 {
			return nil, 0
		}
	}
	for _, p := range cand {
		para := &l.docs[p.doc].paras[p.para]
		at := strings.Index(para.lower, q)
		if at < 0 {
			continue
		}
		total++
		if len(hits) < limit {
			hits = append(hits, Hit{Doc: l.docs[p.doc].id, Paragraph: int(p.para), Number: para.number,
				Page: para.page, Snippet: snippet(para, at, len(q))})
		}
	}
	return hits, total
}

// prefixed is every posting of the words that start with prefix, in order.
func (l *Library) prefixed(prefix string) []posting {
	if l.keys == nil {
		l.keys = make([]string, 0, len(l.words))
		for w := range l.words {
			l.keys = append(l.keys, w)
		}
		sort.Strings(l.keys)
	}
	i := sort.SearchStrings(l.keys, prefix)
	var out []posting
	for n := 0; i < len(l.keys) && strings.HasPrefix(l.keys[i], prefix) && n < MaxPrefixWords; i, n = i+1, n+1 {
		out = append(out, l.words[l.keys[i]]...)
	}
	sort.Slice(out, func(a, b int) bool { return less(out[a], out[b]) })
	return dedup(out)
}

func less(a, b posting) bool { return a.doc < b.doc || (a.doc == b.doc && a.para < b.para) }

func dedup(ps []posting) []posting {
	out := ps[:0]
	for i, p := range ps {
		if i == 0 || p != ps[i-1] {
			out = append(out, p)
		}
	}
	return out
}

// intersect keeps the postings of a that are also in b; both are sorted.
func intersect(a, b []posting) []posting {
	out := a[:0]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case less(a[i], b[j]):
			i++
		default:
			j++
		}
	}
	return out
}

// snippetRunes is how much of a paragraph a hit shows on either side of
// the words found.
const snippetRunes = 40

// snippet is the words at [at, at+n) of para (offsets in its lower-cased
// text) with a little on either side, cut at spaces.
func snippet(para *libPara, at, n int) string {
	text := para.text
	if len(para.lower) != len(text) {
		// Lower-casing changed the length (a few scripts do): offsets do
		// not carry over, so show the paragraph's start.
		at, n, text = 0, 0, para.text
	}
	from, to := at, at+n
	for k := 0; k < snippetRunes && from > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	for k := 0; k < snippetRunes && to < len(text); k++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	if i := strings.IndexByte(text[from:at], ' '); from > 0 && i >= 0 {
		from += i + 1
	}
	if i := strings.LastIndexByte(text[at+n:to], ' '); to < len(text) && i >= 0 {
		to = at + n + i
	}
	s := text[from:to]
	if from > 0 {
		s = "…" + s
	}
	if to < len(text) {
		s += "…"
	}
	return s
}
