package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

// documentExtensions are the files a drop adds as source documents (the
// content decides the type once read).
var documentExtensions = map[string]bool{".txt": true, ".text": true, ".md": true, ".markdown": true,
	".html": true, ".htm": true, ".pdf": true, ".png": true, ".jpg": true, ".jpeg": true}

// isDocument reports whether a dropped file is added as a source document.
func isDocument(path string) bool { return documentExtensions[strings.ToLower(filepath.Ext(path))] }

// storedDocument is the reader's document of a source card: the one
// stored in the board, else, for a card that links a file on this
// computer, that file.
func (s *Shell) storedDocument(c *data.Card) (*source.Document, error) {
	if c.Document != "" && s.editor != nil {
		return verify.NewChecker(s.editor.Store(), s.editor.Model()).Document(c.Document)
	}
	return localDocument(c)
}

// addDocumentDialog asks for documents to add (File → Add source
// document…).
func (s *Shell) addDocumentDialog() {
	if s.editor == nil {
		return
	}
	s.pickFile(nil, func(path string) {
		x, y := s.board.ViewCenter()
		s.addDocument(path, x, y, nil)
	})
}

// addDocument reads and extracts the document at path off the UI thread,
// then adds it, with its source card at (x, y), as one undoable change,
// selects the card and opens the reader on it. A document that cannot be
// read gets one line naming the file and the problem, and the board is
// not touched. done, if not nil, gets the outcome on the UI thread.
func (s *Shell) addDocument(path string, x, y float64, done func(error)) {
	e := s.editor
	finish := func(err error) {
		s.report(err)
		if done != nil {
			done(err)
		}
	}
	if e == nil || e.Store().ReadOnly() {
		finish(fmt.Errorf("%s: open a board you can change to add a document to it", filepath.Base(path)))
		return
	}
	s.status.SetText("Reading " + filepath.Base(path) + "…")
	go func() {
		doc, raw, err := verify.ReadFile(path)
		var d data.Document
		if err == nil {
			d, err = verify.Document(doc, raw)
		}
		fyne.Do(func() {
			s.updateStatus()
			if err != nil || s.editor != e {
				finish(err)
				return
			}
			w, h := verify.CardSize(doc)
			ch, card := verify.AddChange(e.Model(), d, data.Card{X: x - w/2, Y: y - h/2, Width: w, Height: h, Date: doc.Date})
			if err := e.Do(ch); err != nil {
				finish(err)
				return
			}
			s.board.Select(card.ID)
			s.report(s.reader.open(card.ID))
			finish(nil)
		})
	}()
}
