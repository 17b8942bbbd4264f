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

// run returns the entries in row whose column is from c0 to c1.
func (c *cells) run(row, c0, c1 uint32) []cellEntry {
	lo, hi := cellKey(row, c0), cellKey(row, c1)
	find := func(key uint64) int {
		k, _ := slices.BinarySearchFunc(c.entries, key, func(e cellEntry, t uint64) int { return cmp.Compare(e.key, t) })
		return k
	}
	a := find(lo)
	b := a
	for b < len(c.entries) && c.entries[b].key <= hi {
		b++
	}
	return c.entries[a:b]
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

	// The pull on a blob's edge grows with its radius, the square root of
	// its cards: weaker per card on a larger board, or the middle of a
	// thousand cards would be crushed into a pile for the overlap removal.
	g := gravity * math.Sqrt(gravityCards/math.Max(gravityCards, float64(len(movable))))

	dx := make([]float64, len(t.blocks))
	dy := make([]float64, len(t.blocks))
	iters := iterations(len(movable))
	temp0 := 2 * t.typ
	for it := 0; it < iters; it++ {
		clear(dx)
		clear(dy)
		grid.rebuild(small)
		for _, b := range movable {
			fx, fy := 0.0, 0.0
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
				// Fading to nothing at the edge of reach: cards that
				// nothing links settle near each other rather than as far
				// apart as they push.
				f := k * k / d * (1 - d/(reach*k))
				fx += vx / d * f
				fy += vy / d * f
			}
			span := reach * (b.r + bigR*t.typ + Gap)
			r0, r1 := grid.coord(b.cy-span), grid.coord(b.cy+span)
			c0, c1 := grid.coord(b.cx-span), grid.coord(b.cx+span)
			for row := r0; row <= r1 && row >= r0; row++ { // row >= r0: no wrap past the last
				for _, e := range grid.run(row, c0, c1) {
					push(e.b)
				}
			}
			for _, o := range big {
				push(o)
			}
			dx[b.i] += fx
			dy[b.i] += fy
			dx[b.i] -= (b.cx - mx) * g
			dy[b.i] -= (b.cy - my) * g
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

// separatePasses bounds separate.
const separatePasses = 30

// separate pushes apart the movable blocks that overlap (with the gap),
// each pass moving every such block half the overlap along the axis
// where it is smaller (all of it when the other block stays put): the
// relaxation leaves linked cards nearer than their sizes, and the overlap
// removal afterwards is cheaper and keeps the shape better when it has
// little left to do.
func (t *tidier) separate(movable, others []*block, minTop float64) {
	if len(movable) == 0 {
		return
	}
	isMovable := make([]bool, len(t.blocks))
	for _, b := range movable {
		isMovable[b.i] = true
	}
	active := make([]bool, len(t.blocks))
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
	grid := &cells{size: 2*t.typ + Gap}
	dx := make([]float64, len(t.blocks))
	dy := make([]float64, len(t.blocks))
	for pass := 0; pass < separatePasses; pass++ {
		clear(dx)
		clear(dy)
		grid.rebuild(small)
		moved := false
		for _, b := range movable {
			hw, hh := b.box.W/2+half, b.box.H/2+half
			fx, fy := 0.0, 0.0
			push := func(o *block) {
				if o == b {
					return
				}
				ox := hw + o.box.W/2 + half - math.Abs(b.cx-o.cx)
				oy := hh + o.box.H/2 + half - math.Abs(b.cy-o.cy)
				if ox <= 0 || oy <= 0 {
					return
				}
				share := 0.5
				if !isMovable[o.i] {
					share = 1
				}
				if ox < oy && !b.lockX {
					if b.cx < o.cx || b.cx == o.cx && b.i < o.i {
						ox = -ox
					}
					fx += ox * share
				} else {
					if b.cy < o.cy || b.cy == o.cy && b.i < o.i {
						oy = -oy
					}
					fy += oy * share
				}
			}
			span := b.r + bigR*t.typ + Gap
			r0, r1 := grid.coord(b.cy-span), grid.coord(b.cy+span)
			c0, c1 := grid.coord(b.cx-span), grid.coord(b.cx+span)
			for row := r0; row <= r1 && row >= r0; row++ {
				for _, e := range grid.run(row, c0, c1) {
					push(e.b)
				}
			}
			for _, o := range big {
				push(o)
			}
			dx[b.i], dy[b.i] = fx, fy
			moved = moved || fx != 0 || fy != 0
		}
		if !moved {
			return
		}
		for _, b := range movable {
			b.cx += dx[b.i]
			b.cy += dy[b.i]
			if top := b.cy - b.box.H/2; top < minTop {
				b.cy = minTop + b.box.H/2
			}
		}
	}
}
