package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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

// Escape in the spreadsheet import's relation box, once clicked, closes
// the column dialog as it does when nothing has the keyboard.
func TestEscapeInTheCSVRelationBox(t *testing.T) {
	s, w, _ := openShell(t)
	s.importFile(filepath.Join("format", "csv", "testdata", "companies.csv"))
	top := w.Canvas().Overlays().Top()
	var rel *dialogSelectEntry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if e, ok := o.(*dialogSelectEntry); ok {
			rel = e
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(wd).Objects() {
				walk(k)
			}
		}
	}
	walk(top)
	if rel == nil {
		t.Fatal("no relation box in the column dialog")
	}
	w.Canvas().Focus(rel)
	test.Type(rel, "x")
	if w.Canvas().Focused() != rel {
		t.Fatalf("the relation box does not have the keyboard (%T has)", w.Canvas().Focused())
	}
	pressKey(w, fyne.KeyEscape)
	if o := w.Canvas().Overlays().Top(); o == top || len(s.dialogs) != 0 {
		t.Fatal("Escape in the relation box left the column dialog open")
	}
}
