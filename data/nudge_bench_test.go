package data

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"evidenceboard/data/cputime"
)

// nudgeAll is the change a select-all and one arrow key make.
func nudgeAll(m *Model, dx float64) Change {
	ch := Change{Label: "Nudge", PutCards: make([]Card, 0, len(m.Cards))}
	for _, c := range m.Cards {
		cc := c.Clone()
		cc.X += dx
		ch.PutCards = append(ch.PutCards, cc)
	}
	return ch
}

// TestNudgeGrowth pins the file growth of a select-all nudge: the history
// records only the position of each card, not two copies of it.
func TestNudgeGrowth(t *testing.T) {
	const n = 2000
	s, m := generatedStore(t, n)
	cs := NewCase(s, m)
	size := func() int64 {
		st, err := os.Stat(s.Path())
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	before := size()
	_, undo, err := cs.Apply(nudgeAll(m, 10))
	if err != nil {
		t.Fatal(err)
	}
	grown := size() - before
	if n := historyRows(t, s, lastChange(t, s)); n != 1 {
		t.Errorf("a nudge of %d cards wrote %d history rows, want one move record", len(m.Cards), n)
	}
	if per := float64(grown) / n; per > 200 {
		t.Errorf("a nudge grew the file by %.0f bytes per card, over 200", per)
	}
	// The translation is written by the bulk path; the file must agree
	// with the model to the bit, and undo must restore every position.
	fromFile, err := load(s.db)
	if err != nil {
		t.Fatal(err)
	}
	for id, c := range m.Cards {
		f := fromFile.Cards[id]
		if f.X != c.X || f.Y != c.Y || !f.Updated.Equal(c.Updated) {
			t.Fatalf("card %s: file (%v, %v, %v), model (%v, %v, %v)", id, f.X, f.Y, f.Updated, c.X, c.Y, c.Updated)
		}
	}
	if _, _, err := cs.Apply(undo); err != nil {
		t.Fatal(err)
	}
	if n := historyRows(t, s, lastChange(t, s)); n != 1 {
		t.Errorf("the undo of a nudge wrote %d history rows, want one move record", n)
	}
	again, _ := load(s.db)
	orig, _ := generatedModel(n)
	for id, c := range orig.Cards {
		if again.Cards[id].X != c.X || m.Cards[id].X != c.X {
			t.Fatalf("undo left card %s at %v (model %v), want %v", id, again.Cards[id].X, m.Cards[id].X, c.X)
		}
	}
	hist, err := s.History(m.SortedCards()[0].ID)
	if err != nil || len(hist) < 2 || hist[0].What == "" || hist[0].Label != "Nudge" && hist[0].Label != "" {
		t.Fatalf("history of a nudged card: %v %+v", err, hist)
	}
}

func generatedModel(n int) (*Model, Change) {
	b, ch := Generate(n, 1)
	m := NewModel(b)
	m.Apply(ch)
	return m, ch
}

// BenchmarkNudgeAll10k is a select-all nudge (and its undo) on a board of
// 10,000 cards, as the editor makes it: Expand, Inverse, the write, the
// model. Its floor is BenchmarkNudgeFloor10k, one UPDATE of every
// position in one transaction.
func BenchmarkNudgeAll10k(b *testing.B) {
	s, m := generatedStore(b, 10000)
	cs := NewCase(s, m)
	defer cpuPerOp(b)()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dx := 10.0
		if i%2 == 1 {
			dx = -10
		}
		if _, _, err := cs.Apply(nudgeAll(m, dx)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNudgeFloor10k is the floor for a nudge: one UPDATE of every
// card's position, in one transaction.
func BenchmarkNudgeFloor10k(b *testing.B) {
	s, _ := generatedStore(b, 10000)
	defer cpuPerOp(b)()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tx, err := s.db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`UPDATE cards SET x = x + ?`, float64(1-2*(i%2))); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDragEnd is the data side of a one-card drag end — Expand,
// Inverse, the write, the model — at 1,000 and 100,000 cards: it must not
// grow with the board.
func BenchmarkDragEnd(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cs, err := OpenCase(generatedFile(b, n))
			if err != nil {
				b.Fatal(err)
			}
			defer cs.Close()
			id := cs.Model().SortedCards()[0].ID
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c := cs.Model().Cards[id].Clone()
				c.X += float64(1 - 2*(i%2))
				if _, _, err := cs.Apply(Change{Label: "Move", PutCards: []Card{c}}); err != nil {
					b.Fatal(err)
				}
				_ = cs.Model().Counts()
			}
		})
	}
}

// cpuPerOp starts counting the process's CPU time; the function it
// returns reports it per operation as cpu-ns/op beside ns/op: on a shared
// machine wall time measures the neighbours as much as the code.
func cpuPerOp(b *testing.B) func() {
	runtime.GC()
	t0, ok0 := cputime.Used()
	return func() {
		if t1, ok1 := cputime.Used(); ok0 && ok1 && b.N > 0 {
			b.ReportMetric(float64(t1-t0)/float64(b.N), "cpu-ns/op")
		}
	}
}
