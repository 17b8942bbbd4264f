package brief

import (
	"fmt"

	"golang.org/x/image/font/sfnt"
)

// coverage is the set of runes a font has a glyph for. Only the Basic
// Multilingual Plane matters: gofpdf v1.16.2 cannot draw anything above
// U+FFFF.
type coverage struct {
	has [0x10000 / 64]uint64
}

func (c *coverage) set(r rune) {
	if r >= 0 && r < 0x10000 {
		c.has[r>>6] |= 1 << (uint(r) & 63)
	}
}

// Has reports whether the font draws r.
func (c *coverage) Has(r rune) bool {
	return r >= 0 && r < 0x10000 && c.has[r>>6]&(1<<(uint(r)&63)) != 0
}

// union adds the runes of o.
func (c *coverage) union(o *coverage) {
	for i := range c.has {
		c.has[i] |= o.has[i]
	}
}

// parseCmap reads which runes a TrueType font maps to a glyph, with
// golang.org/x/image/font/sfnt (already in the module graph through
// Fyne), which checks every offset: a broken font gives an error, not a
// panic.
func parseCmap(font []byte) (c *coverage, err error) {
	f, err := sfnt.Parse(font)
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	c = &coverage{}
	var buf sfnt.Buffer
	for r := rune(0); r < 0x10000; r++ {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			c.set(r)
		}
	}
	return c, nil
}
