package data

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"evidenceboard/data/cputime"
)

// reportCPU adds the process's CPU time per op since t0 to b's report: on
// this shared machine it moves less with the load than the wall time.
func reportCPU(b *testing.B, t0 time.Duration) {
	if t1, ok := cputime.Used(); ok {
		b.ReportMetric(float64(t1-t0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkMergeInput is one FuzzMerge input's work, its seeds in turn
// (inputs of the size most of its inputs are: ten or so edits): what sets
// the target's rate, for a profile (-cpuprofile).
func BenchmarkMergeInput(b *testing.B) {
	b.Setenv("XDG_CACHE_HOME", "") // as noCleanRecord
	b.Setenv("HOME", "")
	mf := newMergeFuzz(b)
	b.ResetTimer()
	t0, _ := cputime.Used()
	for i := 0; i < b.N; i++ {
		mf.input(b, mergeSeeds[i%len(mergeSeeds)])
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
