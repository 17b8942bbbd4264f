package board

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestPinMark draws the pin on pinned cards only, in both layouts, and
// inside the card.
func TestPinMark(t *testing.T) {
	test.NewTempApp(t)
	m := kindsBoard()
	for _, c := range m.Cards {
		for _, pinned := range []bool{false, true} {
			c.Pinned = pinned
			for _, l := range []*cardLayout{layoutCard(m, c, 240, 120), layoutTitle(c, 240, 120)} {
				n := 0
				for _, p := range l.pills {
					if p.color == colPin {
						n++
					}
				}
				if pinned != (n > 0) {
					t.Errorf("%s card, pinned %v: %d pills of the pin's colour", c.Kind, pinned, n)
				}
				checkInside(t, c, l, 240, 120)
			}
		}
	}
}
