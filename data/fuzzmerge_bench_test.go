package data

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"evidenceboard/data/cputime"
)

// mergeBenchInputs are FuzzMerge's seeds, of the size most of its inputs
// are (a few dozen bytes: ten or so edits).
var mergeBenchInputs = [][]byte{
	{0, 1, 2, 0, 3, 4, 4, 0x19, 0, 0x80, 1, 9, 0x01, 2, 9, 0x83, 3, 0, 0x02, 1, 50},
	{0, 0, 0, 0, 1, 1, 0, 2, 2, 4, 0x08, 0, 0x80, 0, 3, 0x01, 0, 5, 0x85, 0, 0, 0x86, 1, 0},
	{0, 5, 5, 0x80, 5, 5, 0x00, 5, 5, 3, 5, 0, 0x81, 5, 7},
	{0, 1, 1, 0, 2, 2, 6, 1, 2, 0x83, 2, 0, 0x01, 1, 3},
}

// reportCPU adds the process's CPU time per op since t0 to b's report: on
// this shared machine it moves less with the load than the wall time.
func reportCPU(b *testing.B, t0 time.Duration) {
	if t1, ok := cputime.Used(); ok {
		b.ReportMetric(float64(t1-t0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkMergeInput is one FuzzMerge input's work, the seeds in turn:
// what sets the target's rate, for a profile (-cpuprofile).
func BenchmarkMergeInput(b *testing.B) {
	b.Setenv("XDG_CACHE_HOME", "") // as noCleanRecord
	b.Setenv("HOME", "")
	mf := newMergeFuzz(b)
	b.ResetTimer()
	t0, _ := cputime.Used()
	for i := 0; i < b.N; i++ {
		mf.input(b, mergeBenchInputs[i%len(mergeBenchInputs)])
	}
	reportCPU(b, t0)
}

// BenchmarkInspectSmall is `check` of a small board (three cards, a link,
// a document): what every merge's THEIRS and every stranger's small file
// costs before anything else is done with it, most of it fixed per file.
func BenchmarkInspectSmall(b *testing.B) {
	p := filepath.Join(fastDir(b), "small"+Extension)
	if err := os.WriteFile(p, fuzzBoard(b), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	t0, _ := cputime.Used()
	for i := 0; i < b.N; i++ {
		if _, err := Inspect(p, true); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, t0)
}

func BenchmarkZZOpenDB(b *testing.B) {
	p := filepath.Join(fastDir(b), "small"+Extension)
	if err := os.WriteFile(p, fuzzBoard(b), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	t0, _ := cputime.Used()
	for i := 0; i < b.N; i++ {
		db, err := openDB(p, "ro")
		if err != nil {
			b.Fatal(err)
		}
		var v int
		db.QueryRow(`PRAGMA user_version`).Scan(&v)
		db.Close()
	}
	reportCPU(b, t0)
}

func BenchmarkZZLoad(b *testing.B) {
	p := filepath.Join(fastDir(b), "small"+Extension)
	if err := os.WriteFile(p, fuzzBoard(b), 0o644); err != nil {
		b.Fatal(err)
	}
	db, err := openDB(p, "ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	t0, _ := cputime.Used()
	for i := 0; i < b.N; i++ {
		if _, err := load(db); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, t0)
}
