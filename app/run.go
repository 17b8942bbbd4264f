package app

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/assets"
)

// The size the window opens at.
const windowWidth, windowHeight = 1280, 820

// Run opens the Evidence Board window on path, or, when path is "", on
// the last board used (the sample case on first run), and returns the
// exit code when the window closes. A file that cannot be opened is
// reported on stderr and in the window.
func Run(path string) int {
	// Fyne makes its cache folder inside the user's, which it does not
	// make: on a first start with a bare home folder it would print an
	// error (and keep nothing) where a newcomer sees it.
	if dir, err := os.UserCacheDir(); err == nil {
		os.MkdirAll(dir, 0o700)
	}
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(newTheme()) // app/theme.go: text readable in both variants
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	// The fonts are read (tens of ms) while the main thread makes the
	// window (as long again): the first measure of text would read them,
	// and the window would be made only after it.
	go fyne.MeasureText("Evidence Board", theme.TextSize(), fyne.TextStyle{})
	go fyne.MeasureText("Evidence Board", theme.TextSize(), fyne.TextStyle{Bold: true})
	w := a.NewWindow("Evidence Board")
	w.Resize(fyne.NewSize(windowWidth, windowHeight))
	// The first frame is the window with its progress alone: the shell
	// (menus, toolbar, panes: tens of ms of icons and text to measure) is
	// built once that frame is on screen, then reads the board off the UI
	// thread, however large it is.
	what := "Starting Evidence Board…"
	if path != "" {
		what = "Opening " + filepath.Base(path) + "…"
	}
	shown := make(chan struct{})
	bar := widget.NewProgressBarInfinite()
	w.SetContent(container.NewStack(traceFrame("the window shows", false, progressView(what, bar),
		firstPaint(func() { close(shown) }))...))
	go func() {
		waitPainted(shown)
		fyne.Do(func() {
			bar.Stop()
			s := NewShell(a, w)
			s.launching = true
			if path != "" {
				s.OpenPathInBackground(path, func(err error) {
					if err != nil {
						fmt.Fprintf(os.Stderr, "evidenceboard: %v\n", err)
						s.showError(err)
					}
				})
			} else {
				s.OpenDefaultInBackground()
			}
		})
	}()
	w.ShowAndRun()
	return 0
}
