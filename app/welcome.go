package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/assets"
)

// newWelcome is what the window shows while no board is open.
func (s *Shell) newWelcome() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	title := widget.NewLabelWithStyle("Evidence Board", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	text := widget.NewLabelWithStyle("Lay out a case: who alleges what, who denies it, and what the sources say.",
		fyne.TextAlignCenter, fyne.TextStyle{})
	newB := widget.NewButtonWithIcon("New board…", theme.DocumentCreateIcon(), s.newBoardDialog)
	newB.Importance = widget.HighImportance
	openB := widget.NewButtonWithIcon("Open…", theme.FolderOpenIcon(), s.openDialog)
	sample := widget.NewButtonWithIcon("Open the sample case", theme.InfoIcon(), func() { s.report(s.openSample()) })
	return container.NewCenter(container.NewVBox(icon, title, text,
		container.NewCenter(container.NewHBox(newB, openB, sample))))
}
