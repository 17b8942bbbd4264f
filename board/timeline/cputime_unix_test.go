//go:build unix

package timeline

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user and system (as in
// board's benchmarks): on a shared machine it varies much less than the
// wall-clock ns/op, which includes waiting for a CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
