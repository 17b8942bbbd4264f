package app

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

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
	// window (as long again): the shell's first measure of its text would
	// read them, and the window would be made only after it.
	go fyne.MeasureText("Evidence Board", theme.TextSize(), fyne.TextStyle{})
	go fyne.MeasureText("Evidence Board", theme.TextSize(), fyne.TextStyle{Bold: true})
	w := a.NewWindow("Evidence Board")
	w.Resize(fyne.NewSize(windowWidth, windowHeight))
	w.Show()
	s := NewShell(a, w)
	// The window shows at once; the board is read and checked off the UI
	// thread, however large it is.
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
	w.ShowAndRun()
	return 0
}
