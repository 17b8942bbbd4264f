package board

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"evidenceboard/data"
)

// wcag is the WCAG 2.x contrast ratio of a and b, computed here from the
// definition (relative luminance of linearised sRGB), apart from the
// board's own ContrastRatio so that a mistake there cannot hide itself.
func wcag(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		r, g, bl := n.R, n.G, n.B
		ch := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.03928 { // WCAG 2.0's threshold; 2.1's 0.04045 differs only below 1/255
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	l1, l2 := lum(a), lum(b)
	if l2 > l1 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func TestWCAGReference(t *testing.T) {
	for _, tc := range []struct {
		a, b color.NRGBA
		want float64
	}{
		{rgb(0, 0, 0), rgb(0xff, 0xff, 0xff), 21},
		{rgb(0x77, 0x77, 0x77), rgb(0xff, 0xff, 0xff), 4.48},
		{rgb(0x76, 0x76, 0x76), rgb(0xff, 0xff, 0xff), 4.54},
		{rgb(0x39, 0x39, 0x3a), rgb(0x17, 0x17, 0x18), 1.55}, // the inspector labels
	} {
		for _, f := range []func(a, b color.Color) float64{wcag, ContrastRatio} {
			if got := f(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
				t.Errorf("contrast of %v on %v = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
			}
		}
	}
	// Readable reaches the ratio, from either side, and leaves what reads.
	for _, bg := range []color.NRGBA{rgb(0xff, 0xff, 0xff), rgb(0x17, 0x17, 0x18), rgb(0x80, 0x80, 0x80), rgb(0xb7, 0x79, 0x1f)} {
		for _, fg := range []color.NRGBA{rgb(0xb7, 0x79, 0x1f), rgb(0x39, 0x39, 0x3a), rgb(0xe3, 0xe3, 0xe3), bg} {
			if got := Readable(fg, bg, MinContrast); wcag(got, bg) < MinContrast {
				t.Errorf("Readable(%v on %v) = %v, contrast %.2f", fg, bg, got, wcag(got, bg))
			}
		}
	}
	if got := Readable(rgb(0, 0, 0), rgb(0xff, 0xff, 0xff), MinContrast); got != rgb(0, 0, 0) {
		t.Errorf("Readable changed black on white to %v", got)
	}
}

// textsOn lists each text of layout l with the colour behind it: the pill
// it sits in, or the card's fill.
func textsOn(l *cardLayout, fill color.NRGBA) (out []struct {
	text   string
	fg, bg color.Color
}) {
	for _, r := range l.texts {
		var bg color.Color = fill
		h := textHeight(r.size, r.style)
		for _, p := range l.pills {
			if r.x >= p.x && r.x < p.x+p.w && r.y >= p.y-1 && r.y+h <= p.y+p.h+1 {
				bg = p.color
			}
		}
		out = append(out, struct {
			text   string
			fg, bg color.Color
		}{r.text, r.color, bg})
	}
	return out
}

// TestContrastInBothPalettes computes the contrast of every text the board
// draws against what it is drawn on, in the light and the dark palette:
// every card text of every kind (kind colours and a card's own colours,
// every status, tag chips in light and dark tag colours), link labels of
// every relation, the empty board's hint and the tooltip. None may be
// below 4.5:1.
func TestContrastInBothPalettes(t *testing.T) {
	test.NewTempApp(t)
	defer setPalette(themeIsDark())
	m := kindsBoard()
	m.Board = m.Board.WithTagColor("harbour", "#1a3a5c").WithTagColor("follow-up", "#fff59d").WithTagColor("x", "#808080")
	var extra []data.Card
	for i, st := range data.Statuses {
		extra = append(extra, data.Card{ID: "st" + string(rune('a'+i)), Kind: data.KindClaim, Title: "Claim", Status: st, Reliability: "C", Credibility: 3, Width: 260, Height: 120})
	}
	for i, col := range []string{"#fdf6b2", "#ffffff", "#000000", "#808080", "#c53030", "#2b6cb0", "#e4f3e0"} {
		extra = append(extra, data.Card{ID: "own" + string(rune('a'+i)), Kind: data.KindParty, Title: "Own colour", PartyType: data.PartyPerson,
			Role: "witness", Body: "text", Color: col, Tags: []string{"harbour", "follow-up", "x", "plain"}, Width: 260, Height: 140})
	}
	m.Apply(data.Change{PutCards: extra})
	for _, dark := range []bool{false, true} {
		setPalette(dark)
		name := map[bool]string{false: "light", true: "dark"}[dark]
		check := func(what string, fg, bg color.Color) {
			t.Helper()
			if r := wcag(fg, bg); r < MinContrast {
				t.Errorf("%s: %s: %v on %v is %.2f:1", name, what, fg, bg, r)
			}
		}
		for id, c := range m.Cards {
			for _, l := range []*cardLayout{layoutCard(m, c, c.Width, c.Height), layoutTitle(c, c.Width, c.Height)} {
				for _, x := range textsOn(l, cardFill(c)) {
					check(id+" "+x.text, x.fg, x.bg)
				}
			}
		}
		bg := opaqueOn(colLabelBg, colBackground)
		for _, rel := range append(append([]string(nil), data.Relations...), "knows", "") {
			check("link label "+rel, labelInk(relationColor(rel), linkState{}), bg)
			check("selected link label "+rel, labelInk(colSelect, linkState{selected: true}), bg)
		}
		check("hint", colInkFaint, colBackground)
		check("tooltip", colInk, colTipBg)
	}
}

// TestBoardFollowsTheme: with a light theme the board is light, with a
// dark one dark, and switching redraws the cards in the new palette.
func TestBoardFollowsTheme(t *testing.T) {
	b, _ := show(t, twoCards(), 900, 600)
	defer setPalette(themeIsDark())
	for _, tc := range []struct {
		th   fyne.Theme
		dark bool
	}{{theme.LightTheme(), false}, {theme.DarkTheme(), true}, {theme.LightTheme(), false}} { //nolint:staticcheck // the variants, as a person's setting gives them
		test.ApplyTheme(t, tc.th)
		b.Refresh()
		bg := theme.Color(theme.ColorNameBackground)
		if isDark := RelativeLuminance(b.sc.bg.FillColor) < 0.2; isDark != tc.dark || darkPalette != tc.dark {
			t.Fatalf("theme background %v: board background %v (dark palette %v)", bg, b.sc.bg.FillColor, darkPalette)
		}
		v := b.cards["a"].view
		if v.bg.FillColor != cardFill(b.m.Cards["a"]) {
			t.Errorf("card drawn in %v, not the palette's %v", v.bg.FillColor, cardFill(b.m.Cards["a"]))
		}
		for _, tx := range v.texts {
			if tx.Visible() && tx.Text == "Alpha" && wcag(tx.Color, v.bg.FillColor) < MinContrast {
				t.Errorf("title %v on %v", tx.Color, v.bg.FillColor)
			}
		}
	}
}
