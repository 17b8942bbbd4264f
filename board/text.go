package board

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
)

// ellipsis ends a line that had to be cut short.
const ellipsis = "…"

// textWidth measures s as drawn at size in style, in board units at zoom 1.
func textWidth(s string, size float32, style fyne.TextStyle) float64 {
	if s == "" {
		return 0
	}
	return float64(fyne.MeasureText(s, size, style).Width)
}

type wordKey struct {
	w     string
	size  float32
	style fyne.TextStyle
}

// wordWidths caches the width of each word: wrapping measures words, not
// whole lines, so laying out a card that comes into view costs a few map
// look-ups instead of shaping every candidate line again.
var wordWidths = map[wordKey]float64{}

// maxWordWidths bounds the cache; when full it starts again.
const maxWordWidths = 1 << 16

func wordWidth(w string, size float32, style fyne.TextStyle) float64 {
	k := wordKey{w, size, style}
	if v, ok := wordWidths[k]; ok {
		return v
	}
	if len(wordWidths) >= maxWordWidths {
		wordWidths = map[wordKey]float64{}
	}
	v := textWidth(w, size, style)
	wordWidths[k] = v
	return v
}

// wrapSlack is kept free at the end of every wrapped line: adding up the
// widths of words and spaces ignores kerning across the space.
const wrapSlack = 1.5

// wrap breaks text into at most maxLines lines no wider than width,
// breaking at spaces (or inside a word too long for a line) and keeping
// the text's own line breaks. If the text does not fit, the last line
// ends with an ellipsis. It never returns a line wider than width.
func wrap(text string, size float32, style fyne.TextStyle, width float64, maxLines int) []string {
	if maxLines <= 0 || width <= 0 {
		return nil
	}
	space := wordWidth(" ", size, style)
	var all []string // one more line than fits is enough to know we cut
	for rest := text; len(all) <= maxLines; {
		para := rest
		nl := strings.IndexByte(rest, '\n')
		if nl >= 0 {
			para, rest = rest[:nl], rest[nl+1:]
		}
		para = normalSpace(para)
		if para == "" {
			if len(all) > 0 {
				all = append(all, "")
			}
		}
		// The line is para[ls:le]: words joined by single spaces, so lines
		// are slices of the paragraph and cost no copying.
		ls, le, lineW := 0, 0, 0.0
		for i := 0; i < len(para) && len(all) <= maxLines; {
			j := strings.IndexByte(para[i:], ' ')
			if j < 0 {
				j = len(para)
			} else {
				j += i
			}
			w := para[i:j]
			ww := wordWidth(w, size, style)
			switch {
			case le == ls: // the line is empty
				if ww <= width-wrapSlack {
					ls, le, lineW = i, j, ww
					i = j + 1
					continue
				}
				head, _ := fitPrefix(w, size, style, width) // too wide: break the word
				all = append(all, head)
				i += len(head)
				ls, le = i, i
			case lineW+space+ww <= width-wrapSlack:
				le, lineW = j, lineW+space+ww
				i = j + 1
			default:
				all = append(all, para[ls:le])
				ls, le, lineW = i, i, 0
			}
		}
		if le > ls {
			all = append(all, para[ls:le])
		}
		if nl < 0 {
			break
		}
	}
	for len(all) > 0 && all[len(all)-1] == "" {
		all = all[:len(all)-1]
	}
	if len(all) <= maxLines {
		return all
	}
	lines := all[:maxLines]
	lines[maxLines-1] = withEllipsis(lines[maxLines-1], size, style, width)
	return lines
}

// normalSpace returns s with its blanks as single spaces and no blanks at
// either end; it copies only when it must.
func normalSpace(s string) string {
	if s == "" {
		return s
	}
	clean := s[0] != ' ' && s[len(s)-1] != ' '
	prevSpace := false
	for _, r := range s {
		if !clean {
			break
		}
		if r == ' ' {
			clean = !prevSpace
			prevSpace = true
			continue
		}
		prevSpace = false
		clean = !unicode.IsSpace(r)
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// fitPrefix splits w into the longest head that fits width (at least one
// rune) and the rest.
func fitPrefix(w string, size float32, style fyne.TextStyle, width float64) (string, string) {
	r := []rune(w)
	lo, hi := 1, len(r)
	for lo < hi { // the largest n with r[:n] fitting
		mid := (lo + hi + 1) / 2
		if textWidth(string(r[:mid]), size, style) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]), string(r[lo:])
}

// withEllipsis returns s with "…" appended, shortened until it fits width.
// It finds the longest prefix that fits by bisection: a handful of
// measurements, not one per character.
func withEllipsis(s string, size float32, style fyne.TextStyle, width float64) string {
	r := []rune(strings.TrimRight(s, " "))
	cand := func(n int) string { return strings.TrimRight(string(r[:n]), " ,.;:") + ellipsis }
	if textWidth(cand(len(r)), size, style) <= width {
		return cand(len(r))
	}
	lo, hi := 0, len(r)-1 // the answer is in [lo, hi]; 0 means just "…"
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if textWidth(cand(mid), size, style) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ellipsis
	}
	return cand(lo)
}

// fitLine returns s cut to one line no wider than width, with an ellipsis
// if it had to be cut.
func fitLine(s string, size float32, style fyne.TextStyle, width float64) string {
	s = clipTo(s, 1024) // one line never shows more
	s = normalSpace(s)
	if textWidth(s, size, style) <= width {
		return s
	}
	return withEllipsis(s, size, style, width)
}

// clearTextCaches forgets every measured width, after a theme change.
func clearTextCaches() {
	wordWidths = map[wordKey]float64{}
	labelWidths = map[string]float64{}
	for k := range textHeightCache {
		delete(textHeightCache, k)
	}
}
