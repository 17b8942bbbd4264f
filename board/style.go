package board

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"evidenceboard/data"
)

// The board's palette: calm neutrals, one blue for selection and intent,
// and the kinds' colours from data (shared with the brief). It follows the
// Fyne theme's variant: usePalette sets these for light or dark, and every
// colour a person reads text in is checked for contrast (MinContrast)
// against what it is drawn on, in both.
var (
	colBackground color.NRGBA
	colGrid       color.NRGBA
	colGridMajor  color.NRGBA
	colInk        color.NRGBA
	colInkSoft    color.NRGBA
	colInkFaint   color.NRGBA
	colSelect     color.NRGBA
	colSelectFill color.NRGBA
	colShadow     color.NRGBA
	colShadowSel  color.NRGBA
	colLabelBg    color.NRGBA // behind a link's relation label
	colWhite      color.NRGBA // text on a coloured pill; the connect handle
	colDimVeil    color.NRGBA
	colCardBase   color.NRGBA // a dark card before its kind's tint (dark only)
	colTipBg      color.NRGBA // the hover tooltip
	colTipBorder  color.NRGBA

	// darkPalette is whether the dark palette is in use.
	darkPalette bool
	// paletteGen counts palette changes, so views drawn in the old one are
	// drawn again.
	paletteGen int
)

// palette is one variant's neutrals.
type palette struct {
	background, grid, gridMajor    color.NRGBA
	ink, inkSoft, inkFaint         color.NRGBA
	selection, selectFill, shadow  color.NRGBA
	shadowSel, labelBg, dimVeil    color.NRGBA
	cardBase, tipBg, tipBorder, on color.NRGBA
}

var (
	lightPalette = palette{
		background: rgb(0xf4, 0xf3, 0xef), grid: rgb(0xec, 0xea, 0xe5), gridMajor: rgb(0xe0, 0xdd, 0xd6),
		ink: rgb(0x1f, 0x23, 0x28), inkSoft: rgb(0x4a, 0x51, 0x5a), inkFaint: rgb(0x5c, 0x63, 0x6c),
		selection: rgb(0x25, 0x63, 0xeb), selectFill: color.NRGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0x1f},
		shadow: color.NRGBA{A: 0x30}, shadowSel: color.NRGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0x50},
		labelBg: color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xf0}, dimVeil: color.NRGBA{R: 0xf4, G: 0xf3, B: 0xef, A: 0xc8},
		tipBg: rgb(0xff, 0xff, 0xff), tipBorder: rgb(0xc9, 0xcc, 0xd1), on: rgb(0xff, 0xff, 0xff),
	}
	darkPaletteColours = palette{
		background: rgb(0x1a, 0x1b, 0x1e), grid: rgb(0x22, 0x23, 0x27), gridMajor: rgb(0x2a, 0x2c, 0x30),
		ink: rgb(0xec, 0xed, 0xef), inkSoft: rgb(0xc4, 0xc8, 0xce), inkFaint: rgb(0xa4, 0xa9, 0xb1),
		selection: rgb(0x5b, 0x9b, 0xff), selectFill: color.NRGBA{R: 0x5b, G: 0x9b, B: 0xff, A: 0x28},
		shadow: color.NRGBA{A: 0x70}, shadowSel: color.NRGBA{R: 0x5b, G: 0x9b, B: 0xff, A: 0x60},
		labelBg: color.NRGBA{R: 0x26, G: 0x28, B: 0x2c, A: 0xf0}, dimVeil: color.NRGBA{R: 0x1a, G: 0x1b, B: 0x1e, A: 0xc8},
		cardBase: rgb(0x2a, 0x2c, 0x31), tipBg: rgb(0x2c, 0x2e, 0x33), tipBorder: rgb(0x4a, 0x4e, 0x55),
		on: rgb(0xff, 0xff, 0xff),
	}
)

func init() { setPalette(false) }

// setPalette makes the light or the dark palette the one in use.
func setPalette(dark bool) {
	p := lightPalette
	if dark {
		p = darkPaletteColours
	}
	if dark != darkPalette || paletteGen == 0 {
		paletteGen++
	}
	darkPalette = dark
	colBackground, colGrid, colGridMajor = p.background, p.grid, p.gridMajor
	colInk, colInkSoft, colInkFaint = p.ink, p.inkSoft, p.inkFaint
	colSelect, colSelectFill, colShadow, colShadowSel = p.selection, p.selectFill, p.shadow, p.shadowSel
	colLabelBg, colDimVeil, colCardBase = p.labelBg, p.dimVeil, p.cardBase
	colTipBg, colTipBorder, colWhite = p.tipBg, p.tipBorder, p.on
	colLinkGrey = relationColor("")
}

// themeIsDark reports whether the app's theme is dark: its variant when
// it has one, else (a theme that ignores variants, as in tests) whether
// its background is dark.
func themeIsDark() bool {
	a := fyne.CurrentApp()
	if a == nil {
		return false
	}
	switch a.Settings().ThemeVariant() {
	case theme.VariantDark:
		return true
	case theme.VariantLight:
		return false
	}
	return RelativeLuminance(theme.Color(theme.ColorNameBackground)) < 0.2
}

// usePalette takes the palette of the app's theme and recolours the
// scene's own objects; cards and links are recoloured as they are drawn.
func (s *scene) usePalette() {
	setPalette(themeIsDark())
	s.bg.FillColor = colBackground
	s.band.FillColor, s.band.StrokeColor = colSelectFill, colSelect
	s.wire.StrokeColor, s.wireDot.FillColor = colSelect, colSelect
	s.hint.Color = colInkFaint
	s.bg.Refresh()
	s.hint.Refresh()
	if !s.b.size.IsZero() {
		s.layoutGrid()
	}
	if s.tip != nil {
		s.tip.recolour()
	}
}

// colLinkGrey is a link's colour before its relation is known.
var colLinkGrey color.NRGBA

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

// cardFill is the fill of card c: its own colour, or its kind's; in the
// dark palette, a dark card tinted with it.
func cardFill(c *data.Card) color.NRGBA {
	if !darkPalette {
		return hexOr(c.Color, c.Kind.DefaultColor())
	}
	if c.Color != "" {
		if own, ok := data.ParseColor(c.Color); ok {
			return mix(colCardBase, own, 0.22)
		}
	}
	return mix(colCardBase, kindAccent(c.Kind), 0.2)
}

// kindAccent is the strong colour of kind k.
func kindAccent(k data.Kind) color.NRGBA { return hexOr(k.AccentColor(), "#5f6368") }

// pillColor is the fill of a pill that carries white text (a kind badge,
// a status): col, darkened where white text on it would not be read.
func pillColor(col color.NRGBA) color.NRGBA { return onFill(col, colWhite) }

// statusColor is the colour of a claim or link status, as a pill white
// text can be read on.
func statusColor(s data.Status) color.NRGBA { return pillColor(hexOr(s.StatusColor(), "#718096")) }

// relationColor is the colour a link is drawn in, by what its relation
// means in the board's vocabulary (data.RelationOf), as the brief reads it;
// lighter on the dark board, so that the line stands out from it.
func relationColor(relation string) color.NRGBA {
	c := hexOr(data.RelationOf(relation).Color, "")
	if darkPalette {
		c = mix(c, rgb(0xff, 0xff, 0xff), 0.3)
	}
	return c
}

// onFill is the colour of text in col drawn on fill: col itself if it can
// be read there, else col moved towards the ink that can.
func onFill(col, fill color.NRGBA) color.NRGBA {
	k := [2]color.NRGBA{col, fill}
	if c, ok := readableCache[k]; ok {
		return c
	}
	c := Readable(col, fill, MinContrast)
	if len(readableCache) >= 4096 { // colours are few; a board of odd ones starts again
		clear(readableCache)
	}
	readableCache[k] = c
	return c
}

// readableCache holds onFill's answers: a card's layout asks for the same
// few pairs again and again, and each costs a dozen powers to work out.
var readableCache = map[[2]color.NRGBA]color.NRGBA{}

// MinContrast is the least contrast ratio between text and what it is
// drawn on: WCAG 2.x level AA for normal text.
const MinContrast = 4.5

// RelativeLuminance is the relative luminance of c as WCAG 2.x defines
// it: 0 for black, 1 for white. Alpha is ignored.
func RelativeLuminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// ContrastRatio is the WCAG 2.x contrast ratio of a and b, from 1 to 21.
func ContrastRatio(a, b color.Color) float64 {
	la, lb := RelativeLuminance(a), RelativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Readable returns fg, or fg moved towards black or white (whichever
// contrasts with bg the more) just far enough to reach a contrast ratio of
// min against bg, so that a colour keeps as much of its hue as it can.
// Both are taken as opaque.
func Readable(fg, bg color.Color, min float64) color.NRGBA {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	f.A, b.A = 0xff, 0xff
	if ContrastRatio(f, b) >= min {
		return f
	}
	towards := rgb(0, 0, 0)
	if ContrastRatio(rgb(0xff, 0xff, 0xff), b) > ContrastRatio(towards, b) {
		towards = rgb(0xff, 0xff, 0xff)
	}
	lo, hi := 0.0, 1.0 // the least t that reads is in (lo, hi]
	for i := 0; i < 12; i++ {
		mid := (lo + hi) / 2
		if ContrastRatio(mix(f, towards, mid), b) >= min {
			hi = mid
		} else {
			lo = mid
		}
	}
	return mix(f, towards, hi)
}
