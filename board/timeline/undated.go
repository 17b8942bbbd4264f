package timeline

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// undated is the list of the cards a timeline cannot place, beside it.
type undated struct {
	t      *Timeline
	bg     *canvas.Rectangle
	rule   *canvas.Rectangle
	header *widget.Label
	list   *widget.List
	pane   *fyne.Container
}

func newUndated(t *Timeline) *undated {
	u := &undated{t: t, bg: canvas.NewRectangle(color.Transparent), rule: canvas.NewRectangle(color.Transparent)}
	u.header = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.list = widget.NewList(
		func() int { return len(u.t.tl.Undated) },
		func() fyne.CanvasObject { return newUndatedRow(u) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*undatedRow).show(&u.t.tl.Undated[i]) },
	)
	u.pane = container.NewStack(u.bg, container.NewBorder(u.header, nil, u.rule, nil, u.list))
	u.rule.SetMinSize(fyne.NewSize(1, 1))
	u.pane.Hide()
	return u
}

func (u *undated) object() fyne.CanvasObject { return u.pane }

// shown reports whether the list takes room: only when there are undated
// cards, and the timeline is wide enough to give the plot room beside it.
func (u *undated) shown() bool {
	return u.t.tl != nil && len(u.t.tl.Undated) > 0 && u.t.v.size.Width >= gutterW+undatedW+200
}

func (u *undated) layout(pos fyne.Position, size fyne.Size) {
	if u.pane.Hidden == u.shown() {
		u.pane.Hidden = !u.shown()
		u.refresh()
	}
	u.pane.Move(pos)
	u.pane.Resize(size)
}

// refresh shows the list's cards and their selection again.
func (u *undated) refresh() {
	if u.t.tl == nil {
		return
	}
	wasShown := u.pane.Visible()
	u.pane.Hidden = !u.shown()
	if u.pane.Hidden {
		if wasShown {
			u.t.sc.layout() // the plot takes the room back
		}
		return
	}
	u.bg.FillColor = theme.ColorForWidget(theme.ColorNameHeaderBackground, u.t)
	u.rule.FillColor = theme.ColorForWidget(theme.ColorNameSeparator, u.t)
	u.header.SetText(fmt.Sprintf("Undated (%d)", len(u.t.tl.Undated)))
	u.list.Refresh()
	u.pane.Refresh()
	if !wasShown {
		u.t.sc.layout() // the plot gives the list its room
	}
}

// undatedRow is one card in the list: a click selects it, Shift or Ctrl
// adds it, as on the timeline.
type undatedRow struct {
	widget.BaseWidget
	u     *undated
	id    string
	mods  fyne.KeyModifier
	bg    *canvas.Rectangle
	title *canvas.Text
	kind  *canvas.Text
}

func newUndatedRow(u *undated) *undatedRow {
	r := &undatedRow{u: u, bg: canvas.NewRectangle(color.Transparent),
		title: canvas.NewText("", color.Black), kind: canvas.NewText("", color.Black)}
	r.title.TextSize, r.kind.TextSize = labelSize, labelSize-2
	r.ExtendBaseWidget(r)
	return r
}

func (r *undatedRow) show(e *data.TimelineCard) {
	r.id = e.Card.ID
	sel := r.u.t.sel[r.id]
	r.title.Text = fit(shown(e.Card.Title), undatedW-24)
	if r.title.Text == "" {
		r.title.Text = "(untitled)"
	}
	r.title.Color = theme.ColorForWidget(theme.ColorNameForeground, r.u.t)
	r.title.TextStyle.Bold = sel
	r.kind.Text = e.Card.Kind.Label()
	if e.Card.Date != "" {
		r.kind.Text += " · date not read: " + fit(shown(e.Card.Date), 100)
	}
	r.kind.Color = data.ColorOr(e.Card.Kind.AccentColor(), "#5f6368")
	r.bg.FillColor = color.Transparent
	if sel {
		r.bg.FillColor = theme.ColorForWidget(theme.ColorNameSelection, r.u.t)
	}
	r.Refresh()
}

func (r *undatedRow) CreateRenderer() fyne.WidgetRenderer {
	return &undatedRowRenderer{r: r}
}

// MouseDown is part of desktop.Mouseable: it notes the modifiers.
func (r *undatedRow) MouseDown(ev *desktop.MouseEvent) { r.mods = ev.Modifier }

// MouseUp is part of desktop.Mouseable.
func (r *undatedRow) MouseUp(*desktop.MouseEvent) {}

// Tapped is part of fyne.Tappable.
func (r *undatedRow) Tapped(*fyne.PointEvent) {
	t := r.u.t
	t.mods = r.mods
	r.mods = 0
	t.clicked(r.id, t.heldMods())
	t.mods = 0
}

type undatedRowRenderer struct{ r *undatedRow }

func (x *undatedRowRenderer) Destroy() {}
func (x *undatedRowRenderer) Layout(size fyne.Size) {
	x.r.bg.Resize(size)
	x.r.title.Move(fyne.NewPos(6, 3))
	x.r.kind.Move(fyne.NewPos(6, 5+labelSize+2))
}
func (x *undatedRowRenderer) MinSize() fyne.Size {
	return fyne.NewSize(undatedW-20, 2*labelSize+14)
}
func (x *undatedRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{x.r.bg, x.r.title, x.r.kind}
}
func (x *undatedRowRenderer) Refresh() {
	x.r.bg.Refresh()
	x.r.title.Refresh()
	x.r.kind.Refresh()
}
