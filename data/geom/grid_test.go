package geom

import (
	"math/rand/v2"
	"slices"
	"testing"
)

type item struct {
	Spot
	n int
}

func (i *item) SpotOf() *Spot { return &i.Spot }

// TestGridMatchesBruteForce checks queries against a scan of every item,
// through inserts, moves, removals and a very wide item, for cells of
// several sizes.
func TestGridMatchesBruteForce(t *testing.T) {
	for _, cell := range []float64{50, 400, 5000} {
		g := NewGrid[*item](cell)
		rnd := rand.New(rand.NewPCG(1, 2))
		var items []*item
		for i := 0; i < 2000; i++ {
			it := &item{n: i}
			items = append(items, it)
			g.Insert(it, Rect{rnd.Float64()*20000 - 5000, rnd.Float64()*20000 - 5000, 50 + rnd.Float64()*600, 40 + rnd.Float64()*300})
		}
		wide := &item{n: -1}
		g.Insert(wide, Rect{-100000, 10, 300000, 5})
		items = append(items, wide)
		for i := 0; i < 500; i++ { // move some, remove some
			it := items[rnd.IntN(len(items)-1)]
			if i%5 == 0 {
				g.Remove(it)
			} else {
				g.Insert(it, Rect{rnd.Float64() * 15000, rnd.Float64() * 15000, 200, 100})
			}
		}
		for q := 0; q < 300; q++ {
			r := Rect{rnd.Float64()*20000 - 5000, rnd.Float64()*20000 - 5000, rnd.Float64() * 3000, rnd.Float64() * 3000}
			var got, want []int
			g.Query(r, func(it *item) { got = append(got, it.n) })
			for _, it := range items {
				if it.Filed() && it.Rect().Intersects(r) {
					want = append(want, it.n)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("cell %v, query %v: got %v, want %v", cell, r, got, want)
			}
		}
		n := 0
		for _, it := range items {
			if it.Filed() {
				n++
			}
		}
		if g.Len() != n {
			t.Fatalf("cell %v: Len %d, want %d", cell, g.Len(), n)
		}
	}
}

func TestGridQueryEdgeCases(t *testing.T) {
	g := NewGrid[*item](100)
	a := &item{n: 1}
	b := &item{n: 2}
	far := &item{n: 3}
	g.Insert(a, Rect{0, 0, 100, 100}) // ends exactly on a cell line
	g.Insert(b, Rect{250, 250, 500, 20})
	g.Insert(far, Rect{-1e9, 1e9, 10, 10}) // beyond the cells int32 holds
	tests := []struct {
		name string
		r    Rect
		want []int
	}{
		{"touching a's corner", Rect{100, 100, 10, 10}, []int{1}},
		{"a point in b", Rect{700, 260, 0, 0}, []int{2}},
		{"between", Rect{120, 120, 100, 100}, nil},
		{"everything near", Rect{-10, -10, 1000, 1000}, []int{1, 2}},
		{"far out", Rect{-1e9 - 5, 1e9 - 5, 10, 10}, []int{3}},
		{"huge", Rect{-1e10, -1e10, 2e10, 2e10}, []int{1, 2, 3}},
	}
	for _, tc := range tests {
		var got []int
		g.Query(tc.r, func(it *item) { got = append(got, it.n) })
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestGridQueryUntilStops(t *testing.T) {
	g := NewGrid[*item](100)
	for i := 0; i < 50; i++ {
		g.Insert(&item{n: i}, Rect{float64(i * 10), 0, 5, 5})
	}
	seen := 0
	if done := g.QueryUntil(Rect{0, 0, 1000, 10}, func(*item) bool { seen++; return seen < 3 }); done || seen != 3 {
		t.Errorf("stopped after %d items (done %v), want after 3", seen, done)
	}
	seen = 0
	if done := g.QueryUntil(Rect{0, 0, 1000, 10}, func(*item) bool { seen++; return true }); !done || seen != 50 {
		t.Errorf("went through %d items (done %v), want all 50", seen, done)
	}
}

// TestGridMarkWrap checks that a query after the mark counter wraps still
// reports items seen by the query before it.
func TestGridMarkWrap(t *testing.T) {
	g := NewGrid[*item](100)
	a := &item{n: 1}
	g.Insert(a, Rect{50, 50, 200, 200}) // in nine cells
	g.mark = ^uint32(0) - 1
	for i := 0; i < 3; i++ {
		n := 0
		g.Query(Rect{0, 0, 300, 300}, func(*item) { n++ })
		if n != 1 {
			t.Fatalf("query %d around the wrap found the item %d times", i, n)
		}
	}
}

// TestGridFilesWideItemsOnce checks that an item over many cells costs
// one entry, not one per cell, and that small items are filed per cell.
func TestGridFilesWideItemsOnce(t *testing.T) {
	tests := []struct {
		name  string
		r     Rect
		cells int
	}{
		{"in one cell", Rect{10, 10, 50, 50}, 1},
		{"across four", Rect{90, 90, 20, 20}, 4},
		{"a line 16 cells long", Rect{0, 0, 1550, 0}, 16},
		{"a line across the board", Rect{-1e6, 0, 2e6, 0}, 0},
		{"a huge card", Rect{0, 0, 1e5, 1e5}, 0},
	}
	for _, tc := range tests {
		g := NewGrid[*item](100)
		it := &item{}
		g.Insert(it, tc.r)
		if g.Cells() != tc.cells {
			t.Errorf("%s: in %d cells, want %d", tc.name, g.Cells(), tc.cells)
		}
		n := 0
		g.Query(tc.r, func(*item) { n++ })
		if n != 1 {
			t.Errorf("%s: found %d times", tc.name, n)
		}
		g.Remove(it)
		if g.Cells() != 0 || g.Len() != 0 {
			t.Errorf("%s: %d cells, %d items left after removal", tc.name, g.Cells(), g.Len())
		}
	}
}

// TestInsertWithinCells moves an item inside the cells it covers, then
// out of them: queries find it where it is each time.
func TestInsertWithinCells(t *testing.T) {
	g := NewGrid[*item](100)
	it := &item{}
	g.Insert(it, Rect{X: 10, Y: 10, W: 20, H: 20})
	found := func(r Rect) bool {
		hit := false
		g.Query(r, func(*item) { hit = true })
		return hit
	}
	g.Insert(it, Rect{X: 50, Y: 50, W: 20, H: 20}) // same cell
	if it.Rect() != (Rect{X: 50, Y: 50, W: 20, H: 20}) || !found(Rect{X: 60, Y: 60}) || g.Len() != 1 {
		t.Fatal("a move within the cell is lost")
	}
	g.Insert(it, Rect{X: 250, Y: 50, W: 20, H: 20}) // another cell
	if found(Rect{X: 60, Y: 60}) || !found(Rect{X: 260, Y: 60}) || g.Len() != 1 {
		t.Fatal("a move to another cell is lost")
	}
}

// TestGridQueryLimit checks that a limited query stops after looking at
// that many items, counting an item met again in another cell.
func TestGridQueryLimit(t *testing.T) {
	g := NewGrid[*item](100)
	for i := 0; i < 10; i++ {
		g.Insert(&item{n: i}, Rect{0, 0, 1000, 1000}) // 121 cells each
	}
	tests := []struct {
		limit    int
		found    int
		complete bool
	}{
		{-1, 10, true},
		{0, 0, false},
		{5, 5, false},
		{10, 10, false}, // all found, but the other cells not gone through
		{10 * 121, 10, true},
	}
	for _, tc := range tests {
		found := 0
		looked, complete := g.QueryLimit(Rect{0, 0, 1000, 1000}, tc.limit, func(*item) bool { found++; return true })
		if found != tc.found || complete != tc.complete {
			t.Errorf("limit %d: found %d (complete %v), want %d (%v)", tc.limit, found, complete, tc.found, tc.complete)
		}
		if tc.limit >= 0 && looked != tc.limit || tc.limit < 0 && looked != 10*121 {
			t.Errorf("limit %d: looked at %d items", tc.limit, looked)
		}
	}
}

// TestInsertAllMatchesInsert builds the same items with InsertAll and with
// Insert one by one, and checks that every query finds the same items in
// both, in the same order within a small query, before and after moves
// and removals (a cell cut from InsertAll's shared array must not be
// written over by a later Insert into its neighbour).
func TestInsertAllMatchesInsert(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	spread := func(n int, side float64) []Rect {
		rs := make([]Rect, n)
		for i := range rs {
			rs[i] = Rect{rnd.Float64() * side, rnd.Float64() * side, 50 + rnd.Float64()*500, 40 + rnd.Float64()*300}
		}
		return rs
	}
	withOutlier := append(spread(800, 8000), Rect{1e7, -1e7, 100, 100})
	withWide := append(spread(800, 8000), Rect{-50000, 100, 120000, 30})
	tests := []struct {
		name    string
		before  []Rect // filed one by one first (some are then in its again)
		rects   []Rect
		refiled int // how many of before are passed to InsertAll too
	}{
		{"dense", nil, spread(2000, 10000), 0},
		{"one far away: sorted, not counted", nil, withOutlier, 0},
		{"a wide item", nil, withWide, 0},
		{"into a grid holding items, some moved", spread(300, 6000), spread(1000, 6000), 100},
		{"empty", nil, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bulk, single := NewGrid[*item](400), NewGrid[*item](400)
			var bi, si []*item
			for i, r := range tc.before {
				a, b := &item{n: -1 - i}, &item{n: -1 - i}
				bulk.Insert(a, r)
				single.Insert(b, r)
				bi, si = append(bi, a), append(si, b)
			}
			var batch []*item
			for i := 0; i < tc.refiled; i++ { // moved by InsertAll
				batch = append(batch, bi[i])
			}
			rectOf := map[*item]Rect{}
			for i := 0; i < tc.refiled; i++ {
				r := Rect{rnd.Float64() * 6000, rnd.Float64() * 6000, 100, 80}
				rectOf[bi[i]] = r
				single.Insert(si[i], r)
			}
			for i, r := range tc.rects {
				a, b := &item{n: i}, &item{n: i}
				rectOf[a] = r
				batch = append(batch, a)
				single.Insert(b, r)
				bi, si = append(bi, a), append(si, b)
			}
			bulk.InsertAll(batch, func(it *item) Rect { return rectOf[it] })
			check := func(when string) {
				t.Helper()
				if bulk.Len() != single.Len() || bulk.Cells() != single.Cells() {
					t.Fatalf("%s: InsertAll holds %d items in %d cells, Insert %d in %d", when, bulk.Len(), bulk.Cells(), single.Len(), single.Cells())
				}
				for q := 0; q < 200; q++ {
					r := Rect{rnd.Float64()*12000 - 1000, rnd.Float64()*12000 - 1000, rnd.Float64() * 1500, rnd.Float64() * 1500}
					var got, want []int
					bulk.Query(r, func(it *item) { got = append(got, it.n) })
					single.Query(r, func(it *item) { want = append(want, it.n) })
					if !slices.Equal(got, want) {
						t.Fatalf("%s: query %v: InsertAll found %v, Insert %v", when, r, got, want)
					}
				}
			}
			check("after the build")
			for i := 0; i < len(bi)/3; i++ { // move a third, remove some
				j := rnd.IntN(len(bi))
				if i%4 == 0 {
					bulk.Remove(bi[j])
					single.Remove(si[j])
					continue
				}
				r := Rect{rnd.Float64() * 9000, rnd.Float64() * 9000, 150, 90}
				bulk.Insert(bi[j], r)
				single.Insert(si[j], r)
			}
			check("after moves")
		})
	}
}
