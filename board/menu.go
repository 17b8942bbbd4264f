package board

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// TappedSecondary is part of fyne.SecondaryTappable: it shows the context
// menu of what is under the pointer.
func (b *Board) TappedSecondary(ev *fyne.PointEvent) {
	m := b.contextMenu(ev.Position)
	if m == nil {
		return
	}
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	if c := app.Driver().CanvasForObject(b); c != nil {
		widget.ShowPopUpMenuAtPosition(m, c, ev.AbsolutePosition)
	}
}

// contextMenu builds the menu for a right-click at p, selecting what was
// clicked if it was not selected.
func (b *Board) contextMenu(p fyne.Position) *fyne.Menu {
	h := b.hitTest(p)
	id := ""
	switch h.kind {
	case hitCard, hitConnect, hitResize:
		id = h.card.id
	case hitLink:
		id = h.link.selectID()
	}
	if id == "" {
		x, y := b.toBoard(p)
		var items []*fyne.MenuItem
		for _, k := range data.Kinds {
			k := k
			it := fyne.NewMenuItem("New "+k.Label(), func() {
				if b.OnCreate != nil {
					b.OnCreate(k, x, y)
				}
			})
			it.Disabled = b.readOnly || b.OnCreate == nil
			items = append(items, it)
		}
		return fyne.NewMenu("", items...)
	}
	if !b.sel[id] {
		b.setSelection(map[string]bool{id: true})
	}
	edit := fyne.NewMenuItem("Edit", func() {
		if b.OnEdit != nil {
			b.OnEdit(id)
		}
	})
	del := fyne.NewMenuItem("Delete", func() {
		if b.OnDelete != nil && len(b.sel) > 0 {
			b.OnDelete(b.Selected())
		}
	})
	del.Disabled = b.readOnly
	if h.kind == hitLink && h.link.derived() {
		// A link drawn from a quote's field is the quote's: its Edit opens
		// the quote, and it is taken away in the quote's field.
		return fyne.NewMenu("", edit)
	}
	if fold := b.foldItem(id); fold != nil {
		return fyne.NewMenu("", edit, fold, fyne.NewMenuItemSeparator(), del)
	}
	return fyne.NewMenu("", edit, fyne.NewMenuItemSeparator(), del)
}
