package layout

import (
	"cmp"
	"container/heap"
	"math"
	"slices"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// maxChecks bounds the spots tried around a card before it looks
// straight past the crowd (ray): the search stays cheap in a crowd.
const maxChecks = 64

// placedBox is a rectangle filed in the placement grid, grown by half the
// gap on every side, so that two boxes that do not meet leave Gap between
// their cards.
type placedBox struct{ geom.Spot }

func (p *placedBox) SpotOf() *geom.Spot { return &p.Spot }

// placer finds, for a card's rectangle, the free spot nearest to it among
// the rectangles already placed.
type placer struct {
	grid   *geom.Grid[*placedBox]
	bottom float64 // the lowest edge (greatest y) of any grown box filed
	near   []geom.Rect
	// seen and queue are find's, kept between calls so that placing a
	// thousand cards does not make a thousand maps.
	seen  map[[2]float64]bool
	queue candidates
}

func newPlacer(cell float64) *placer {
	return &placer{grid: geom.NewGrid[*placedBox](cell), bottom: math.Inf(-1), seen: map[[2]float64]bool{}}
}

const half = Gap / 2

// add files r (a card's or block's rectangle) as taken.
func (p *placer) add(r geom.Rect) {
	g := r.Grow(half)
	p.grid.Insert(&placedBox{}, g)
	p.bottom = math.Max(p.bottom, g.Bottom())
}

// blockers returns the grown boxes that r, grown, would meet.
func (p *placer) blockers(r geom.Rect) []geom.Rect {
	p.near = p.near[:0]
	p.grid.Query(r.Grow(half), func(b *placedBox) { p.near = append(p.near, b.Rect()) })
	return p.near
}

// candidate is a spot to try: its top-left corner and how far it is from
// the one wanted.
type candidate struct {
	x, y, dist float64
}

type candidates []candidate

func (h candidates) Len() int { return len(h) }
func (h candidates) Less(i, j int) bool {
	a, b := h[i], h[j]
	if a.dist != b.dist {
		return a.dist < b.dist
	}
	if a.y != b.y {
		return a.y < b.y
	}
	return a.x < b.x
}
func (h candidates) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *candidates) Push(x any)   { *h = append(*h, x.(candidate)) }
func (h *candidates) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// find returns want moved to the nearest spot where it meets nothing
// placed: it tries want, then the spots just beside (left, right, above,
// below) each box in the way, nearest first, and so on from those. With
// vertOnly it moves only up and down; it never puts the top above minTop.
// The order the grid returns boxes in does not matter: every spot is
// tried in order of distance, then position.
func (p *placer) find(want geom.Rect, vertOnly bool, minTop float64) geom.Rect {
	if want.Y < minTop {
		want.Y = math.Ceil(minTop)
	}
	at := func(x, y float64) geom.Rect { return geom.Rect{X: x, Y: y, W: want.W, H: want.H} }
	p.queue = append(p.queue[:0], candidate{x: want.X, y: want.Y})
	h := &p.queue
	clear(p.seen)
	seen := p.seen
	seen[[2]float64{want.X, want.Y}] = true
	push := func(x, y float64) {
		k := [2]float64{x, y}
		if seen[k] || y < minTop {
			return
		}
		seen[k] = true
		heap.Push(h, candidate{x, y, (x-want.X)*(x-want.X) + (y-want.Y)*(y-want.Y)})
	}
	for checks := 0; h.Len() > 0 && checks < maxChecks; checks++ {
		c := heap.Pop(h).(candidate)
		r := at(c.x, c.y)
		in := p.blockers(r)
		if len(in) == 0 {
			return r
		}
		for _, b := range in {
			// Just clear of b: the grown boxes must not even touch
			// (geom.Rect counts touching as meeting).
			push(c.x, math.Ceil(b.Y-half-r.H)-1)
			push(c.x, math.Floor(b.Bottom()+half)+1)
			if !vertOnly {
				push(math.Ceil(b.X-half-r.W)-1, c.y)
				push(math.Floor(b.Right()+half)+1, c.y)
			}
		}
	}
	// In a crowd the nearest free spot is past its edge: go straight
	// left, right, up and down past whatever is in the way, and take the
	// nearest of the four.
	best, bestD := geom.Rect{}, math.Inf(1)
	for dir := 0; dir < 4; dir++ {
		if vertOnly && dir < 2 {
			continue
		}
		r, ok := p.ray(want, dir, minTop)
		if !ok {
			continue
		}
		if d := (r.X-want.X)*(r.X-want.X) + (r.Y-want.Y)*(r.Y-want.Y); d < bestD {
			best, bestD = r, d
		}
	}
	if bestD < math.Inf(1) {
		return best
	}
	// Below everything placed there is always room.
	return at(want.X, math.Max(math.Floor(p.bottom+half)+1, want.Y))
}

// maxRaySteps bounds the boxes a ray jumps past.
const maxRaySteps = 512

// ray moves r in one direction (0 left, 1 right, 2 up, 3 down), each step
// just past the boxes in its way, until it meets nothing; ok is false if
// that takes more than maxRaySteps or goes above minTop.
func (p *placer) ray(r geom.Rect, dir int, minTop float64) (geom.Rect, bool) {
	for step := 0; step < maxRaySteps; step++ {
		in := p.blockers(r)
		if len(in) == 0 {
			return r, true
		}
		for _, b := range in {
			switch dir {
			case 0:
				r.X = math.Min(r.X, math.Ceil(b.X-half-r.W)-1)
			case 1:
				r.X = math.Max(r.X, math.Floor(b.Right()+half)+1)
			case 2:
				r.Y = math.Min(r.Y, math.Ceil(b.Y-half-r.H)-1)
			case 3:
				r.Y = math.Max(r.Y, math.Floor(b.Bottom()+half)+1)
			}
		}
		if r.Y < minTop {
			return r, false
		}
	}
	return r, false
}

// at is the block's rectangle where the layout has it now.
func (b *block) at() geom.Rect {
	return geom.Rect{X: b.cx - b.box.W/2, Y: b.cy - b.box.H/2, W: b.box.W, H: b.box.H}
}

// place removes the overlaps: every block in obstacles stays, and each
// block in movable, from the middle of the layout outwards, takes the
// free spot nearest to where the forces left it.
func (t *tidier) place(movable, obstacles []*block, minTop float64) {
	p := newPlacer(4 * t.typ)
	for _, o := range obstacles {
		p.add(o.at())
	}
	if len(movable) == 0 {
		return
	}
	var mx, my float64
	for _, b := range movable {
		mx += b.cx
		my += b.cy
	}
	mx /= float64(len(movable))
	my /= float64(len(movable))
	order := slices.Clone(movable)
	dist := func(b *block) float64 { return (b.cx-mx)*(b.cx-mx) + (b.cy-my)*(b.cy-my) }
	slices.SortFunc(order, func(a, b *block) int {
		if c := cmp.Compare(dist(a), dist(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for _, b := range order {
		want := b.at()
		want.X, want.Y = math.Round(want.X), math.Round(want.Y)
		if b.lockX {
			want.X = b.cx - b.box.W/2 // its column is its date
		}
		got := p.find(want, b.lockX, minTop)
		b.cx, b.cy = got.Centre()
		p.add(got)
	}
}

// tidyGroup moves a group's members apart where they overlap and grows
// its frame to hold them all with a margin; the block's box becomes the
// frame's.
func (t *tidier) tidyGroup(b *block) {
	frame, members := b.cards[0], b.cards[1:]
	var mx, my float64
	for _, ci := range members {
		x, y := t.rects[ci].Centre()
		mx += x
		my += y
	}
	mx /= float64(len(members))
	my /= float64(len(members))
	order := slices.Clone(members)
	dist := func(ci int) float64 {
		x, y := t.rects[ci].Centre()
		return (x-mx)*(x-mx) + (y-my)*(y-my)
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(dist(a), dist(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	p := newPlacer(4 * math.Max(t.rects[order[0]].W, data.MinCardSize))
	var inner geom.Rect
	for k, ci := range order {
		r := t.rects[ci]
		if k > 0 { // the middle one stays where it is
			r = p.find(geom.Rect{X: math.Round(r.X), Y: math.Round(r.Y), W: r.W, H: r.H}, false, math.Inf(-1))
		}
		t.rects[ci] = r
		p.add(r)
		if k == 0 {
			inner = r
		} else {
			inner = inner.Union(r)
		}
	}
	want := geom.Rect{X: inner.X - groupPad, Y: inner.Y - groupPadTop,
		W: inner.W + 2*groupPad, H: inner.H + groupPad + groupPadTop}
	f := t.rects[frame].Union(want)
	f.W, f.H = math.Min(f.W, data.MaxCardSize), math.Min(f.H, data.MaxCardSize)
	t.rects[frame] = f
	b.box = f.Union(inner)
}

// byDate lays the dated blocks out left to right in date order, in
// columns (one per date), each moving only up and down; then the undated
// blocks below them.
func (t *tidier) byDate(movable []*block) {
	var dated, undated []*block
	for _, b := range movable {
		if b.dated && len(b.cards) == 1 {
			dated = append(dated, b)
		} else {
			undated = append(undated, b)
		}
	}
	fixed := t.fixedBlocks()
	if len(dated) == 0 {
		t.jitter(undated)
		t.relax(undated, nil, math.Inf(-1))
		t.separate(undated, nil, math.Inf(-1))
		t.place(undated, fixed, math.Inf(-1))
		return
	}
	slices.SortStableFunc(dated, func(a, b *block) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	// One column per date, each as wide as its widest card, side by side
	// from the left of the cards being tidied; cards of one date stack
	// in their column.
	left := math.Inf(1)
	for _, b := range movable {
		left = math.Min(left, b.box.X)
	}
	x, colW, start := left, 0.0, 0
	for k := 0; k <= len(dated); k++ {
		if k == len(dated) || k > 0 && dated[k].date.Compare(dated[k-1].date) != 0 {
			for _, b := range dated[start:k] {
				b.cx, b.lockX = math.Round(x+colW/2), true
			}
			if k == len(dated) {
				break
			}
			x += colW + Gap + 1
			colW, start = 0, k
		}
		colW = math.Max(colW, dated[k].box.W)
	}
	// On one line (the overlap removal stacks a column's cards): a
	// timeline reads along its axis, and the links of dated cards pull
	// the undated ones below rather than the dated ones apart.
	var line float64
	for _, b := range dated {
		line += b.cy
	}
	line = math.Round(line / float64(len(dated)))
	for _, b := range dated {
		b.cy = line
	}
	t.place(dated, fixed, math.Inf(-1))

	if len(undated) == 0 {
		return
	}
	band := math.Inf(-1)
	for _, b := range dated {
		band = math.Max(band, b.cy+b.box.H/2)
	}
	minTop := math.Ceil(band + Gap)
	top := math.Inf(1)
	for _, b := range undated {
		top = math.Min(top, b.cy-b.box.H/2)
	}
	for _, b := range undated {
		b.cy += math.Max(0, minTop-top)
	}
	t.jitter(undated)
	t.relax(undated, dated, minTop)
	t.separate(undated, dated, minTop)
	t.place(undated, append(fixed, dated...), minTop)
}
