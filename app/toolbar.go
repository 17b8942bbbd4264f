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
// connect and delete, undo and redo, zoom, and the search box.
type toolbar struct {
	s       *Shell
	box     *fyne.Container
	kinds   []*widget.Button
	undo    *widget.Button
	redo    *widget.Button
	connect *widget.Button
	remove  *widget.Button
	search  *widget.Entry
	matches []string
	next    int
	found   *widget.Label
	// query is the search the board shows; pending is the timer that
	// will apply what is being typed.
	query   string
	pending *time.Timer
}

// searchPause is how long typing in the search box must pause before the
// board is searched: a fast typist's word is one search, not one a key.
const searchPause = 150 * time.Millisecond

func newToolbar(s *Shell) *toolbar {
	t := &toolbar{s: s}
	var items []fyne.CanvasObject
	for _, k := range data.Kinds {
		k := k
		b := widget.NewButtonWithIcon(k.Label(), theme.ContentAddIcon(), func() { s.createInView(k) })
		b.Importance = widget.LowImportance
		t.kinds = append(t.kinds, b)
		swatch := canvas.NewRectangle(data.ColorOr(k.AccentColor(), ""))
		swatch.SetMinSize(fyne.NewSize(4, 22))
		swatch.CornerRadius = 2
		items = append(items, container.NewHBox(swatch, b))
	}
	t.connect = widget.NewButtonWithIcon("Connect", theme.MailForwardIcon(), s.connectSelected)
	t.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), s.deleteSelected)
	t.undo = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), s.unlessTyping(&fyne.ShortcutUndo{}, s.undo))
	t.redo = widget.NewButtonWithIcon("", theme.ContentRedoIcon(), s.unlessTyping(&fyne.ShortcutRedo{}, s.redo))
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { s.zoomBy(1 / 1.25) })
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { s.zoomBy(1.25) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), s.fitBoard)
	for _, b := range []*widget.Button{t.connect, t.remove, t.undo, t.redo, zoomOut, zoomIn, fit} {
		b.Importance = widget.LowImportance
	}
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
	items = append(items, widget.NewSeparator(), t.connect, t.remove, widget.NewSeparator(),
		t.undo, t.redo, widget.NewSeparator(), zoomOut, zoomIn, fit, widget.NewSeparator(), s.filterButton())
	right := container.NewBorder(nil, nil, nil, container.NewHBox(t.found, s.docs.button), t.search)
	t.box = container.NewBorder(nil, nil, container.NewHBox(items...), nil, container.NewGridWrap(fyne.NewSize(320, t.search.MinSize().Height), right))
	return t
}

func (t *toolbar) object() fyne.CanvasObject {
	return container.NewVBox(container.NewPadded(t.box), widget.NewSeparator())
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
