package board

import (
	"fmt"
	"runtime"
	"sort"
	"testing"
	"time"

	"evidenceboard/data"
	"evidenceboard/data/cputime"
)

// benchPan measures one pan step of 15×7 pixels on a generated board of n
// cards in a 1280×800 view at 100%, sweeping back and forth (6000 by 2800
// board units) around the board's centre so that cards keep coming into
// and leaving view.
func benchPan(b *testing.B, n int) {
	m := generated(n)
	bd, _ := show(b, m, 1280, 800)
	bd.FitAll() // centre the board, then back to 100%
	bd.SetZoom(1)
	b.ReportAllocs()
	runtime.GC() // the garbage of building the board is not the pan's
	b.ResetTimer()
	cpu := cputime.Now()
	dir := 1.0
	for i := 0; i < b.N; i++ {
		if i%400 == 0 {
			dir = -dir
		}
		bd.PanBy(dir*15, dir*7)
	}
	reportCPU(b, cpu)
	b.StopTimer()
	b.ReportMetric(float64(bd.VisibleCardCount()), "live-cards")
}

// reportCPU adds the CPU time per operation since start as cpu-ns/op.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cputime.Now()-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkPanStep(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) { benchPan(b, n) })
	}
}

// BenchmarkPanStepUncached is BenchmarkPanStep with no layouts kept for
// cards out of view: every card that comes into view is laid out afresh,
// as when panning over parts of the board not seen before.
func BenchmarkPanStepUncached(b *testing.B) {
	keep := maxRetained
	maxRetained = 0
	defer func() { maxRetained = keep }()
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) { benchPan(b, n) })
	}
}

// BenchmarkFirstFrame10k measures building the board of a 10,000-card
// model up to its first frame: the index, the view's objects and their
// layout, with the model already in memory.
func BenchmarkFirstFrame10k(b *testing.B) {
	m := generated(10000)
	w := benchWindow(b)
	b.ReportAllocs()
	runtime.GC() // the garbage of building the board is not the pan's
	b.ResetTimer()
	cpu := cputime.Now()
	for i := 0; i < b.N; i++ {
		bd := New(m)
		w.SetContent(bd)
		if bd.VisibleCardCount() == 0 {
			b.Fatal("nothing drawn")
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkFirstFrame10kPainted is BenchmarkFirstFrame10k and painting
// the frame with the test driver's software painter (the desktop driver
// paints with OpenGL instead; this is an upper bound).
func BenchmarkFirstFrame10kPainted(b *testing.B) {
	m := generated(10000)
	w := benchWindow(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.SetContent(New(m))
		w.Canvas().Capture()
	}
}

// BenchmarkChangedOneCard measures redrawing after the app changed one
// card on a 10,000-card board.
func BenchmarkChangedOneCard(b *testing.B) {
	m := generated(10000)
	bd, _ := show(b, m, 1280, 800)
	id := bd.sc.liveCards[0].id
	b.ReportAllocs()
	runtime.GC() // the garbage of building the board is not the pan's
	b.ResetTimer()
	cpu := cputime.Now()
	for i := 0; i < b.N; i++ {
		bd.Changed(id)
	}
	reportCPU(b, cpu)
}

// BenchmarkPanStepZoomedOut10k is the worst case for panning: the whole
// 10,000-card board at 10%, about a thousand cards in view.
func BenchmarkPanStepZoomedOut10k(b *testing.B) {
	m := generated(10000)
	bd, _ := show(b, m, 1280, 800)
	bd.FitAll()
	bd.SetZoom(MinZoom)
	b.ReportAllocs()
	runtime.GC() // the garbage of building the board is not the pan's
	b.ResetTimer()
	cpu := cputime.Now()
	dir := 1.0
	for i := 0; i < b.N; i++ {
		if i%100 == 0 {
			dir = -dir
		}
		bd.PanBy(dir*150, dir*70)
	}
	reportCPU(b, cpu)
	b.StopTimer()
	b.ReportMetric(float64(bd.VisibleCardCount()), "live-cards")
}

// BenchmarkFirstFrame10kFit is BenchmarkFirstFrame10k with the whole
// board fitted into the view, as the app opens a board: about 3,300 cards
// drawn compact.
func BenchmarkFirstFrame10kFit(b *testing.B) {
	m := generated(10000)
	w := benchWindow(b)
	b.ReportAllocs()
	runtime.GC()
	b.ResetTimer()
	cpu := cputime.Now()
	for i := 0; i < b.N; i++ {
		bd := New(m)
		bd.FitAll()
		w.SetContent(bd)
		if bd.VisibleCardCount() < 1000 {
			b.Fatal("the fitted board is not drawn")
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkChangedMoveAll is the board's part of a select-all nudge: every
// card moved in the model, then Changed with all their IDs (the re-filing
// of every card and link in the index, the live objects redrawn).
func BenchmarkChangedMoveAll(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) {
			m := generated(n)
			bd, _ := show(b, m, 1280, 800)
			ids := make([]string, 0, len(m.Cards))
			for id := range m.Cards {
				ids = append(ids, id)
			}
			runtime.GC()
			b.ResetTimer()
			cpu := cputime.Now()
			for i := 0; i < b.N; i++ {
				for _, c := range m.Cards {
					c.X += 10
				}
				bd.Changed(ids...)
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkSearchKeystroke is one keystroke in the search box on a board
// of 100,000 cards, once each card's lower-cased text is made (the first
// search makes it): the filter applied to every card and the view synced.
func BenchmarkSearchKeystroke(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) {
			m := generated(n)
			bd, _ := show(b, m, 1280, 800)
			bd.SetFilter("warm")
			queries := []string{"s", "sa", "sal", "sale", "sales"}
			runtime.GC()
			b.ResetTimer()
			cpu := cputime.Now()
			for i := 0; i < b.N; i++ {
				bd.SetFilter(queries[i%len(queries)])
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkChangedOneCardBySize is the board's part of a one-card drag
// end at 1,000 and 100,000 cards: it must not grow with the board.
func BenchmarkChangedOneCardBySize(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) {
			m := generated(n)
			bd, _ := show(b, m, 1280, 800)
			id := bd.sc.liveCards[0].id
			runtime.GC()
			b.ResetTimer()
			cpu := cputime.Now()
			for i := 0; i < b.N; i++ {
				m.Cards[id].X += 1
				bd.Changed(id)
			}
			reportCPU(b, cpu)
		})
	}
}

// groupedBoard is generated(n) with one group for every ten cards that
// lie side by side (a frame round them, as "Group selected cards" makes
// it), every fifth group folded.
func groupedBoard(n int) *data.Model {
	m := generated(n)
	cards := m.SortedCards()
	sort.Slice(cards, func(i, j int) bool {
		if cards[i].Y != cards[j].Y {
			return cards[i].Y < cards[j].Y
		}
		return cards[i].X < cards[j].X
	})
	var ch data.Change
	for i := 0; i+10 <= len(cards); i += 10 {
		r := cardRect(cards[i])
		for _, c := range cards[i+1 : i+10] {
			r = r.Union(cardRect(c))
		}
		g := data.Card{ID: fmt.Sprintf("group-%06d", i), Kind: data.KindGroup, Title: "Strand",
			X: r.X - 30, Y: r.Y - 50, Width: r.W + 60, Height: r.H + 80, Folded: i%50 == 0}
		ch.PutCards = append(ch.PutCards, g)
		for _, c := range cards[i : i+10] {
			cc := c.Clone()
			cc.Group = g.ID
			ch.PutCards = append(ch.PutCards, cc)
		}
	}
	m.Apply(ch)
	return m
}

// BenchmarkPanStepGroups is BenchmarkPanStep on 10,000 cards with no
// groups (the floor) and in a thousand groups, a fifth of them folded.
func BenchmarkPanStepGroups(b *testing.B) {
	for _, tt := range []struct {
		name string
		m    func() *data.Model
	}{{"groups=0", func() *data.Model { return generated(10000) }}, {"groups=1000", func() *data.Model { return groupedBoard(10000) }}} {
		b.Run(tt.name, func(b *testing.B) {
			bd, _ := show(b, tt.m(), 1280, 800)
			bd.FitAll()
			bd.SetZoom(1)
			b.ReportAllocs()
			runtime.GC()
			b.ResetTimer()
			cpu := cputime.Now()
			dir := 1.0
			for i := 0; i < b.N; i++ {
				if i%400 == 0 {
					dir = -dir
				}
				bd.PanBy(dir*15, dir*7)
			}
			reportCPU(b, cpu)
		})
	}
}
