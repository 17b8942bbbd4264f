package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// pressKey delivers a key as the desktop driver does: to what has the
// keyboard, else to the canvas.
func pressKey(w fyne.Window, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// pressShortcut runs a shortcut as the desktop driver does: the main
// menu's item for it first.
func pressShortcut(t *testing.T, s *Shell, sc fyne.Shortcut) {
	t.Helper()
	for _, m := range s.menu.main.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item for %s", sc.ShortcutName())
}

// Escape closes every dialog the app shows, as Cancel would, and the
// board has the keyboard again after it.
func TestEscapeClosesEveryDialog(t *testing.T) {
	s, w, _ := openShell(t)
	title := s.Editor().Model().Board.Title
	for _, tc := range []struct {
		name string
		open func()
		// typeIn types into the field the dialog focuses, when it has one.
		typeIn bool
	}{
		{"board properties", s.propertiesDialog, true},
		{"your name", s.authorDialog, true},
		{"new board", s.newBoardDialog, true},
		{"open", s.openDialog, false},
		{"save a copy", s.saveCopyDialog, true},
		{"export", s.exportDialog, false},
		{"export brief", s.exportBriefDialog, false},
		{"share on a team server", s.shareDialog, false},
		{"an error", func() { s.showError(errors.New("something went wrong")) }, false},
		{"a message", func() { s.showInfo("Note", "a message") }, false},
		{"a question", func() { s.showConfirm("Sure?", "really?", func(bool) {}) }, false},
		{"about", func() { pressMenu(t, s, "Help", "About Evidence Board") }, false},
	} {
		w.Canvas().Unfocus() // as after a click on a toolbar button
		tc.open()
		if w.Canvas().Overlays().Top() == nil || len(s.dialogs) == 0 {
			t.Fatalf("%s: no dialog shown", tc.name)
		}
		if tc.typeIn {
			if _, ok := w.Canvas().Focused().(*dialogEntry); !ok {
				t.Fatalf("%s: the dialog's field does not have the keyboard (%T)", tc.name, w.Canvas().Focused())
			}
			test.Type(w.Canvas().Focused(), "typed")
		}
		pressKey(w, fyne.KeyEscape)
		if top := w.Canvas().Overlays().Top(); top != nil || len(s.dialogs) != 0 {
			t.Fatalf("%s: Escape left a dialog open (%d listed)", tc.name, len(s.dialogs))
		}
		if got := w.Canvas().Focused(); got != s.board {
			t.Fatalf("%s: after the dialog closed the keyboard is with %T, not the board", tc.name, got)
		}
	}
	if got := s.Editor().Model().Board.Title; got != title {
		t.Fatalf("Escape in the properties saved them: title %q", got)
	}
	// A form whose answer opens the next dialog leaves the keyboard in it.
	s.newBoardDialog()
	s.dialogs[0].d.(interface{ Submit() }).Submit()
	if len(s.dialogs) != 1 || w.Canvas().Focused() == s.board {
		t.Fatalf("after New board's form, %d dialogs and the keyboard with %T", len(s.dialogs), w.Canvas().Focused())
	}
	pressKey(w, fyne.KeyEscape)
	if len(s.dialogs) != 0 || w.Canvas().Focused() != s.board {
		t.Fatal("Escape did not close where to save the new board")
	}
}

// pressMenu runs the main menu's item label of menu.
func pressMenu(t *testing.T, s *Shell, menu, label string) {
	t.Helper()
	for _, m := range s.menu.main.Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no %s → %s", menu, label)
}

// A first run (no preferences, no board yet) opens straight on the
// sample case with no dialog, the author taken from the system account
// and shown in the status bar; the board takes Ctrl+A then an arrow key
// at once.
func TestFirstRunOpensOnTheBoard(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1300, 850))
	s := NewShell(a, w)
	if err := s.OpenDefault(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.closeBoard)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("a first run shows a dialog")
	}
	if !strings.HasSuffix(s.Editor().Store().Path(), filepath.Join("evidenceboard", "Sample case.evboard")) {
		t.Fatalf("opened %s", s.Editor().Store().Path())
	}
	want := systemAuthor()
	if want == "" || want == "unknown" && os.Getenv("USER") != "" {
		t.Fatalf("the system account's name is %q", want)
	}
	if s.Editor().Store().Author != want || !strings.Contains(s.status.Text, "you: "+want) {
		t.Fatalf("author %q, status %q; want %q", s.Editor().Store().Author, s.status.Text, want)
	}
	// File → Your name… changes it, for the board and the status bar.
	s.setAuthor("Ann Other")
	if s.Editor().Store().Author != "Ann Other" || !strings.Contains(s.status.Text, "you: Ann Other") {
		t.Fatalf("after File → Your name: author %q, status %q", s.Editor().Store().Author, s.status.Text)
	}
	if w.Canvas().Focused() != s.board {
		t.Fatalf("the keyboard is with %T, not the board", w.Canvas().Focused())
	}
	m := s.Editor().Model()
	before := map[string]float64{}
	for id, c := range m.Cards {
		before[id] = c.X
	}
	pressShortcut(t, s, &fyne.ShortcutSelectAll{})
	pressKey(w, fyne.KeyRight)
	for id, c := range m.Cards {
		if c.X <= before[id] {
			t.Fatalf("Ctrl+A then → left %q at x %v (was %v)", c.Title, c.X, before[id])
		}
	}
}
