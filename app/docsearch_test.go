package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"evidenceboard/assets"
)

// The search box reaches the documents stored in the board: it counts
// the passages, lists them, and choosing one opens the reader there.
func TestSearchReachesDocuments(t *testing.T) {
	s, w, _ := openShell(t)
	doc := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(doc, []byte(assets.Article), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	s.addDocument(doc, 100, 100, func(err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	s.reader.close()

	// The index is built off the UI thread the first time; the test's
	// driver runs fyne.Do on the calling goroutine, so nothing else may
	// touch the window until it is done.
	built := make(chan struct{})
	s.docs.built = func() { close(built) }
	s.docs.search("outright denies")
	select {
	case <-built:
	case <-time.After(30 * time.Second):
		t.Fatal("the documents were not indexed")
	}
	if got := s.docs.button.Text; got != "1 in docs" {
		t.Fatalf("button says %q, want 1 in docs", got)
	}
	h := s.docs.hits[0]
	if !strings.Contains(h.Snippet, "outright denies") {
		t.Fatalf("snippet %q", h.Snippet)
	}

	// The list of passages, then the reader at the one chosen.
	s.docs.showHits()
	shown := w.Canvas().Overlays().Top() != nil
	menu := s.docs.menu()
	if !shown || menu == nil || len(menu.Items) != 1 || !strings.Contains(menu.Items[0].Label, "¶") {
		t.Fatalf("no list of passages (shown %v): %+v", shown, menu)
	}
	w.Canvas().Overlays().Top().Hide()
	menu.Items[0].Action()
	if s.reader.doc == nil || len(s.reader.hits) == 0 || s.reader.hits[s.reader.hit] != h.Paragraph {
		t.Fatalf("the reader is not at paragraph %d (hits %v)", h.Paragraph, s.reader.hits)
	}

	// Words in no document hide the button; so does clearing the search.
	s.toolbar.filter("zebra marmalade")
	if s.docs.button.Visible() {
		t.Fatal("the button stayed for words in no document")
	}
	s.toolbar.filter("Salesforce")
	if !s.docs.button.Visible() {
		t.Fatal("no button for a common word")
	}
	s.toolbar.filter("")
	if s.docs.button.Visible() {
		t.Fatal("the button stayed with an empty search")
	}
}
