package data

import "image/color"

// TagPalette is the colours a person picks a tag's colour (its strand)
// from, "#rrggbb": mid-tones, each at least 3:1 against both a white and
// a near-black background (WCAG's contrast for graphics), so a chip or
// swatch reads on the light and the dark board alike.
var TagPalette = []string{
	"#d64545", // red
	"#c8681a", // orange
	"#a08214", // ochre
	"#3f9142", // green
	"#14918a", // teal
	"#2f86c4", // blue
	"#5b6fd6", // indigo
	"#9059cc", // violet
	"#c74b97", // pink
	"#7d828b", // grey
}

// TagColor is tag's colour on the board, if one was chosen (WithTagColor).
func (b *Board) TagColor(tag string) (color.NRGBA, bool) {
	s, ok := b.TagColors[tag]
	if !ok {
		return color.NRGBA{}, false
	}
	return ParseColor(s)
}
