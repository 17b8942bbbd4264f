package brief

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"evidenceboard/assets"
)

// replacement is drawn in place of a character the fonts lack. It is
// itself checked against the fonts (see loadCoverage).
var replacement = '□'

var (
	coverOnce sync.Once
	cover     *coverage
	coverErr  error
)

// fontFiles are the embedded fonts the brief uses, by gofpdf family and
// style. Every document gets its own copy of the bytes (see newPDF).
var fontFiles = []struct {
	family, style string
	bytes         *[]byte
}{
	{"serif", "", &assets.SerifRegular},
	{"serif", "B", &assets.SerifBold},
	{"serif", "I", &assets.SerifItalic},
	{"sans", "", &assets.SansRegular},
	{"sans", "B", &assets.SansBold},
	{"sans", "I", &assets.SansOblique},
}

// loadCoverage computes, once, the characters every one of the brief's
// fonts can draw: a character is drawn only if all of them have it, so
// the same text looks the same in a heading and in the body.
func loadCoverage() (*coverage, error) {
	coverOnce.Do(func() {
		for _, f := range fontFiles {
			c, err := parseCmap(*f.bytes)
			if err != nil {
				coverErr = err
				return
			}
			if cover == nil {
				cover = c
			} else {
				cover.intersect(c)
			}
		}
		if !cover.Has(replacement) {
			replacement = '?'
		}
	})
	return cover, coverErr
}

// sanitiser makes model text safe for gofpdf and remembers which
// characters it had to replace.
type sanitiser struct {
	cover   *coverage
	missing map[rune]bool
}

func newSanitiser(c *coverage) *sanitiser {
	return &sanitiser{cover: c, missing: map[rune]bool{}}
}

// clean returns s with control and format characters removed, tabs and
// odd line breaks made plain, characters the fonts lack replaced by a
// visible box, and at most max characters (0: no limit) followed by "…".
// With multiline false, line breaks become spaces and runs of spaces
// collapse, for titles and table cells.
func (z *sanitiser) clean(s string, max int, multiline bool) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	n, nl := 0, 0 // runes written, line breaks in a row
	lastSpace := false
	for _, r := range s {
		switch {
		case r == '\r':
			continue
		case r == '\n' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f':
			if multiline {
				// At most one blank line between paragraphs.
				if nl < 2 {
					b.WriteByte('\n')
					n++
				}
				nl++
				lastSpace = false
				continue
			}
			r = ' '
		case r == '\t' || r == '\u00a0' || unicode.IsSpace(r):
			r = ' '
		case r == utf8.RuneError, r == replacement:
			// The decoder's mark for bad bytes, or our own box: draw a box.
			r = replacement
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r),
			unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r), unicode.Is(unicode.Noncharacter_Code_Point, r):
			// Invisible: bidi overrides, zero-width joiners, soft hyphens,
			// variation selectors, private use, BOMs.
			continue
		case !z.cover.Has(r):
			z.missing[r] = true
			r = replacement
		}
		if r == ' ' {
			if !multiline && (lastSpace || n == 0) {
				continue
			}
			lastSpace = true
		} else {
			lastSpace = false
			nl = 0
		}
		if max > 0 && n >= max {
			out := strings.TrimRight(b.String(), " \n")
			return out + "…"
		}
		b.WriteRune(r)
		n++
	}
	out := b.String()
	if !multiline {
		out = strings.TrimRight(out, " ")
	} else {
		out = strings.Trim(out, "\n ")
	}
	return out
}

// line cleans s for one line of text (a title, a cell), at most max runes.
func (z *sanitiser) line(s string, max int) string { return z.clean(s, max, false) }

// text cleans s as paragraphs, at most max runes.
func (z *sanitiser) text(s string, max int) string { return z.clean(s, max, true) }

// guard is the last check before a string reaches gofpdf: anything that
// could still make it panic or draw garbage becomes the replacement.
func (z *sanitiser) guard(s string) string {
	ok := true
	for _, r := range s {
		if r != '\n' && !z.cover.Has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || z.cover.Has(r) {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		z.missing[r] = true
		return replacement
	}, s)
}

// missingRunes lists the replaced characters in code point order.
func (z *sanitiser) missingRunes() []rune {
	out := make([]rune, 0, len(z.missing))
	for r := range z.missing {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
