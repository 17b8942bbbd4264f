package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Every dialog the app shows goes through showDialog (or showBusy, for
// the progress of work that must not be walked away from): Escape closes
// the top one as its Cancel or Close button would, and once the last one
// closes the board has the keyboard again, so that shortcuts and arrow
// keys work without a click first.

// shownDialog is a dialog on screen.
type shownDialog struct {
	d         dialog.Dialog
	escapable bool
}

// showDialog shows d; Escape closes it. A file dialog is shown at a size
// that lists enough files.
func (s *Shell) showDialog(d dialog.Dialog) { s.show(d, true) }

// showBusy shows d, a progress dialog without buttons that the work it
// reports closes: Escape leaves it.
func (s *Shell) showBusy(d dialog.Dialog) { s.show(d, false) }

func (s *Shell) show(d dialog.Dialog, escapable bool) {
	s.dialogs = append(s.dialogs, shownDialog{d, escapable})
	d.SetOnClosed(func() { s.dialogClosed(d) })
	before := s.win.Canvas().Overlays().Top()
	d.Show()
	if fd, ok := d.(*dialog.FileDialog); ok {
		if s.win.Canvas().Overlays().Top() == before {
			// The system's own file picker (in a Flatpak sandbox): not
			// ours to close, and it tells SetOnClosed nothing.
			s.dialogClosed(d)
			return
		}
		// Fyne 2.8's FileDialog.Resize dereferences nil before Show.
		fd.Resize(fyne.NewSize(800, 560))
	}
}

// dialogClosed forgets d; when no dialog is left, the board takes the
// keyboard. A dialog whose answer opens the next one (a form, then where
// to save) leaves that one on the list first.
func (s *Shell) dialogClosed(d dialog.Dialog) {
	for i := len(s.dialogs) - 1; i >= 0; i-- {
		if s.dialogs[i].d == d {
			s.dialogs = append(s.dialogs[:i], s.dialogs[i+1:]...)
			break
		}
	}
	if len(s.dialogs) == 0 {
		s.focusBoard()
	}
}

// escape closes the top dialog, as its Cancel or Close button would, or
// else the filter panel, and reports whether there was one that Escape
// closes.
func (s *Shell) escape() bool {
	if n := len(s.dialogs); n > 0 && s.dialogs[n-1].escapable {
		s.dialogs[n-1].d.Dismiss()
		return true
	}
	return len(s.dialogs) == 0 && s.filters.escape() // filters.go
}

// typedKey gets the keys typed while nothing has the keyboard, as in a
// dialog before a field is clicked.
func (s *Shell) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		s.escape()
	}
}

// focusBoard gives the board the keyboard, when a board is shown and no
// dialog is open.
func (s *Shell) focusBoard() {
	if s.editor == nil || s.board == nil || len(s.dialogs) > 0 {
		return
	}
	if len(s.center.Objects) == 0 || s.center.Objects[0] != fyne.CanvasObject(s.board) {
		return
	}
	s.win.Canvas().Focus(s.board)
}

// showInfo shows a message with a Close button.
func (s *Shell) showInfo(title, message string) {
	s.showDialog(dialog.NewInformation(title, message, s.win))
}

// showConfirm asks a yes-or-no question; Escape is no.
func (s *Shell) showConfirm(title, message string, fn func(bool)) {
	s.showDialog(dialog.NewConfirm(title, message, fn, s.win))
}

// dialogEntry is a one-line text field of a dialog: Escape in it closes
// the dialog, which a plain Fyne entry, holding the keyboard, would not.
type dialogEntry struct {
	widget.Entry
	s *Shell
}

func (s *Shell) newEntry() *dialogEntry {
	e := &dialogEntry{s: s}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Escape.
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.s.escape() {
		return
	}
	e.Entry.TypedKey(ev)
}
