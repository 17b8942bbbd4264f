package verify

import (
	"evidenceboard/app/format/source"
	"evidenceboard/data"
)

// Sizes of an image source's card, in board units: as wide as a source
// card usually is, and tall enough for its header, a line of title and
// the picture (board/picture.go draws it below the title) at its aspect,
// within limits so that a panorama or a long scan still makes a card.
const (
	imageCardWidth  = 240
	imageCardChrome = 64 // header, one line of title, margins (board/cardview.go's metrics)
	minPictureH     = 60
	maxPictureH     = 260
)

// CardSize is the size of a new source card for doc: the default for a
// source, taller for an image so that its picture shows on the board.
// The command line's "source add" and the app's Add source document…
// both size the card here.
func CardSize(doc *source.Document) (w, h float64) {
	if doc == nil || doc.Width <= 0 || doc.Height <= 0 {
		return data.DefaultSize(data.KindSource)
	}
	inner := float64(imageCardWidth - 20) // the card's padding either side
	ph := inner * float64(doc.Height) / float64(doc.Width)
	ph = min(max(ph, minPictureH), maxPictureH)
	return imageCardWidth, imageCardChrome + ph
}
