package board

import "math"

// cellSize is the side of one cell of the spatial index, in board units:
// a little more than a large card, so most cards sit in one to four cells.
const cellSize = 400

// maxCells is how many cells one item may cover before the index keeps it
// on a list of its own that every query looks at (a link across the
// whole board, a huge card) rather than in every cell it crosses.
const maxCells = 256

// spot is what the index knows of one item: the rectangle it was filed
// under and the cells that covers.
type spot struct {
	r              rect
	c0x, c0y       int32 // first cell
	c1x, c1y       int32 // last cell
	filed, wide    bool  // in the index; on the wide list
	mark           uint32
	cellCount, pad int32
}

// spotter is an item the index can file: a card or a link.
type spotter interface {
	comparable
	spotOf() *spot
}

// grid is a uniform-grid spatial index of rectangles. Insert, remove and
// a query over a rectangle cost in proportion to the cells and items they
// touch, never the number of items in the index.
type grid[T spotter] struct {
	cells map[uint64][]T
	wide  map[T]struct{}
	mark  uint32
	n     int
	// the cells in use, to bound queries over huge rectangles
	min, max [2]int32
	bounded  bool
}

func newGrid[T spotter]() *grid[T] {
	return &grid[T]{cells: map[uint64][]T{}, wide: map[T]struct{}{}}
}

func cellOf(v float64) int32 {
	c := math.Floor(v / cellSize)
	return int32(math.Max(-1e9, math.Min(1e9, c)))
}

func key(x, y int32) uint64 { return uint64(uint32(x))<<32 | uint64(uint32(y)) }

// Len is the number of items filed.
func (g *grid[T]) Len() int { return g.n }

// insert files it under r; an item already filed is moved.
func (g *grid[T]) insert(it T, r rect) {
	s := it.spotOf()
	if s.filed {
		g.remove(it)
	}
	s.r = r
	s.c0x, s.c0y = cellOf(r.x), cellOf(r.y)
	s.c1x, s.c1y = cellOf(r.right()), cellOf(r.bottom())
	s.filed = true
	g.n++
	if !g.bounded {
		g.min, g.max, g.bounded = [2]int32{s.c0x, s.c0y}, [2]int32{s.c1x, s.c1y}, true
	} else {
		g.min = [2]int32{min(g.min[0], s.c0x), min(g.min[1], s.c0y)}
		g.max = [2]int32{max(g.max[0], s.c1x), max(g.max[1], s.c1y)}
	}
	if int64(s.c1x-s.c0x+1)*int64(s.c1y-s.c0y+1) > maxCells {
		s.wide = true
		g.wide[it] = struct{}{}
		return
	}
	s.wide = false
	for x := s.c0x; x <= s.c1x; x++ {
		for y := s.c0y; y <= s.c1y; y++ {
			k := key(x, y)
			g.cells[k] = append(g.cells[k], it)
		}
	}
}

// remove takes it out of the index, if it is there.
func (g *grid[T]) remove(it T) {
	s := it.spotOf()
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
				if o.spotOf() == s {
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

// query calls fn once for every item whose rectangle meets r.
func (g *grid[T]) query(r rect, fn func(T)) {
	g.mark++
	if g.mark == 0 { // wrapped: clear every mark so none is taken as seen
		for _, list := range g.cells {
			for _, it := range list {
				it.spotOf().mark = 0
			}
		}
		for it := range g.wide {
			it.spotOf().mark = 0
		}
		g.mark = 1
	}
	mark := g.mark
	visit := func(it T) {
		s := it.spotOf()
		if s.mark == mark {
			return
		}
		s.mark = mark
		if s.r.intersects(r) {
			fn(it)
		}
	}
	if g.bounded {
		x0, y0 := max(cellOf(r.x), g.min[0]), max(cellOf(r.y), g.min[1])
		x1, y1 := min(cellOf(r.right()), g.max[0]), min(cellOf(r.bottom()), g.max[1])
		for x := x0; x <= x1; x++ {
			for y := y0; y <= y1; y++ {
				for _, it := range g.cells[key(x, y)] {
					visit(it)
				}
			}
		}
	}
	for it := range g.wide {
		visit(it)
	}
}
