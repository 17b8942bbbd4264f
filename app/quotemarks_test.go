package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/assets"
	"evidenceboard/board"
	"evidenceboard/data"
)

// addArticle adds assets/article.txt to the open board as a stored
// document and returns its source card.
func addArticle(t *testing.T, s *Shell) *data.Card {
	t.Helper()
	doc := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(doc, []byte(assets.Article), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	s.addDocument(doc, 100, 100, func(err error) { done <- err })
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the document was not added")
	}
	s.reader.close()
	for _, c := range s.Editor().Model().Cards {
		if c.Kind == data.KindSource && c.Document != "" {
			return c
		}
	}
	t.Fatal("no source card with the document")
	return nil
}

// settled runs act, which starts a check of quotes, and waits until the
// checks are done. The test driver runs fyne.Do on the checking goroutine,
// so nothing may touch the window meanwhile.
func settled(t *testing.T, s *Shell, act func()) {
	t.Helper()
	done, hold := make(chan struct{}, 1), make(chan struct{})
	s.quotes.checked, s.quotes.hold = func() { done <- struct{}{} }, hold
	defer func() { s.quotes.checked, s.quotes.hold = nil, nil }()
	act()
	close(hold)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the quotes were not checked")
	}
}

// checkLabel is the inspector's line on the check of the quote it shows.
func checkLabel(s *Shell) *widget.Label {
	for _, o := range s.inspector.box.Objects {
		if l, ok := o.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, "in the source") {
			return l
		}
	}
	return nil
}

// TestQuoteNotFoundMarked: a quote taken from a stored document is
// verified; its words changed in the inspector, the board marks it and the
// inspector names the closest passage; one undo and it is verified again.
func TestQuoteNotFoundMarked(t *testing.T) {
	s, _, _ := openShell(t)
	src := addArticle(t, s)
	e := s.Editor()
	doc, err := s.storedDocument(src)
	if err != nil {
		t.Fatal(err)
	}
	words := "outright denies the claims"
	match, ok := source.Find(doc, words)
	if !ok {
		t.Fatalf("article changed: %q not in it", words)
	}
	ch, id := verify.QuoteChange(e.Model(), src, words, "", match)
	settled(t, s, func() {
		if err := e.Do(ch); err != nil {
			t.Fatal(err)
		}
	})
	s.board.Select(id)
	if got := s.board.QuoteMarkOf(id); got != board.QuoteVerified {
		t.Fatalf("a verbatim quote is marked %v", got)
	}
	if l := checkLabel(s); l == nil || l.Text != "✓ Found in the source at "+match.Locator()+"." {
		t.Fatalf("the inspector says %v", l)
	}
	before := len(s.board.Model().Cards)

	// Changed words, as typed into "Words, verbatim".
	settled(t, s, func() {
		c := e.Model().Cards[id].Clone()
		c.QuoteText = "outright rejects the claims"
		if err := e.EditCard(c, "quote"); err != nil {
			t.Fatal(err)
		}
	})
	if got := s.board.QuoteMarkOf(id); got != board.QuoteNotFound {
		t.Fatalf("changed words are marked %v", got)
	}
	want := "⚠ Not found in the source; closest passage: “outright denies the claims” (" + match.Locator() + ")"
	if l := checkLabel(s); l == nil || l.Text != want || !l.TextStyle.Bold {
		t.Fatalf("the inspector says %+v, want %q in bold", l, want)
	}

	// One undo: verified again, with no card added or lost.
	settled(t, s, func() { s.undo() })
	if got := s.board.QuoteMarkOf(id); got != board.QuoteVerified {
		t.Fatalf("after undo the quote is marked %v", got)
	}
	if l := checkLabel(s); l == nil || !strings.HasPrefix(l.Text, "✓") {
		t.Fatalf("after undo the inspector says %v", l)
	}
	if n := len(s.board.Model().Cards); n != before {
		t.Fatalf("%d cards after undo, %d before", n, before)
	}

	// Its source deleted: nothing to check against, no mark.
	if err := e.Do(data.Change{Label: "Delete", DeleteCards: []string{src.ID}}); err != nil {
		t.Fatal(err)
	}
	if got := s.board.QuoteMarkOf(id); got != board.QuoteUnchecked {
		t.Fatalf("a quote whose source is gone is marked %v", got)
	}
}

// TestQuoteMarksOnOpening: opening a board checks every quote citing a
// stored document; quotes without one (the sample's) start no check.
func TestQuoteMarksOnOpening(t *testing.T) {
	s, _, path := openShell(t)
	if s.quotes.running || len(s.quotes.results) != 0 {
		t.Fatal("a board without documents started a check")
	}
	src := addArticle(t, s)
	e := s.Editor()
	doc, _ := s.storedDocument(src)
	var ids []string
	for _, w := range []string{"outright denies the claims", "four dozen women"} {
		m, ok := source.Find(doc, w)
		if !ok {
			t.Fatalf("%q not in the article", w)
		}
		ch, id := verify.QuoteChange(e.Model(), src, w, "", m)
		ch.PutCards[0].QuoteText += " indeed" // not the words: not found
		settled(t, s, func() { e.Do(ch) })
		ids = append(ids, id)
	}
	s.closeBoard()
	settled(t, s, func() {
		if err := s.OpenPath(path); err != nil {
			t.Fatal(err)
		}
	})
	for _, id := range ids {
		if got := s.board.QuoteMarkOf(id); got != board.QuoteNotFound {
			t.Errorf("quote %s marked %v on opening", id, got)
		}
	}

	// Another board opened while the first one's check runs: the first
	// one's results are dropped, and the second is checked when it ends.
	copyPath := filepath.Join(t.TempDir(), "copy"+data.Extension)
	s.closeBoard()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copyPath, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	settled(t, s, func() {
		if err := s.OpenPath(path); err != nil {
			t.Fatal(err)
		}
		if !s.quotes.running {
			t.Fatal("no check running on opening")
		}
		if err := s.OpenPath(copyPath); err != nil {
			t.Fatal(err)
		}
	})
	for _, id := range ids {
		if got := s.board.QuoteMarkOf(id); got != board.QuoteNotFound {
			t.Errorf("quote %s of the board opened second marked %v", id, got)
		}
	}
	n := 0
	for _, c := range s.Editor().Model().Cards {
		if c.Kind == data.KindQuote && s.board.QuoteMarkOf(c.ID) != board.QuoteUnchecked {
			n++
		}
	}
	if n != len(ids) {
		t.Errorf("%d quotes marked, want %d", n, len(ids))
	}
}
