// Package app is Evidence Board's shell: the window, its menus and
// toolbar, the inspector, dialogs, preferences and the editor that turns
// what a person does into changes of the open board.
package app

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/assets"
	"evidenceboard/board"
	"evidenceboard/data"
)

// Preference keys.
const (
	prefRecent = "recent"
	prefAuthor = "author"
	prefSnap   = "snap"
	// prefHideInspector is set while View → Inspector is off.
	prefHideInspector = "hide-inspector"
)

// AppID is the application ID, as in FyneApp.toml.
const AppID = "io.evidenceboard.app"

// Shell is one Evidence Board window and the board open in it.
type Shell struct {
	app fyne.App
	win fyne.Window

	editor    *Editor // nil while no board is open
	board     *board.Board
	inspector *Inspector
	toolbar   *toolbar
	status    *widget.Label
	banner    *fyne.Container // "read-only" notice
	warn      *widget.RichText
	center    *fyne.Container
	welcome   fyne.CanvasObject

	// inspectorPane holds the inspector at a fixed width beside the
	// board; View → Inspector hides it.
	inspectorPane *fyne.Container
	// following watches a read-only board for its writer's changes.
	following *follower

	// The reader pane beside the board, and where it gets a source card's
	// document: change documentFor to read documents stored in the board.
	reader      *reader
	readerSplit *container.Split
	documentFor DocumentFunc
	docs        *docSearch

	timeline *timelinePane // below the board: View → Timeline
	menu     *menus

	// dialogs are the dialogs on screen, the top one last: see dialogs.go.
	dialogs []shownDialog

	// launching is set while the window is being shown for the first
	// time (Run): the first board's reads wait for its progress to be
	// on screen.
	launching bool

	// opening counts the boards asked for (OpenPathInBackground) and
	// shown (installPrepared): one opening in the background is shown only
	// if no other was asked for or shown since.
	opening int

	filters *filterPanel // filters.go

	pictures *pictures   // image sources' pictures for the board: pictures.go
	quotes   *quoteMarks // quotes checked against their sources: quotemarks.go
}

// NewShell builds the window's content, menus and shortcuts. No board is
// open until OpenPath or OpenDefault.
func NewShell(a fyne.App, w fyne.Window) *Shell {
	s := &Shell{app: a, win: w}
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.inspector = newInspector(s)
	s.docs = newDocSearch(s)
	s.pictures, s.quotes = newPictures(s), newQuoteMarks(s)
	s.toolbar = newToolbar(s)
	// The banner's words are in the theme's colour for text on its
	// warning fill: a label's usual colour is unreadable on it in the dark.
	s.warn = widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyle{
		Alignment: fyne.TextAlignCenter, ColorName: theme.ColorNameForegroundOnWarning,
		TextStyle: fyne.TextStyle{Bold: true}}})
	s.warn.Wrapping = fyne.TextWrapWord
	s.banner = container.NewStack(canvasRect(theme.ColorNameWarning), s.warn)
	s.banner.Hide()
	s.welcome = s.newWelcome()
	s.center = container.NewStack(s.welcome)
	s.reader = newReader(s)
	s.documentFor = s.storedDocument
	s.timeline = newTimelinePane(s, s.center)
	s.readerSplit = container.NewHSplit(s.timeline.object(), s.reader.object())
	s.readerSplit.Offset = 0.55
	s.inspectorPane = container.New(fixedWidth(inspectorWidth),
		container.NewBorder(nil, nil, widget.NewSeparator(), nil, s.inspector.object()))
	s.inspectorPane.Hidden = a.Preferences().Bool(prefHideInspector)
	top := container.NewVBox(s.toolbar.object(), s.banner)
	w.SetContent(container.NewBorder(top, s.status, nil, s.inspectorPane, s.readerSplit))
	s.menu = newMenus(s)
	w.SetOnDropped(func(pos fyne.Position, uris []fyne.URI) {
		for _, u := range uris {
			if strings.HasSuffix(strings.ToLower(u.Path()), data.Extension) {
				s.openReporting(u.Path())
				return
			}
		}
		for _, u := range uris {
			if importable(u.Path()) {
				s.importFile(u.Path())
				return
			}
		}
		added := 0
		for _, u := range uris {
			if isDocument(u.Path()) && s.board != nil {
				// Documents land where they were dropped, side by side.
				x, y := s.board.BoardPos(pos.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(s.board)))
				s.addDocument(u.Path(), x+float64(added)*240, y, nil)
				added++
			}
		}
		if added == 0 {
			s.showError(errors.New("drop an .evboard file to open it, a document (PDF, text, Markdown, HTML, PNG, JPEG) to add it as a source, or a JSON Canvas, GraphML or CSV file to import it"))
		}
	})
	w.SetOnClosed(s.closeBoard)
	w.Canvas().SetOnTypedKey(s.typedKey)
	s.updateTitle()
	return s
}

// Window is the shell's window.
func (s *Shell) Window() fyne.Window { return s.win }

// Editor is the editor of the open board, or nil.
func (s *Shell) Editor() *Editor { return s.editor }

// Board is the board widget, or nil before a board is first opened.
func (s *Shell) Board() *board.Board { return s.board }

// OpenPath opens a board file in the window, replacing the open one. A
// file that fails inspection is not touched and the open board stays.
func (s *Shell) OpenPath(path string) error {
	if s.editor != nil && sameFile(path, s.editor.Store().Origin()) {
		return nil // already open here; opening it again would find it locked
	}
	cs, err := data.OpenCase(path)
	if err != nil {
		return err
	}
	s.install(path, cs)
	return nil
}

// OpenPathInBackground opens path as OpenPath does, but reads and checks
// the file off the UI thread while the window shows what it is opening:
// the window appears at once however large the board. done, if not nil,
// is called on the UI thread with the outcome.
func (s *Shell) OpenPathInBackground(path string, done func(error)) {
	if s.editor != nil && sameFile(path, s.editor.Store().Origin()) {
		if done != nil {
			done(nil)
		}
		return
	}
	finish := func(err error) {
		if done != nil {
			done(err)
		} else if err != nil {
			s.showError(err)
		}
	}
	// The last board asked for is the one shown: a large board still
	// opening when another is opened is closed when it is ready.
	s.opening++
	gen := s.opening
	prev := s.center.Objects
	bar := widget.NewProgressBarInfinite()
	opening := progressView("Opening "+filepath.Base(path)+"…\nchecking the file and reading the board", bar)
	shown := make(chan struct{})
	s.center.Objects = traceFrame("the progress shows, opening "+filepath.Base(path), false, opening,
		firstPaint(func() { close(shown) }))
	s.center.Refresh()
	size := s.previewSize()
	launching := s.launching
	s.launching = false
	go func() {
		if launching {
			// The window's first frames come first: the reads below
			// would take the other core from them.
			waitPainted(shown)
		}
		// What will be in view first (preview.go): a few hundred cards
		// read by position, drawn while the whole board is opened.
		if p := readPreview(path, size); p != nil {
			traceStep("what is in view is read")
			painted := make(chan struct{})
			fyne.Do(func() {
				if s.center.Objects[0] == opening {
					s.showPreview(path, p, bar, painted)
				} else {
					close(painted)
				}
			})
			// The open takes both cores for seconds: it waits for the
			// preview to be on screen, which it would slow down.
			waitPainted(painted)
		}
		cs, err := data.OpenCase(path)
		traceStep("the board is read")
		// The board's index of every card and link is made here too, so
		// that the UI thread, which must keep the progress moving, is
		// left only what is in view to draw.
		var prep *board.Prepared
		if err == nil {
			prep = board.Prepare(cs.Model())
			traceStep("the board is indexed")
		}
		fyne.Do(func() {
			bar.Stop()
			if gen != s.opening {
				if err == nil {
					cs.Close()
				}
				if done != nil {
					done(nil) // nothing to report of a board no longer wanted
				}
				return
			}
			if err != nil {
				s.center.Objects = prev
				s.center.Refresh()
				if s.askRecovery(path, err, done) { // app/recover.go
					return
				}
				finish(err)
				return
			}
			s.installPrepared(path, cs, prep)
			finish(nil)
		})
	}()
}

// install shows an opened board in the window, closing the one before.
func (s *Shell) install(path string, cs *data.Case) { s.installPrepared(path, cs, nil) }

// installPrepared is install with the board's index made already
// (board.Prepare, off the UI thread), or made here if prep is nil.
func (s *Shell) installPrepared(path string, cs *data.Case, prep *board.Prepared) {
	s.opening++ // a board still opening in the background is not wanted now
	st, m := cs.Store(), cs.Model()
	if prep == nil || prep.Model() != m {
		prep = board.Prepare(m)
	}
	s.closeBoard()
	st.Author = s.author()
	s.editor = newEditorFor(cs)
	s.editor.OnChanged = s.changed
	if s.board == nil {
		s.board = board.NewPrepared(prep)
		s.wireBoard()
	} else {
		s.board.SetPrepared(prep)
	}
	s.board.SetReadOnly(st.ReadOnly())
	s.board.SetSnap(s.app.Preferences().Bool(prefSnap))
	s.pictures.install()
	s.quotes.install()
	s.center.Objects = traceFrame("the board's first frame", true, s.board)
	s.center.Refresh()
	if st.ReadOnly() {
		why := "this file cannot be changed"
		var fe *data.FileError
		if err := st.WhyReadOnly(); errors.As(err, &fe) {
			why = fe.Reason // the window title already names the file
		} else if err != nil {
			why = err.Error()
		}
		s.warn.Segments[0].(*widget.TextSegment).Text = "Read-only: " + why + ". Nothing you do here changes it; File ⟶ Save a copy as… gives you a copy to work on."
		s.warn.Refresh()
		s.banner.Show()
	} else {
		s.banner.Hide()
	}
	s.inspector.show(nil)
	s.timeline.setModel(m)
	if t := s.toolbar; t.query != "" {
		t.filter(t.query) // the search box's words, found on this board
	}
	s.addRecent(path)
	s.showKeptView(path) // app/views.go: where it was left, else fitted
	s.updateTitle()
	s.menu.refresh()
	s.follow()
	s.watchCheck(s.editor) // checked.go
	s.focusBoard()
	traceStep("the board is installed")
}

// openReporting opens path in the background (OpenPathInBackground) and
// shows any error in a dialog.
func (s *Shell) openReporting(path string) { s.OpenPathInBackground(path, nil) }

// OpenDefault opens what a bare start should show: the last board used,
// or else the sample case, written on first run to the user's data folder.
func (s *Shell) OpenDefault() error {
	for _, p := range s.recent() {
		if _, err := os.Stat(p); err == nil {
			if err := s.OpenPath(p); err == nil {
				return nil
			}
		}
	}
	return s.openSample()
}

// OpenDefaultInBackground is OpenDefault with each file read off the UI
// thread (see OpenPathInBackground): what a bare start of the app does.
func (s *Shell) OpenDefaultInBackground() {
	var tries []string
	for _, p := range s.recent() {
		if _, err := os.Stat(p); err == nil {
			tries = append(tries, p)
		}
	}
	var try func(i int)
	try = func(i int) {
		if i < len(tries) {
			s.OpenPathInBackground(tries[i], func(err error) {
				if err != nil {
					try(i + 1)
				}
			})
			return
		}
		path, err := s.sampleFile()
		if err != nil {
			s.showError(err)
			return
		}
		s.OpenPathInBackground(path, nil)
	}
	try(0)
}

// openSample opens the sample case in the user's data folder, writing it
// first if it is not there.
func (s *Shell) openSample() error {
	path, err := s.sampleFile()
	if err != nil {
		return err
	}
	return s.OpenPath(path)
}

// sampleFile is the sample case's file, written first if it is not there.
func (s *Shell) sampleFile() (string, error) {
	path, err := samplePath()
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		st, err := data.CreateSample(path, assets.Article)
		if err != nil {
			return "", err
		}
		st.Close()
	}
	return path, nil
}

// samplePath is where the sample case lives: the app's data folder
// (dataDir).
func samplePath() (string, error) {
	dir, err := dataDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return filepath.Join(dir, "Sample case"+data.Extension), nil
}

func (s *Shell) closeBoard() {
	if s.editor == nil {
		return
	}
	s.keepBoardView() // app/views.go
	// Unfocused first: a field that keeps what was typed when it is left
	// (a date) keeps it before the file closes.
	s.win.Canvas().Unfocus()
	s.stopFollowing()
	s.stopWatchingCheck() // checked.go
	s.editor.Store().Close()
	s.editor = nil
	s.reader.closeBoard()
	s.board.ClearSelection()
	s.inspector.show(nil)
	s.timeline.setModel(nil)
	s.docs.search("")
	s.center.Objects = []fyne.CanvasObject{s.welcome}
	s.center.Refresh()
	s.banner.Hide()
	s.updateTitle()
	s.menu.refresh()
}

// changed is told of every change the editor made.
func (s *Shell) changed(ids []string, boardChanged bool) {
	s.board.Changed(ids...)
	s.quotes.changed(ids)
	s.timeline.changed()
	s.inspector.refresh()
	s.reader.changed()
	if boardChanged {
		s.updateTitle()
	}
	s.updateStatus()
	s.menu.refresh()
}

func (s *Shell) wireBoard() {
	b := s.board
	// The board keeps the keyboard focus after its file is closed, so
	// every intent checks that a board is still open.
	open := func() bool { return s.editor != nil }
	b.OnMove = func(ids []string, dx, dy float64) {
		if !open() {
			return
		}
		if len(ids) >= backgroundMove {
			s.status.SetText(fmt.Sprintf("Saving the move of %d cards…", len(ids)))
		}
		s.editor.MoveCardsInBackground(ids, dx, dy, func(err error) {
			s.report(err)
			s.updateStatus()
		})
	}
	b.OnResize = func(id string, w, h float64) {
		if open() {
			s.report(s.editor.ResizeCard(id, w, h))
		}
	}
	b.OnCreate = func(k data.Kind, x, y float64) { s.createAt(k, x, y) }
	b.OnFold = func(ids []string) { s.foldGroups(ids) } // groups.go
	b.OnConnect = func(from, to string) {
		if !open() {
			return
		}
		l, err := s.editor.Connect(from, to)
		if s.report(err) {
			b.Select(l.ID)
			s.inspector.show([]string{l.ID})
		}
	}
	b.OnDelete = func(ids []string) {
		if open() {
			s.report(s.editor.Delete(ids))
		}
	}
	b.OnSelect = func(ids []string) {
		s.timeline.follow(ids)
		if open() {
			s.inspector.show(ids)
			s.updateStatus()
			s.menu.refresh()
		}
	}
	// The status bar's zoom follows every zoom, the wheel's included.
	b.OnZoom = func(float32) { s.updateStatus() }
	b.OnEdit = func(id string) {
		if open() {
			s.setInspectorShown(true) // asked to edit: show where
			s.inspector.show([]string{id})
			s.inspector.focusTitle()
			if c := s.editor.Model().Cards[id]; c != nil && c.Kind == data.KindSource {
				_ = s.reader.open(id) // a source without a document just edits
			}
		}
	}
}

// createAt adds a card of kind k at board point (x, y), selects it and
// puts the cursor in its title.
func (s *Shell) createAt(k data.Kind, x, y float64) {
	if s.editor == nil {
		return
	}
	c, err := s.editor.CreateCard(k, x, y)
	if !s.report(err) {
		return
	}
	s.board.Select(c.ID)
	s.inspector.show([]string{c.ID})
	s.inspector.focusTitle()
}

// createInView adds a card of kind k (from the toolbar, the Card menu or
// a shortcut) on free board: beside the selected cards, or below them
// when beside would leave the view, or else at the centre of the view;
// moved down past any card it would cover (data.Model.PlaceClear), and
// brought into view.
func (s *Shell) createInView(k data.Kind) {
	if s.board == nil || s.editor == nil {
		return
	}
	x, y := s.newCardSpot(k)
	s.createAt(k, x, y)
	if sel := s.board.Selected(); len(sel) == 1 {
		if c := s.editor.Model().Cards[sel[0]]; c != nil && !s.inView(c) {
			s.board.CenterOn(c.ID)
		}
	}
}

// newCardGap is the space left between a new card and the cards beside it.
const newCardGap = 40

// newCardSpot is the centre of free board for a new card of kind k: see
// createInView.
func (s *Shell) newCardSpot(k data.Kind) (x, y float64) {
	m := s.editor.Model()
	w, h := data.DefaultSize(k)
	c := data.Card{Kind: k, Width: w, Height: h}
	var box *data.Card
	for _, id := range s.board.Selected() {
		sc := m.Cards[id]
		if sc == nil {
			continue
		}
		if box == nil {
			b := *sc
			box = &b
			continue
		}
		right, bottom := max(box.X+box.Width, sc.X+sc.Width), max(box.Y+box.Height, sc.Y+sc.Height)
		box.X, box.Y = min(box.X, sc.X), min(box.Y, sc.Y)
		box.Width, box.Height = right-box.X, bottom-box.Y
	}
	switch {
	case box == nil:
		cx, cy := s.board.ViewCenter()
		c.X, c.Y = cx-w/2, cy-h/2
	default:
		c.X, c.Y = box.X+box.Width+newCardGap, box.Y
		if !s.inView(&c) {
			c.X, c.Y = box.X, box.Y+box.Height+newCardGap
		}
	}
	m.PlaceClear(&c)
	return c.X + w/2, c.Y + h/2
}

// inView reports whether the whole of card c is in the view.
func (s *Shell) inView(c *data.Card) bool {
	vx, vy, vw, vh := s.board.ViewRect()
	return c.X >= vx && c.Y >= vy && c.X+c.Width <= vx+vw && c.Y+c.Height <= vy+vh
}

// layoutReader lays out the board and the reader again after the reader
// was shown or hidden.
func (s *Shell) layoutReader() { s.readerSplit.Refresh() }

// report shows err, if any, and tells whether all went well.
func (s *Shell) report(err error) bool {
	if err == nil {
		return true
	}
	s.showError(err)
	return false
}

func (s *Shell) showError(err error) {
	fyne.LogError("", err)
	s.showDialog(errorDialog(err, s.win)) // app/errors.go: file names as spelt
}

func (s *Shell) updateTitle() {
	title := "Evidence Board"
	if s.editor != nil {
		name := filepath.Base(s.editor.Store().Path())
		if t := strings.TrimSpace(s.editor.Model().Board.Title); t != "" {
			title = fmt.Sprintf("%s — %s — Evidence Board", data.OneLine(t, 80), name)
		} else {
			title = name + " — Evidence Board"
		}
		if s.editor.Store().ReadOnly() {
			title += " (read-only)"
		}
	}
	s.win.SetTitle(title)
	s.updateStatus()
}

func (s *Shell) updateStatus() { s.updateStatusWith("") }

// updateStatusWith fills the status bar: the counts, the selection, the
// zoom, who is recorded with changes, extra (the team server's state)
// when not "", and the file last, where a narrow window cuts it short.
func (s *Shell) updateStatusWith(extra string) {
	you := "you: " + s.author()
	if s.editor == nil {
		s.status.SetText("No board open  ·  " + you)
		return
	}
	cnt := s.editor.Model().Counts()
	var parts []string
	for _, k := range data.Kinds {
		if n := cnt.ByKind[k]; n > 0 {
			label := k.Label()
			if n != 1 {
				label = k.Plural()
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(label)))
		}
	}
	parts = append(parts, plural(cnt.Links, "1 link", "%d links"))
	if f := s.filterStatus(); f != "" {
		parts = append(parts, f)
	}
	if s.board != nil {
		if n := len(s.board.Selected()); n > 0 {
			parts = append(parts, fmt.Sprintf("%d selected", n))
		}
		parts = append(parts, fmt.Sprintf("%.0f%%", s.board.Zoom()*100))
	}
	parts = append(parts, you)
	if extra != "" {
		parts = append(parts, extra)
	}
	parts = append(parts, s.editor.Store().Origin())
	s.status.SetText(strings.Join(parts, "  ·  "))
}

// author is the name written with every change: the one given under
// File → Your name…, else the system account's (systemAuthor). Nothing
// is asked on a first run: the board opens at once.
func (s *Shell) author() string {
	if name := strings.TrimSpace(s.app.Preferences().String(prefAuthor)); name != "" {
		return name
	}
	return systemAuthor()
}

// systemAuthor is the system account's name: its full name where the
// account has one, else the login name (os/user, else $USER or
// $USERNAME).
func systemAuthor() string {
	if u, err := user.Current(); err == nil {
		// A Unix account's full name is the first of its comma-separated
		// GECOS fields.
		if full, _, _ := strings.Cut(u.Name, ","); strings.TrimSpace(full) != "" {
			return strings.TrimSpace(full)
		}
		login := u.Username
		if i := strings.LastIndexByte(login, '\\'); i >= 0 { // Windows: DOMAIN\user
			login = login[i+1:]
		}
		if login != "" {
			return login
		}
	}
	for _, v := range []string{"USER", "USERNAME"} {
		if name := strings.TrimSpace(os.Getenv(v)); name != "" {
			return name
		}
	}
	return "unknown"
}

// authorDialog asks for the name written into the history with every
// change (File → Your name…).
func (s *Shell) authorDialog() {
	name := s.newEntry()
	name.SetText(s.author())
	name.SetPlaceHolder("e.g. A. Reporter")
	d := dialog.NewForm("Your name", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Name", name),
		widget.NewFormItem("", wrapped("Recorded with every change you make, in the board's history.")),
	}, func(ok bool) {
		if ok && strings.TrimSpace(name.Text) != "" {
			s.setAuthor(strings.TrimSpace(name.Text))
		}
	}, s.win)
	submitOnEnter(d, &name.Entry)
	d.Resize(fyne.NewSize(440, 220))
	s.showDialog(d)
	s.win.Canvas().Focus(name)
}

func (s *Shell) setAuthor(name string) {
	s.app.Preferences().SetString(prefAuthor, name)
	if s.editor != nil {
		s.editor.Store().Author = name
	}
	s.updateStatus()
}

func (s *Shell) recent() []string {
	return s.app.Preferences().StringList(prefRecent)
}

func (s *Shell) addRecent(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	list := []string{abs}
	for _, p := range s.recent() {
		if p != abs && len(list) < 10 {
			list = append(list, p)
		}
	}
	s.app.Preferences().SetStringList(prefRecent, list)
	s.menu.refreshRecent()
}
