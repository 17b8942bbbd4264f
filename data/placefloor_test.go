package data

import (
	"math"
	"testing"
)

// TestPlacerFloorSpansWhatIsAdded: the placer's floor, kept only over the
// columns cards were added in and grown either way as they come, gives
// under every card the lowest bottom edge of any card sharing a column
// with it, as a floor over the whole board would: cards added far left,
// far right and in between, at the board's edges too.
func TestPlacerFloorSpansWhatIsAdded(t *testing.T) {
	xs := []float64{0, 5000, -MaxCoord, MaxCoord, 123456, -98765, 400, MaxCoord - 50, -MaxCoord + 10, 7e6, -7e6, 800}
	var cards []Card
	for i, x := range xs {
		w := 100.0
		if i%3 == 0 {
			w = 50_000 // wide: many columns
		}
		cards = append(cards, Card{ID: string(rune('a' + i)), X: x, Y: float64(i * 37), Width: w, Height: float64(10 + i)})
	}
	pl := newPlacer()
	for i := range cards {
		pl.add(&cards[i])
		for j := 0; j <= i; j++ {
			a, b := pl.cols(&cards[j])
			want := math.Inf(-1)
			for k := 0; k <= i; k++ {
				c, d := pl.cols(&cards[k])
				if c <= b && a <= d {
					want = math.Max(want, cards[k].Y+cards[k].Height)
				}
			}
			if got := pl.floorUnder(&cards[j]); got != want {
				t.Fatalf("after %d cards, the floor under %s is %v, want %v", i+1, cards[j].ID, got, want)
			}
		}
	}
}
