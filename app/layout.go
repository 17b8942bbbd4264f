package app

import (
	"fyne.io/fyne/v2"
)

// inspectorWidth is the inspector's width, whatever it shows: a panel
// that widened with a long title squeezed the board at every click.
const inspectorWidth = 330

// minWindowWidth is the narrowest window everything works in: the board
// beside a document on half of a 1920-pixel screen, or on a small laptop.
const minWindowWidth = 800

// fixedWidth lays its objects out at one width (and the height given),
// and asks for that width whatever they would like: what is wider is
// wrapped or clipped inside, never widens the column.
type fixedWidth float32

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(float32(w), h)
}

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(float32(w), size.Height))
	}
}

// toggleInspector shows or hides the inspector (View → Inspector); the
// choice is kept for the next start.
func (s *Shell) toggleInspector() {
	s.setInspectorShown(!s.inspectorPane.Visible())
}

func (s *Shell) setInspectorShown(on bool) {
	if on == s.inspectorPane.Visible() {
		return
	}
	if on {
		s.inspectorPane.Show()
	} else {
		s.inspectorPane.Hide()
		if f := s.win.Canvas().Focused(); f != nil && f != fyne.Focusable(s.board) {
			s.focusBoard() // the keyboard was in a field now hidden
		}
	}
	s.app.Preferences().SetBool(prefHideInspector, !on)
	s.win.Content().Refresh()
	s.menu.refresh()
}
