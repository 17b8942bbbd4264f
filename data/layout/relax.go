package layout

import (
	"cmp"
	"math"
	"slices"
)

// cells files the blocks' centres in square cells, as one slice sorted
// by cell (row, then column) and then by block: the blocks near a point
// are a few runs of it, found by binary search, always met in the same
// order, so the forces add up to the same bits whatever order the cards
// came in. It is rebuilt once an iteration, without allocating.
type cells struct {
	size    float64
	entries []cellEntry
}

type cellEntry struct {
	key uint64 // row and column, each offset to sort as unsigned
	b   *block
}

func (c *cells) coord(v float64) uint32 {
	return uint32(int32(math.Max(-1e9, math.Min(1e9, math.Floor(v/c.size))))) ^ 1<<31
}

func cellKey(row, col uint32) uint64 { return uint64(row)<<32 | uint64(col) }

func (c *cells) rebuild(bs []*block) {
	c.entries = c.entries[:0]
	for _, b := range bs {
		c.entries = append(c.entries, cellEntry{cellKey(c.coord(b.cy), c.coord(b.cx)), b})
	}
	slices.SortFunc(c.entries, func(x, y cellEntry) int {
		if d := cmp.Compare(x.key, y.key); d != 0 {
			return d
		}
		return cmp.Compare(x.b.i, y.b.i)
	})
}

// near calls fn for every block filed whose centre is in a cell that
// the square of half-side reach around (x, y) touches.
func (c *cells) near(x, y, reach float64, fn func(*block)) {
	r0, r1 := c.coord(y-reach), c.coord(y+reach)
	c0, c1 := c.coord(x-reach), c.coord(x+reach)
	for row := r0; row <= r1; row++ {
		lo, hi := cellKey(row, c0), cellKey(row, c1)
		k, _ := slices.BinarySearchFunc(c.entries, lo, func(e cellEntry, t uint64) int { return cmp.Compare(e.key, t) })
		for ; k < len(c.entries) && c.entries[k].key <= hi; k++ {
			fn(c.entries[k].b)
		}
		if row == math.MaxUint32 {
			break
		}
	}
}

// reach is how far a block pushes, as a multiple of the distance two
// blocks should keep (their sizes and the gap).
const reach = 1.5

// bigR is, as a multiple of a typical block's size, the size from which
// a block (a large group) is not filed in the cells but looked at by
// every block: the cells are sized for the typical ones.
const bigR = 1.5

// relax runs the force-directed layout on the movable blocks; the blocks
// in others (and every fixed block) push and pull them but do not move.
// No movable block's top goes above minTop.
//
// Each block is pushed by the blocks whose centres are within twice the
// distance they should keep (their sizes and the gap), found in cells of
// that size: an iteration costs the blocks times their neighbours, and
// there are at most maxIterations.
func (t *tidier) relax(movable, others []*block, minTop float64) {
	if len(movable) == 0 {
		return
	}
	isMovable := make([]bool, len(t.blocks))
	for _, b := range movable {
		isMovable[b.i] = true
	}
	active := make([]bool, len(t.blocks)) // takes part in the forces
	for _, b := range t.blocks {
		active[b.i] = b.fixed
	}
	for _, b := range others {
		active[b.i] = true
	}
	for _, b := range movable {
		active[b.i] = true
	}
	var small, big []*block
	for _, b := range t.blocks {
		switch {
		case !active[b.i]:
		case b.r > bigR*t.typ:
			big = append(big, b)
		default:
			small = append(small, b)
		}
	}
	// Within reach of a typical block: 2k for a pair of them.
	grid := &cells{size: reach * (2*t.typ + Gap)}

	// A weak pull towards the middle keeps parts that nothing links from
	// drifting apart.
	var mx, my float64
	for _, b := range movable {
		mx += b.cx
		my += b.cy
	}
	mx /= float64(len(movable))
	my /= float64(len(movable))

	dx := make([]float64, len(t.blocks))
	dy := make([]float64, len(t.blocks))
	iters := iterations(len(movable))
	temp0 := 2 * t.typ
	for it := 0; it < iters; it++ {
		clear(dx)
		clear(dy)
		grid.rebuild(small)
		for _, b := range movable {
			push := func(o *block) {
				if o == b {
					return
				}
				k := b.r + o.r + Gap
				vx, vy := b.cx-o.cx, b.cy-o.cy
				d2 := vx*vx + vy*vy
				if d2 >= reach*reach*k*k {
					return
				}
				d := math.Sqrt(d2)
				if d < 1e-6 {
					// Exactly on top of each other: part along a direction
					// fixed by the pair, not by chance.
					vx, vy = float64(b.i-o.i), 1
					d = math.Sqrt(vx*vx + vy*vy)
				}
				// Fading to nothing at 2k: cards that nothing links settle
				// near each other rather than at the edge of each other's
				// reach.
				f := k * k / d * (1 - d/(reach*k))
				dx[b.i] += vx / d * f
				dy[b.i] += vy / d * f
			}
			grid.near(b.cx, b.cy, reach*(b.r+bigR*t.typ+Gap), push)
			for _, o := range big {
				push(o)
			}
			dx[b.i] -= (b.cx - mx) * gravity
			dy[b.i] -= (b.cy - my) * gravity
		}
		for _, e := range t.edges {
			a, b := t.blocks[e.a], t.blocks[e.b]
			if !active[a.i] || !active[b.i] || (!isMovable[a.i] && !isMovable[b.i]) {
				continue
			}
			k := a.r + b.r + Gap
			vx, vy := a.cx-b.cx, a.cy-b.cy
			d := math.Sqrt(vx*vx + vy*vy)
			if d < 1e-6 {
				continue
			}
			f := d * d / k * e.w
			if isMovable[a.i] {
				dx[a.i] -= vx / d * f
				dy[a.i] -= vy / d * f
			}
			if isMovable[b.i] {
				dx[b.i] += vx / d * f
				dy[b.i] += vy / d * f
			}
		}
		temp := temp0 * (1 - float64(it)/float64(iters))
		for _, b := range movable {
			if b.lockX {
				dx[b.i] = 0
			}
			l := math.Sqrt(dx[b.i]*dx[b.i] + dy[b.i]*dy[b.i])
			if l < 1e-9 {
				continue
			}
			s := math.Min(l, temp) / l
			b.cx += dx[b.i] * s
			b.cy += dy[b.i] * s
			if top := b.cy - b.box.H/2; top < minTop {
				b.cy = minTop + b.box.H/2
			}
		}
	}
}
