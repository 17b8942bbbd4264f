package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
	"evidenceboard/data/layout"
)

// tidied waits for a TidyInBackground to finish.
func tidied(t *testing.T, e *Editor, only []string, byDate bool) layout.Result {
	t.Helper()
	type outcome struct {
		res layout.Result
		err error
	}
	done := make(chan outcome, 1)
	e.TidyInBackground(only, byDate, func(res layout.Result, err error) { done <- outcome{res, err} })
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatal(o.err)
		}
		return o.res
	case <-time.After(30 * time.Second):
		t.Fatal("the tidy did not finish")
	}
	return layout.Result{}
}

// TestTidyOneUndo tidies the sample case, on the UI thread and off it,
// with a pinned card: the pinned card stays, no two cards overlap in the
// file, the tidy is one undo step, and that one undo puts every card back
// where it was, in the file and in the model.
func TestTidyOneUndo(t *testing.T) {
	for _, tc := range []struct {
		name       string
		background int
		byDate     bool
		group      bool
	}{
		{"on the UI thread", 1 << 30, false, false},
		{"in the background", 0, false, false},
		{"by date", 1 << 30, true, false},
		{"with a group of two cards on top of each other", 1 << 30, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			e, path := sampleEditor(t)
			old := backgroundTidy
			backgroundTidy = tc.background
			t.Cleanup(func() { backgroundTidy = old })
			pinned := e.Model().SortedCards()[3].ID
			if err := e.SetPinned([]string{pinned}, true); err != nil {
				t.Fatal(err)
			}
			var members []string
			if tc.group {
				g := data.Card{ID: "g", Kind: data.KindGroup, Title: "Strand", X: 0, Y: 0, Width: 300, Height: 200}
				ch := data.Change{Label: "Group", PutCards: []data.Card{g}}
				for _, c := range e.Model().SortedCards()[6:8] {
					cc := c.Clone()
					cc.X, cc.Y, cc.Group = 20, 50, "g"
					ch.PutCards = append(ch.PutCards, cc)
					members = append(members, c.ID)
				}
				if err := e.Do(ch); err != nil {
					t.Fatal(err)
				}
			}
			before := e.Model().Clone()
			res := tidied(t, e, nil, tc.byDate)
			if res.Pinned != 1 || len(res.Moves) < len(before.Cards)/2 {
				t.Fatalf("tidy: %d moved, %d pinned", len(res.Moves), res.Pinned)
			}
			if ok, label := e.CanUndo(); !ok || label != "Tidy" {
				t.Fatalf("the undo step is %q", label)
			}
			m := reload(t, path)
			if a, b := m.Cards[pinned], before.Cards[pinned]; a.X != b.X || a.Y != b.Y {
				t.Errorf("the pinned card moved")
			}
			for _, id := range members {
				if !cardBox(m.Cards["g"]).Contains(cardBox(m.Cards[id])) {
					t.Errorf("a member is outside its group after the tidy")
				}
			}
			cards := m.SortedCards()
			for i, a := range cards {
				for _, b := range cards[i+1:] {
					if (a.ID == "g" && b.Group == "g") || (b.ID == "g" && a.Group == "g") {
						continue // a frame holds its cards
					}
					if cardBox(a).Intersects(cardBox(b)) {
						t.Errorf("%q and %q overlap", a.Title, b.Title)
					}
				}
			}
			if err := e.Undo(); err != nil {
				t.Fatal(err)
			}
			m = reload(t, path)
			for id, b := range before.Cards {
				if a, live := m.Cards[id], e.Model().Cards[id]; cardBox(a) != cardBox(b) || cardBox(live) != cardBox(b) {
					t.Errorf("after one undo %q is at %v in the file, %v in the model; was %v", b.Title, cardBox(a), cardBox(live), cardBox(b))
				}
			}
			if ok, label := e.CanUndo(); !ok || label != "Pin card" && label != "Group" {
				t.Errorf("after the undo the next step is %q, want the pin", label)
			}
		})
	}
}

// TestSetPinned pins two cards in one change and unpins them in another.
func TestSetPinned(t *testing.T) {
	e, path := sampleEditor(t)
	ids := []string{e.Model().SortedCards()[0].ID, e.Model().SortedCards()[1].ID}
	for _, pin := range []bool{true, false} {
		if err := e.SetPinned(ids, pin); err != nil {
			t.Fatal(err)
		}
		m := reload(t, path)
		for _, id := range ids {
			if m.Cards[id].Pinned != pin {
				t.Errorf("card %s pinned %v, want %v", id, m.Cards[id].Pinned, pin)
			}
		}
	}
	if ok, label := e.CanUndo(); !ok || label != "Unpin 2 cards" {
		t.Errorf("undo step %q", label)
	}
}

// menuItem finds an item of the main menu by its menu's and its label.
func menuItem(t *testing.T, s *Shell, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range s.menu.main.Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no %s → %s", menu, label)
	return nil
}

// TestArrangeMenu tidies the selection from Arrange → Tidy, then pins
// and unpins it from the menu.
func TestArrangeMenu(t *testing.T) {
	s, _, _ := openShell(t)
	cards := s.editor.Model().SortedCards()
	sel := []string{cards[0].ID, cards[1].ID, cards[2].ID}
	// Three cards on one spot.
	for _, id := range sel {
		c := s.editor.Model().Cards[id].Clone()
		c.X, c.Y = 5000, 5000
		if err := s.editor.Do(data.Change{Label: "Stack", PutCards: []data.Card{c}}); err != nil {
			t.Fatal(err)
		}
	}
	before := s.editor.Model().Clone()
	s.board.Select(sel...)
	menuItem(t, s, "Arrange", "Tidy").Action()
	if !strings.HasPrefix(s.status.Text, "Tidy: laid out 3 cards (") {
		t.Errorf("status %q", s.status.Text)
	}
	moved := 0
	for id, b := range before.Cards {
		a := s.editor.Model().Cards[id]
		if cardBox(a) != cardBox(b) {
			moved++
			if a.ID != sel[0] && a.ID != sel[1] && a.ID != sel[2] {
				t.Errorf("%q moved, but was not selected", a.Title)
			}
		}
	}
	if moved < 2 {
		t.Errorf("%d of the three stacked cards moved", moved)
	}
	for i, id := range sel {
		for _, jd := range sel[i+1:] {
			if cardBox(s.editor.Model().Cards[id]).Intersects(cardBox(s.editor.Model().Cards[jd])) {
				t.Errorf("selected cards still overlap")
			}
		}
	}
	pin := menuItem(t, s, "Arrange", "Pin selected cards")
	for _, want := range []bool{true, false} {
		pin.Action()
		for _, id := range sel {
			if s.editor.Model().Cards[id].Pinned != want {
				t.Fatalf("after the pin toggle card pinned is %v, want %v", !want, want)
			}
		}
	}
}
