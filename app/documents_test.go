package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// TestAddDocumentThroughTheWindow adds a document as File → Add source
// document… does: it is stored in the board (once, however often it is
// added), its source card is selected and the reader shows it from the
// stored copy, even when the original file is gone.
func TestAddDocumentThroughTheWindow(t *testing.T) {
	s, _, path := openShell(t)
	doc := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(doc, []byte(assets.Article), 0o644); err != nil {
		t.Fatal(err)
	}
	add := func(p string) error {
		done := make(chan error, 1)
		s.addDocument(p, 100, 100, func(err error) { done <- err })
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("the document was not added")
		}
		return nil
	}
	if err := add(doc); err != nil {
		t.Fatal(err)
	}
	m := reload(t, path)
	if len(m.Documents) != 1 {
		t.Fatalf("%d documents in the file", len(m.Documents))
	}
	var card *data.Card
	for _, c := range m.Cards {
		if c.Document != "" {
			card = c
		}
	}
	if card == nil || card.Kind != data.KindSource {
		t.Fatal("no source card for the document")
	}
	if sel := s.board.Selected(); len(sel) != 1 || sel[0] != card.ID || s.reader.cardID != card.ID {
		t.Fatalf("selected %v, reader on %q", sel, s.reader.cardID)
	}
	os.Remove(doc)
	got, err := s.storedDocument(s.Editor().Model().Cards[card.ID])
	if err != nil || !strings.Contains(got.Text(), "Salesforce") {
		t.Fatalf("the stored document: %v", err)
	}
	// Bad input: one line naming the file, the board untouched.
	junk := filepath.Join(t.TempDir(), "junk.pdf")
	os.WriteFile(junk, []byte("%PDF-1.4 not really"), 0o644)
	before, _ := os.ReadFile(path)
	if err := add(junk); err == nil || !strings.Contains(err.Error(), "junk.pdf") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("a broken PDF: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("a refused document changed the board")
	}
	if !isDocument("a.PDF") || isDocument("a.evboard") || isDocument("a.canvas") {
		t.Error("isDocument is wrong")
	}
}
