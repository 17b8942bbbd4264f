package timeline

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/board"
	"evidenceboard/data"
	"evidenceboard/data/cputime"
)

// The target for the timeline is "pans as smoothly as the board": each
// benchmark here pans the timeline of 10,000 dated cards and, in the same
// run, the board of a generated 10,000-card board with the motion of the
// board's own BenchmarkPanStep (board/bench_test.go): steps of 15×7 pixels
// in a 1280×800 view, turning back every 400 steps.

// sweep is pan step i of the board's benchmark.
func sweep(i int) (dx, dy float32) {
	if i/400%2 == 0 {
		return -15, -7
	}
	return 15, 7
}

// panBoard is the board of n generated cards, set up as board's benchPan
// sets it up: centred, at 100 %.
func panBoard(b *testing.B, n int) *board.Board {
	bd, ch := data.Generate(n, 1)
	m := data.NewModel(bd)
	m.Apply(ch)
	w := test.NewTempWindow(b, nil)
	w.SetPadded(false)
	brd := board.New(m)
	w.SetContent(brd)
	w.Resize(fyne.NewSize(1280, 800))
	brd.FitAll()
	brd.SetZoom(1)
	return brd
}

// panTimeline is the timeline of n dated cards in a 1280×800 view at
// 4 pixels a day (about nine months across), centred on the middle card.
// Vertically it is centred on the middle of the party rows, or with dense
// set on the row of the cards linked to no party: on a generated board
// that is 4,365 cards of 10,000, stacked in 49 lanes, the most
// crowded view the timeline has.
func panTimeline(b *testing.B, n int, dense bool) *Timeline {
	tl := New()
	tl.SetModel(datedModel(n))
	w := test.NewTempWindow(b, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1280, 800))
	tl.SetZoom(4)
	tl.CenterOn(tl.tl.Dated[len(tl.tl.Dated)/2].Card.ID)
	y := tl.contentHeight() / 2
	if dense {
		last := tl.rows[len(tl.rows)-1]
		y = last.y + last.h/2
	}
	tl.PanBy(0, y-tl.v.top-tl.plotSize().Height/2)
	return tl
}

// views are the timeline's two views benchmarked.
var views = []struct {
	name  string
	dense bool
}{{"party-rows", false}, {"no-party-row", true}}

// BenchmarkPanStep is one pan step of the timeline of 10,000 dated cards
// (sub-benchmark timeline) and of the board of 10,000 cards (board), each
// on its own.
func BenchmarkPanStep(b *testing.B) {
	for _, what := range []string{"board", "timeline/party-rows", "timeline/no-party-row"} {
		b.Run(fmt.Sprintf("%s/cards=10000", what), func(b *testing.B) {
			test.NewTempApp(b)
			var pan func(dx, dy float32)
			var live func() int
			if what == "board" {
				brd := panBoard(b, 10000)
				pan = func(dx, dy float32) { brd.PanBy(float64(dx), float64(dy)) }
				live = brd.VisibleCardCount
			} else {
				tl := panTimeline(b, 10000, what == "timeline/no-party-row")
				pan, live = tl.PanBy, tl.VisibleItemCount
			}
			b.ReportAllocs()
			runtime.GC()
			b.ResetTimer()
			cpu := cputime.Now()
			for i := 0; i < b.N; i++ {
				pan(sweep(i))
			}
			b.ReportMetric(float64(cputime.Now()-cpu)/float64(b.N), "cpu-ns/op")
			b.StopTimer()
			b.ReportMetric(float64(live()), "live-items")
		})
	}
}

// BenchmarkPanVsBoard takes a pan step of the board and one of the timeline
// in turn, timing each, so both see the same machine at the same moment
// (it is shared and noisy), and reports the ratio of the timeline's time
// to the board's: the target is at most 1.
func BenchmarkPanVsBoard(b *testing.B) {
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) { panVsBoard(b, v.dense) })
	}
}

func panVsBoard(b *testing.B, dense bool) {
	test.NewTempApp(b)
	brd := panBoard(b, 10000)
	tl := panTimeline(b, 10000, dense)
	runtime.GC()
	b.ResetTimer()
	var tb, tt time.Duration
	for i := 0; i < b.N; i++ {
		dx, dy := sweep(i)
		t0 := time.Now()
		brd.PanBy(float64(dx), float64(dy))
		t1 := time.Now()
		tl.PanBy(dx, dy)
		tt += time.Since(t1)
		tb += t1.Sub(t0)
	}
	b.StopTimer()
	b.ReportMetric(float64(tb.Nanoseconds())/float64(b.N), "board-ns/step")
	b.ReportMetric(float64(tt.Nanoseconds())/float64(b.N), "timeline-ns/step")
	b.ReportMetric(float64(tt)/float64(tb), "timeline/board")
	b.ReportMetric(float64(tl.VisibleItemCount()), "timeline-items")
	b.ReportMetric(float64(brd.VisibleCardCount()), "board-cards")
}

// BenchmarkSetModel10k is what each edit costs while the timeline is
// shown: the timeline of a 10,000-card board read again (data.TimelineOf,
// the rows and lanes) and the view drawn again.
func BenchmarkSetModel10k(b *testing.B) {
	test.NewTempApp(b)
	tl := panTimeline(b, 10000, false)
	m := tl.m
	b.ReportAllocs()
	runtime.GC()
	b.ResetTimer()
	cpu := cputime.Now()
	for i := 0; i < b.N; i++ {
		tl.SetModel(m)
	}
	b.ReportMetric(float64(cputime.Now()-cpu)/float64(b.N), "cpu-ns/op")
}
