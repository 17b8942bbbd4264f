package board

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"evidenceboard/data"
	"evidenceboard/data/cputime"
	"evidenceboard/data/view"
)

// BenchmarkSearchKeystrokeWorst is a keystroke whose query never narrows
// the one before (one letter, then another): every keystroke searches the
// whole board's text, and nearly every card matches.
func BenchmarkSearchKeystrokeWorst(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) {
			m := generated(n)
			bd, _ := show(b, m, 1280, 800)
			bd.SetFilter("warm")
			queries := []string{"s", "a", "e", "o"}
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

// BenchmarkSearchFloor is the floor the keystroke benchmarks are measured
// against: counting one letter in all the board's text, lower-cased, held
// in one buffer (reading the text once, with nothing done per match).
func BenchmarkSearchFloor(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) {
			m := generated(n)
			var buf []byte
			for _, c := range m.Cards {
				buf = appendSearchText(buf, c)
			}
			queries := [][]byte{[]byte("s"), []byte("a"), []byte("e"), []byte("o")}
			runtime.GC()
			b.ResetTimer()
			cpu := cputime.Now()
			for i := 0; i < b.N; i++ {
				if bytes.Count(buf, queries[i%len(queries)]) == 0 {
					b.Fatal("nothing found")
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkSetHidden is changing the filter on a board of 100,000 cards:
// every card judged once, and the view synced.
func BenchmarkSetHidden(b *testing.B) {
	m := generated(100000)
	bd, _ := show(b, m, 1280, 800)
	filters := []view.Filter{
		{Kinds: []data.Kind{data.KindClaim, data.KindEvent}},
		{Statuses: []data.Status{data.StatusRefuted}, From: data.MustDate("2018")},
		{},
	}
	runtime.GC()
	b.ResetTimer()
	cpu := cputime.Now()
	for i := 0; i < b.N; i++ {
		bd.SetHidden(filters[i%len(filters)])
	}
	reportCPU(b, cpu)
}

// BenchmarkChangedOneCardFiltered is BenchmarkChangedOneCardBySize with a
// filter set: a one-card edit judges that card alone, at any board size.
func BenchmarkChangedOneCardFiltered(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) {
			m := generated(n)
			bd, _ := show(b, m, 1280, 800)
			bd.SetHidden(view.Filter{Kinds: []data.Kind{data.KindClaim, data.KindEvent, data.KindParty}, From: data.MustDate("1990")})
			if len(bd.sc.liveCards) == 0 {
				b.Fatal("nothing shown")
			}
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
