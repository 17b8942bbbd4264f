package layout

import (
	"fmt"
	"testing"

	"evidenceboard/data"
)

// FuzzTidy lays out boards made from arbitrary bytes — cards of any
// valid size anywhere, stacked, pinned, grouped, dated, linked — and
// checks every promise of a tidy on them (check): nothing pinned moves,
// nothing overlaps, groups hold their cards, dates run left to right.
func FuzzTidy(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, false)
	f.Add([]byte("pinned cards and groups, stacked on each other at the same spot"), true)
	f.Add([]byte{255, 1, 3, 200, 7, 9, 0, 0, 12, 255, 255, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, true)
	f.Fuzz(func(t *testing.T, raw []byte, byDate bool) {
		cards, opt, res := runFuzzBody(raw, byDate)
		check(t, cards, opt, res)
	})
}

func runFuzzBody(raw []byte, byDate bool) ([]data.Card, Options, Result) {
	{
		const per = 6
		n := min(len(raw)/per, 40)
		var cards []data.Card
		var links []data.Link
		dates := []string{"", "2018", "2018-04", "2018-04-06", "2019-12-31", "2017"}
		for i := 0; i < n; i++ {
			b := raw[i*per : (i+1)*per]
			c := data.Card{
				ID: fmt.Sprintf("c%02d", i), Kind: data.KindNote,
				X: float64(int(b[0])-128) * 7, Y: float64(int(b[1])-128) * 5,
				Width: data.MinCardSize + float64(b[2])*2, Height: data.MinCardSize + float64(b[3]),
				Pinned: b[4]&1 == 1, Date: dates[int(b[4]>>1)%len(dates)],
			}
			switch {
			case b[5]%7 == 0:
				c.Kind = data.KindGroup
				c.Pinned = false
			case b[5]%7 == 1 && i > 0:
				c.Group = fmt.Sprintf("c%02d", int(b[5])%i) // a group only if that card is one
			}
			cards = append(cards, c)
			if i > 0 && b[5]%3 == 0 {
				links = append(links, data.Link{ID: fmt.Sprint("l", i), From: c.ID, To: fmt.Sprintf("c%02d", int(b[0])%i)})
			}
		}
		var only []string
		if len(raw) > 0 && raw[0]%2 == 1 {
			for i := 0; i < n; i += 2 {
				only = append(only, cards[i].ID)
			}
			if only == nil {
				only = []string{}
			}
		}
		opt := Options{ByDate: byDate, Only: only}
		return cards, opt, Tidy(cards, links, opt)
	}
}
