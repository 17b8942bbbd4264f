package geom

import (
	"cmp"
	"math"
	"slices"
)

// maxCells is how many cells one item may cover before the grid keeps it
// on a list of its own that every query looks at (a link across the
// whole board, a huge card) rather than in every cell it crosses: filing
// it cell by cell would make inserting and removing it cost the area.
const maxCells = 256

// Spot is what a Grid knows of one item: the rectangle it was filed
// under, the cells that covers, and the mark of the last query that saw
// it. An item embeds its Spot, so the grid needs no map from items to
// their cells, and a query drops an item met in several cells by its
// mark rather than by a set it would have to allocate and clear: a query
// costs the cells and items it touches, nothing in proportion to the
// number of items filed.
type Spot struct {
	r           Rect
	c0x, c0y    int32 // first cell
	c1x, c1y    int32 // last cell
	filed, wide bool  // in the grid; on the wide list
	mark        uint32
}

// Rect is the rectangle the item was last filed under.
func (s *Spot) Rect() Rect { return s.r }

// Filed reports whether the item is in a grid.
func (s *Spot) Filed() bool { return s.filed }

// Spotter is an item a Grid can file: usually a pointer to a struct that
// embeds a Spot. One item is in at most one Grid at a time.
type Spotter interface {
	comparable
	SpotOf() *Spot
}

// Grid is a uniform-grid spatial index of rectangles. Insert, Remove and
// a Query over a rectangle cost in proportion to the cells and items they
// touch, never the number of items in the grid. It is not safe for use by
// several goroutines at once (a query writes the marks).
type Grid[T Spotter] struct {
	cell  float64
	cells map[uint64][]T
	wide  map[T]struct{}
	mark  uint32
	n     int
	// the cells in use, to bound queries over huge rectangles
	min, max [2]int32
	bounded  bool
}

// NewGrid returns an empty grid of square cells cell units on a side.
// Choose a cell a little larger than a typical item, so that most items
// sit in one to four cells.
func NewGrid[T Spotter](cell float64) *Grid[T] {
	if !(cell > 0) || math.IsInf(cell, 0) {
		panic("geom: grid cell must be positive and finite")
	}
	return &Grid[T]{cell: cell, cells: map[uint64][]T{}, wide: map[T]struct{}{}}
}

// cellOf is the cell column or row holding coordinate v, clamped so that
// coordinates far out (or NaN, which falls to the low end) stay in int32.
func (g *Grid[T]) cellOf(v float64) int32 {
	c := math.Floor(v / g.cell)
	return int32(math.Max(-1e9, math.Min(1e9, c)))
}

func key(x, y int32) uint64 { return uint64(uint32(x))<<32 | uint64(uint32(y)) }

// Len is the number of items filed.
func (g *Grid[T]) Len() int { return g.n }

// Cells is the number of cells holding at least one item: what the grid
// costs in memory, and a check that wide items are not filed cell by cell.
func (g *Grid[T]) Cells() int { return len(g.cells) }

// Insert files it under r; an item already filed is moved. Moving an
// item within the cells it already covers (a nudge, most of a drag) only
// records its new rectangle.
func (g *Grid[T]) Insert(it T, r Rect) {
	s := it.SpotOf()
	if s.filed {
		if g.cellOf(r.X) == s.c0x && g.cellOf(r.Y) == s.c0y &&
			g.cellOf(r.Right()) == s.c1x && g.cellOf(r.Bottom()) == s.c1y {
			s.r = r
			return
		}
		g.Remove(it)
	}
	if g.file(it, s, r) {
		return
	}
	for x := s.c0x; x <= s.c1x; x++ {
		for y := s.c0y; y <= s.c1y; y++ {
			k := key(x, y)
			g.cells[k] = append(g.cells[k], it)
		}
	}
}

// InsertAll files each of its under rectOf(it), as Insert one by one
// would, for building an index of a whole board at once: the items new to
// the grid are sorted into their cells in one pass and each cell's list is
// cut from one shared array, so the cost is a few passes over the items
// and one map entry per cell, rather than a map update and a slice growth
// per item and cell. Items already filed are moved by Insert first. An item
// must appear in its at most once.
func (g *Grid[T]) InsertAll(its []T, rectOf func(T) Rect) {
	// A mark no item carries yet tells the items new to the grid from
	// those moved first (nextMark); the next query takes another.
	fresh := g.nextMark()
	for _, it := range its {
		if it.SpotOf().filed {
			g.Insert(it, rectOf(it))
		}
	}
	entries := 0
	var bx0, by0, bx1, by1 int32 // the cells the new items cover
	first := true
	for _, it := range its {
		s := it.SpotOf()
		if s.filed {
			continue
		}
		s.mark = fresh
		if g.file(it, s, rectOf(it)) {
			continue
		}
		entries += int(s.c1x-s.c0x+1) * int(s.c1y-s.c0y+1)
		if first {
			bx0, by0, bx1, by1, first = s.c0x, s.c0y, s.c1x, s.c1y, false
		} else {
			bx0, by0 = min(bx0, s.c0x), min(by0, s.c0y)
			bx1, by1 = max(bx1, s.c1x), max(by1, s.c1y)
		}
	}
	if entries > 0 {
		isNew := func(s *Spot) bool { return s.filed && s.mark == fresh && !s.wide }
		if area := int64(bx1-bx0+1) * int64(by1-by0+1); area <= 8*int64(entries)+4096 {
			g.fillDense(its, isNew, entries, bx0, by0, bx1, by1)
		} else {
			g.fillSorted(its, isNew, entries)
		}
	}
}

// file records it, with spot s, as filed under r: its cells, the count
// and the bounds of the cells in use. It reports whether it is wide (over
// maxCells cells): kept aside, in no cell; otherwise the caller puts it in
// its cells.
func (g *Grid[T]) file(it T, s *Spot, r Rect) (wide bool) {
	s.r = r
	s.c0x, s.c0y = g.cellOf(r.X), g.cellOf(r.Y)
	s.c1x, s.c1y = g.cellOf(r.Right()), g.cellOf(r.Bottom())
	s.filed = true
	g.n++
	g.grow(s)
	s.wide = int64(s.c1x-s.c0x+1)*int64(s.c1y-s.c0y+1) > maxCells
	if s.wide {
		g.wide[it] = struct{}{}
	}
	return s.wide
}

// grow widens the bounds of the cells in use to hold s's.
func (g *Grid[T]) grow(s *Spot) {
	if !g.bounded {
		g.min, g.max, g.bounded = [2]int32{s.c0x, s.c0y}, [2]int32{s.c1x, s.c1y}, true
		return
	}
	g.min = [2]int32{min(g.min[0], s.c0x), min(g.min[1], s.c0y)}
	g.max = [2]int32{max(g.max[0], s.c1x), max(g.max[1], s.c1y)}
}

// addRun files run, the items of one cell in the order given, behind any
// the cell holds. A run cut from a shared array is capped at its length,
// so that a later Insert into the cell copies it rather than writing over
// the next cell's items.
func (g *Grid[T]) addRun(k uint64, run []T) {
	if old := g.cells[k]; len(old) > 0 {
		g.cells[k] = append(old, run...)
		return
	}
	g.cells[k] = run[:len(run):len(run)]
}

// fillDense sorts the new items into their cells by counting, over the
// cells from (x0, y0) to (x1, y1): the common case, a board whose cards
// lie together.
func (g *Grid[T]) fillDense(its []T, isNew func(*Spot) bool, entries int, x0, y0, x1, y1 int32) {
	w := int(x1 - x0 + 1)
	at := func(x, y int32) int { return int(y-y0)*w + int(x-x0) }
	start := make([]int32, w*int(y1-y0+1)+1)
	for _, it := range its {
		s := it.SpotOf()
		if !isNew(s) {
			continue
		}
		for y := s.c0y; y <= s.c1y; y++ {
			for x := s.c0x; x <= s.c1x; x++ {
				start[at(x, y)+1]++
			}
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	all := make([]T, entries)
	next := slices.Clone(start[:len(start)-1])
	for _, it := range its {
		s := it.SpotOf()
		if !isNew(s) {
			continue
		}
		for y := s.c0y; y <= s.c1y; y++ {
			for x := s.c0x; x <= s.c1x; x++ {
				c := at(x, y)
				all[next[c]] = it
				next[c]++
			}
		}
	}
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := at(x, y)
			if a, b := start[c], start[c+1]; b > a {
				g.addRun(key(x, y), all[a:b])
			}
		}
	}
}

// fillSorted sorts the new items into their cells by sorting (cell, item)
// pairs: for items spread so thinly (a few far from the rest) that
// counting over every cell between them would cost more.
func (g *Grid[T]) fillSorted(its []T, isNew func(*Spot) bool, entries int) {
	type entry struct {
		k uint64
		i int32
	}
	es := make([]entry, 0, entries)
	for i, it := range its {
		s := it.SpotOf()
		if !isNew(s) {
			continue
		}
		for y := s.c0y; y <= s.c1y; y++ {
			for x := s.c0x; x <= s.c1x; x++ {
				es = append(es, entry{key(x, y), int32(i)})
			}
		}
	}
	// By cell, then in the order given, as Insert one by one would list them.
	slices.SortFunc(es, func(a, b entry) int {
		if c := cmp.Compare(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	all := make([]T, len(es))
	for j, e := range es {
		all[j] = its[e.i]
	}
	for a := 0; a < len(es); {
		b := a + 1
		for b < len(es) && es[b].k == es[a].k {
			b++
		}
		g.addRun(es[a].k, all[a:b])
		a = b
	}
}

// Remove takes it out of the grid, if it is there.
func (g *Grid[T]) Remove(it T) {
	s := it.SpotOf()
	if !s.filed {
		return
	}
	s.filed = false
	g.n--
	if s.wide {
		delete(g.wide, it)
		return
	}
	for x := s.c0x; x <= s.c1x; x++ {
		for y := s.c0y; y <= s.c1y; y++ {
			k := key(x, y)
			list := g.cells[k]
			for i, o := range list {
				if o.SpotOf() == s {
					last := len(list) - 1
					list[i] = list[last]
					var zero T
					list[last] = zero
					list = list[:last]
					break
				}
			}
			if len(list) == 0 {
				delete(g.cells, k)
			} else {
				g.cells[k] = list
			}
		}
	}
}

// nextMark starts a query: a new mark that no item carries yet.
func (g *Grid[T]) nextMark() uint32 {
	g.mark++
	if g.mark == 0 { // wrapped: clear every mark so none is taken as seen
		for _, list := range g.cells {
			for _, it := range list {
				it.SpotOf().mark = 0
			}
		}
		for it := range g.wide {
			it.SpotOf().mark = 0
		}
		g.mark = 1
	}
	return g.mark
}

// Query calls fn once for every item whose filed rectangle meets r
// (touching counts, as in Rect.Intersects), in no promised order. fn must
// not insert into or remove from g.
func (g *Grid[T]) Query(r Rect, fn func(T)) {
	g.QueryUntil(r, func(it T) bool { fn(it); return true })
}

// QueryUntil is Query that stops as soon as fn returns false, for a
// caller that only needs to know whether something is there. It reports
// whether it went through every item.
func (g *Grid[T]) QueryUntil(r Rect, fn func(T) bool) bool {
	_, complete := g.QueryLimit(r, -1, fn)
	return complete
}

// QueryLimit is QueryUntil that also stops once it has looked at limit
// items (counting those outside r in the cells it went through, and
// those met again in another cell), for a caller that must bound its
// work whatever the items are: a pile of large items in the same cells
// costs a query their number in every cell. A negative limit is none.
// It returns how many items it looked at, and whether it went through
// every item.
func (g *Grid[T]) QueryLimit(r Rect, limit int, fn func(T) bool) (looked int, complete bool) {
	mark := g.nextMark()
	// see looks at one item; false means stop.
	see := func(it T) bool {
		if looked == limit {
			return false
		}
		looked++
		s := it.SpotOf()
		if s.mark == mark {
			return true
		}
		s.mark = mark
		return !s.r.Intersects(r) || fn(it)
	}
	if g.bounded {
		x0, y0 := max(g.cellOf(r.X), g.min[0]), max(g.cellOf(r.Y), g.min[1])
		x1, y1 := min(g.cellOf(r.Right()), g.max[0]), min(g.cellOf(r.Bottom()), g.max[1])
		if x0 <= x1 && y0 <= y1 && int64(x1-x0+1)*int64(y1-y0+1) > int64(4*len(g.cells)+64) {
			// Far more cells in range than in use (cards at opposite ends
			// of a board, seen whole): go through the cells in use. Small
			// queries never come here, so a hit test sees its items in a
			// fixed order.
			for _, list := range g.cells {
				for _, it := range list {
					if !see(it) {
						return looked, false
					}
				}
			}
			x1 = x0 - 1 // done with the cells
		}
		for x := x0; x <= x1; x++ {
			for y := y0; y <= y1; y++ {
				for _, it := range g.cells[key(x, y)] {
					if !see(it) {
						return looked, false
					}
				}
			}
		}
	}
	for it := range g.wide {
		if !see(it) {
			return looked, false
		}
	}
	return looked, true
}
