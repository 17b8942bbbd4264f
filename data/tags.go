package data

import (
	"fmt"
	"image/color"
	"strings"
)

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

// checkTagColors is Board.Validate's judgement of a board's tag colours,
// the one gate for a file's and for a change's: each names a tag (text
// with something besides white space in it - no card carries an empty
// tag, so an empty name colours nothing and only hides in the file) and
// gives it a colour as "#rrggbb". Any such colour is taken, not only
// TagPalette's: the palette is what the app offers, and a colour outside
// it still draws. Tags are judged in order, so the message names the same
// one every time.
func checkTagColors(m map[string]string) error {
	if len(m) > MaxTagColors {
		return fmt.Errorf("%d tag colours, over the limit of %d", len(m), MaxTagColors)
	}
	for _, tag := range sortedKeys(m) {
		if err := checkText(tag); err != nil {
			return fmt.Errorf("tag colour: %v", err)
		}
		if strings.TrimSpace(tag) == "" {
			return fmt.Errorf("a tag colour names no tag (%q)", tag)
		}
		if col := m[tag]; !validColor(col) {
			return fmt.Errorf("the colour of tag %q, %q, is not #rrggbb", trimName(tag), trimName(col))
		}
	}
	return nil
}
