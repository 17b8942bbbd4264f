package data

import (
	"image/color"
	"math"
	"testing"
)

// contrast is the WCAG 2 contrast ratio of a and b.
func contrast(a, b color.NRGBA) float64 {
	lum := func(c color.NRGBA) float64 {
		ch := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.04045 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestTagPaletteReadsOnLightAndDark(t *testing.T) {
	light, dark := color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}, color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff}
	seen := map[string]bool{}
	for _, s := range TagPalette {
		c, ok := ParseColor(s)
		if !ok || !validColor(s) || seen[s] {
			t.Fatalf("%q is not a stored colour, or repeated", s)
		}
		seen[s] = true
		if cl, cd := contrast(c, light), contrast(c, dark); cl < 3 || cd < 3 {
			t.Errorf("%s: contrast %.2f on white, %.2f on dark; want 3 or more on both", s, cl, cd)
		}
	}
}

func TestBoardTagColor(t *testing.T) {
	b := Board{}.WithTagColor("finance", "#336699").WithTagColor("bad", "nonsense")
	if c, ok := b.TagColor("finance"); !ok || c != (color.NRGBA{R: 0x33, G: 0x66, B: 0x99, A: 0xff}) {
		t.Fatalf("finance: %v %v", c, ok)
	}
	if _, ok := b.TagColor("none"); ok {
		t.Fatal("a tag without a colour has one")
	}
	if _, ok := b.TagColor("bad"); ok {
		t.Fatal("an unreadable colour was taken")
	}
}
