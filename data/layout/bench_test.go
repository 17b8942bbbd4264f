package layout

import (
	"fmt"
	"testing"

	"evidenceboard/data/cputime"
)

// BenchmarkTidy is the layout alone (no file) on generated boards of
// 1,000 and 10,000 cards with twice as many links: with repulsion
// between neighbours found in a grid and a bounded number of
// iterations, ten times the cards must cost about ten times as much, not
// a hundred.
func BenchmarkTidy(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		cards, links := generated(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			t0, ok0 := cputime.Used()
			for i := 0; i < b.N; i++ {
				if res := Tidy(cards, links, Options{}); len(res.Moves) < n/2 {
					b.Fatalf("%d moved", len(res.Moves))
				}
			}
			// CPU time besides wall time: on a shared machine wall time
			// measures the neighbours as much as the code.
			if t1, ok1 := cputime.Used(); ok0 && ok1 {
				b.ReportMetric(float64((t1-t0).Milliseconds())/float64(b.N), "cpu-ms/op")
			}
		})
	}
}
