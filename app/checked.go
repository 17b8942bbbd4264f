package app

import (
	"errors"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// A board this app closed cleanly is shown before SQLite's check has read
// every page of it (data.Store.Checked). Edits wait for that check; when
// it fails, each would fail with its reason, one at a time, as the person
// tries. The window rather says so as soon as it is known, naming the file
// and the problem, and turns read-only as a board another program is
// writing does: nothing can be changed, everything can still be read,
// searched and exported.

// checkOnUI runs fn on the UI thread and waits until it has run. Tests
// replace it with a UI loop of their own, as for the follower (see
// followOnUI); like checkedHook, a watch takes it when it starts.
var checkOnUI = fyne.DoAndWait

// checkedHook, when set (by tests), is called with the verdict once the
// window has acted on it: on the UI thread when the check failed, on the
// watch's goroutine when it passed (the UI is then not touched at all).
var checkedHook func(error)

// checkWatches holds each window's watch (watchCheck) until its board
// closes; touched on the UI thread only.
var checkWatches = map[*Shell]chan struct{}{}

// watchCheck waits off the UI thread for the verdict on e's board and,
// if it failed, shows it (checkFailed) while e is still the open board.
func (s *Shell) watchCheck(e *Editor) {
	s.stopWatchingCheck()
	stop := make(chan struct{})
	checkWatches[s] = stop
	onUI, hook := checkOnUI, checkedHook
	go func() {
		err := e.Store().Checked()
		if err == nil {
			if hook != nil {
				hook(nil)
			}
			return
		}
		select {
		case <-stop:
			// Closing the board cut the check short, which it reports as
			// a failure: there is nothing to say, and no window to say
			// it in.
			return
		default:
		}
		for {
			acted := true
			onUI(func() {
				switch {
				case s.editor != e: // closed meanwhile: the check was cut short
				case e.busy:
					// A large change is being written off the UI thread
					// (Editor.DoInBackground): it fails with the check's
					// reason; the store is made read-only once it is done.
					acted = false
					return
				default:
					s.checkFailed(e, err)
				}
				if hook != nil {
					hook(err)
				}
			})
			if acted {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
}

// stopWatchingCheck ends the window's watch, before its board closes.
func (s *Shell) stopWatchingCheck() {
	if stop, ok := checkWatches[s]; ok {
		close(stop)
		delete(checkWatches, s)
	}
}

// checkFailed makes the window read-only for a board whose check failed
// with err, and says so in the banner and a dialog.
func (s *Shell) checkFailed(e *Editor, err error) {
	st := e.Store()
	st.FailedCheck(err)
	name := filepath.Base(st.Path())
	reason := err.Error()
	var fe *data.FileError
	if errors.As(st.WhyReadOnly(), &fe) {
		reason = fe.Reason
	}
	s.board.SetReadOnly(true)
	s.warn.Segments[0].(*widget.TextSegment).Text = "Read-only: " + name + " failed its check (" + reason +
		"). Nothing you do here is written to it; File ⟶ Export… keeps what was read in another file."
	s.warn.Refresh()
	s.banner.Show()
	s.inspector.show(s.board.Selected())
	s.updateTitle()
	s.menu.refresh()

	msg := widget.NewLabel(data.Printable(st.Path()) + ": " + data.Printable(reason) + "\n\n" +
		"Evidence Board checks the whole of a board it opens. This one was shown while the check ran, " +
		"and the check found the file damaged: the disk, or another program, changed it since Evidence Board last closed it.\n\n" +
		"The board is now read-only, so that nothing is written to a damaged file. You can still read it, search it and export it: " +
		"File ⟶ Export… keeps what was read in another file.")
	msg.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.ErrorIcon())
	d := dialog.NewCustom(name+" is damaged", "OK", container.NewBorder(nil, nil, icon, nil, msg), s.win)
	d.Resize(fyne.NewSize(fyne.Min(620, s.win.Canvas().Size().Width*0.9), 0))
	s.showDialog(d)
}
