package timeline

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// hitAt is the card drawn at widget position p, by its marker or bar
// first, then by its label; "" for none. The items drawn last are on top.
func (t *Timeline) hitAt(p fyne.Position) string {
	s := t.sc
	ps := t.plotSize()
	if p.X < gutterW || p.Y < axisH || p.X > gutterW+ps.Width || p.Y > axisH+ps.Height {
		return ""
	}
	origin := s.world.Position()
	inside := func(pos fyne.Position, size fyne.Size, slack float32) bool {
		pos = pos.Add(origin)
		return p.X >= pos.X-slack && p.X <= pos.X+size.Width+slack &&
			p.Y >= pos.Y-slack && p.Y <= pos.Y+size.Height+slack
	}
	label := ""
	for i := len(s.live) - 1; i >= 0; i-- {
		it := s.live[i]
		v := it.view
		if inside(v.bar.Position(), v.bar.Size(), 2) {
			return it.e.Card.ID
		}
		if label == "" && !v.label.Hidden && inside(v.label.Position(), v.label.MinSize(), 0) {
			label = it.e.Card.ID
		}
	}
	return label
}

// heldMods is the modifier keys held: those the driver reports, and those of
// the last press (the test driver reports none).
func (t *Timeline) heldMods() fyne.KeyModifier {
	m := t.mods
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			m |= d.CurrentKeyModifiers()
		}
	}
	return m
}

// MouseDown is part of desktop.Mouseable: it notes the modifiers, which a
// tap does not carry.
func (t *Timeline) MouseDown(ev *desktop.MouseEvent) { t.mods = ev.Modifier }

// MouseUp is part of desktop.Mouseable.
func (t *Timeline) MouseUp(*desktop.MouseEvent) {}

// Tapped is part of fyne.Tappable: a click selects the card under the
// pointer (Shift or Ctrl adds it), or nothing on empty timeline.
func (t *Timeline) Tapped(ev *fyne.PointEvent) {
	if ev.Position.X < gutterW || ev.Position.Y < axisH {
		return // the row labels and the axis
	}
	t.clicked(t.hitAt(ev.Position), t.heldMods())
	t.mods = 0
}

// Dragged is part of fyne.Draggable: a drag pans.
func (t *Timeline) Dragged(ev *fyne.DragEvent) { t.PanBy(-ev.Dragged.DX, -ev.Dragged.DY) }

// DragEnd is part of fyne.Draggable.
func (t *Timeline) DragEnd() { t.mods = 0 }

// Scrolled is part of fyne.Scrollable: the wheel scrolls the rows (with
// Shift, or a sideways wheel, it moves in time); with Ctrl (or Cmd) held
// it zooms around the pointer.
func (t *Timeline) Scrolled(ev *fyne.ScrollEvent) {
	mods := t.heldMods()
	if mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		d := ev.Scrolled.DY
		if d == 0 {
			d = ev.Scrolled.DX
		}
		x := ev.Position.X
		if x < gutterW {
			x = gutterW + t.plotSize().Width/2
		}
		t.ZoomAt(t.Zoom()*math.Exp(float64(d)*0.004), x)
		return
	}
	dx, dy := -ev.Scrolled.DX, -ev.Scrolled.DY
	if mods&fyne.KeyModifierShift != 0 && dx == 0 {
		dx, dy = dy, 0
	}
	t.PanBy(dx, dy)
}

// Cursor is part of desktop.Cursorable.
func (t *Timeline) Cursor() desktop.Cursor { return desktop.PointerCursor }
