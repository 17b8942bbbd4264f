package app

import (
	"fmt"
	"image"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data/cputime"
)

// TraceEnv is the environment variable that, set to anything but "" or
// "0", makes the app write to stderr when the steps of opening a board
// happen, each with the time since the process started: the window's
// first frame, the board read, and the board's first frame actually
// painted. It is how the time from launch to the first frame of a large
// board is measured (docs/PERFORMANCE.md); nothing else reads it.
const TraceEnv = "EVIDENCEBOARD_TRACE"

// traceOn is whether TraceEnv is set; processStart is as near the
// process's start as Go code runs (package initialisation, before main).
var (
	traceOn      = os.Getenv(TraceEnv) != "" && os.Getenv(TraceEnv) != "0"
	processStart = time.Now()
	traceMu      sync.Mutex
)

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
func traceFrame(what string, objects ...fyne.CanvasObject) []fyne.CanvasObject {
	if !traceOn {
		return objects
	}
	var once sync.Once
	r := canvas.NewRaster(func(w, h int) image.Image {
		once.Do(func() { traceStep(what) })
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	return append(objects, r)
}
