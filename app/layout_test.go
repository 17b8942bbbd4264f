package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"evidenceboard/data"
)

// At 800 pixels wide every toolbar action can be reached, on the bar or
// in its "…" menu, and nothing in the window asks for more width.
func TestToolbarAt800Pixels(t *testing.T) {
	s, w, _ := openShell(t)
	m := s.Editor().Model()
	var quote *data.Card
	for _, c := range m.Cards {
		if c.Kind == data.KindQuote && (quote == nil || len(c.QuoteText) > len(quote.QuoteText)) {
			quote = c
		}
	}
	for _, width := range []float32{1400, 1100, minWindowWidth} {
		w.Resize(fyne.NewSize(width, 700))
		s.board.Select(quote.ID) // the inspector at its fullest
		s.inspector.show([]string{quote.ID})
		if got := w.Content().MinSize().Width; got > minWindowWidth {
			t.Fatalf("at %v px the window asks for %v px", width, got)
		}
		w.Content().Refresh()
		tb := s.toolbar
		menu := map[string]*fyne.MenuItem{}
		for _, it := range tb.overflowMenu().Items {
			menu[it.Label] = it
		}
		driver := fyne.CurrentApp().Driver()
		shown := 0
		for _, a := range tb.actions {
			if a.obj.Visible() {
				shown++
				pos := driver.AbsolutePositionForObject(a.btn)
				if pos.X < 0 || pos.X+a.btn.Size().Width > width || a.btn.Size().Width < a.btn.MinSize().Width {
					t.Errorf("at %v px %q is drawn at x %v, %v wide: cut off", width, a.label, pos.X, a.btn.Size().Width)
				}
				if menu[a.label] != nil {
					t.Errorf("at %v px %q is both on the bar and in the menu", width, a.label)
				}
				continue
			}
			if menu[a.label] == nil {
				t.Errorf("at %v px %q is neither on the bar nor in the … menu", width, a.label)
			}
			if !tb.more.Visible() {
				t.Errorf("at %v px %q is hidden and the … button too", width, a.label)
			}
		}
		if end := driver.AbsolutePositionForObject(tb.more).X + tb.more.Size().Width; tb.more.Visible() && end > width-searchMin {
			t.Errorf("at %v px the … button ends at %v, under the search box", width, end)
		}
		t.Logf("%v px: %d of %d actions on the bar", width, shown, len(tb.actions))
		if width == minWindowWidth && shown == len(tb.actions) {
			t.Errorf("at %v px every action fits: the test tests nothing", width)
		}
	}
	// An action in the menu works from there: the last kind, a note.
	before := len(m.Cards)
	s.board.ClearSelection()
	for _, it := range s.toolbar.overflowMenu().Items {
		if it.Label == "Add "+data.KindNote.Label() {
			it.Action()
		}
	}
	if len(m.Cards) != before+1 {
		t.Fatalf("Add Note from the … menu made %d cards", len(m.Cards)-before)
	}
}

// The inspector keeps its width whatever it shows, and View → Inspector
// hides it, giving the board the room.
func TestInspectorFixedWidthAndHidden(t *testing.T) {
	s, w, _ := openShell(t)
	w.Resize(fyne.NewSize(1000, 700))
	m := s.Editor().Model()
	boardW := float32(-1)
	var ids []string
	for _, k := range data.Kinds {
		for id, c := range m.Cards {
			if c.Kind == k {
				ids = append(ids, id)
				break
			}
		}
	}
	for _, id := range append(ids, "") {
		if id == "" {
			s.board.ClearSelection()
			s.inspector.show(nil)
		} else {
			s.board.Select(id)
			s.inspector.show([]string{id})
		}
		w.Content().Refresh()
		// Nothing in it asks for more than its width: it would be cut off.
		for _, o := range s.inspector.box.Objects {
			if o.Visible() && o.MinSize().Width > inspectorWidth-2*theme.Padding() {
				t.Errorf("showing %q the inspector holds a %T %v wide", id, o, o.MinSize().Width)
			}
		}
		if got := s.inspectorPane.Size().Width; got != inspectorWidth {
			t.Errorf("showing %q the inspector is %v wide, want %v", id, got, inspectorWidth)
		}
		if boardW < 0 {
			boardW = s.board.Size().Width
		} else if got := s.board.Size().Width; got != boardW {
			t.Errorf("showing %q the board is %v wide, was %v", id, got, boardW)
		}
	}
	pressMenu(t, s, "View", "Inspector")
	w.Content().Refresh()
	if s.inspectorPane.Visible() || s.board.Size().Width <= boardW+inspectorWidth-10 {
		t.Fatalf("hidden inspector: shown %v, board %v wide (was %v)", s.inspectorPane.Visible(), s.board.Size().Width, boardW)
	}
	if !s.app.Preferences().Bool(prefHideInspector) || s.menu.inspector.Checked {
		t.Fatal("the hidden inspector is not remembered, or the menu still ticks it")
	}
	// Editing a card (a double-click) shows it again.
	s.board.OnEdit(ids[0])
	if !s.inspectorPane.Visible() || !s.menu.inspector.Checked {
		t.Fatal("editing a card did not show the inspector")
	}
}
