package board

import (
	"image/color"
	"maps"
)

// TagColor is tag's colour (its strand) on the board shown, if one was
// chosen: the colour card views draw the tag's chip in. The colours are
// the board's (data.Board.TagColors, changed by one Case.Apply like any
// board property); Changed notices when they change and redraws the cards
// in view.
func (b *Board) TagColor(tag string) (color.NRGBA, bool) { return b.m.Board.TagColor(tag) }

// followTagColors redraws the cards when the board's tag colours changed
// since they were drawn. TagColors is replaced, never changed in place,
// so the map last drawn is kept as it was.
func (b *Board) followTagColors() {
	if maps.Equal(b.tagColors, b.m.Board.TagColors) {
		return
	}
	b.tagColors = b.m.Board.TagColors
	b.sc.forgetLayouts() // chips are laid out with their colours
	b.sc.syncAll()
}
