package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// errorDialog is the dialog every error of the window is shown in
// (Shell.showError). Fyne's dialog.NewError upper-cases the message's first
// letter, and our messages start with the file's name
// ("case.evboard: truncated…"), which must be shown as it is spelt: this
// shows the message exactly as written.
func errorDialog(err error, win fyne.Window) dialog.Dialog {
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.ErrorIcon())
	d := dialog.NewCustom("Error", "OK", container.NewBorder(nil, nil, icon, nil, msg), win)
	// As wide as the message needs, up to 600 or most of the window;
	// the wrapped label gives the height.
	w := widget.NewLabel(err.Error()).MinSize().Width + icon.MinSize().Width + 4*theme.Padding()
	w = fyne.Min(w, fyne.Min(600, win.Canvas().Size().Width*0.9))
	d.Resize(fyne.NewSize(w, 0))
	return d
}
