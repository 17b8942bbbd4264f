package board

import (
	"time"

	"golang.org/x/sys/windows"
)

// cpuTime is the CPU time the process has used, user and system (see
// cputime_unix_test.go); Windows counts it in 100 ns ticks.
func cpuTime() time.Duration {
	var created, exited, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(windows.CurrentProcess(), &created, &exited, &kernel, &user); err != nil {
		return 0
	}
	ticks := func(f windows.Filetime) int64 { return int64(f.HighDateTime)<<32 | int64(f.LowDateTime) }
	return time.Duration((ticks(kernel) + ticks(user)) * 100)
}
