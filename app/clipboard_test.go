package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
)

// The clipboard's ways in and out of a board, each one undoable change
// that reaches the file.
func TestCopyPasteDuplicate(t *testing.T) {
	s, w, path := openShell(t)
	m := s.Editor().Model()
	var quote, speaker *data.Card
	for _, c := range m.SortedCards() {
		if c.Kind == data.KindQuote && m.Cards[c.SpeakerID] != nil {
			quote, speaker = c, m.Cards[c.SpeakerID]
			break
		}
	}
	if quote == nil {
		t.Fatal("the sample has no quote with a speaker")
	}
	cards0, links0 := len(m.Cards), len(m.Links)
	between := 0
	for _, l := range m.LinksOf(quote.ID) {
		if l.From == speaker.ID || l.To == speaker.ID {
			between++
		}
	}

	s.Board().Select(quote.ID, speaker.ID)
	w.Canvas().Unfocus()
	s.copySelected()
	s.paste()
	if got := len(reload(t, path).Cards); got != cards0+2 {
		t.Fatalf("after paste the file has %d cards, want %d", got, cards0+2)
	}
	if got := len(s.Editor().Model().Links); got != links0+between {
		t.Fatalf("after paste %d links, want %d (the %d between the copied cards)", got, links0+between, between)
	}
	pasted := s.Board().Selected()
	if len(pasted) != 2 || pasted[0] == quote.ID || pasted[1] == quote.ID {
		t.Fatalf("the pasted cards are not what is selected: %v", pasted)
	}
	s.undo()
	if got := len(reload(t, path).Cards); got != cards0 {
		t.Fatalf("one undo left %d cards, want %d", got, cards0)
	}

	// Duplicate: beside the originals, one step.
	s.Board().Select(quote.ID)
	s.duplicateSelected()
	dup := s.Editor().Model().Cards[s.Board().Selected()[0]]
	if dup.ID == quote.ID || dup.QuoteText != quote.QuoteText || dup.X != quote.X+40 || dup.Y != quote.Y+40 {
		t.Fatalf("duplicate %+v of %+v", dup, quote)
	}
	s.undo()
	if s.Editor().Model().Cards[dup.ID] != nil {
		t.Fatal("undo kept the duplicate")
	}

	// Cut: copied, then gone; paste brings it back.
	s.Board().Select(quote.ID)
	s.cutSelected()
	if s.Editor().Model().Cards[quote.ID] != nil {
		t.Fatal("cut left the card")
	}
	s.paste()
	if n := len(s.Editor().Model().Cards); n != cards0 {
		t.Fatalf("cut and paste: %d cards, want %d", n, cards0)
	}
}

func TestPasteText(t *testing.T) {
	for _, tc := range []struct {
		text  string
		kind  data.Kind
		title string
		url   string
	}{
		{"https://www.justice.gov/opa/pr/backpage", data.KindSource, "www.justice.gov/opa/pr/backpage", "https://www.justice.gov/opa/pr/backpage"},
		{"Ask the clerk for the 2017 filing\nand the exhibits", data.KindNote, "Ask the clerk for the 2017 filing", ""},
	} {
		t.Run(tc.title, func(t *testing.T) {
			s, w, path := openShell(t)
			n0 := len(s.Editor().Model().Cards)
			s.app.Clipboard().SetContent(tc.text)
			w.Canvas().Unfocus()
			s.paste()
			m := reload(t, path)
			if len(m.Cards) != n0+1 {
				t.Fatalf("%d cards, want %d", len(m.Cards), n0+1)
			}
			c := m.Cards[s.Board().Selected()[0]]
			if c.Kind != tc.kind || c.Title != tc.title || c.URL != tc.url {
				t.Fatalf("pasted %+v", c)
			}
		})
	}
}

// With a text field focused, Ctrl+V pastes into the field, not the board.
func TestPasteIntoAFocusedFieldStaysThere(t *testing.T) {
	s, w, _ := openShell(t)
	n0 := len(s.Editor().Model().Cards)
	s.app.Clipboard().SetContent("typed elsewhere")
	entry := s.toolbar.search
	w.Canvas().Focus(entry)
	s.unlessTyping(&fyne.ShortcutPaste{}, s.paste)()
	if len(s.Editor().Model().Cards) != n0 {
		t.Fatal("the paste went to the board")
	}
	if entry.Text == "" {
		t.Fatal("the field did not get the paste")
	}
}
