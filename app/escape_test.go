package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Escape closes the filter panel whatever in it has the keyboard —
// nothing, a check box, a date field, the party choice — and the board
// has the keyboard again; with a tag's palette open, Escape closes the
// palette first.
func TestEscapeClosesTheFilterPanel(t *testing.T) {
	s, w, _ := openShell(t)
	tagCards(t, s, map[string][]string{"The 50 Jane Does": {"plaintiffs"}})
	c := w.Canvas()
	for _, tc := range []struct {
		name  string
		focus func(p *filterPanel)
	}{
		{"nothing clicked", func(*filterPanel) {}},
		{"a kind ticked", func(p *filterPanel) { test.Tap(p.kinds.checks[0]) }},
		{"a tag ticked", func(p *filterPanel) { test.Tap(p.tagShown["plaintiffs"]) }},
		{"a date typed", func(p *filterPanel) { c.Focus(p.from); test.Type(p.from, "2018") }},
		{"the party choice", func(p *filterPanel) { c.Focus(p.party) }},
	} {
		s.toggleFilters()
		p := s.filters
		if p.pop == nil || !p.pop.Visible() {
			t.Fatalf("%s: the panel did not open", tc.name)
		}
		tc.focus(p)
		pressKey(w, fyne.KeyEscape)
		if p.pop != nil {
			t.Fatalf("%s: Escape left the panel open (the keyboard is with %T)", tc.name, c.Focused())
		}
		if c.Focused() != s.Board() {
			t.Fatalf("%s: after Escape the keyboard is with %T", tc.name, c.Focused())
		}
	}

	s.toggleFilters()
	p := s.filters
	p.pickColor("plaintiffs", p.tagSwatch["plaintiffs"])
	if p.paletteMenu == nil || !p.paletteMenu.Visible() {
		t.Fatal("the palette did not open")
	}
	pressKey(w, fyne.KeyEscape)
	if p.paletteMenu.Visible() || p.pop == nil {
		t.Fatalf("Escape with the palette open: palette shown %v, panel open %v", p.paletteMenu.Visible(), p.pop != nil)
	}
	pressKey(w, fyne.KeyEscape)
	if p.pop != nil {
		t.Fatal("the second Escape left the panel open")
	}
	// With nothing open, Escape is the board's (it clears the selection).
	s.Board().Select(cardByTitle(t, s.Editor().Model(), "The 50 Jane Does").ID)
	pressKey(w, fyne.KeyEscape)
	if len(s.Board().Selected()) != 0 {
		t.Fatal("Escape on the board no longer clears the selection")
	}
}

// Escape in any field of a dialog — a choice, a check box, a text field
// with or without suggestions — once clicked, closes the dialog as it does when
// nothing has the keyboard; no field in them is one of Fyne's own, which
// keep Escape.
func TestEscapeInDialogFields(t *testing.T) {
	for _, tc := range []struct {
		name string
		open func(s *Shell)
	}{
		{"the spreadsheet's columns", func(s *Shell) {
			s.importFile(filepath.Join("format", "csv", "testdata", "companies.csv"))
		}},
		{"the brief's options", func(s *Shell) { s.exportBriefDialog() }},
		{"the export's format", func(s *Shell) { s.exportDialog() }},
	} {
		s, w, _ := openShell(t)
		var fields []fyne.Focusable
		tc.open(s)
		walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			switch f := o.(type) {
			case *dialogSelect, *dialogCheck, *dialogSelectEntry, *dialogEntry:
				fields = append(fields, f.(fyne.Focusable))
			case *widget.Select, *widget.Check, *widget.SelectEntry, *widget.Entry:
				t.Errorf("%s: a %T keeps Escape from the dialog", tc.name, f)
			}
		})
		if !s.escape() || len(s.dialogs) != 0 {
			t.Fatalf("%s: the dialog did not close", tc.name)
		}
		if len(fields) == 0 {
			t.Fatalf("%s: no field found", tc.name)
		}
		for i := range fields {
			tc.open(s)
			top := w.Canvas().Overlays().Top()
			var f fyne.Focusable
			n := 0
			walk(top, func(o fyne.CanvasObject) {
				if ff, ok := o.(fyne.Focusable); ok && isDialogField(o) {
					if n == i {
						f = ff
					}
					n++
				}
			})
			w.Canvas().Focus(f)
			if w.Canvas().Focused() != f {
				t.Fatalf("%s: field %d (%T) does not take the keyboard", tc.name, i, f)
			}
			pressKey(w, fyne.KeyEscape)
			if o := w.Canvas().Overlays().Top(); o == top || len(s.dialogs) != 0 {
				t.Fatalf("%s: Escape in field %d (%T) left the dialog open", tc.name, i, f)
			}
		}
	}
}

// isDialogField reports whether o is one of escape.go's fields.
func isDialogField(o fyne.CanvasObject) bool {
	switch o.(type) {
	case *dialogSelect, *dialogCheck, *dialogSelectEntry, *dialogEntry:
		return true
	}
	return false
}
