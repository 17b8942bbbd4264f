package cli

import (
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"evidenceboard/data"
	"evidenceboard/data/cputime"
)

// onFreshCopies runs fn b.N times, each on a fresh copy of a generated
// board of n cards (the copying not timed), so that every run starts from
// the same untidied board. Besides the wall time it reports the CPU time
// of fn (cpu-ms/op): on a shared machine wall time measures the
// neighbours as much as the code.
func onFreshCopies(b *testing.B, n int, fn func(path string)) {
	dir := b.TempDir()
	orig := filepath.Join(dir, "orig.evboard")
	if code, _, stderr := run("generate", "--cards", strconv.Itoa(n), orig); code != 0 {
		b.Fatal(stderr)
	}
	raw, err := os.ReadFile(orig)
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, "copy.evboard")
	var cpu time.Duration
	measured := true
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			b.Fatal(err)
		}
		t0, ok0 := cputime.Used()
		b.StartTimer()
		fn(p)
		b.StopTimer()
		t1, ok1 := cputime.Used()
		measured = measured && ok0 && ok1
		cpu += t1 - t0
		b.StartTimer()
	}
	if measured {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkLayoutCommand1000 is `evidenceboard layout` on a generated
// board of 1,000 cards and 2,000 links, the whole command: open and
// check, load, the layout, the one change that moves every card. Its
// floor is BenchmarkLayoutFloor1000. The target is under 2 s.
func BenchmarkLayoutCommand1000(b *testing.B) {
	onFreshCopies(b, 1000, func(p string) {
		if code := Run([]string{"layout", p}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	})
}

// BenchmarkLayoutFloor1000 is the floor of a layout: the same board
// opened and loaded as the command does (data.OpenCase), then one UPDATE
// of every card's position in one transaction: reading the board and
// writing every position, with no layout and no history.
func BenchmarkLayoutFloor1000(b *testing.B) {
	onFreshCopies(b, 1000, func(p string) {
		cs, err := data.OpenCase(p)
		if err != nil {
			b.Fatal(err)
		}
		cs.Close()
		db, err := sql.Open("sqlite", p)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`UPDATE cards SET x = x + 40, y = y + 40`); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	})
}
