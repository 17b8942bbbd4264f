package board

import (
	"math/rand/v2"
	"sort"
	"testing"
)

type item struct {
	spot
	n int
}

func (i *item) spotOf() *spot { return &i.spot }

// TestGridMatchesBruteForce checks queries against a scan of every item,
// through inserts, moves, removals and a very wide item.
func TestGridMatchesBruteForce(t *testing.T) {
	g := newGrid[*item]()
	rnd := rand.New(rand.NewPCG(1, 2))
	var items []*item
	for i := 0; i < 2000; i++ {
		it := &item{n: i}
		items = append(items, it)
		g.insert(it, rect{rnd.Float64()*20000 - 5000, rnd.Float64()*20000 - 5000, 50 + rnd.Float64()*600, 40 + rnd.Float64()*300})
	}
	wide := &item{n: -1}
	g.insert(wide, rect{-100000, 10, 300000, 5})
	items = append(items, wide)
	for i := 0; i < 500; i++ { // move some, remove some
		it := items[rnd.IntN(len(items)-1)]
		if i%5 == 0 {
			g.remove(it)
		} else {
			g.insert(it, rect{rnd.Float64() * 15000, rnd.Float64() * 15000, 200, 100})
		}
	}
	for q := 0; q < 300; q++ {
		r := rect{rnd.Float64()*20000 - 5000, rnd.Float64()*20000 - 5000, rnd.Float64() * 3000, rnd.Float64() * 3000}
		var got, want []int
		g.query(r, func(it *item) { got = append(got, it.n) })
		for _, it := range items {
			if it.filed && it.r.intersects(r) {
				want = append(want, it.n)
			}
		}
		sort.Ints(got)
		sort.Ints(want)
		if len(got) != len(want) {
			t.Fatalf("query %v: %d items, want %d", r, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("query %v: got %v, want %v", r, got, want)
			}
		}
	}
	n := 0
	for _, it := range items {
		if it.filed {
			n++
		}
	}
	if g.Len() != n {
		t.Fatalf("Len %d, want %d", g.Len(), n)
	}
}
