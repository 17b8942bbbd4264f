package board

import (
	"image/color"
	"strconv"
	"strings"

	"evidenceboard/data"
)

// The board's own palette: calm neutrals, one blue for selection and
// intent, and the kinds' colours from data (shared with the brief).
var (
	colBackground = rgb(0xf4, 0xf3, 0xef)
	colGrid       = rgb(0xec, 0xea, 0xe5)
	colGridMajor  = rgb(0xe0, 0xdd, 0xd6)
	colInk        = rgb(0x1f, 0x23, 0x28)
	colInkSoft    = rgb(0x4a, 0x51, 0x5a)
	colInkFaint   = rgb(0x6b, 0x72, 0x7b)
	colSelect     = rgb(0x25, 0x63, 0xeb)
	colSelectFill = color.NRGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0x1f}
	colShadow     = color.NRGBA{A: 0x30}
	colShadowSel  = color.NRGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0x50}
	colLabelBg    = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xf0}
	colWhite      = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colDimVeil    = color.NRGBA{R: 0xf4, G: 0xf3, B: 0xef, A: 0xc8}
)

// Link colours by relation.
var (
	colLinkRed   = rgb(0xc5, 0x30, 0x30)
	colLinkGreen = rgb(0x2f, 0x85, 0x5a)
	colLinkAmber = rgb(0xb7, 0x79, 0x1f)
	colLinkBlue  = rgb(0x2b, 0x6c, 0xb0)
	colLinkGrey  = rgb(0x7a, 0x80, 0x88)
)

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// parseHex reads "#rrggbb" (or "#rgb"); ok is false for anything else.
func parseHex(s string) (color.NRGBA, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return rgb(uint8(v>>16), uint8(v>>8), uint8(v)), true
}

// hexOr parses s, falling back to def (itself "#rrggbb").
func hexOr(s, def string) color.NRGBA {
	if c, ok := parseHex(s); ok {
		return c
	}
	c, _ := parseHex(def)
	return c
}

// mix returns a blend of a and b: t=0 is a, t=1 is b.
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.NRGBA{R: f(a.R, b.R), G: f(a.G, b.G), B: f(a.B, b.B), A: f(a.A, b.A)}
}

// withAlpha returns c with alpha a.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// cardFill is the fill of card c: its own colour, or its kind's.
func cardFill(c *data.Card) color.NRGBA { return hexOr(c.Color, c.Kind.DefaultColor()) }

// kindAccent is the strong colour of kind k.
func kindAccent(k data.Kind) color.NRGBA { return hexOr(k.AccentColor(), "#5f6368") }

// statusColor is the colour of a claim or link status.
func statusColor(s data.Status) color.NRGBA { return hexOr(s.StatusColor(), "#718096") }

// relationColor is the colour a link is drawn in, by what it says.
func relationColor(relation string) color.NRGBA {
	switch strings.ToLower(strings.TrimSpace(relation)) {
	case "denies", "contradicts", "refutes", "disputes":
		return colLinkRed
	case "supports", "confirms", "corroborates":
		return colLinkGreen
	case "alleges", "claims":
		return colLinkAmber
	case "said by", "cites":
		return colLinkBlue
	}
	return colLinkGrey
}
