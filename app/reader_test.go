package app

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"evidenceboard/app/format/source"
	"evidenceboard/assets"
	"evidenceboard/data"
)

const articleTitle = "CRM Firm Salesforce At the Core of Backpage Sex Trafficking Allegations"

// openReaderShell opens the sample case with the reader on the article's
// source card, its document made from assets/article.txt.
func openReaderShell(t *testing.T) (*Shell, fyne.Window, string, *data.Card) {
	t.Helper()
	s, w, path := openShell(t)
	s.documentFor = func(*data.Card) (*source.Document, error) {
		return source.Extract("article.txt", []byte(assets.Article))
	}
	src := cardByTitle(t, s.Editor().Model(), articleTitle)
	if err := s.reader.open(src.ID); err != nil {
		t.Fatal(err)
	}
	return s, w, path, src
}

// rowFor scrolls paragraph index i into view and returns its row.
func rowFor(t *testing.T, r *reader, i int) *readRow {
	t.Helper()
	r.list.ScrollTo(i)
	for _, row := range r.rows {
		if row.text.para == i && row.box.Visible() {
			return row
		}
	}
	t.Fatalf("no row shows paragraph %d", i)
	return nil
}

// selectRunes selects runes [from, from+n) of a row's text the way a
// person does with the keyboard: cursor to the start, then shift+arrows
// (Right to select forwards, Left backwards from the end).
func selectRunes(w fyne.Window, e *readEntry, from, n int, backwards bool) {
	w.Canvas().Focus(e)
	e.CursorRow, e.CursorColumn = 0, 0
	e.Refresh()
	right := &fyne.KeyEvent{Name: fyne.KeyRight}
	left := &fyne.KeyEvent{Name: fyne.KeyLeft}
	start, dir := from, right
	if backwards {
		start, dir = from+n, left
	}
	for i := 0; i < start; i++ {
		e.TypedKey(right)
	}
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	e.KeyDown(shift)
	for i := 0; i < n; i++ {
		e.TypedKey(dir)
	}
	e.KeyUp(shift)
}

func TestReadEntrySelectionOffsets(t *testing.T) {
	s, w, _, _ := openReaderShell(t)
	cases := []struct {
		name      string
		text      string
		from, n   int
		backwards bool
		start     int
		end       int
	}{
		{"forwards", "More than four dozen women", 10, 10, false, 10, 20},
		{"backwards", "More than four dozen women", 10, 10, true, 10, 20},
		// the same words three times: the one selected, not the first
		{"repeated words, second", "ab ab ab", 3, 2, false, 3, 5},
		{"repeated words, third backwards", "ab ab ab", 6, 2, true, 6, 8},
		{"white space at the ends left out", "one two three", 3, 5, false, 4, 7},
		{"half words widened to whole words", "More than four dozen women", 11, 11, false, 10, 26},
		{"half words widened, backwards", "More than four dozen women", 16, 8, true, 15, 26},
		{"punctuation is not widened over", "said: “yes”, then", 7, 3, false, 7, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newReadEntry(s.reader)
			e.Resize(fyne.NewSize(600, 100))
			e.SetText(c.text)
			selectRunes(w, e, c.from, c.n, c.backwards)
			a, b, ok := e.selection()
			if !ok || a != c.start || b != c.end {
				t.Fatalf("selection %d..%d (%v), want %d..%d; selected %q", a, b, ok, c.start, c.end, e.SelectedText())
			}
		})
	}
}

func TestReaderTextCannotBeChanged(t *testing.T) {
	s, w, _, _ := openReaderShell(t)
	row := rowFor(t, s.reader, 1)
	want := s.reader.doc.Paragraphs[1].Text
	e := row.text
	w.Canvas().Focus(e)
	cb := w.Clipboard() // the test window makes a new one each call
	test.Type(e, "typed")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	cb.SetContent("pasted")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: cb})
	// What gets past the keys (the context menu's Paste) is put back.
	e.SetText("changed")
	if e.Text != want {
		t.Fatalf("the reader's text became %q", e.Text)
	}
	// Copy still works.
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
	if got := cb.Content(); got != want {
		t.Fatalf("copied %q", got)
	}
}

func TestMakeQuoteFromSelection(t *testing.T) {
	s, w, path, src := openReaderShell(t)
	r := s.reader
	doc := r.doc
	para := 1 // "More than four dozen women have come forward…"
	row := rowFor(t, r, para)
	words := "four dozen women"
	at := strings.Index(doc.Paragraphs[para].Text, words)
	if at < 0 {
		t.Fatalf("article changed: %q not in paragraph %d", words, para)
	}
	selectRunes(w, row.text, at, len(words)+1, false) // with the space after it
	party := cardByTitle(t, s.Editor().Model(), "The 50 Jane Does")
	had := map[string]bool{}
	for id := range s.Editor().Model().Cards {
		had[id] = true
	}
	for i, id := range r.speakers {
		if id == party.ID {
			r.speaker.SetSelectedIndex(i)
		}
	}
	tapButton(t, r.pane, "Make quote")

	var q *data.Card
	for _, m := range []*data.Model{s.Editor().Model(), reload(t, path)} {
		q = nil
		for _, c := range m.Cards {
			if c.Kind == data.KindQuote && !had[c.ID] {
				q = c
			}
		}
		if q == nil {
			t.Fatal("no quote card of the source")
		}
		if q.QuoteText != words || q.SpeakerID != party.ID {
			t.Fatalf("quote %q said by %q, want %q by %q", q.QuoteText, q.SpeakerID, words, party.ID)
		}
		if want := "¶ " + strconv.Itoa(doc.Paragraphs[para].Number); q.Locator != want {
			t.Fatalf("locator %q, want %q", q.Locator, want)
		}
		sel, ok := parseSelectors(q.Selector)
		if !ok || sel.Quote.Exact != words || sel.Position.End-sel.Position.Start != len([]rune(words)) {
			t.Fatalf("selectors: %+v (%v) from %q", sel, ok, q.Selector)
		}
		if got := string([]rune(doc.Text())[sel.Position.Start:sel.Position.End]); got != words {
			t.Fatalf("position selector names %q", got)
		}
		rels := map[string]string{}
		for _, l := range m.LinksOf(q.ID) {
			if l.From == q.ID {
				rels[l.Relation] = l.To
			}
		}
		if rels["cites"] != src.ID || rels["said by"] != party.ID {
			t.Fatalf("links %v", rels)
		}
		if q.X < src.X+src.Width {
			t.Fatalf("quote at x %v, not right of its source (ends at %v)", q.X, src.X+src.Width)
		}
		for _, c := range m.Cards {
			if c.ID != q.ID && q.X < c.X+c.Width && c.X < q.X+q.Width && q.Y < c.Y+c.Height && c.Y < q.Y+q.Height {
				t.Fatalf("quote placed over %q", c.Title)
			}
		}
	}
	if sel := s.Board().Selected(); len(sel) != 1 || sel[0] != q.ID {
		t.Fatalf("board selection %v, want the new quote", sel)
	}
	// The paragraph is marked, and its mark selects the quote.
	if ids := r.quoted[para]; len(ids) != 1 || ids[0] != q.ID {
		t.Fatalf("quoted paragraphs %v", r.quoted)
	}
	row = rowFor(t, r, para)
	if !row.bar.Visible() || !row.number.TextStyle.Bold || !row.quotes.Visible() {
		t.Fatal("the quoted paragraph is not marked")
	}
	s.Board().ClearSelection()
	test.Tap(row.quotes)
	if sel := s.Board().Selected(); len(sel) != 1 || sel[0] != q.ID {
		t.Fatalf("tapping the mark selected %v", sel)
	}

	// One undo step removes the card and its links, in the file too.
	s.undo()
	m := reload(t, path)
	if m.Cards[q.ID] != nil || len(m.LinksOf(q.ID)) != 0 || s.Editor().Model().Cards[q.ID] != nil {
		t.Fatal("undo left the quote or its links")
	}
	if len(r.quoted[para]) != 0 {
		t.Fatalf("after undo paragraph %d is quoted by %v", para, r.quoted[para])
	}
}

func TestMakeQuoteWithoutSelectionChangesNothing(t *testing.T) {
	s, w, _, _ := openReaderShell(t)
	before := len(s.Editor().Model().Cards)
	s.reader.makeQuote()
	if len(s.Editor().Model().Cards) != before {
		t.Fatal("a quote was made of nothing")
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.ToLower(strings.ReplaceAll(shownText(top), " ", "")), "selectthewords") {
		t.Fatal("no message saying to select words first")
	}
}

func TestShowInSourceScrollsToThePassage(t *testing.T) {
	s, _, _, src := openReaderShell(t)
	r := s.reader
	last := len(r.doc.Paragraphs) - 1
	m, ok := source.Find(r.doc, r.doc.Paragraphs[last].Text)
	if !ok {
		t.Fatal("last paragraph not found in its own document")
	}
	q, err := s.Editor().MakeQuote(src.ID, "", m)
	if err != nil {
		t.Fatal(err)
	}
	r.close()
	s.Board().Select(q.ID)
	s.inspector.show([]string{q.ID})
	tapButton(t, s.inspector.object(), "Show in source")
	if r.doc == nil || r.cardID != src.ID || !r.pane.Visible() {
		t.Fatal("Show in source did not open the reader on the source")
	}
	if r.list.GetScrollOffset() <= 0 {
		t.Fatal("the reader did not scroll")
	}
	found := false
	for _, row := range r.rows {
		if row.text.para == last && row.box.Visible() && row.box.Position().Y+row.box.Size().Height > 0 {
			found = row.bar.Visible()
		}
	}
	if !found {
		t.Fatal("the quoted last paragraph is not on screen, marked")
	}
}

func TestFindInReader(t *testing.T) {
	s, _, _, _ := openReaderShell(t)
	r := s.reader
	r.find.SetText("JANE DOES")
	var want []int
	for i, p := range r.doc.Paragraphs {
		if strings.Contains(strings.ToLower(p.Text), "jane does") {
			want = append(want, i)
		}
	}
	if len(want) < 2 || len(r.hits) != len(want) {
		t.Fatalf("hits %v, want %v", r.hits, want)
	}
	if r.findInfo.Text != "1 of "+strconv.Itoa(len(want)) {
		t.Fatalf("find says %q", r.findInfo.Text)
	}
	r.find.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if r.hit != 1 || r.findInfo.Text != "2 of "+strconv.Itoa(len(want)) {
		t.Fatalf("Enter went to hit %d (%q)", r.hit, r.findInfo.Text)
	}
	r.find.SetText("no such words anywhere")
	if len(r.hits) != 0 || r.findInfo.Text != "not found" {
		t.Fatalf("hits %v, %q", r.hits, r.findInfo.Text)
	}
}

func TestReaderClosesWithItsSource(t *testing.T) {
	s, _, _, src := openReaderShell(t)
	if err := s.Editor().Delete([]string{src.ID}); err != nil {
		t.Fatal(err)
	}
	if s.reader.doc != nil || s.reader.pane.Visible() {
		t.Fatal("the reader still shows a deleted source")
	}
}

func TestReaderShowsPagesOfAPDF(t *testing.T) {
	s, _, _ := openShell(t)
	doc := &source.Document{Name: "report.pdf", Type: source.TypePDF, Pages: 2, Paragraphs: []source.Paragraph{
		{Page: 1, Number: 1, Text: "First page, first paragraph."},
		{Page: 1, Number: 2, Text: "First page, second paragraph."},
		{Page: 2, Number: 3, Text: "Second page, the only paragraph."},
	}}
	s.documentFor = func(*data.Card) (*source.Document, error) { return doc, nil }
	if err := s.reader.open(cardByTitle(t, s.Editor().Model(), articleTitle).ID); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"p. 1", "", "p. 2"} {
		row := rowFor(t, s.reader, i)
		got := ""
		if row.page.Visible() {
			got = row.page.Text
		}
		if got != want || row.number.Text != "¶ "+strconv.Itoa(i+1) {
			t.Errorf("paragraph %d shows %q %q, want %q", i, got, row.number.Text, want)
		}
	}
}

func TestDoubleClickOnASourceOpensTheReader(t *testing.T) {
	s, w, _ := openShell(t)
	s.documentFor = func(*data.Card) (*source.Document, error) {
		return source.Extract("article.txt", []byte(assets.Article))
	}
	src := cardByTitle(t, s.Editor().Model(), articleTitle)
	s.Board().CenterOn(src.ID)
	doubleClick(t, s, src.ID)
	if s.reader.cardID != src.ID || !s.reader.pane.Visible() {
		t.Fatal("double-clicking the source card did not open the reader")
	}
	// Without a document it is the editing it always was, and says nothing.
	s.reader.close()
	s.documentFor = localDocument // the sample's source links to the web
	s.reader.cache = map[string]*source.Document{}
	doubleClick(t, s, src.ID)
	if s.reader.pane.Visible() || w.Canvas().Overlays().Top() != nil {
		t.Fatal("a source without a document opened the reader or a message")
	}
}

// doubleClick double-clicks card id on the board.
func doubleClick(t *testing.T, s *Shell, id string) {
	t.Helper()
	pos, size, ok := s.Board().CardScreenRect(id)
	if !ok {
		t.Fatalf("card %s not on the board", id)
	}
	s.Board().DoubleTapped(&fyne.PointEvent{Position: pos.Add(fyne.NewPos(size.Width/2, size.Height/2))})
}

func TestLocalDocument(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(path, []byte(assets.Article), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		url string
		ok  bool
	}{
		{path, true},
		{"file://" + path, true},
		{"article.txt", false},
		{"https://example.com/article.txt", false},
		{"", false},
		{filepath.Join(dir, "missing.txt"), false},
	}
	for _, c := range cases {
		doc, err := localDocument(&data.Card{Title: "Article", URL: c.url})
		if (err == nil) != c.ok {
			t.Errorf("%q: error %v, want ok %v", c.url, err, c.ok)
			continue
		}
		if c.ok && (len(doc.Paragraphs) < 5 || doc.Paragraphs[0].Text != articleTitle) {
			t.Errorf("%q: document %d paragraphs, first %q", c.url, len(doc.Paragraphs), doc.Paragraphs[0].Text)
		}
	}
}

// BenchmarkReaderOpenLongPDF opens the reader on a 3,000-page document
// (30,000 paragraphs): what a person waits for when they press Read. The
// document is extracted already; the board's six quotes are not in it, the
// slowest case for marking quoted paragraphs.
func BenchmarkReaderOpenLongPDF(b *testing.B) {
	a := test.NewTempApp(b)
	path := filepath.Join(b.TempDir(), "sample.evboard")
	st, err := data.CreateSample(path, assets.Article)
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1300, 850))
	s := NewShell(a, w)
	if err := s.OpenPath(path); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.closeBoard)
	doc := &source.Document{Name: "long.pdf", Type: source.TypePDF, Pages: 3000}
	for p := 1; p <= 3000; p++ {
		for k := 0; k < 10; k++ {
			n := len(doc.Paragraphs) + 1
			doc.Paragraphs = append(doc.Paragraphs, source.Paragraph{Page: p, Number: n,
				Text: "Paragraph " + strconv.Itoa(n) + " of the long report says what the witnesses saw and when they saw it, in words a quote can be taken from."})
		}
	}
	s.documentFor = func(*data.Card) (*source.Document, error) { return doc, nil }
	var src string
	for id, c := range s.Editor().Model().Cards {
		if c.Kind == data.KindSource {
			src = id
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.reader.close()
		s.reader.cache = map[string]*source.Document{}
		if err := s.reader.open(src); err != nil {
			b.Fatal(err)
		}
		s.reader.list.ScrollTo(len(doc.Paragraphs) / 2) // and a jump to the middle
	}
}

func TestReadOnlyBoardIsReadNotQuoted(t *testing.T) {
	s, _, path := openShell(t)
	w2 := test.NewTempWindow(t, nil)
	w2.Resize(fyne.NewSize(1300, 850))
	s2 := NewShell(fyne.CurrentApp(), w2)
	if err := s2.OpenPath(path); err != nil {
		t.Fatal(err)
	}
	defer s2.closeBoard()
	s2.documentFor = func(*data.Card) (*source.Document, error) {
		return source.Extract("article.txt", []byte(assets.Article))
	}
	if err := s2.reader.open(cardByTitle(t, s2.Editor().Model(), articleTitle).ID); err != nil {
		t.Fatal(err)
	}
	if !s2.reader.make.Disabled() {
		t.Fatal("Make quote is offered on a read-only board")
	}
	row := rowFor(t, s2.reader, 1)
	selectRunes(w2, row.text, 10, 16, false)
	before := len(s2.Editor().Model().Cards)
	s2.reader.makeQuote()
	if len(s2.Editor().Model().Cards) != before || len(s.Editor().Model().Cards) != before {
		t.Fatal("a quote was made on a read-only board")
	}
}
