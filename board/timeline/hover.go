package timeline

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// tip is the note shown over the card under the pointer: its date, kind
// and whole title (a label on the timeline is cut to its room).
type tip struct {
	bg         *canvas.Rectangle
	head, body *canvas.Text
	id         string
}

func newTip() *tip {
	t := &tip{bg: canvas.NewRectangle(color.Transparent),
		head: canvas.NewText("", color.Black), body: canvas.NewText("", color.Black)}
	t.bg.CornerRadius = 4
	t.bg.StrokeWidth = 1
	t.head.TextSize, t.body.TextSize = labelSize-1, labelSize
	t.head.TextStyle.Bold = true
	for _, o := range t.objects() {
		o.Hide()
	}
	return t
}

func (t *tip) objects() []fyne.CanvasObject { return []fyne.CanvasObject{t.bg, t.head, t.body} }

func (t *tip) hide() {
	if t.bg.Hidden {
		return // every pan step asks
	}
	t.id = ""
	t.bg.Hide()
	t.head.Hide()
	t.body.Hide()
}

// MouseIn is part of desktop.Hoverable.
func (t *Timeline) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved is part of desktop.Hoverable: the card under the pointer
// gets its note.
func (t *Timeline) MouseMoved(ev *desktop.MouseEvent) { t.hoverAt(ev.Position) }

// MouseOut is part of desktop.Hoverable.
func (t *Timeline) MouseOut() { t.tip.hide() }

// hoverAt shows the note of the card at widget position p, or none.
func (t *Timeline) hoverAt(p fyne.Position) {
	tp := t.tip
	id := t.hitAt(p)
	if id == "" {
		tp.hide()
		return
	}
	if id != tp.id {
		tp.id = id
		it := t.byCard[id][0]
		tp.head.Text = it.e.Date.Human() + " · " + it.e.Card.Kind.Label()
		tp.body.Text = fit(shown(it.e.Card.Title), 520)
		fg := theme.ColorForWidget(theme.ColorNameForeground, t)
		tp.head.Color, tp.body.Color = fg, fg
		tp.bg.FillColor = theme.ColorForWidget(theme.ColorNameMenuBackground, t)
		tp.bg.StrokeColor = theme.ColorForWidget(theme.ColorNameSeparator, t)
	}
	hs, bs := tp.head.MinSize(), tp.body.MinSize()
	size := fyne.NewSize(max(hs.Width, bs.Width)+16, hs.Height+bs.Height+10)
	pos := p.AddXY(14, 18)
	// Kept inside the widget, which clips what it draws.
	if pos.X+size.Width > t.v.size.Width {
		pos.X = max(0, p.X-size.Width-6)
	}
	if pos.Y+size.Height > t.v.size.Height {
		pos.Y = max(0, p.Y-size.Height-6)
	}
	tp.bg.Move(pos)
	tp.bg.Resize(size)
	tp.head.Move(pos.AddXY(8, 5))
	tp.body.Move(pos.AddXY(8, 5+hs.Height))
	for _, o := range tp.objects() {
		o.Show()
		o.Refresh()
	}
}
