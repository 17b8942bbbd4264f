package brief

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// replacement is drawn in place of a character no font can draw. It is
// itself checked against the fonts (see loadFonts).
var replacement = '□'

// fontFile is one embedded font, by gofpdf family and style.
type fontFile struct {
	family, style string
	bytes         *[]byte
	// fallback fonts are added to a document only when its board has a
	// character that only they draw: Droid Sans Fallback is 3.4 MB, which
	// gofpdf parses for every document.
	fallback bool
}

// fontFiles are the embedded fonts the brief uses. Every document gets
// its own copy of the bytes (see newDoc).
var fontFiles = []fontFile{
	{"serif", "", &assets.SerifRegular, false},
	{"serif", "B", &assets.SerifBold, false},
	{"serif", "I", &assets.SerifItalic, false},
	{"sans", "", &assets.SansRegular, false},
	{"sans", "B", &assets.SansBold, false},
	{"sans", "I", &assets.SansOblique, false},
	{"cjk", "", &assets.CJKFallback, true},
}

// fontKey names a font as gofpdf knows it: family and style.
type fontKey struct{ family, style string }

// fallbacks is, for each style the brief sets text in, the fonts a
// character is looked for in, in order: the style's own font, then the
// sans of the same weight and slant (DejaVu Sans draws Hebrew and Arabic,
// DejaVu Serif does not), then the plain sans, then the CJK font. A
// character is drawn by the first that has it, so a Hebrew name in a
// serif paragraph is drawn in DejaVu Sans rather than as a box.
var fallbacks = map[fontKey][]fontKey{
	{"serif", ""}:  {{"serif", ""}, {"sans", ""}, {"cjk", ""}},
	{"serif", "B"}: {{"serif", "B"}, {"sans", "B"}, {"sans", ""}, {"cjk", ""}},
	{"serif", "I"}: {{"serif", "I"}, {"sans", "I"}, {"sans", ""}, {"cjk", ""}},
	{"sans", ""}:   {{"sans", ""}, {"cjk", ""}},
	{"sans", "B"}:  {{"sans", "B"}, {"sans", ""}, {"cjk", ""}},
	{"sans", "I"}:  {{"sans", "I"}, {"sans", ""}, {"cjk", ""}},
}

// fontSet is what the embedded fonts can draw.
type fontSet struct {
	cov  map[fontKey]*coverage
	base *coverage // every font but the fallbacks
	all  *coverage // every font
}

var (
	fontsOnce sync.Once
	fonts     *fontSet
	fontsErr  error
)

// loadFonts reads, once, which characters each embedded font draws.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fs := &fontSet{cov: map[fontKey]*coverage{}, base: &coverage{}, all: &coverage{}}
		for _, f := range fontFiles {
			c, err := parseCmap(*f.bytes)
			if err != nil {
				fontsErr = fmt.Errorf("%s %s: %w", f.family, f.style, err)
				return
			}
			fs.cov[fontKey{f.family, f.style}] = c
			fs.all.union(c)
			if !f.fallback {
				fs.base.union(c)
			}
		}
		if !fs.base.Has(replacement) {
			replacement = '?'
		}
		fonts = fs
	})
	return fonts, fontsErr
}

// needsFallback reports whether any text of m (or of the options) has a
// character only a fallback font draws, by looking at every string the
// model holds, so that a field added later is not forgotten.
func (fs *fontSet) needsFallback(m *data.Model, opts Options) bool {
	need := func(s string) bool {
		for _, r := range s {
			if r >= 0x2e80 && !fs.base.Has(r) && fs.all.Has(r) {
				return true
			}
		}
		return false
	}
	var walk func(v reflect.Value) bool
	walk = func(v reflect.Value) bool {
		switch v.Kind() {
		case reflect.String:
			return need(v.String())
		case reflect.Pointer, reflect.Interface:
			return !v.IsNil() && walk(v.Elem())
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() && walk(v.Field(i)) {
					return true
				}
			}
		case reflect.Slice, reflect.Array:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return false
			}
			for i := 0; i < v.Len(); i++ {
				if walk(v.Index(i)) {
					return true
				}
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				if walk(it.Value()) {
					return true
				}
			}
		}
		return false
	}
	return walk(reflect.ValueOf(m)) || need(opts.Marking) || need(opts.FileName)
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
		case unicode.Is(unicode.Cf, r) && data.Visible(string(r)) != string(r):
			// A bidirectional control is shown, not obeyed nor dropped:
			// the reader sees that "exe.live" holds ⟨U+202E⟩, as the
			// board shows it (data.Visible).
			m := z.bidiMark(r)
			if max > 0 && n+utf8.RuneCountInString(m) > max {
				return strings.TrimRight(b.String(), " \n") + "…"
			}
			b.WriteString(m)
			n += utf8.RuneCountInString(m)
			lastSpace, nl = false, 0
			continue
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

// bidiMark is the mark a bidirectional control is shown as: data.Visible's
// ⟨U+202E⟩, or <U+202E> where the fonts lack the angle brackets.
func (z *sanitiser) bidiMark(r rune) string {
	m := data.Visible(string(r))
	for _, c := range m {
		if !z.cover.Has(c) {
			return fmt.Sprintf("<U+%04X>", r)
		}
	}
	return m
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
		if r != '\n' && r != markLTR && r != markRTL && !z.cover.Has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == markLTR || r == markRTL || z.cover.Has(r) {
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
