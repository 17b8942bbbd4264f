package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/app/format"
	csvfmt "evidenceboard/app/format/csv"
	"evidenceboard/app/format/exchange"
	"evidenceboard/data"
)

// prefCSVMapping keeps the last CSV column mapping, so the next
// spreadsheet of the same shape imports with the same choices.
const prefCSVMapping = "csvMapping"

// importDialog asks for a file to bring into the open board (File →
// Import…).
func (s *Shell) importDialog() {
	if s.editor == nil {
		return
	}
	s.pickFile(nil, s.importFile)
}

// importable reports whether a dropped file is one Import reads, from
// its name (the content decides once it is read).
func importable(path string) bool {
	f, ok := exchange.FromPath(path)
	return ok && exchange.CanImport(f)
}

// importFile reads path, recognises its format from its content, and
// shows what an import would add before it adds anything: one undoable
// change. A spreadsheet first asks which columns mean what.
func (s *Shell) importFile(path string) {
	e := s.editor
	if e == nil || e.Store().ReadOnly() {
		s.showError(fmt.Errorf("%s: open a board you can change to import into it", filepath.Base(path)))
		return
	}
	raw, err := exchange.ReadFile(path)
	if !s.report(err) {
		return
	}
	f, ok := exchange.Detect(raw, path)
	if !ok || !exchange.CanImport(f) {
		s.showError(fmt.Errorf("%s: not a file Evidence Board imports (JSON Canvas, GraphML or CSV)", path))
		return
	}
	if f == exchange.CSV {
		s.csvMappingDialog(path, raw, func(mapping []byte) { s.previewImport(e, path, f, raw, mapping) })
		return
	}
	s.previewImport(e, path, f, raw, nil)
}

// previewImport plans the import and asks before applying it.
func (s *Shell) previewImport(e *Editor, path string, f exchange.Format, raw, mapping []byte) {
	ch, rep, err := exchange.Import(f, bytes.NewReader(raw), path, e.Model(),
		exchange.Options{Mapping: mapping, MappingName: "the column mapping"})
	if !s.report(err) {
		return
	}
	if ch.Empty() {
		s.showInfo("Nothing to import", filepath.Base(path)+" holds no cards or links.")
		return
	}
	ch.Label = "Import " + filepath.Base(path)
	lines := widget.NewLabel(screenText(strings.Join(rep.Lines(), "\n")))
	lines.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(wrapped(rep.Summary()), nil, nil, nil, container.NewVScroll(lines))
	d := dialog.NewCustomConfirm("Import "+filepath.Base(path), "Import", "Cancel", body, func(ok bool) {
		if !ok || s.editor != e { // another board was opened meanwhile
			return
		}
		if s.report(e.Do(ch)) {
			ids := make([]string, 0, len(ch.PutCards))
			for _, c := range ch.PutCards {
				ids = append(ids, c.ID)
			}
			s.board.Select(ids...)
			if len(ids) > 0 {
				s.board.CenterOn(ids[0])
			}
		}
	}, s.win)
	d.Resize(fyne.NewSize(560, 360))
	s.showDialog(d)
}

// csvMappingDialog shows a spreadsheet's first rows and asks which
// columns make the cards and the link, then calls done with the mapping
// as JSON (see docs/CSV_MAPPING.md). The choices are kept for next time.
func (s *Shell) csvMappingDialog(path string, raw []byte, done func(mapping []byte)) {
	t, err := csvfmt.Preview(raw, 5)
	if !s.report(err) {
		return
	}
	f, form := s.newCSVMappingForm(t, s.app.Preferences().String(prefCSVMapping))
	f.rel.escape = s.escape // escape.go
	d := dialog.NewCustomConfirm("Import "+filepath.Base(path)+": columns", "Preview…", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		js, err := f.mapping()
		if !s.report(err) {
			return
		}
		s.app.Preferences().SetString(prefCSVMapping, string(js))
		done(js)
	}, s.win)
	d.Resize(fyne.NewSize(720, 520))
	s.showDialog(d)
}

// csvMappingForm is the column chooser of a spreadsheet import: the first
// rows as a table, then for each of up to two cards its kind and the
// columns of its title and text, and the link between them.
type csvMappingForm struct {
	kinds  [2]*dialogSelect
	titles [2]*dialogSelect
	bodies [2]*dialogSelect
	dates  [2]*dialogSelect
	rel    *dialogSelectEntry
	relCol *dialogSelect
}

// noColumn is the chooser's entry for "no column".
const noColumn = "(none)"

func (s *Shell) newCSVMappingForm(t *csvfmt.Table, last string) (*csvMappingForm, fyne.CanvasObject) {
	cols := append([]string{noColumn}, t.Header...)
	kinds := make([]string, len(data.Kinds))
	for i, k := range data.Kinds {
		kinds[i] = k.Label()
	}
	f := &csvMappingForm{rel: newSelectEntry(data.Relations), relCol: s.newSelect(cols, nil)}
	grid := container.NewGridWithColumns(3, widget.NewLabel(""), widget.NewLabelWithStyle("First card", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("Second card (optional)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	row := func(label string, a, b *dialogSelect) {
		grid.Add(widget.NewLabel(label))
		grid.Add(a)
		grid.Add(b)
	}
	for i := range 2 {
		f.kinds[i] = s.newSelect(kinds, nil)
		f.titles[i] = s.newSelect(cols, nil)
		f.bodies[i] = s.newSelect(cols, nil)
		f.dates[i] = s.newSelect(cols, nil)
		f.kinds[i].SetSelected(data.KindParty.Label())
		for _, sel := range []*dialogSelect{f.titles[i], f.bodies[i], f.dates[i]} {
			sel.SetSelected(noColumn)
		}
	}
	if len(t.Header) > 0 {
		f.titles[0].SetSelected(t.Header[0])
	}
	if len(t.Header) > 1 {
		f.titles[1].SetSelected(t.Header[1])
	}
	row("Kind", f.kinds[0], f.kinds[1])
	row("Title from", f.titles[0], f.titles[1])
	row("Text from", f.bodies[0], f.bodies[1])
	row("Date from", f.dates[0], f.dates[1])
	f.relCol.SetSelected(noColumn)
	f.rel.SetText("involves")
	f.restore(last, t.Header)

	sample := widget.NewLabel(screenText(previewText(t)))
	sample.TextStyle.Monospace = true
	scroll := container.NewHScroll(sample)
	scroll.SetMinSize(fyne.NewSize(680, 120))
	link := widget.NewForm(widget.NewFormItem("Link from first to second", f.rel),
		widget.NewFormItem("or the relation from", f.relCol))
	body := container.NewVBox(widget.NewLabel("The first rows:"), scroll, grid, link,
		wrapped("Rows naming the same party are one card, matched by kind and title, also against the cards already on the board."))
	return f, body
}

// previewText is the first rows of a table, columns tab-separated.
func previewText(t *csvfmt.Table) string {
	var b strings.Builder
	b.WriteString(strings.Join(t.Header, "\t"))
	for _, r := range t.Rows {
		b.WriteString("\n" + strings.Join(r, "\t"))
	}
	return b.String()
}

// mapping is the form's choices as a csv.Mapping, in JSON.
func (f *csvMappingForm) mapping() ([]byte, error) {
	var m csvfmt.Mapping
	names := [2]string{"first", "second"}
	for i := range 2 {
		if f.titles[i].Selected == noColumn || f.titles[i].Selected == "" {
			if i == 0 {
				return nil, errors.New("choose the column the first card's title comes from")
			}
			continue
		}
		cm := csvfmt.CardMap{Name: names[i], Kind: string(kindOfLabel(f.kinds[i].Selected)),
			Columns: map[string]string{"title": f.titles[i].Selected}}
		if c := f.bodies[i].Selected; c != noColumn && c != "" {
			cm.Columns["body"] = c
		}
		if c := f.dates[i].Selected; c != noColumn && c != "" {
			cm.Columns["date"] = c
		}
		m.Cards = append(m.Cards, cm)
	}
	if len(m.Cards) == 2 {
		m.Link = &csvfmt.LinkMap{From: names[0], To: names[1], Relation: strings.TrimSpace(f.rel.Text)}
		if c := f.relCol.Selected; c != noColumn && c != "" {
			m.Link.RelationColumn = c
		}
	}
	js, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	if _, err := csvfmt.ParseMapping(js); err != nil {
		return nil, err
	}
	return js, nil
}

// restore takes the last mapping's choices where the columns it names
// are in this spreadsheet too.
func (f *csvMappingForm) restore(last string, header []string) {
	m, err := csvfmt.ParseMapping([]byte(last))
	if last == "" || err != nil {
		return
	}
	has := map[string]bool{}
	for _, h := range header {
		has[h] = true
	}
	pick := func(sel *dialogSelect, col string) {
		if has[col] {
			sel.SetSelected(col)
		}
	}
	for i, cm := range m.Cards {
		if i > 1 {
			break
		}
		if k := data.Kind(cm.Kind); k.Valid() {
			f.kinds[i].SetSelected(k.Label())
		}
		pick(f.titles[i], cm.Columns["title"])
		pick(f.bodies[i], cm.Columns["body"])
		pick(f.dates[i], cm.Columns["date"])
	}
	if m.Link != nil {
		f.rel.SetText(m.Link.Relation)
		pick(f.relCol, m.Link.RelationColumn)
	}
}

func kindOfLabel(label string) data.Kind {
	for _, k := range data.Kinds {
		if k.Label() == label {
			return k
		}
	}
	return data.KindNote
}

// exportDialog asks for a format and a file, and writes the board — or
// the selection, when there is one — in it (File → Export…).
func (s *Shell) exportDialog() {
	if s.editor == nil {
		return
	}
	var labels []string
	byLabel := map[string]exchange.Format{}
	for _, f := range exchange.ExportFormats() {
		labels = append(labels, f.Label())
		byLabel[f.Label()] = f
	}
	choice := s.newSelect(labels, nil)
	choice.SetSelected(exchange.Canvas.Label())
	sel := s.board.Selected()
	what := "The whole board"
	if len(sel) > 0 {
		what = fmt.Sprintf("The %d selected cards and the links between them", len(sel))
	}
	d := dialog.NewForm("Export", "Choose where to save…", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Format", choice),
		widget.NewFormItem("What", widget.NewLabel(what)),
	}, func(ok bool) {
		f, known := byLabel[choice.Selected]
		if !ok || !known {
			return
		}
		m := s.editor.Model()
		if len(sel) > 0 {
			m = exchange.Selection(m, sel)
		} else {
			m = m.Clone()
		}
		src := s.editor.Store().Path()
		base := strings.TrimSuffix(filepath.Base(src), data.Extension)
		s.saveAsDialog("Export as "+f.Label(), base+f.Extension(), f.Extension(), true, func(path string) {
			err := format.WriteFile(format.Target{Path: path, Force: true, Source: src},
				func(w io.Writer) error { return exchange.Export(f, w, m) })
			if s.report(err) {
				s.showInfo("Exported", "Written to\n"+path)
			}
		})
	}, s.win)
	d.Resize(fyne.NewSize(520, 220))
	s.showDialog(d)
}
