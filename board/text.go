package board

import (
	"strings"

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
	var all []string // one more line than fits is enough to know we cut
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if len(all) > maxLines {
			break
		}
		words := strings.Fields(para)
		if len(words) == 0 {
			if len(all) > 0 {
				all = append(all, "")
			}
			continue
		}
		line, lineW := "", 0.0
		space := wordWidth(" ", size, style)
		for wi := 0; wi < len(words) && len(all) <= maxLines; wi++ {
			w := words[wi]
			ww := wordWidth(w, size, style)
			candW := ww
			if line != "" {
				candW = lineW + space + ww
			}
			switch {
			case candW <= width-wrapSlack:
				if line == "" {
					line = w
				} else {
					line += " " + w
				}
				lineW = candW
			case line == "": // one word wider than the line: break it
				head, tail := fitPrefix(w, size, style, width)
				all = append(all, head)
				words[wi] = tail
				wi--
			default:
				all = append(all, line)
				line, lineW = "", 0
				wi--
			}
		}
		if line != "" {
			all = append(all, line)
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
func withEllipsis(s string, size float32, style fyne.TextStyle, width float64) string {
	r := []rune(strings.TrimRight(s, " "))
	for len(r) > 0 {
		cand := strings.TrimRight(string(r), " ,.;:") + ellipsis
		if textWidth(cand, size, style) <= width {
			return cand
		}
		r = r[:len(r)-1]
	}
	return ellipsis
}

// fitLine returns s cut to one line no wider than width, with an ellipsis
// if it had to be cut.
func fitLine(s string, size float32, style fyne.TextStyle, width float64) string {
	s = strings.Join(strings.Fields(s), " ")
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
