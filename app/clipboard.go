package app

import (
	"bytes"
	"fmt"
	"strings"

	"evidenceboard/app/format/clip"
	"evidenceboard/app/format/exchange"
	"evidenceboard/app/format/source"
	"evidenceboard/data"
)

// copySelected puts the selected cards, with the links among them, on
// the clipboard (Edit → Copy, Ctrl+C).
func (s *Shell) copySelected() {
	if s.board == nil || s.editor == nil {
		return
	}
	if text := clip.Copy(s.editor.Model(), s.board.Selected()); text != "" {
		s.app.Clipboard().SetContent(text)
	}
}

// cutSelected copies the selected cards and deletes them: one undoable
// change (Edit → Cut, Ctrl+X).
func (s *Shell) cutSelected() {
	if s.board == nil || s.editor == nil {
		return
	}
	ids := s.board.Selected()
	if text := clip.Copy(s.editor.Model(), ids); text != "" {
		s.app.Clipboard().SetContent(text)
		s.report(s.editor.Delete(ids))
	}
}

// paste adds what the clipboard holds to the board as one undoable
// change (Edit → Paste, Ctrl+V): cards copied from a board keep their
// links and arrangement, centred in the view; a JSON Canvas or GraphML
// text goes through the import preview like a dropped file; a web address
// becomes a source card, any other text a note.
func (s *Shell) paste() {
	e := s.editor
	if s.board == nil || e == nil || e.Store().ReadOnly() {
		return
	}
	text := s.app.Clipboard().Content()
	cx, cy := s.board.ViewCenter()
	switch f, ok := exchange.Detect([]byte(text), ""); {
	case clip.IsCards(text):
		ch, rep, err := clip.Paste(e.Model(), text, cx, cy)
		if !s.report(err) {
			return
		}
		if s.applyAndSelect(e, ch) && len(rep.Skipped) > 0 {
			// Say what was left out, as an import's preview would.
			s.showInfo("Pasted", screenText(rep.Summary()+"\n"+strings.Join(rep.Lines(), "\n")))
		}
	case ok && (f == exchange.Canvas || f == exchange.GraphML):
		// Not CSV: prose with commas would pass for a table.
		s.previewImport(e, "the pasted "+f.Label(), f, bytes.Clone([]byte(text)), nil)
	default:
		if clip.TooLong(text) {
			s.showError(fmt.Errorf("the clipboard holds %s of text, more than a card holds (%s); nothing was pasted",
				source.HumanSize(int64(len(text))), source.HumanSize(data.MaxTextLen)))
			return
		}
		c, ok := clip.Text(text, cx, cy)
		if !ok {
			return
		}
		label := "Paste a note"
		if c.Kind == data.KindSource {
			label = "Paste a web address"
		}
		s.applyAndSelect(e, data.Change{Label: label, PutCards: []data.Card{c}})
	}
}

// duplicateSelected copies the selected cards and the links among them
// beside the originals (Edit → Duplicate, Ctrl+D): one undoable change.
func (s *Shell) duplicateSelected() {
	e := s.editor
	if s.board == nil || e == nil || e.Store().ReadOnly() {
		return
	}
	m := e.Model()
	text := clip.Copy(m, s.board.Selected())
	if text == "" {
		return
	}
	x, y := boxCorner(m, s.board.Selected())
	ch, _, err := clip.Paste(m, text, x+clip.Offset, y+clip.Offset)
	if !s.report(err) {
		return
	}
	ch.Label = "Duplicate"
	s.applyAndSelect(e, ch)
}

// applyAndSelect applies ch and selects the cards it adds; it reports
// whether the change was made.
func (s *Shell) applyAndSelect(e *Editor, ch data.Change) bool {
	regroup(e.Model(), &ch) // where a card lands decides its group (groups.go)
	if !s.report(e.Do(ch)) {
		return false
	}
	ids := make([]string, 0, len(ch.PutCards))
	for _, c := range ch.PutCards {
		ids = append(ids, c.ID)
	}
	s.board.Select(ids...)
	return true
}

// boxCorner is the top-left corner of the box around cards ids of m.
func boxCorner(m *data.Model, ids []string) (x, y float64) {
	first := true
	for _, id := range ids {
		if c := m.Cards[id]; c != nil {
			if first || c.X < x {
				x = c.X
			}
			if first || c.Y < y {
				y = c.Y
			}
			first = false
		}
	}
	return x, y
}
