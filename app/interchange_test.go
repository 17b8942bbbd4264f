package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	csvfmt "evidenceboard/app/format/csv"
	"evidenceboard/app/format/exchange"
	"evidenceboard/data"
)

// TestImportCanvasThroughTheWindow imports a canvas as a person does:
// the preview says what will come, Import adds it as one change, undo
// takes it all away again, in the file too.
func TestImportCanvasThroughTheWindow(t *testing.T) {
	s, w, path := openShell(t)
	before := len(s.Editor().Model().Cards)
	s.importFile(filepath.Join("format", "canvas", "testdata", "jsoncanvas-sample.canvas"))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no preview shown")
	}
	if got := test.RenderObjectToMarkup(top); !strings.Contains(got, "cards") {
		t.Fatalf("the preview does not say what comes:\n%s", got)
	}
	tapButton(t, top, "Import")
	added := len(s.Editor().Model().Cards) - before
	if added <= 0 {
		t.Fatal("nothing imported")
	}
	if ok, label := s.Editor().CanUndo(); !ok || !strings.HasPrefix(label, "Import jsoncanvas-sample.canvas") {
		t.Fatalf("undo offers %q", label)
	}
	if len(s.board.Selected()) == 0 {
		t.Error("the imported cards are not selected")
	}
	s.undo()
	if n := len(s.Editor().Model().Cards); n != before {
		t.Fatalf("undo left %d cards, want %d", n, before)
	}
	st, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m, _ := st.Load()
	if len(m.Cards) != before {
		t.Fatalf("the file holds %d cards after undo, want %d", len(m.Cards), before)
	}
}

// TestCSVMappingForm chooses the columns of a spreadsheet in the mapping
// form: the companies and their officers come in as parties, each
// company once, joined by links.
func TestCSVMappingForm(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("format", "csv", "testdata", "companies.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := csvfmt.Preview(raw, 5)
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	s := NewShell(a, a.NewWindow("t"))
	f, _ := s.newCSVMappingForm(tbl, "")
	if f.titles[0].Selected != "Company name" {
		t.Errorf("the first card's title starts as %q", f.titles[0].Selected)
	}
	f.titles[1].SetSelected("Officer")
	f.bodies[0].SetSelected("Registered address")
	f.rel.SetText("involves")
	js, err := f.mapping()
	if err != nil {
		t.Fatal(err)
	}
	m := data.NewModel(data.Board{})
	ch, rep, err := exchange.Import(exchange.CSV, bytes.NewReader(raw), "companies.csv", m, exchange.Options{Mapping: js})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]int{}
	for _, c := range ch.PutCards {
		titles[c.Title]++
		if c.Kind != data.KindParty {
			t.Errorf("%q is a %s", c.Title, c.Kind)
		}
	}
	if titles["Acme Holdings Ltd"] != 1 || titles["Jean Dupont"] != 1 || len(ch.PutLinks) < 3 {
		t.Fatalf("imported %v and %d links (%s)", titles, len(ch.PutLinks), rep.Summary())
	}
	// The choices come back for a spreadsheet of the same shape.
	g, _ := s.newCSVMappingForm(tbl, string(js))
	if g.titles[1].Selected != "Officer" || g.bodies[0].Selected != "Registered address" {
		t.Errorf("the last mapping was not restored: %q %q", g.titles[1].Selected, g.bodies[0].Selected)
	}
	// No title column is refused with a line that says what to do.
	f.titles[0].SetSelected(noColumn)
	if _, err := f.mapping(); err == nil || !strings.Contains(err.Error(), "title") {
		t.Errorf("a mapping without a title: %v", err)
	}
}

// TestImportCSVThroughTheWindow goes from the file to the board: the
// column form, the preview, the import, the mapping kept.
func TestImportCSVThroughTheWindow(t *testing.T) {
	s, w, _ := openShell(t)
	before := len(s.Editor().Model().Cards)
	s.importFile(filepath.Join("format", "csv", "testdata", "companies.csv"))
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(test.RenderObjectToMarkup(top), "Acme Holdings Ltd") {
		t.Fatal("the mapping form does not show the first rows")
	}
	tapButton(t, top, "Preview…")
	preview := w.Canvas().Overlays().Top()
	if preview == nil || preview == top {
		t.Fatal("no preview after the mapping")
	}
	tapButton(t, preview, "Import")
	if len(s.Editor().Model().Cards) <= before {
		t.Fatal("nothing imported")
	}
	if s.app.Preferences().String(prefCSVMapping) == "" {
		t.Error("the mapping was not kept for next time")
	}
}

// TestExportDialogWritesTheFormat exports the board as GraphML through the
// export form and reads the file back.
func TestExportDialogWritesTheFormat(t *testing.T) {
	s, w, path := openShell(t)
	s.exportDialog()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no export form")
	}
	if !importable("x.graphml") || importable("x.gexf") || importable("x.pdf") {
		t.Error("importable is wrong")
	}
	// The form's own choice, then the file.
	tapButton(t, top, "Choose where to save…")
	save := w.Canvas().Overlays().Top()
	if save == nil || save == top {
		t.Fatal("no save form")
	}
	out := filepath.Join(filepath.Dir(path), strings.TrimSuffix(filepath.Base(path), data.Extension)+".canvas")
	tapButton(t, save, "Save")
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	ch, _, err := exchange.Import(exchange.Canvas, bytes.NewReader(raw), out, data.NewModel(data.Board{}), exchange.Options{})
	if err != nil || len(ch.PutCards) != len(s.Editor().Model().Cards) {
		t.Fatalf("the export reads back as %d cards (%v), the board has %d", len(ch.PutCards), err, len(s.Editor().Model().Cards))
	}
}
