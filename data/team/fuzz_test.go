package team

import (
	"testing"

	"evidenceboard/data"
)

// The server is a way in: a pulled document's bytes and the record that
// names it come from it. checkDocument must refuse what it cannot take
// in one error, never panic, and what it takes must pass the board's own
// checks.
func FuzzCheckDocument(f *testing.F) {
	f.Add("minutes.txt", "Title", []byte("The board met.\n\nIt agreed."), true)
	f.Add("a.pdf", "", []byte("%PDF-1.4\ngarbage"), true)
	f.Add("a.png", "x", []byte("\x89PNG\r\n\x1a\n"), false)
	f.Add("../../etc/passwd", "\x00", []byte{}, true)
	f.Fuzz(func(t *testing.T, name, title string, content []byte, honest bool) {
		id := data.DocumentID(content)
		if !honest {
			id = data.DocumentID(append([]byte("other"), content...))
		}
		r := data.Record{Action: "create", Entity: data.EntityDocument, ID: id,
			After: map[string]any{"name": name, "title": title, "size": float64(len(content))}}
		got := checkDocument(r, content)
		if (got.doc == nil) == (got.err == nil) {
			t.Fatalf("neither a document nor an error: %+v", got)
		}
		if got.doc != nil {
			if !honest {
				t.Fatal("bytes that do not match the SHA-256 were taken")
			}
			if err := got.doc.Validate(); err != nil {
				t.Fatalf("taken, but the board refuses it: %v", err)
			}
		}
	})
}

// The board file is a way in: a kept conflict's versions are read back
// as a card or a link, or refused with an error.
func FuzzReadVersions(f *testing.F) {
	f.Add("card", "x", `{"id":"x","kind":"note","title":"t","width":10,"height":10}`, ``)
	f.Add("link", "l", `{"id":"l","from":"a","to":"b","relation":"supports"}`, `{}`)
	f.Add("card", "x", `not json`, `[]`)
	f.Fuzz(func(t *testing.T, entity, id, mine, theirs string) {
		c := data.MergeConflict{Entity: entity, ID: id}
		if err := readVersions(&c, mine, theirs); err != nil {
			return
		}
		for _, card := range []*data.Card{c.MineCard, c.TheirsCard} {
			if card != nil && (card.ID != id || card.Validate() != nil) {
				t.Fatalf("an invalid card was taken: %+v", card)
			}
		}
		for _, l := range []*data.Link{c.MineLink, c.TheirsLink} {
			if l != nil && (l.ID != id || l.Validate() != nil) {
				t.Fatalf("an invalid link was taken: %+v", l)
			}
		}
	})
}
