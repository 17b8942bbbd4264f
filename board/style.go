package board

import (
	"image/color"

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

// colLinkGrey is a link's colour before its relation is known.
var colLinkGrey = hexOr(data.RelationOf("").Color, "")

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// hexOr parses s, falling back to def (itself "#rrggbb"): data.ColorOr,
// the one colour reader.
func hexOr(s, def string) color.NRGBA { return data.ColorOr(s, def) }

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

// relationColor is the colour a link is drawn in, by what its relation
// means in the board's vocabulary (data.RelationOf), as the brief reads it.
func relationColor(relation string) color.NRGBA { return hexOr(data.RelationOf(relation).Color, "") }
