package app

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"evidenceboard/data/cputime"
)

// TraceEnv is the environment variable that, set to anything but "" or
// "0", makes the app write to stderr when the steps of opening a board
// happen, each with the time since the process started: the window's
// first frame, the board read, and the board's first frame actually
// painted. It is how the time from launch to the first frame of a large
// board is measured (docs/PERFORMANCE.md); nothing else reads it.
const TraceEnv = "EVIDENCEBOARD_TRACE"

// TraceProfileEnv, with TraceEnv set, names a file to write a CPU profile
// of the process into, from its start to the board's first frame: what
// to look at when that takes too long.
const TraceProfileEnv = "EVIDENCEBOARD_TRACE_CPUPROFILE"

// traceOn is whether TraceEnv is set; processStart is as near the
// process's start as Go code runs (package initialisation, before main).
var (
	traceOn      = os.Getenv(TraceEnv) != "" && os.Getenv(TraceEnv) != "0"
	processStart = time.Now()
	traceMu      sync.Mutex
	traceProfile = startTraceProfile()
)

// startTraceProfile starts the CPU profile TraceProfileEnv asks for, and
// returns the file it goes to, or nil.
func startTraceProfile() *os.File {
	name := os.Getenv(TraceProfileEnv)
	if !traceOn || name == "" {
		return nil
	}
	f, err := os.Create(name)
	if err != nil {
		fmt.Fprintf(os.Stderr, "evidenceboard trace: %v\n", err)
		return nil
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "evidenceboard trace: %v\n", err)
		f.Close()
		return nil
	}
	return f
}

// stopTraceProfile ends the CPU profile, if one is being written.
func stopTraceProfile() {
	traceMu.Lock()
	defer traceMu.Unlock()
	if traceProfile != nil {
		pprof.StopCPUProfile()
		traceProfile.Close()
		traceProfile = nil
	}
}

// traceStep writes one line for step what, if tracing is on: the time
// since the process started, the CPU time the process has used (on a
// shared machine the wall time measures the neighbours too), and the wall
// clock in Unix milliseconds, so that a script that launched the process
// can measure from its launch.
func traceStep(what string) {
	if !traceOn {
		return
	}
	traceMu.Lock()
	defer traceMu.Unlock()
	now := time.Now()
	fmt.Fprintf(os.Stderr, "evidenceboard trace: %7.3f s  cpu %7.3f s  unix-ms %d  %s\n",
		now.Sub(processStart).Seconds(), cputime.Now().Seconds(), now.UnixMilli(), what)
}

// traceFrame returns objects with, if tracing is on, a transparent raster
// added that reports step what the first time it is painted: a raster's
// image is made only when a frame that shows it is drawn, so its first
// call marks the first frame on screen, not the moment the objects were
// handed to Fyne.
// With stop set, that frame ends the profile TraceProfileEnv asks for.
func traceFrame(what string, stop bool, objects ...fyne.CanvasObject) []fyne.CanvasObject {
	if !traceOn {
		return objects
	}
	return append(objects, firstPaint(func() {
		traceStep(what)
		if stop {
			go stopTraceProfile() // not on the painter's thread
		}
	}))
}
