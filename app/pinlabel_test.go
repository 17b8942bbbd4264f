package app

import "testing"

// Arrange → Pin says what it will do to the selection: Pin while any
// selected card is unpinned (or none is selected), Unpin once all are
// pinned; it follows the selection and each toggle.
func TestPinItemNamesWhatItWillDo(t *testing.T) {
	s, _, _ := openShell(t)
	m := s.Editor().Model()
	a := cardByTitle(t, m, "The 50 Jane Does").ID
	b := cardByTitle(t, m, "Salesforce").ID
	label := func() string { return s.menu.pin.Label }
	if s.menu.pin == nil {
		t.Fatal("no Pin item found in Arrange")
	}
	for _, step := range []struct {
		name string
		do   func()
		want string
	}{
		{"nothing selected", func() { s.board.ClearSelection() }, "Pin selected cards"},
		{"one unpinned card", func() { s.board.Select(a) }, "Pin selected cards"},
		{"pinned", s.togglePin, "Unpin selected cards"},
		{"with an unpinned card", func() { s.board.Select(a, b) }, "Pin selected cards"},
		{"both pinned", s.togglePin, "Unpin selected cards"},
		{"the pinned one alone", func() { s.board.Select(b) }, "Unpin selected cards"},
		{"unpinned", s.togglePin, "Pin selected cards"},
		{"undo", func() { s.undo() }, "Unpin selected cards"},
	} {
		step.do()
		if got := label(); got != step.want {
			t.Fatalf("%s: the item reads %q, want %q", step.name, got, step.want)
		}
	}
}
