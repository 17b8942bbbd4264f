package app

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// toolbar holds the buttons above the board: a button per card kind,
// connect and delete, undo and redo, zoom, and the search box. In a
// narrow window the actions that do not fit go into the "…" button's menu
// (toolbarLayout), the least needed first, so that every one is a click
// or two away at any width down to minWindowWidth.
type toolbar struct {
	s       *Shell
	box     *fyne.Container
	actions []*toolAction
	more    *widget.Button // the overflow menu's "…"
	kinds   []*widget.Button
	undo    *widget.Button
	redo    *widget.Button
	connect *widget.Button
	remove  *widget.Button
	zoom    []*widget.Button
	search  *widget.Entry
	matches []string
	next    int
	found   *widget.Label
	// query is the search the board shows; pending is the timer that
	// will apply what is being typed.
	query   string
	pending *time.Timer
}

// toolAction is one button of the toolbar, and its line in the overflow
// menu when it does not fit.
type toolAction struct {
	label string // as the overflow menu says it
	btn   *widget.Button
	obj   fyne.CanvasObject // what the bar shows: the button, with its swatch for a kind
	// keep orders what goes into the overflow menu: the lowest first, and
	// of equals the rightmost first.
	keep int
	// group starts a new group of buttons, drawn after a separator.
	group bool
	sep   *widget.Separator
}

// searchPause is how long typing in the search box must pause before the
// board is searched: a fast typist's word is one search, not one a key.
const searchPause = 150 * time.Millisecond

func newToolbar(s *Shell) *toolbar {
	t := &toolbar{s: s}
	add := func(label string, b *widget.Button, obj fyne.CanvasObject, keep int, group bool) {
		b.Importance = widget.LowImportance
		if obj == nil {
			obj = b
		}
		a := &toolAction{label: label, btn: b, obj: obj, keep: keep, group: group}
		if group {
			a.sep = widget.NewSeparator()
		}
		t.actions = append(t.actions, a)
	}
	for i, k := range data.Kinds {
		k := k
		b := widget.NewButtonWithIcon(k.Label(), theme.ContentAddIcon(), func() { s.createInView(k) })
		t.kinds = append(t.kinds, b)
		swatch := canvas.NewRectangle(data.ColorOr(k.AccentColor(), ""))
		swatch.SetMinSize(fyne.NewSize(4, 22))
		swatch.CornerRadius = 2
		// The first kinds stay longest: parties, claims, quotes.
		add("Add "+k.Label(), b, container.NewHBox(swatch, b), 30-i, false)
	}
	t.connect = widget.NewButtonWithIcon("Connect", theme.MailForwardIcon(), s.connectSelected)
	t.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), s.deleteSelected)
	t.undo = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), s.unlessTyping(&fyne.ShortcutUndo{}, s.undo))
	t.redo = widget.NewButtonWithIcon("", theme.ContentRedoIcon(), s.unlessTyping(&fyne.ShortcutRedo{}, s.redo))
	add("Connect selected cards", t.connect, nil, 50, true)
	add("Delete selected", t.remove, nil, 49, false)
	add("Undo", t.undo, nil, 60, true)
	add("Redo", t.redo, nil, 59, false)
	t.zoom = []*widget.Button{
		widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { s.zoomBy(1 / 1.25) }),
		widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { s.zoomBy(1.25) }),
		widget.NewButtonWithIcon("", theme.ZoomFitIcon(), s.fitBoard),
	}
	add("Zoom out", t.zoom[0], nil, 12, true)
	add("Zoom in", t.zoom[1], nil, 11, false)
	add("Fit board", t.zoom[2], nil, 10, false)
	add("Filter…", s.filterButton(), nil, 40, true)
	t.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), t.showMore)
	t.more.Importance = widget.LowImportance

	t.search = widget.NewEntry()
	t.search.SetPlaceHolder("Search the board (Ctrl+F)")
	t.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	t.search.OnChanged = t.filterSoon
	t.search.OnSubmitted = func(q string) {
		if q != t.query {
			t.filter(q)
		}
		t.showNext()
	}
	t.found = widget.NewLabel("")
	var objs []fyne.CanvasObject
	for _, a := range t.actions {
		if a.sep != nil {
			objs = append(objs, a.sep)
		}
		objs = append(objs, a.obj)
	}
	objs = append(objs, t.more, container.NewBorder(nil, nil, nil, container.NewHBox(t.found, s.docs.button), t.search))
	t.box = container.New(&toolbarLayout{t: t}, objs...)
	return t
}

func (t *toolbar) object() fyne.CanvasObject {
	return container.NewVBox(container.NewPadded(t.box), widget.NewSeparator())
}

// overflow is the actions that did not fit, in the bar's order.
func (t *toolbar) overflow() []*toolAction {
	var out []*toolAction
	for _, a := range t.actions {
		if !a.obj.Visible() {
			out = append(out, a)
		}
	}
	return out
}

// overflowMenu is the "…" button's menu: the actions that did not fit,
// each enabled as its button would be.
func (t *toolbar) overflowMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	prev := -1
	for i, a := range t.actions {
		if a.obj.Visible() {
			continue
		}
		if a.group && prev >= 0 && len(items) > 0 {
			items = append(items, fyne.NewMenuItemSeparator())
		}
		prev = i
		a := a
		it := fyne.NewMenuItem(a.label, func() { a.btn.OnTapped() })
		it.Icon = a.btn.Icon
		it.Disabled = a.btn.Disabled()
		items = append(items, it)
	}
	return fyne.NewMenu("", items...)
}

// showMore opens the overflow menu under the "…" button.
func (t *toolbar) showMore() {
	c := fyne.CurrentApp().Driver().CanvasForObject(t.more)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(t.more).AddXY(0, t.more.Size().Height)
	widget.ShowPopUpMenuAtPosition(t.overflowMenu(), c, pos)
}

// toolbarLayout lays the toolbar out: the actions from the left, as many
// as fit, then the "…" button when some do not, and the search box on the
// right, narrower in a narrow window. Its objects are the actions (each
// group's separator before it), the "…" button and the search box.
type toolbarLayout struct{ t *toolbar }

// Search box widths: as wide as this when there is room, never narrower
// than searchMin.
const (
	searchWide = 320
	searchMin  = 180
)

func (l *toolbarLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	t := l.t
	h := t.search.MinSize().Height
	for _, a := range t.actions {
		h = max(h, a.obj.MinSize().Height)
	}
	pad := theme.Padding()
	return fyne.NewSize(t.more.MinSize().Width+pad+searchMin, h)
}

func (l *toolbarLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	t := l.t
	pad := theme.Padding()
	searchW := min(float32(searchWide), max(float32(searchMin), size.Width*0.28))
	room := size.Width - searchW - pad
	sepW := func(a *toolAction) float32 { return a.sep.MinSize().Width + pad }
	width := func(show []bool) float32 {
		var w float32
		any := false
		for i, a := range t.actions {
			if !show[i] {
				continue
			}
			if any && a.group {
				w += sepW(a)
			}
			w += a.obj.MinSize().Width + pad
			any = true
		}
		return w
	}
	show := make([]bool, len(t.actions))
	for i := range show {
		show[i] = true
	}
	if width(show) > room {
		room -= t.more.MinSize().Width + pad
		// Drop the least needed (of equals, the rightmost) until the rest fit.
		for width(show) > room {
			drop := -1
			for i := len(t.actions) - 1; i >= 0; i-- {
				if show[i] && (drop < 0 || t.actions[i].keep < t.actions[drop].keep) {
					drop = i
				}
			}
			if drop < 0 {
				break
			}
			show[drop] = false
		}
	}
	x := float32(0)
	any, anyHidden := false, false
	for i, a := range t.actions {
		if a.sep != nil {
			a.sep.Hide()
		}
		if !show[i] {
			a.obj.Hide()
			anyHidden = true
			continue
		}
		if any && a.group {
			a.sep.Show()
			a.sep.Move(fyne.NewPos(x, 0))
			a.sep.Resize(fyne.NewSize(a.sep.MinSize().Width, size.Height))
			x += sepW(a)
		}
		ms := a.obj.MinSize()
		a.obj.Show()
		a.obj.Move(fyne.NewPos(x, (size.Height-ms.Height)/2))
		a.obj.Resize(ms)
		x += ms.Width + pad
		any = true
	}
	if anyHidden {
		ms := t.more.MinSize()
		t.more.Show()
		t.more.Move(fyne.NewPos(x, (size.Height-ms.Height)/2))
		t.more.Resize(ms)
	} else {
		t.more.Hide()
	}
	box := t.box.Objects[len(t.box.Objects)-1]
	box.Move(fyne.NewPos(size.Width-searchW, 0))
	box.Resize(fyne.NewSize(searchW, size.Height))
}

// filterSoon searches for q once typing pauses (see searchPause).
func (t *toolbar) filterSoon(q string) {
	if t.pending != nil {
		t.pending.Stop()
	}
	t.pending = time.AfterFunc(searchPause, func() {
		fyne.Do(func() {
			if t.search.Text == q && q != t.query {
				t.filter(q)
			}
		})
	})
}

// filter dims what does not match the search text and lists the matches.
func (t *toolbar) filter(q string) {
	if t.s.board == nil {
		return
	}
	t.query = q
	n := t.s.board.SetFilter(q)
	t.s.docs.search(q)
	t.matches, t.next = nil, 0 // put in reading order when first stepped through
	switch {
	case q == "":
		t.found.SetText("")
	default:
		t.found.SetText(fmt.Sprintf("%d found", n))
	}
}

// showNext centres the next match and selects it.
func (t *toolbar) showNext() {
	if t.matches == nil && t.s.board != nil {
		t.matches = t.s.board.Matches()
	}
	if len(t.matches) == 0 || t.s.board == nil {
		return
	}
	id := t.matches[t.next%len(t.matches)]
	t.next++
	t.s.board.CenterOn(id)
	t.s.board.Select(id)
	t.s.inspector.show([]string{id})
	t.found.SetText(fmt.Sprintf("%d of %d", (t.next-1)%len(t.matches)+1, len(t.matches)))
}

// refresh enables what can be done now.
func (t *toolbar) refresh() {
	open := t.s.editor != nil
	writable := open && !t.s.editor.Store().ReadOnly()
	for _, b := range t.kinds {
		setEnabled(b, writable)
	}
	sel := 0
	if open && t.s.board != nil {
		sel = len(t.s.board.Selected())
	}
	setEnabled(t.connect, writable && sel == 2)
	setEnabled(t.remove, writable && sel > 0)
	canUndo, canRedo := false, false
	if writable {
		canUndo, _ = t.s.editor.CanUndo()
		canRedo, _ = t.s.editor.CanRedo()
	}
	setEnabled(t.undo, canUndo)
	setEnabled(t.redo, canRedo)
	for _, b := range t.zoom {
		setEnabled(b, open)
	}
	if open {
		t.search.Enable()
	} else {
		t.search.Disable()
	}
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func canvasRect(name fyne.ThemeColorName) *canvas.Rectangle {
	c := theme.Color(name)
	r, g, b, _ := c.RGBA()
	return canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x55})
}
