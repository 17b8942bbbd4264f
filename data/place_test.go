package data

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"evidenceboard/data/cputime"
)

// placeScene is a merge's placement problem: the cards already on the
// merged board and the new cards theirs brings.
type placeScene struct {
	name       string
	mine, adds func() []Card
}

// generated returns n cards of a generated board, their IDs prefixed so
// that two generated boards do not share cards.
func generated(n int, seed int64, prefix string) []Card {
	_, ch := Generate(n, seed)
	for i := range ch.PutCards {
		ch.PutCards[i].ID = prefix + ch.PutCards[i].ID
		ch.PutCards[i].SpeakerID, ch.PutCards[i].SourceID = "", ""
	}
	return ch.PutCards
}

// pile returns n cards at one spot, as a hostile board may have them.
func pile(n int, w, h float64) []Card {
	cs := make([]Card, n)
	for i := range cs {
		cs[i] = Card{ID: fmt.Sprintf("pile-%06d", i), Kind: KindNote, X: 100, Y: 100, Width: w, Height: h}
	}
	return cs
}

// withWide makes every k-th card of cs as wide as a card may be.
func withWide(cs []Card, k int) []Card {
	for i := 0; i < len(cs); i += k {
		cs[i].X -= MaxCardSize / 2
		cs[i].Width = MaxCardSize
	}
	return cs
}

func placeScenes(n int) []placeScene {
	return []placeScene{
		// Theirs' whole board is new, laid over a board of mine.
		{"spread", func() []Card { return generated(n/10, 7, "m-") }, func() []Card { return generated(n, 8, "t-") }},
		// Every new card at one spot: each must go below the last.
		{"pile", func() []Card { return generated(100, 7, "m-") }, func() []Card { return pile(n, 200, 50) }},
		// One card in a hundred as wide as a card may be.
		{"wide", func() []Card { return generated(n/10, 7, "m-") }, func() []Card { return withWide(generated(n, 8, "t-"), 100) }},
		// Giants: every card as big as a card may be, piled up.
		{"giants", func() []Card { return generated(100, 7, "m-") }, func() []Card { return pile(n/10, MaxCardSize, MaxCardSize) }},
	}
}

// runPlace places adds on a board holding mine and returns the merger.
func runPlace(mine, adds []Card) *merger {
	p := &merger{rep: &MergeReport{}, final: make(map[string]*Card, len(mine)+len(adds))}
	for i := range mine {
		p.final[mine[i].ID] = &mine[i]
	}
	ptrs := make([]*Card, len(adds))
	for i := range adds {
		ptrs[i] = &adds[i]
		p.final[adds[i].ID] = &adds[i]
	}
	p.placeAdds(ptrs)
	return p
}

// BenchmarkPlace100k places 100,000 new cards (10,000 giants) in each of
// the scenes above. The aim is under 5 s for each. cpu-ns/op is the CPU
// time the process spent placing (garbage collection included): on a
// busy machine it is the steadier figure.
func BenchmarkPlace100k(b *testing.B) {
	for _, sc := range placeScenes(100_000) {
		b.Run(sc.name, func(b *testing.B) {
			var cpu time.Duration
			measured := true
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				mine, adds := sc.mine(), sc.adds()
				t0, ok0 := cputime.Used()
				b.StartTimer()
				runPlace(mine, adds)
				b.StopTimer()
				t1, ok1 := cputime.Used()
				cpu += t1 - t0
				measured = measured && ok0 && ok1
				b.StartTimer()
			}
			if measured {
				b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// TestPlaceAddsNoOverlap checks, for each scene, that no new card
// overlaps any other card of the merged board, unless it had to stay
// where it was for want of room below, and that cards only ever move
// straight down.
func TestPlaceAddsNoOverlap(t *testing.T) {
	for _, sc := range placeScenes(3000) {
		t.Run(sc.name, func(t *testing.T) {
			mine, adds := sc.mine(), sc.adds()
			orig := map[string]Card{}
			for _, c := range adds {
				orig[c.ID] = c
			}
			p := runPlace(mine, adds)
			if len(p.rep.Added) != len(adds) {
				t.Fatalf("%d cards reported added, want %d", len(p.rep.Added), len(adds))
			}
			var all []*Card
			for _, c := range p.final {
				all = append(all, c)
				if o, ok := orig[c.ID]; ok {
					if c.X != o.X || c.Y < o.Y {
						t.Fatalf("card %s moved from (%v,%v) to (%v,%v): not straight down", c.ID, o.X, o.Y, c.X, c.Y)
					}
				}
			}
			isMine := map[string]bool{}
			for _, c := range mine {
				isMine[c.ID] = true
			}
			// Sweep by x so the check is not quadratic.
			sort.Slice(all, func(i, j int) bool { return all[i].X < all[j].X })
			for i, a := range all {
				for _, o := range all[i+1:] {
					if o.X >= a.X+a.Width {
						break
					}
					if !overlaps(a, o) || (isMine[a.ID] && isMine[o.ID]) {
						continue
					}
					if !pileFull(a, o) {
						t.Fatalf("cards %s (%v,%v %v×%v) and %s (%v,%v %v×%v) overlap", a.ID, a.X, a.Y, a.Width, a.Height, o.ID, o.X, o.Y, o.Width, o.Height)
					}
				}
			}
		})
	}
}

// pileFull reports whether a or b is a giant of the giants scene left in
// the pile once the column below it was full: a column 1e7 high holds
// only a hundred of them.
func pileFull(a, b *Card) bool {
	giant := func(c *Card) bool { return c.Width == MaxCardSize && c.Height == MaxCardSize && c.Y == 100 }
	return giant(a) || giant(b)
}

// TestPlaceAddsMovesDown checks the placement of a few cards by hand.
func TestPlaceAddsMovesDown(t *testing.T) {
	tests := []struct {
		name  string
		mine  []Card
		adds  []Card
		wantY map[string]float64
	}{
		{
			"clear of everything",
			[]Card{{ID: "m", X: 0, Y: 0, Width: 100, Height: 50}},
			[]Card{{ID: "t", X: 200, Y: 0, Width: 100, Height: 50}},
			map[string]float64{"t": 0},
		},
		{
			"below the card it overlaps",
			[]Card{{ID: "m", X: 0, Y: 0, Width: 100, Height: 50}},
			[]Card{{ID: "t", X: 50, Y: 10, Width: 100, Height: 50}},
			map[string]float64{"t": 50 + mergeGap},
		},
		{
			"below the lower of two",
			[]Card{{ID: "m1", X: 0, Y: 0, Width: 100, Height: 50}, {ID: "m2", X: 120, Y: 20, Width: 100, Height: 100}},
			[]Card{{ID: "t", X: 50, Y: 10, Width: 100, Height: 50}},
			map[string]float64{"t": 120 + mergeGap},
		},
		{
			"touching is not overlapping",
			[]Card{{ID: "m", X: 0, Y: 0, Width: 100, Height: 50}},
			[]Card{{ID: "t", X: 100, Y: 0, Width: 100, Height: 50}},
			map[string]float64{"t": 0},
		},
		{
			"new cards clear of each other in order of position",
			nil,
			[]Card{{ID: "b", X: 0, Y: 0, Width: 100, Height: 50}, {ID: "a", X: 0, Y: 0, Width: 100, Height: 50}, {ID: "c", X: 0, Y: 30, Width: 100, Height: 50}},
			map[string]float64{"a": 0, "b": 50 + mergeGap, "c": 2 * (50 + mergeGap)},
		},
		{
			"no room below: left where it was",
			[]Card{{ID: "m", X: 0, Y: MaxCoord - 100, Width: 100, Height: 100}},
			[]Card{{ID: "t", X: 0, Y: MaxCoord - 150, Width: 100, Height: 100}},
			map[string]float64{"t": MaxCoord - 150},
		},
	}
	for _, tc := range tests {
		p := runPlace(tc.mine, tc.adds)
		for id, y := range tc.wantY {
			if got := p.final[id].Y; got != y {
				t.Errorf("%s: card %s at y=%v, want %v", tc.name, id, got, y)
			}
		}
	}
}

// TestPlaceAddsPileIsLinear checks that a pile of new cards ends up as a
// column, each card below the one before, whatever the number of moves
// the placement takes for each.
func TestPlaceAddsPileIsLinear(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	adds := pile(2000, 200, 40)
	for i := range adds {
		adds[i].Height = 20 + float64(rnd.IntN(80))
	}
	p := runPlace(nil, adds)
	var ys []float64
	for _, c := range p.final {
		ys = append(ys, c.Y)
	}
	sort.Float64s(ys)
	for i := 1; i < len(ys); i++ {
		if ys[i]-ys[i-1] < 20+mergeGap {
			t.Fatalf("cards at y=%v and y=%v in a pile of cards at least %v high", ys[i-1], ys[i], 20)
		}
	}
}

// PlaceClear puts a card on a free spot at or below where it was asked
// for, among cards of any size.
func TestPlaceClear(t *testing.T) {
	m := NewModel(Board{})
	m.Apply(Change{PutCards: []Card{
		{ID: "a", Kind: KindNote, X: 0, Y: 0, Width: 200, Height: 100},
		{ID: "b", Kind: KindNote, X: 0, Y: 120, Width: 200, Height: 100},
		{ID: "wide", Kind: KindNote, X: -5000, Y: 400, Width: MaxCardSize, Height: 100},
	}})
	for _, tc := range []struct {
		name  string
		x, y  float64
		moved bool
	}{
		{"free spot stays", 500, 0, false},
		{"on a goes below b", 50, 10, true},
		{"on the wide card goes below it", 900, 420, true},
		{"touching only is free", 200, 0, false},
	} {
		c := Card{ID: "new", Kind: KindNote, X: tc.x, Y: tc.y, Width: 200, Height: 100}
		if moved := m.PlaceClear(&c); moved != tc.moved {
			t.Errorf("%s: moved %v, want %v", tc.name, moved, tc.moved)
		}
		if c.X != tc.x || c.Y < tc.y {
			t.Errorf("%s: placed at (%v, %v), asked (%v, %v): only down", tc.name, c.X, c.Y, tc.x, tc.y)
		}
		for _, o := range m.Cards {
			if overlaps(&c, o) {
				t.Errorf("%s: placed at (%v, %v), on %s", tc.name, c.X, c.Y, o.ID)
			}
		}
	}
}
