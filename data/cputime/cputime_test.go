package cputime

import (
	"runtime"
	"testing"
	"time"
)

// Work makes the CPU time used grow, where it can be measured.
func TestUsedGrowsWithWork(t *testing.T) {
	before, ok := Used()
	if !ok {
		if runtime.GOOS == "linux" || runtime.GOOS == "windows" {
			t.Fatal("CPU time is not measured on " + runtime.GOOS)
		}
		t.Skip("no CPU time here")
	}
	x := 0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x++
	}
	if after := Now(); after <= before || x == 0 {
		t.Fatalf("CPU time went from %v to %v over 50 ms of work", before, after)
	}
}
