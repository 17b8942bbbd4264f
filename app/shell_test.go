package app

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/app/format/brief"
	"evidenceboard/data"
)

// openShell opens a copy of the sample case in a headless window.
func openShell(t *testing.T) (*Shell, fyne.Window, string) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "A. Reporter")
	e, path := sampleEditor(t)
	e.Store().Close() // the shell opens the file itself
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1300, 850))
	s := NewShell(a, w)
	if err := s.OpenPath(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.closeBoard)
	return s, w, path
}

// centreOf is where card id is drawn, in canvas coordinates.
func centreOf(t *testing.T, s *Shell, id string) fyne.Position {
	t.Helper()
	pos, size, ok := s.Board().CardScreenRect(id)
	if !ok {
		t.Fatalf("card %s not on the board", id)
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.Board())
	return abs.Add(pos).Add(fyne.NewPos(size.Width/2, size.Height/2))
}

func TestDragCardReachesTheFile(t *testing.T) {
	s, w, path := openShell(t)
	card := cardByTitle(t, s.Editor().Model(), "The 50 Jane Does")
	x0, y0 := card.X, card.Y
	zoom := float64(s.Board().Zoom())
	test.Drag(w.Canvas(), centreOf(t, s, card.ID), 60, 40)
	got := cardByTitle(t, reload(t, path), "The 50 Jane Does")
	if math.Abs(got.X-(x0+60/zoom)) > 1 || math.Abs(got.Y-(y0+40/zoom)) > 1 {
		t.Fatalf("file has (%.1f, %.1f), want (%.1f, %.1f)", got.X, got.Y, x0+60/zoom, y0+40/zoom)
	}
	// The history names who moved it.
	hist, err := s.Editor().Store().History(card.ID)
	if err != nil || len(hist) == 0 || hist[0].Author != "A. Reporter" || !strings.Contains(hist[0].What, "moved to") {
		t.Errorf("the newest history entry of the card: %v %+v", err, hist)
	}
	s.undo()
	if got := cardByTitle(t, reload(t, path), "The 50 Jane Does"); got.X != x0 || got.Y != y0 {
		t.Fatalf("undo left (%v, %v)", got.X, got.Y)
	}
}

func TestWindowTitleNamesBoardAndFile(t *testing.T) {
	s, w, _ := openShell(t)
	want := data.SampleTitle + " — sample.evboard — Evidence Board"
	if got := w.Title(); got != want {
		t.Fatalf("title %q, want %q", got, want)
	}
	b := s.Editor().Model().Board
	b.Title = "Renamed"
	if err := s.Editor().EditBoard(b); err != nil {
		t.Fatal(err)
	}
	if got := w.Title(); got != "Renamed — sample.evboard — Evidence Board" {
		t.Fatalf("title after rename %q", got)
	}
}

func TestInspectorEditsReachTheFile(t *testing.T) {
	s, _, path := openShell(t)
	card := cardByTitle(t, s.Editor().Model(), "Salesforce")
	s.Board().Select(card.ID)
	s.inspector.show([]string{card.ID})
	if s.inspector.title == nil || s.inspector.title.Text != "Salesforce" {
		t.Fatal("the inspector does not show the card's title")
	}
	s.inspector.title.CursorColumn = len("Salesforce")
	test.Type(s.inspector.title, " Inc.")
	if got := reload(t, path).Cards[card.ID].Title; got != "Salesforce Inc." {
		t.Fatalf("file title %q", got)
	}
	s.undo()
	if got := reload(t, path).Cards[card.ID].Title; got != "Salesforce" {
		t.Fatalf("after one undo the title is %q", got)
	}
	if got := s.inspector.title.Text; got != "Salesforce" {
		t.Fatalf("the inspector shows %q after undo", got)
	}
}

func TestCreateFromToolbarSelectsNewCard(t *testing.T) {
	s, _, path := openShell(t)
	before := len(s.Editor().Model().Cards)
	s.createInView(data.KindEvent)
	m := reload(t, path)
	if len(m.Cards) != before+1 {
		t.Fatalf("%d cards in the file, want %d", len(m.Cards), before+1)
	}
	sel := s.Board().Selected()
	if len(sel) != 1 || m.Cards[sel[0]] == nil || m.Cards[sel[0]].Kind != data.KindEvent {
		t.Fatalf("selection after create: %v", sel)
	}
}

func TestBadFileKeepsOpenBoard(t *testing.T) {
	s, _, path := openShell(t)
	bad := t.TempDir() + "/bad.evboard"
	if err := writeFile(bad, "not a board"); err != nil {
		t.Fatal(err)
	}
	if err := s.OpenPath(bad); err == nil {
		t.Fatal("opened a text file")
	}
	if s.Editor() == nil || s.Editor().Store().Path() != path {
		t.Fatal("the open board was closed by a failed open")
	}
}

func TestSecondWindowOnOneFileIsReadOnly(t *testing.T) {
	s, _, path := openShell(t)
	w2 := test.NewTempWindow(t, nil)
	s2 := NewShell(fyne.CurrentApp(), w2)
	if err := s2.OpenPath(path); err != nil {
		t.Fatal(err)
	}
	defer s2.closeBoard()
	if !s2.Editor().Store().ReadOnly() || !s2.banner.Visible() {
		t.Fatal("a second window on an open file is not read-only with a banner")
	}
	if !strings.Contains(s2.warn.String(), "another Evidence Board") {
		t.Errorf("banner says %q", s2.warn.String())
	}
	if err := s2.Editor().MoveCards([]string{cardByTitle(t, s2.Editor().Model(), "Salesforce").ID}, 5, 5); err == nil {
		t.Fatal("the read-only window wrote a change")
	}
	if s.Editor().Store().ReadOnly() {
		t.Fatal("the first window lost its writing")
	}
}

func TestExportBriefWritesPDF(t *testing.T) {
	s, _, _ := openShell(t)
	out := filepath.Join(t.TempDir(), "brief.pdf")
	s.exportBrief(out, brief.DefaultOptions())
	deadline := time.Now().Add(60 * time.Second)
	for {
		if b, err := os.ReadFile(out); err == nil && len(b) > 0 {
			if !strings.HasPrefix(string(b), "%PDF-") {
				t.Fatal("not a PDF")
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no brief after a minute")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The dialogs behind the menus open without a panic (Fyne's file dialog
// once crashed when resized before it was shown).
func TestMenuDialogsOpen(t *testing.T) {
	s, w, _ := openShell(t)
	for name, open := range map[string]func(){
		"open": s.openDialog, "save a copy": s.saveCopyDialog, "merge": s.mergeDialog,
		"export brief": s.exportBriefDialog, "properties": s.propertiesDialog,
		"new board": s.newBoardDialog, "your name": s.authorDialog,
	} {
		open()
		if len(w.Canvas().Overlays().List()) == 0 {
			t.Errorf("%s: no dialog shown", name)
		}
		for _, o := range w.Canvas().Overlays().List() {
			w.Canvas().Overlays().Remove(o)
		}
	}
}

func TestNewBoardFormGoesOnToSave(t *testing.T) {
	s, w, _ := openShell(t)
	s.newBoardDialog()
	test.Type(w.Canvas().Focused(), "Acme leak inquiry")
	w.Canvas().Focused().(*dialogEntry).OnSubmitted("")
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Enter in the form did not go on to the save dialog")
	}
	if got := test.RenderObjectToMarkup(top); !strings.Contains(got, "Acme leak inquiry.evboard") {
		t.Fatalf("the save dialog does not offer the board's name:\n%.600s", got)
	}
}

// Saving a copy onto the open board, or onto any existing board, is
// refused before a byte of it is touched.
func TestSaveAsNeverTouchesAnExistingFile(t *testing.T) {
	s, w, path := openShell(t)
	before, _ := os.ReadFile(path)
	s.saveCopyDialog()
	name := w.Canvas().Focused().(*dialogEntry)
	name.SetText(filepath.Base(path))
	name.OnSubmitted("")
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the open board's file changed")
	}
	if _, err := data.Inspect(path, true); err != nil {
		t.Fatalf("the open board no longer opens: %v", err)
	}
	other := filepath.Join(filepath.Dir(path), "other.evboard")
	writeFile(other, "keep")
	if _, err := s.newFilePath(filepath.Dir(path), "other", data.Extension); !errors.Is(err, os.ErrExist) {
		t.Fatalf("an existing file was offered for writing: %v", err)
	}
	if got, err := s.newFilePath(filepath.Dir(path), "fresh", data.Extension); err != nil || filepath.Base(got) != "fresh.evboard" {
		t.Fatalf("new name: %q, %v", got, err)
	}
}

// Keys that reach the board after its file is closed do nothing.
func TestKeysAfterCloseDoNothing(t *testing.T) {
	s, w, path := openShell(t)
	x0 := cardByTitle(t, s.Editor().Model(), "Salesforce").X
	s.Board().Select(cardByTitle(t, s.Editor().Model(), "Salesforce").ID)
	s.closeBoard()
	w.Canvas().Focus(s.Board())
	s.Board().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	s.Board().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	s.undo()
	s.selectAll()
	// Nothing reached the file (closed, the keys had nowhere to go) and
	// nothing is open again.
	if s.Editor() != nil {
		t.Fatal("a key reopened the board")
	}
	m := reload(t, path)
	if c := cardByTitle(t, m, "Salesforce"); c == nil || c.X != x0 {
		t.Fatalf("a key after Close changed the file: %+v", c)
	}
}

// Opening the board that is already open keeps it open for writing.
func TestReopenOpenBoardStaysWritable(t *testing.T) {
	s, _, path := openShell(t)
	e := s.Editor()
	if err := s.OpenPath(path); err != nil {
		t.Fatal(err)
	}
	if s.Editor() != e || s.Editor().Store().ReadOnly() {
		t.Fatal("opening the open board again made it read-only or lost its undo")
	}
}

func TestOpenRecentListsOpenedBoard(t *testing.T) {
	s, _, path := openShell(t)
	abs, _ := filepath.Abs(path)
	items := s.menu.recent.ChildMenu.Items
	if len(items) == 0 || items[0].Label != abs {
		t.Fatalf("Open recent starts with %v, want %s", items, abs)
	}
}
