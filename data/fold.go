package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Words are compared in one form wherever a person looks for them: a
// quote against its source (docs/QUOTES.md), a search of the documents,
// a search of the board. In it, curly quotes are straight, every dash is
// "-", white space is one space: a search for "don't" finds "don’t" on a
// card as in a document. Searches also ignore case (SearchKey); a quote
// does not.

// FoldText is s in the form words are compared in (foldText).
func FoldText(s string) string {
	if plainASCII(s) {
		return s // nothing to fold: most of a board's text
	}
	out, _ := foldText(s, false)
	return out
}

// FoldTextMap is FoldText with, for each byte of the result, the byte
// offset in s of the character it came from, and one more entry, len(s).
// s must be NFC already for the offsets to hold.
func FoldTextMap(s string) (string, []int32) { return foldText(s, true) }

// SearchKey is s as searches compare it: folded (FoldText) and in lower
// case. A search finds the cards, or paragraphs, whose SearchKey holds
// the query's.
func SearchKey(s string) string { return string(AppendSearchKey(nil, s)) }

// AppendSearchKey appends SearchKey(s) to buf, for an index of many.
func AppendSearchKey(buf []byte, s string) []byte {
	f := FoldText(s)
	for i := 0; i < len(f); i++ {
		if f[i] >= 0x80 {
			return append(buf, strings.ToLower(f)...)
		}
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// plainASCII reports whether folding leaves s as it is: ASCII, with no
// white space but single spaces inside it, and no backquote.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == '`', c < ' ':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// foldText maps text to the form quotes are compared in (docs/QUOTES.md): NFC;
// runs of white space become one space; curly single quotes, apostrophes and
// primes become ', curly double quotes become ", every dash and hyphen
// becomes -, "…" becomes "..."; soft hyphens and zero-width characters
// vanish; leading and trailing space is dropped. Case, letters, digits and
// all other punctuation stay as they are. When withMap is set, orig[i] is the
// byte offset in s of the character that folded byte i came from (s must be
// NFC already for the offsets to hold), with one more entry, len(s).
func foldText(s string, withMap bool) (string, []int32) {
	if !withMap {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	var orig []int32
	if withMap {
		orig = make([]int32, 0, len(s)+1)
	}
	space := false
	emit := func(at int, r rune) {
		n := b.Len()
		b.WriteRune(r)
		if withMap {
			for ; n < b.Len(); n++ {
				orig = append(orig, int32(at))
			}
		}
	}
	for at, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u2007' || r == '\u202f' {
			if !space && b.Len() > 0 {
				emit(at, ' ')
			}
			space = true
			continue
		}
		space = false
		switch r {
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		case '‘', '’', '‚', '‛', '′', '`', '´':
			emit(at, '\'')
		case '“', '”', '„', '‟', '″':
			emit(at, '"')
		case '‐', '‑', '‒', '–', '—', '―', '−':
			emit(at, '-')
		case '…':
			emit(at, '.')
			emit(at, '.')
			emit(at, '.')
		default:
			emit(at, r)
		}
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out = out[:len(out)-1]
		if withMap {
			orig = orig[:len(orig)-1]
		}
	}
	if withMap {
		orig = append(orig, int32(len(s)))
	}
	return out, orig
}
