// Package layout tidies a board: an automatic layout of every card, or of
// a chosen few, that untangles the links and leaves no two cards
// overlapping. It knows cards and links, not screens or files: the board's
// shell and the `evidenceboard layout` command turn its result into one
// data.Change.
//
// How it works, in three steps, each deterministic (the same cards and
// links, in any order, give the same positions):
//
//  1. Force-directed relaxation (Fruchterman–Reingold): links pull the
//     cards they join, cards near each other push apart. Only cards within
//     a few card sizes of each other push, found through a geom.Grid, so an
//     iteration costs about the number of cards (times their neighbours)
//     rather than its square, and the number of iterations is bounded.
//  2. With ByDate, dated cards are first given their place along x in the
//     order of their dates (cards of the same date share a column), and
//     only move up and down; the undated cards are then laid out below
//     them.
//  3. Overlap removal, in two passes. First the cards that overlap are
//     pushed apart a few times, each half the overlap (separate): the
//     forces leave linked cards nearer than their sizes. Then, from the
//     middle of the layout outwards, each card that moves takes the free
//     spot nearest to where it is (a search of the spots beside the cards
//     in the way, then straight past the crowd in each direction, in a
//     geom.Grid), so that afterwards no two cards overlap, with a gap
//     between them.
//
// Pinned cards (data.Card.Pinned), and the cards outside the set being
// tidied, stay put: they pull and push the others, and the others are laid
// out around them.
//
// Groups (data.KindGroup) move as one block with their members: a
// group's frame and its cards translate together, so the group keeps
// holding what it held. Inside a group that is tidied, members that
// overlap are moved apart (the same overlap removal, among the members
// only) and the frame grows to hold them all; the members are not laid
// out again relative to each other, because the person who grouped them
// arranged them. A group one of whose cards is pinned stays put whole.
package layout

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// Gap is the space, in board units, that tidying leaves at least between
// two cards it moves (and between such a card and any other).
const Gap = 60

// Group frame margins: the space a tidied group keeps around its members,
// more at the top for the group's title; the margins "Group selected
// cards" gives a new frame (app/groups.go), so a tidied group looks like
// a new one.
const (
	groupPad    = 30
	groupPadTop = 50
)

// Options says what to tidy and how.
type Options struct {
	// Only, when not nil, is the set of card IDs to tidy (a selection);
	// every other card stays put. Nil tidies the whole board. A group in
	// the set brings its members, and a member brings its group.
	Only []string
	// ByDate lays dated cards out left to right in the order of their
	// dates, undated cards below them.
	ByDate bool
	// Seed seeds the small jitter that separates cards stacked at one
	// spot; the same seed gives the same layout.
	Seed uint64
}

// Move is a card's new place (and, for a group frame that grew to hold
// its members, its new size).
type Move struct {
	ID            string
	X, Y          float64
	Width, Height float64
}

// Result is what tidying decided.
type Result struct {
	// Moves are the cards that move, sorted by ID.
	Moves []Move
	// Tidied is how many cards were asked to be tidied (whether they
	// moved or not), Pinned how many of them stayed put because they, or
	// a card of their group, are pinned.
	Tidied, Pinned int
}

// Summary says what happened, for a person: "laid out 41 cards (38
// moved); 3 pinned stayed put".
func (r Result) Summary() string {
	cards := func(n int) string {
		if n == 1 {
			return "1 card"
		}
		return fmt.Sprintf("%d cards", n)
	}
	s := fmt.Sprintf("laid out %s (%d moved)", cards(r.Tidied-r.Pinned), len(r.Moves))
	if r.Pinned > 0 {
		s += fmt.Sprintf("; %d pinned stayed put", r.Pinned)
	}
	return s
}

// Change builds the one change that makes r on the board m as it is now:
// cards deleted since the layout was computed are left out. Its label is
// "Tidy".
func (r Result) Change(m *data.Model) data.Change {
	ch := data.Change{Label: "Tidy"}
	for _, mv := range r.Moves {
		c := m.Cards[mv.ID]
		if c == nil {
			continue
		}
		cc := c.Clone()
		cc.X, cc.Y, cc.Width, cc.Height = mv.X, mv.Y, mv.Width, mv.Height
		ch.PutCards = append(ch.PutCards, cc)
	}
	return ch
}

// Cards returns the cards and links of m as Tidy takes them: copies,
// which Tidy may read off the thread that owns m.
func Cards(m *data.Model) ([]data.Card, []data.Link) {
	cards := make([]data.Card, 0, len(m.Cards))
	for _, c := range m.Cards {
		cards = append(cards, *c)
	}
	links := make([]data.Link, 0, len(m.Links))
	for _, l := range m.Links {
		links = append(links, *l)
	}
	return cards, links
}

// block is what the layout moves: one card, or a group's frame with its
// members. Its box is the rectangle holding all of them.
type block struct {
	geom.Spot
	i     int   // index in the layout's blocks
	cards []int // indices in the sorted cards; a group's frame first
	box   geom.Rect
	fixed bool
	dated bool
	date  data.Date
	// cx, cy is the centre the layout gives the box; r is half its
	// diagonal, its size as the forces see it.
	cx, cy, r float64
	lockX     bool // by date: only y moves
}

// SpotOf is where a grid keeps the block.
func (b *block) SpotOf() *geom.Spot { return &b.Spot }

type tidier struct {
	cards  []data.Card
	rects  []geom.Rect // each card's rectangle as it will be (groups tidied inside)
	blocks []*block
	edges  []edge
	typ    float64 // a typical block's r
	// blockOf is the block of each card.
	blockOf []int
	rnd     *rand.Rand
}

// edge is a pull between two blocks: their links, and quotes' speaker
// and source references, counted.
type edge struct {
	a, b int
	w    float64
}

// Tidy lays out cards (joined by links) as opt asks and returns where the
// cards that move go. The order of cards and links does not matter.
func Tidy(cards []data.Card, links []data.Link, opt Options) Result {
	t := &tidier{cards: slices.Clone(cards)}
	slices.SortFunc(t.cards, func(a, b data.Card) int { return cmp.Compare(a.ID, b.ID) })
	seed := opt.Seed
	if seed == 0 {
		seed = 1
	}
	t.rnd = rand.New(rand.NewPCG(seed, 0x5eed1a70))
	index := make(map[string]int, len(t.cards))
	t.rects = make([]geom.Rect, len(t.cards))
	for i := range t.cards {
		c := &t.cards[i]
		index[c.ID] = i
		t.rects[i] = geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height}
	}
	res := Result{}
	asked := t.buildBlocks(index, opt.Only)
	for _, b := range t.blocks {
		if !asked[b.i] {
			continue
		}
		res.Tidied += len(b.cards)
		if b.fixed {
			res.Pinned += len(b.cards)
		}
	}
	t.buildEdges(index, links)
	for _, b := range t.blocks {
		if !b.fixed && len(b.cards) > 1 {
			t.tidyGroup(b)
		}
	}
	for _, b := range t.blocks {
		b.cx, b.cy = b.box.Centre()
		b.r = math.Hypot(b.box.W, b.box.H) / 2
	}
	t.typ = t.typicalR()

	var movable []*block
	for _, b := range t.blocks {
		if !b.fixed {
			movable = append(movable, b)
		}
	}
	if opt.ByDate {
		t.byDate(movable)
	} else {
		t.jitter(movable)
		t.relax(movable, nil, math.Inf(-1))
		t.separate(movable, nil, math.Inf(-1))
		t.place(movable, t.fixedBlocks(), math.Inf(-1))
	}

	for _, b := range movable {
		// Whole units: a block moves by a round number, so a group's
		// cards keep their places inside it to the bit.
		ox, oy := b.box.Centre()
		dx, dy := math.Round(b.cx-ox), math.Round(b.cy-oy)
		for _, ci := range b.cards {
			c := &t.cards[ci]
			r := t.rects[ci]
			x, y := clampCorner(r.X+dx, r.W), clampCorner(r.Y+dy, r.H)
			if x != c.X || y != c.Y || r.W != c.Width || r.H != c.Height {
				res.Moves = append(res.Moves, Move{ID: c.ID, X: x, Y: y, Width: r.W, Height: r.H})
			}
		}
	}
	slices.SortFunc(res.Moves, func(a, b Move) int { return cmp.Compare(a.ID, b.ID) })
	return res
}

// clampCorner keeps a card's corner within what a board may hold; a layout
// of a board already near its edge could otherwise push a card past it.
func clampCorner(v, size float64) float64 {
	return math.Max(-data.MaxCoord, math.Min(data.MaxCoord-size, v))
}

// buildBlocks makes a block of each group and its members and of every
// other card, and returns which blocks were asked to be tidied.
func (t *tidier) buildBlocks(index map[string]int, only []string) map[int]bool {
	blockOf := make([]int, len(t.cards))
	for i := range blockOf {
		blockOf[i] = -1
	}
	newBlock := func(ci int) *block {
		b := &block{i: len(t.blocks), cards: []int{ci}, box: t.rects[ci]}
		t.blocks = append(t.blocks, b)
		blockOf[ci] = b.i
		return b
	}
	for i := range t.cards {
		if t.cards[i].Kind == data.KindGroup {
			newBlock(i)
		}
	}
	for i := range t.cards {
		c := &t.cards[i]
		if c.Kind == data.KindGroup {
			continue
		}
		if g, ok := index[c.Group]; ok && c.Group != "" && t.cards[g].Kind == data.KindGroup {
			b := t.blocks[blockOf[g]]
			b.cards = append(b.cards, i)
			b.box = b.box.Union(t.rects[i])
			blockOf[i] = b.i
			continue
		}
		b := newBlock(i)
		if d, ok := c.DateOf(); ok {
			b.dated, b.date = true, d
		}
	}
	asked := make(map[int]bool, len(t.blocks))
	if only == nil {
		for _, b := range t.blocks {
			asked[b.i] = true
		}
	} else {
		for _, id := range only {
			if ci, ok := index[id]; ok {
				asked[blockOf[ci]] = true
			}
		}
	}
	for _, b := range t.blocks {
		b.fixed = !asked[b.i]
		for _, ci := range b.cards {
			if t.cards[ci].Pinned {
				b.fixed = true
			}
		}
	}
	t.blockOf = blockOf
	return asked
}

// buildEdges turns links and quotes' references into pulls between
// different blocks, merged per pair, in a fixed order.
func (t *tidier) buildEdges(index map[string]int, links []data.Link) {
	w := map[[2]int]float64{}
	pull := func(from, to string) {
		a, okA := index[from]
		b, okB := index[to]
		if !okA || !okB {
			return
		}
		ba, bb := t.blockOf[a], t.blockOf[b]
		if ba == bb {
			return
		}
		if ba > bb {
			ba, bb = bb, ba
		}
		w[[2]int{ba, bb}]++
	}
	for i := range links {
		pull(links[i].From, links[i].To)
	}
	for i := range t.cards {
		c := &t.cards[i]
		if c.SpeakerID != "" {
			pull(c.ID, c.SpeakerID)
		}
		if c.SourceID != "" {
			pull(c.ID, c.SourceID)
		}
	}
	for k, v := range w {
		// Several links between two cards pull a little harder, not
		// several times as hard.
		t.edges = append(t.edges, edge{k[0], k[1], 1 + math.Log(v)})
	}
	slices.SortFunc(t.edges, func(x, y edge) int {
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
}

// typicalR is the median size of a block: what sets the grid's cells and
// how far cards push.
func (t *tidier) typicalR() float64 {
	if len(t.blocks) == 0 {
		return 100
	}
	rs := make([]float64, len(t.blocks))
	for i, b := range t.blocks {
		rs[i] = b.r
	}
	slices.Sort(rs)
	return math.Max(rs[len(rs)/2], data.MinCardSize)
}

func (t *tidier) fixedBlocks() []*block {
	var out []*block
	for _, b := range t.blocks {
		if b.fixed {
			out = append(out, b)
		}
	}
	return out
}

// jitter moves each block a little at random (seeded), so that cards
// stacked on one spot have a direction to part in.
func (t *tidier) jitter(bs []*block) {
	for _, b := range bs {
		if !b.lockX {
			b.cx += (t.rnd.Float64() - 0.5) * t.typ * 0.1
		}
		b.cy += (t.rnd.Float64() - 0.5) * t.typ * 0.1
	}
}

// maxIterations bounds the relaxation: enough for a board of a few
// thousand cards to settle; larger boards get fewer, down to minIterations,
// so that the cost stays about linear in the cards.
const (
	// gravity is how hard every moving card is pulled towards the middle
	// of the cards that move, per unit of distance.
	gravity       = 0.05
	gravityCards  = 25 // up to this many cards, the full gravity
	maxIterations = 120
	minIterations = 20
)

func iterations(n int) int {
	if n <= 2000 {
		return maxIterations
	}
	return max(minIterations, maxIterations*2000/n)
}
