// Package cputime tells how much CPU time this process has used, user and
// system. Benchmarks report it beside wall time: on a shared machine wall
// time measures the neighbours as much as the code.
package cputime

import "time"

// Used is the CPU time this process has used; ok is false where it cannot
// be measured.
func Used() (d time.Duration, ok bool) { return used() }

// Now is Used, or 0 where it cannot be measured.
func Now() time.Duration {
	d, _ := used()
	return d
}
