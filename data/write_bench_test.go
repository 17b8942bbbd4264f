package data

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"evidenceboard/data/cputime"
	"time"
)

// BenchmarkWriteDragEnd measures what the end of a drag costs on a board
// of 10,000 cards and about 20,000 links: one Change moving one card,
// written in one transaction with its history row, and applied to the
// model (Expand and Inverse included, as the editor does).
func BenchmarkWriteDragEnd(b *testing.B) {
	for _, n := range []int{1, 20} {
		b.Run(map[int]string{1: "one-card", 20: "twenty-cards"}[n], func(b *testing.B) {
			s, m := generatedStore(b, 10000)
			cs := NewCase(s, m)
			ids := make([]string, 0, n)
			for _, c := range m.SortedCards() {
				if len(ids) == n {
					break
				}
				ids = append(ids, c.ID)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ch := Change{Label: "Move"}
				for _, id := range ids {
					c := m.Cards[id].Clone()
					c.X += 1
					ch.PutCards = append(ch.PutCards, c)
				}
				if _, _, err := cs.Apply(ch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenAndLoad10k measures opening a 10,000-card board from disk
// to a model in memory: the inspection (quick_check, invariants) and the
// load, which is what the window waits for before its first frame.
func BenchmarkOpenAndLoad10k(b *testing.B) {
	s, _ := generatedStore(b, 10000)
	path := s.Path()
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Load(); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

func generatedStore(b testing.TB, n int) (*Store, *Model) {
	b.Helper()
	board, ch := Generate(n, 1)
	s, err := Create(filepath.Join(b.TempDir(), "gen"+Extension), board)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := testApply(s, &ch); err != nil {
		b.Fatal(err)
	}
	m, err := s.Load()
	if err != nil {
		b.Fatal(err)
	}
	return s, m
}

// BenchmarkOpen is opening a board this app closed cleanly to a model in
// memory (inspection, load, checks) at 10,000 and 100,000 cards: what the
// window waits for before it shows the board. The quick check that goes
// on after (see pendingCheck) is waited for outside the timer, and its
// CPU is not counted; BenchmarkOpenChecked counts it.
// BenchmarkReadRowsFloor is the floor, a plain read of every row of cards
// and links.
func BenchmarkOpen(b *testing.B) {
	benchOpen(b, false)
}

// BenchmarkOpenChecked is BenchmarkOpen until the board may be written:
// its quick check passed too.
func BenchmarkOpenChecked(b *testing.B) {
	benchOpen(b, true)
}

// BenchmarkOpenFirstSight is what "full integrity on first sight" costs:
// OpenReadOnly, which waits for the check of the whole file, of one
// generated board recorded as closed cleanly here (SQLite's quick check)
// and not recorded, as a file from anyone else is (the integrity check,
// and the counts and the type of every value before the load).
func BenchmarkOpenFirstSight(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		for _, seen := range []string{"closed-cleanly", "first-sight"} {
			b.Run(fmt.Sprintf("%d/%s", n, seen), func(b *testing.B) {
				path := generatedFile(b, n)
				b.Setenv("XDG_CACHE_HOME", b.TempDir()) // a record of its own
				if seen == "closed-cleanly" {
					s, err := Open(path)
					if err != nil {
						b.Fatal(err)
					}
					s.Close()
				}
				if knownClean(path) != (seen == "closed-cleanly") {
					b.Fatalf("%s: the record of boards closed cleanly says %v", seen, knownClean(path))
				}
				runtime.GC()
				b.ResetTimer()
				t0, _ := cputime.Used()
				for i := 0; i < b.N; i++ {
					s, err := OpenReadOnly(path)
					if err != nil {
						b.Fatal(err)
					}
					s.Close()
				}
				reportCPU(b, t0)
			})
		}
	}
}

func benchOpen(b *testing.B, checked bool) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := generatedFile(b, n)
			var cpu time.Duration
			runtime.GC()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0, _ := cputime.Used()
				cs, err := OpenCase(path)
				if err != nil {
					b.Fatal(err)
				}
				if checked {
					if err := cs.Store().Checked(); err != nil {
						b.Fatal(err)
					}
				}
				t1, _ := cputime.Used()
				cpu += t1 - t0
				b.StopTimer()
				if err := cs.Store().Checked(); err != nil {
					b.Fatal(err)
				}
				cs.Close()
				runtime.GC()
				b.StartTimer()
			}
			if cpu > 0 {
				b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

func BenchmarkReadRowsFloor(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := generatedFile(b, n)
			db, err := openDB(path, "ro")
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			defer cpuPerOp(b)()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				readRowsFloor(b, db)
			}
		})
	}
}

// readRowsFloor reads every row of cards and links, each value as the
// driver gives it: the floor opening is measured against.
func readRowsFloor(b *testing.B, db *sql.DB) {
	for _, q := range []string{`SELECT ` + cardColumns + ` FROM cards`, `SELECT ` + linkColumns + ` FROM links`} {
		rows, err := db.Query(q)
		if err != nil {
			b.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for j := range vals {
			ptrs[j] = &vals[j]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				b.Fatal(err)
			}
		}
		rows.Close()
	}
}

// BenchmarkOpenVsFloor is BenchmarkOpen against BenchmarkReadRowsFloor
// taken in turn, each iteration one of each, so that on a shared machine
// both see the same neighbours: it reports the ratio of their wall times
// (wall-x) and of their CPU times (cpu-x), over all iterations. The
// floor's connection is opened afresh each time, as opening does.
func BenchmarkOpenVsFloor(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := generatedFile(b, n)
			var openWall, floorWall, openCPU, floorCPU time.Duration
			for i := 0; i < b.N; i++ {
				runtime.GC()
				w0, c0 := time.Now(), cputime.Now()
				db, err := openDB(path, "ro")
				if err != nil {
					b.Fatal(err)
				}
				readRowsFloor(b, db)
				db.Close()
				floorWall, floorCPU = floorWall+time.Since(w0), floorCPU+cputime.Now()-c0
				runtime.GC()
				w0, c0 = time.Now(), cputime.Now()
				cs, err := OpenCase(path)
				if err != nil {
					b.Fatal(err)
				}
				openWall, openCPU = openWall+time.Since(w0), openCPU+cputime.Now()-c0
				if err := cs.Store().Checked(); err != nil {
					b.Fatal(err)
				}
				cs.Close()
			}
			b.ReportMetric(float64(openWall)/float64(floorWall), "wall-x")
			if floorCPU > 0 {
				b.ReportMetric(float64(openCPU)/float64(floorCPU), "cpu-x")
			}
		})
	}
}

// generatedFile is a generated board of n cards in a file, made once per
// size and benchmark binary.
func generatedFile(b *testing.B, n int) string {
	b.Helper()
	genMu.Lock()
	defer genMu.Unlock()
	if p, ok := genFiles[n]; ok {
		return p
	}
	// EVBOARD_BENCH_DIR keeps the generated boards between runs (a
	// 100,000-card board takes longer to make than to open many times),
	// for profiling; they are checked in full once per run.
	dir := os.Getenv("EVBOARD_BENCH_DIR")
	if dir != "" {
		path := filepath.Join(dir, fmt.Sprintf("gen%d-v%d%s", n, SchemaVersion, Extension))
		if s, err := Open(path); err == nil {
			s.Close() // checked in full, then stamped clean in this run's cache
			genFiles[n] = path
			return path
		}
		os.Remove(path)
	} else {
		var err error
		if dir, err = os.MkdirTemp("", "evboard-bench-*"); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(dir, fmt.Sprintf("gen%d-v%d%s", n, SchemaVersion, Extension))
	board, ch := Generate(n, 1)
	s, err := Create(path, board)
	if err != nil {
		b.Fatal(err)
	}
	if _, _, err := NewCase(s, NewModel(board)).Apply(ch); err != nil {
		b.Fatal(err)
	}
	s.Close()
	genFiles[n] = path
	return path
}

var (
	genMu    sync.Mutex
	genFiles = map[int]string{}
)
