package app

import (
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/board"
	"evidenceboard/data"
)

// Labels of the recovery question's answers.
const (
	recoverUndo = "Undo the unfinished change"
	recoverLook = "Open read-only without it"
)

// askRecovery is called with the error of opening path. If the board was
// left in the middle of a change (data.ErrHotJournal), it asks the person
// what to do and returns true; done, if not nil, later gets the outcome on
// the UI thread (the error it was called with when the person cancels).
// Evidence Board never undoes such a change without asking: the journal
// beside the board may not be what the person expects.
func (s *Shell) askRecovery(path string, err error, done func(error)) bool {
	if !errors.Is(err, data.ErrHotJournal) {
		return false
	}
	name := filepath.Base(path)
	backup := strings.TrimSuffix(name, filepath.Ext(name)) + " (before recovery)" + data.Extension
	text := "This board was left in the middle of a change: Evidence Board or the computer stopped before the change was saved (" + name + ").\n\n"
	// Where the board or its folder cannot be written, undoing the change
	// (which writes the backup, the board and its history) cannot work:
	// say what can be done instead rather than offer it.
	writable := !errors.Is(err, data.ErrReadOnlyFile)
	if writable {
		text += recoverUndo + ": the board goes back to how it was before that change. The file as it was left is kept beside it as “" + backup + "”, and the recovery is written in the board's history.\n\n"
	} else {
		text += "The change cannot be undone here: this board or its folder cannot be written. To undo it, copy the board and its “-journal” file together to a folder you can write, and open the copy.\n\n"
	}
	text += recoverLook + ": look at the board as it was before that change, without changing the file."
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	answer := func(f func()) func() { return func() { d.Hide(); f() } }
	undo := widget.NewButton(recoverUndo, answer(func() { s.recoverBoard(path, done) }))
	undo.Importance = widget.HighImportance
	look := widget.NewButton(recoverLook, answer(func() { s.openWithoutJournal(path, done) }))
	cancel := widget.NewButton("Cancel", answer(func() {
		if done != nil {
			done(err)
		}
	}))
	buttons := container.NewHBox(layout.NewSpacer(), cancel, look)
	if writable {
		buttons.Add(undo)
	} else {
		look.Importance = widget.HighImportance
	}
	d = dialog.NewCustomWithoutButtons("Unfinished change", container.NewBorder(nil,
		buttons, nil, nil, msg), s.win)
	d.Resize(fyne.NewSize(fyne.Min(620, s.win.Canvas().Size().Width*0.9), 0))
	s.showBusy(d) // not left with Escape: each way out is a button, which calls done
	return true
}

// recoverBoard undoes the unfinished change (data.Recover) off the UI
// thread and shows the board, saying where the file as it was is kept.
func (s *Shell) recoverBoard(path string, done func(error)) {
	s.openWith(path, "Undoing the unfinished change in "+filepath.Base(path)+"…", done, func() (*data.Case, string, error) {
		cs, rec, err := data.Recover(path)
		if err != nil || rec == nil {
			return cs, "", err
		}
		return cs, "The unfinished change was undone. The file as it was left is kept beside the board as “" +
			filepath.Base(rec.Backup) + "” (with its journal).", nil
	})
}

// openWithoutJournal shows the board as it was before the unfinished
// change, read-only (data.OpenWithoutJournal); the banner says so.
func (s *Shell) openWithoutJournal(path string, done func(error)) {
	s.openWith(path, "Reading "+filepath.Base(path)+" without the unfinished change…", done, func() (*data.Case, string, error) {
		cs, err := data.OpenWithoutJournal(path)
		return cs, "", err
	})
}

// openWith runs open off the UI thread behind a progress dialog, then
// shows the board and the note open returned, or the error.
func (s *Shell) openWith(path, what string, done func(error), open func() (*data.Case, string, error)) {
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons("Opening", container.NewVBox(widget.NewLabel(what), bar), s.win)
	s.showBusy(wait)
	go func() {
		cs, note, err := open()
		var prep *board.Prepared
		if err == nil {
			prep = board.Prepare(cs.Model()) // the board's index, off the UI thread as OpenPathInBackground files it
		}
		fyne.Do(func() {
			bar.Stop()
			wait.Hide()
			if err != nil {
				if done != nil {
					done(err)
				} else {
					s.showError(err)
				}
				return
			}
			s.installPrepared(path, cs, prep)
			if note != "" {
				s.showDialog(dialog.NewInformation("Recovered", note, s.win))
			}
			if done != nil {
				done(nil)
			}
		})
	}()
}
