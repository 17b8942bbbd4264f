package board

import "evidenceboard/data"

// colPin is the pin mark's colour: a drawing-pin red, unlike any kind's.
var colPin = rgb(0xc6, 0x28, 0x28)

// addPin marks a pinned card (data.Card.Pinned: tidying leaves it where
// it is) with a small drawing pin at the middle of its top edge, above
// the header row, where neither the kind badge nor the header's facts
// sit: a round head of diameter d and a short needle under it.
func (l *cardLayout) addPin(c *data.Card, d float64) {
	if !c.Pinned || l.w < 3*d || l.h < 2*d {
		return
	}
	x, top := l.w/2, 1.0
	l.pills = append(l.pills,
		pill{x - d/8, top + d/2, d / 4, d * 0.9, colPin},
		pill{x - d/2, top, d, d, colPin})
}
