package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// menus is the main menu. Fyne runs a main-menu item's shortcut itself,
// before the focused widget and without looking at Disabled, so every
// action checks that it applies now; the same keys are also registered on
// the canvas, for windows without a native menu bar.
type menus struct {
	s      *Shell
	main   *fyne.MainMenu
	recent *fyne.MenuItem
	undo   *fyne.MenuItem
	redo   *fyne.MenuItem
	snap   *fyne.MenuItem
	// inspector is View → Inspector, checked while it shows.
	inspector *fyne.MenuItem
	// needBoard and needWrite are disabled without an open (writable) board.
	needBoard []*fyne.MenuItem
	needWrite []*fyne.MenuItem
	// pin is Arrange → Pin (tidy.go), named for what it will do to the
	// selection.
	pin *fyne.MenuItem
}

// pinItemLabel is the Pin item's label as tidy.go makes it, before the
// selection names it (pinLabel).
const pinItemLabel = "Pin or unpin selected cards"

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// altReturn opens Board properties, as Alt+Enter opens a file's
// properties on Windows.
var altReturn = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierAlt}

func newMenus(s *Shell) *menus {
	m := &menus{s: s}
	item := func(label string, key fyne.Shortcut, fn func()) *fyne.MenuItem {
		if isTextShortcut(key) {
			fn = s.unlessTyping(key, fn)
		}
		it := fyne.NewMenuItem(label, nil)
		it.Action = func() {
			if !it.Disabled {
				fn()
			}
		}
		if key != nil {
			it.Shortcut = key
			s.win.Canvas().AddShortcut(key, func(fyne.Shortcut) { it.Action() })
		}
		return it
	}
	board := func(it *fyne.MenuItem) *fyne.MenuItem { m.needBoard = append(m.needBoard, it); return it }
	write := func(it *fyne.MenuItem) *fyne.MenuItem { m.needWrite = append(m.needWrite, it); return it }

	m.recent = fyne.NewMenuItem("Open recent", nil)
	quit := item("Quit", ctrl(fyne.KeyQ), s.app.Quit)
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		item("New board…", ctrl(fyne.KeyN), s.newBoardDialog),
		item("Open…", ctrl(fyne.KeyO), s.openDialog),
		m.recent,
		item("Open the sample case", nil, func() { s.report(s.openSample()) }),
		fyne.NewMenuItemSeparator(),
		board(item("Save a copy as…", ctrlShift(fyne.KeyS), s.saveCopyDialog)),
		write(item("Merge a board…", nil, s.mergeDialog)),
		write(item("Add source document…", ctrlShift(fyne.KeyD), s.addDocumentDialog)),
		item("Open from team server…", nil, s.openFromTeamDialog),
		write(item("Share on a team server…", nil, s.shareDialog)),
		write(item("Sync with team server", nil, s.syncTeam)),
		write(item("Review team conflicts…", nil, s.teamConflictsDialog)),
		write(item("Import…", ctrl(fyne.KeyI), s.importDialog)),
		board(item("Export…", ctrlShift(fyne.KeyE), s.exportDialog)),
		board(item("Export brief…", ctrl(fyne.KeyE), s.exportBriefDialog)),
		fyne.NewMenuItemSeparator(),
		write(item("Board properties…", altReturn, s.propertiesDialog)),
		item("Your name…", nil, s.authorDialog),
		fyne.NewMenuItemSeparator(),
		board(item("Close board", ctrl(fyne.KeyW), s.closeBoard)),
		quit,
	)
	m.undo = write(item("Undo", &fyne.ShortcutUndo{}, s.undo))
	m.redo = write(item("Redo", &fyne.ShortcutRedo{}, s.redo))
	// Ctrl+Shift+Z is redo too, as in most editors.
	s.win.Canvas().AddShortcut(ctrlShift(fyne.KeyZ), func(fyne.Shortcut) { s.redo() })
	edit := fyne.NewMenu("Edit",
		m.undo, m.redo,
		fyne.NewMenuItemSeparator(),
		write(item("Cut", &fyne.ShortcutCut{}, s.cutSelected)),
		board(item("Copy", &fyne.ShortcutCopy{}, s.copySelected)),
		write(item("Paste", &fyne.ShortcutPaste{}, s.paste)),
		write(item("Duplicate", ctrl(fyne.KeyD), s.duplicateSelected)),
		board(item("Select all", &fyne.ShortcutSelectAll{}, s.selectAll)),
		write(item("Delete selected", nil, s.deleteSelected)),
		write(item("Connect selected cards", ctrl(fyne.KeyL), s.connectSelected)),
		write(item("Group selected cards", ctrl(fyne.KeyG), s.groupSelected)), // groups.go
		write(item("Ungroup", ctrlShift(fyne.KeyG), s.ungroupSelected)),
		write(item("Fold or unfold group", ctrl(fyne.KeyPeriod), s.foldSelected)),
		fyne.NewMenuItemSeparator(),
		board(item("Find…", ctrl(fyne.KeyF), s.focusSearch)),
	)
	var addItems []*fyne.MenuItem
	for _, k := range data.Kinds {
		k := k
		addItems = append(addItems, write(item(k.Label(), nil, func() { s.createInView(k) })))
	}
	add := fyne.NewMenu("Card", addItems...)
	m.snap = item("Snap to grid", nil, s.toggleSnap)
	m.inspector = item("Inspector", ctrlShift(fyne.KeyI), s.toggleInspector)
	view := fyne.NewMenu("View",
		board(item("Zoom in", ctrl(fyne.KeyEqual), func() { s.zoomBy(1.25) })),
		board(item("Zoom out", ctrl(fyne.KeyMinus), func() { s.zoomBy(1 / 1.25) })),
		board(item("Fit board", ctrl(fyne.Key0), s.fitBoard)),
		board(item("Actual size (100%)", ctrl(fyne.Key1), func() { s.setZoom(1) })),
		board(item("Filter…", filterKey, s.toggleFilters)),
		fyne.NewMenuItemSeparator(),
		s.timeline.menuItem(item("Timeline", ctrlShift(fyne.KeyT), s.timeline.toggle)),
		m.snap,
		m.inspector,
		fyne.NewMenuItemSeparator(),
		board(item("Reader (selected source or quote)", ctrl(fyne.KeyR), s.readSelected)),
		write(item("Make quote from the reader's selection", makeQuoteKey, func() { s.reader.makeQuote() })),
	)
	help := fyne.NewMenu("Help",
		item("About Evidence Board", nil, func() {
			s.showInfo("Evidence Board",
				"Lay out a case: parties, claims, quotes and their sources, joined by what each says of the other.\n\n"+
					"Every change is saved as you make it, with its history, in one .evboard file you can share.")
		}),
	)
	arrange := s.arrangeMenu(item, write)
	for _, it := range arrange.Items {
		if it.Label == pinItemLabel {
			m.pin = it
		}
	}
	m.main = fyne.NewMainMenu(file, edit, add, arrange, view, help)
	s.win.SetMainMenu(m.main)
	m.refreshRecent()
	m.refresh()
	return m
}

// refresh enables the items that apply now and names the step Undo and
// Redo would take; it runs after every change.
func (m *menus) refresh() {
	s := m.s
	open := s.editor != nil
	writable := open && !s.editor.Store().ReadOnly()
	for _, it := range m.needBoard {
		it.Disabled = !open
	}
	for _, it := range m.needWrite {
		it.Disabled = !writable
	}
	if writable {
		ok, label := s.editor.CanUndo()
		m.undo.Disabled, m.undo.Label = !ok, strings.TrimSpace("Undo "+label)
		ok, label = s.editor.CanRedo()
		m.redo.Disabled, m.redo.Label = !ok, strings.TrimSpace("Redo "+label)
	}
	if m.pin != nil {
		m.pin.Label = s.pinLabel()
	}
	m.snap.Checked = s.app.Preferences().Bool(prefSnap)
	m.inspector.Checked = s.inspectorPane.Visible()
	s.watchTeam() // a board linked to a team server is kept in step
	m.main.Refresh()
	s.toolbar.refresh()
}

// pinLabel names what Arrange → Pin will do: unpin the selected cards
// when every one of them is pinned, else pin them (Shell.togglePin).
func (s *Shell) pinLabel() string {
	if s.editor == nil || s.board == nil {
		return "Pin selected cards"
	}
	ids := s.selectedCards()
	for _, id := range ids {
		if !s.editor.Model().Cards[id].Pinned {
			return "Pin selected cards"
		}
	}
	if len(ids) == 0 {
		return "Pin selected cards"
	}
	return "Unpin selected cards"
}

// refreshRecent rebuilds File → Open recent; only opening a board
// changes it, so edits do not rebuild it.
func (m *menus) refreshRecent() {
	s := m.s
	var items []*fyne.MenuItem
	for _, p := range s.recent() {
		p := p
		items = append(items, fyne.NewMenuItem(p, func() { s.openReporting(p) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("(none yet)", nil)
		none.Disabled = true
		items = append(items, none)
	}
	m.recent.ChildMenu = fyne.NewMenu("", items...)
	m.main.Refresh()
}

// isTextShortcut tells the shortcuts that also mean something in a text
// field: undo, redo and select all.
func isTextShortcut(k fyne.Shortcut) bool {
	switch k.(type) {
	case *fyne.ShortcutUndo, *fyne.ShortcutRedo, *fyne.ShortcutSelectAll,
		*fyne.ShortcutCut, *fyne.ShortcutCopy, *fyne.ShortcutPaste:
		return true
	}
	return false
}

// withClipboard gives a clipboard shortcut the clipboard it works on: the
// menu's own instance has none, and a text field would use it.
func withClipboard(k fyne.Shortcut, cb fyne.Clipboard) fyne.Shortcut {
	switch k.(type) {
	case *fyne.ShortcutCut:
		return &fyne.ShortcutCut{Clipboard: cb}
	case *fyne.ShortcutCopy:
		return &fyne.ShortcutCopy{Clipboard: cb}
	case *fyne.ShortcutPaste:
		return &fyne.ShortcutPaste{Clipboard: cb}
	}
	return k
}

// unlessTyping runs fn, unless a text field has the focus: then the field
// gets the shortcut. Fyne gives a main menu's shortcuts precedence over
// the focused widget, so without this Ctrl+Z in the inspector would undo
// a board change under the cursor instead of the typing.
func (s *Shell) unlessTyping(key fyne.Shortcut, fn func()) func() {
	return func() {
		type textField interface {
			fyne.Shortcutable
			SelectedText() string
		}
		if f, ok := s.win.Canvas().Focused().(textField); ok {
			f.TypedShortcut(withClipboard(key, s.app.Clipboard()))
			return
		}
		fn()
	}
}

func (s *Shell) undo() { s.step((*Editor).Undo) }

func (s *Shell) redo() { s.step((*Editor).Redo) }

// step undoes or redoes, then shows the result in every field, the one
// being typed in included.
func (s *Shell) step(do func(*Editor) error) {
	if !s.writable() {
		return
	}
	if err := do(s.editor); err != ErrNothing && s.report(err) {
		s.inspector.refreshAll()
	}
}

// writable reports whether a board is open and may be changed.
func (s *Shell) writable() bool {
	return s.editor != nil && !s.editor.Store().ReadOnly()
}

func (s *Shell) selectAll() {
	if s.board != nil {
		s.board.SelectAll()
	}
}

func (s *Shell) deleteSelected() {
	if s.board != nil && s.editor != nil {
		s.report(s.editor.Delete(s.board.Selected()))
	}
}

// connectSelected links the two selected cards, the first selected to the
// second.
func (s *Shell) connectSelected() {
	if s.board == nil || s.editor == nil {
		return
	}
	var cards []string
	for _, id := range s.board.SelectedInOrder() {
		if s.editor.Model().Cards[id] != nil {
			cards = append(cards, id)
		}
	}
	if len(cards) != 2 {
		s.showError(errors.New("select exactly two cards to connect them"))
		return
	}
	s.board.OnConnect(cards[0], cards[1])
}

func (s *Shell) focusSearch() { s.win.Canvas().Focus(s.toolbar.search) }

func (s *Shell) zoomBy(f float32) {
	if s.board != nil {
		s.setZoom(s.board.Zoom() * f)
	}
}

func (s *Shell) setZoom(z float32) {
	if s.board != nil {
		s.board.SetZoom(z)
		s.updateStatus()
	}
}

func (s *Shell) fitBoard() {
	if s.board != nil {
		s.board.FitAll()
		s.updateStatus()
	}
}

func (s *Shell) toggleSnap() {
	p := s.app.Preferences()
	p.SetBool(prefSnap, !p.Bool(prefSnap))
	if s.board != nil {
		s.board.SetSnap(p.Bool(prefSnap))
	}
	s.menu.refresh()
}

// boardFilter limits file dialogs to board files.
var boardFilter = storage.NewExtensionFileFilter([]string{data.Extension})

func (s *Shell) openDialog() { s.pickBoard(s.openReporting) }

// pickBoard asks for an existing board file and hands its path to fn.
func (s *Shell) pickBoard(fn func(path string)) { s.pickFile(boardFilter, fn) }

// pickFile asks for a file to read (any file when filter is nil), starting
// in the open board's folder, and calls fn with its path.
func (s *Shell) pickFile(filter storage.FileFilter, fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			s.report(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, s.win)
	if filter != nil {
		d.SetFilter(filter)
	}
	s.startIn(d)
	s.showDialog(d)
}

// startIn points a file dialog at startFolder.
func (s *Shell) startIn(d *dialog.FileDialog) {
	if l, err := storage.ListerForURI(storage.NewFileURI(s.startFolder())); err == nil {
		d.SetLocation(l)
	}
}

func (s *Shell) newBoardDialog() {
	title := s.newEntry()
	title.SetPlaceHolder("e.g. Jane Does v. Salesforce")
	caseRef := s.newEntry()
	caseRef.SetPlaceHolder("docket, file or story number")
	d := dialog.NewForm("New board", "Choose where to save…", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Title", title),
		widget.NewFormItem("Case reference", caseRef),
	}, func(ok bool) {
		if !ok {
			return
		}
		name := strings.TrimSpace(title.Text)
		if name == "" {
			name = "Untitled board"
		}
		// A new board goes with the person's documents, whichever board is open.
		s.saveAsDialogIn(documentsDir(), "Save the new board", safeFileName(name)+data.Extension, data.Extension, false, func(path string) {
			st, err := data.Create(path, data.Board{Title: name, CaseRef: caseRef.Text, Author: s.author()})
			if !s.report(err) {
				return
			}
			st.Close()
			s.openReporting(path)
		})
	}, s.win)
	submitOnEnter(d, &title.Entry, &caseRef.Entry)
	d.Resize(fyne.NewSize(560, 220))
	s.showDialog(d)
	s.win.Canvas().Focus(title)
}

// submitOnEnter makes Enter in any of the entries submit the form, as
// people expect of a short form.
func submitOnEnter(d *dialog.FormDialog, entries ...*widget.Entry) {
	for _, e := range entries {
		e.OnSubmitted = func(string) { d.Submit() }
	}
}

// safeFileName turns a title into a file name people can mail around.
func safeFileName(title string) string {
	out := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '-'
		}
		return r
	}, data.OneLine(title, 60))
	return strings.Trim(out, ". ")
}

func (s *Shell) propertiesDialog() {
	if s.editor == nil {
		return
	}
	b := s.editor.Model().Board
	title, caseRef, author, marking := s.newEntry(), s.newEntry(), s.newEntry(), s.newEntry()
	title.SetText(b.Title)
	caseRef.SetText(b.CaseRef)
	author.SetText(b.Author)
	marking.SetText(b.Marking)
	marking.SetPlaceHolder("printed on every page of the brief, e.g. CONFIDENTIAL — DRAFT")
	d := dialog.NewForm("Board properties", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Title", title),
		widget.NewFormItem("Case reference", caseRef),
		widget.NewFormItem("Author", author),
		widget.NewFormItem("Marking", marking),
	}, func(ok bool) {
		if !ok {
			return
		}
		nb := b
		nb.Title, nb.CaseRef, nb.Author, nb.Marking = title.Text, caseRef.Text, author.Text, marking.Text
		if !nb.Equal(b) {
			s.report(s.editor.EditBoard(nb))
		}
	}, s.win)
	submitOnEnter(d, &title.Entry, &caseRef.Entry, &author.Entry, &marking.Entry)
	d.Resize(fyne.NewSize(560, 300))
	s.showDialog(d)
	s.win.Canvas().Focus(title)
}
