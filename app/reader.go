package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

// DocumentFunc gives the document behind a source card, for the reader.
// The shell holds one (Shell.documentFor); today's reads the file a
// source card's URL names on this computer (localDocument).
type DocumentFunc func(card *data.Card) (*source.Document, error)

// makeQuoteKey is the reader's Make quote shortcut. Ctrl+Q quits, so M.
var makeQuoteKey = &desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierShortcutDefault}

// reader is the pane beside the board that shows a source card's
// document, paragraph by paragraph, and makes quote cards from the words a
// person selects in it. Paragraphs are rows of a widget.List, so only the
// rows on screen exist however long the document.
type reader struct {
	s    *Shell
	pane *fyne.Container

	title    *widget.Label
	list     *widget.List
	find     *widget.Entry
	findInfo *widget.Label
	speaker  *widget.Select
	speakers []string // card IDs parallel to speaker.Options
	make     *widget.Button

	cardID string // the source card shown, "" when closed
	doc    *source.Document
	starts []int // starts[i]: code point offset of paragraph i in doc.Text()
	cache  map[string]*source.Document

	quoted map[int][]string // paragraph index → quote cards taken from it
	// placed remembers where each quote card's words were found in this
	// document, so a change of the board costs a search only for the
	// quotes it changed: a quote not in the document is slow to rule out.
	placed map[string]placement
	hits   []int      // paragraph indices holding the find box's words
	hit    int        // the current one, index into hits
	active *readEntry // the row last focused: where the selection is

	rows    map[fyne.CanvasObject]*readRow
	heights map[int]rowHeight
}

// rowHeight is a paragraph row's height, for the width it was measured at.
type rowHeight struct{ width, height float32 }

// placement is where a quote card's words are in the document, for the
// words and notes they were found with.
type placement struct {
	words, body string
	para        int
	ok          bool
}

// readRow is one recycled row of the list.
type readRow struct {
	box    *fyne.Container
	bar    *canvas.Rectangle // shown when the paragraph is quoted
	page   *widget.Label
	number *widget.Label
	quotes *widget.Button // selects the paragraph's quote cards
	text   *readEntry
}

// readEntry is a multi-line entry a person can select and copy from but
// not change: the document's words are evidence. Edits are refused where
// they arrive (keys, runes, paste, cut), and anything that still gets
// through (the context menu) is undone in OnChanged.
type readEntry struct {
	widget.Entry
	r    *reader
	para int // paragraph index shown, -1 for none
}

func newReadEntry(r *reader) *readEntry {
	e := &readEntry{r: r, para: -1}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.OnChanged = func(v string) {
		if want := e.want(); e.para >= 0 && v != want {
			e.SetText(want)
		}
	}
	return e
}

// want is the paragraph's text, what the entry must show.
func (e *readEntry) want() string {
	if e.r.doc == nil || e.para < 0 || e.para >= len(e.r.doc.Paragraphs) {
		return ""
	}
	return e.r.doc.Paragraphs[e.para].Text
}

// AcceptsTab is false: Tab moves on, it does not type.
func (e *readEntry) AcceptsTab() bool { return false }

// TypedRune refuses typing.
func (e *readEntry) TypedRune(rune) {}

// TypedKey passes on only the keys that move the cursor or the selection.
func (e *readEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown,
		fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		e.Entry.TypedKey(k)
	}
}

// TypedShortcut passes on copy and select-all, sends undo and redo to the
// board (there is no typing here to undo) and makes a quote on its key.
func (e *readEntry) TypedShortcut(sc fyne.Shortcut) {
	switch sc := sc.(type) {
	case *fyne.ShortcutCopy, *fyne.ShortcutSelectAll:
		e.Entry.TypedShortcut(sc)
	case *fyne.ShortcutUndo:
		e.r.s.undo()
	case *fyne.ShortcutRedo:
		e.r.s.redo()
	case *desktop.CustomShortcut:
		if sc.ShortcutName() == makeQuoteKey.ShortcutName() {
			e.r.makeQuote()
		}
	}
}

// FocusGained remembers this row as the one whose selection Make quote takes.
func (e *readEntry) FocusGained() {
	e.Entry.FocusGained()
	e.r.active = e
}

// selection is the selected passage, in code points within the paragraph,
// with white space at its ends left out and widened to whole words. Fyne tells the selected text and
// the cursor, not where the selection starts, so of the places the text
// occurs the one with an end nearest the cursor is taken (the cursor sits
// at one end of every selection).
func (e *readEntry) selection() (start, end int, ok bool) {
	sel := e.SelectedText()
	if strings.TrimSpace(sel) == "" {
		return 0, 0, false
	}
	text := e.Text
	cur := e.CursorTextOffset()
	n := utf8.RuneCountInString(sel)
	best, bestD := -1, -1
	for from := 0; from <= len(text); {
		k := strings.Index(text[from:], sel)
		if k < 0 {
			break
		}
		at := utf8.RuneCountInString(text[:from+k])
		d := min(abs(at-cur), abs(at+n-cur))
		if best < 0 || d < bestD {
			best, bestD = at, d
		}
		_, size := utf8.DecodeRuneInString(text[from+k:])
		from += k + size
	}
	if best < 0 {
		return 0, 0, false
	}
	lead := utf8.RuneCountInString(sel) - utf8.RuneCountInString(strings.TrimLeftFunc(sel, unicode.IsSpace))
	trail := utf8.RuneCountInString(sel) - utf8.RuneCountInString(strings.TrimRightFunc(sel, unicode.IsSpace))
	start, end = wholeWords([]rune(text), best+lead, best+n-trail)
	return start, end, true
}

// wholeWords widens [start, end) of text to whole words: a drag that
// starts or ends inside a word takes the word, because a quote of half a
// word is never what was meant, and the mouse is not that precise.
func wholeWords(text []rune, start, end int) (int, int) {
	word := func(i int) bool {
		return i >= 0 && i < len(text) && (unicode.IsLetter(text[i]) || unicode.IsDigit(text[i]))
	}
	for word(start) && word(start-1) {
		start--
	}
	for word(end-1) && word(end) {
		end++
	}
	return start, end
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func newReader(s *Shell) *reader {
	r := &reader{s: s, cache: map[string]*source.Document{}, rows: map[fyne.CanvasObject]*readRow{}, heights: map[int]rowHeight{}}
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.Truncation = fyne.TextTruncateEllipsis
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), r.close)
	closeBtn.Importance = widget.LowImportance
	r.find = widget.NewEntry()
	r.find.SetPlaceHolder("Find in document")
	r.find.OnChanged = func(string) { r.search() }
	r.find.OnSubmitted = func(string) { r.next(1) }
	r.findInfo = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { r.next(-1) })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { r.next(1) })
	r.speaker = widget.NewSelect(nil, nil)
	r.speaker.PlaceHolder = "Said by…"
	r.make = widget.NewButtonWithIcon("Make quote", theme.ContentAddIcon(), r.makeQuote)
	r.make.Importance = widget.HighImportance
	r.list = widget.NewList(r.length, r.newRow, r.updateRow)
	// Asking its size builds the list's renderer, and with it the scroller
	// that ScrollTo needs before the pane is first drawn.
	r.list.MinSize()
	head := container.NewBorder(nil, nil, nil, closeBtn, r.title)
	findRow := container.NewBorder(nil, nil, nil, container.NewHBox(r.findInfo, prev, next), r.find)
	quoteRow := container.NewBorder(nil, nil, nil, r.make, r.speaker)
	r.pane = container.NewBorder(container.NewVBox(head, findRow, quoteRow, widget.NewSeparator()), nil, nil, nil, r.list)
	r.pane.Hide()
	return r
}

func (r *reader) object() fyne.CanvasObject { return r.pane }

func (r *reader) length() int {
	if r.doc == nil {
		return 0
	}
	return len(r.doc.Paragraphs)
}

func (r *reader) newRow() fyne.CanvasObject {
	row := &readRow{text: newReadEntry(r)}
	row.bar = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	row.bar.SetMinSize(fyne.NewSize(4, 4))
	row.page = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
	row.number = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
	row.quotes = widget.NewButton("", nil)
	row.quotes.Importance = widget.LowImportance
	width := canvas.NewRectangle(color.Transparent) // keeps the numbers' column one width
	width.SetMinSize(fyne.NewSize(gutterWidth, 0))
	gutter := container.NewVBox(width, row.page, row.number, row.quotes)
	row.box = container.NewBorder(nil, nil, container.NewHBox(row.bar, gutter), nil, row.text)
	r.rows[row.box] = row
	return row.box
}

// gutterWidth is the width of the page and paragraph numbers beside the text.
const gutterWidth = 64

func (r *reader) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := r.rows[o]
	if row == nil || r.doc == nil || i >= len(r.doc.Paragraphs) {
		return
	}
	p := r.doc.Paragraphs[i]
	if row.text.para != i || row.text.Text != p.Text {
		row.text.para = i
		row.text.SetText(p.Text)
	}
	if r.doc.Type == source.TypePDF && (i == 0 || r.doc.Paragraphs[i-1].Page != p.Page) {
		row.page.SetText(fmt.Sprintf("p. %d", p.Page))
		row.page.Show()
	} else {
		row.page.Hide()
	}
	row.number.SetText(fmt.Sprintf("¶ %d", p.Number))
	ids := r.quoted[i]
	row.number.TextStyle.Bold = len(ids) > 0
	row.number.Importance = widget.MediumImportance
	if r.isHit(i) {
		row.number.Importance = widget.HighImportance
	}
	row.number.Refresh()
	if len(ids) > 0 {
		row.bar.Show()
		row.quotes.SetText(plural(len(ids), "quote", "%d quotes"))
		row.quotes.OnTapped = func() { r.selectQuotes(ids) }
		row.quotes.Show()
	} else {
		row.bar.Hide()
		row.quotes.Hide()
	}
	if h := r.rowHeight(i); h > 0 {
		r.list.SetItemHeight(i, h)
	}
}

// rowHeight estimates the height paragraph i needs at the list's width:
// Fyne's list wants each row's height before it lays the row out, and an
// entry does not grow with its wrapped text. Words are wrapped greedily as
// the entry does, measured with the theme's text size.
func (r *reader) rowHeight(i int) float32 {
	width := r.list.Size().Width
	if width <= 0 {
		return 0
	}
	if h, ok := r.heights[i]; ok && h.width == width {
		return h.height
	}
	th := r.list.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	border := th.Size(theme.SizeNameInputBorder)
	textSize := th.Size(theme.SizeNameText)
	avail := width - gutterWidth - 4 - 3*th.Size(theme.SizeNamePadding) - 2*pad - 2*border - th.Size(theme.SizeNameScrollBar)
	space := fyne.MeasureText(" ", textSize, fyne.TextStyle{}).Width
	lineH := fyne.MeasureText("Mg", textSize, fyne.TextStyle{}).Height
	lines, x := 1, float32(0)
	for _, w := range strings.Fields(r.doc.Paragraphs[i].Text) {
		ww := fyne.MeasureText(w, textSize, fyne.TextStyle{}).Width
		switch {
		case x == 0:
			x = ww
		case x+space+ww <= avail:
			x += space + ww
		default:
			lines++
			x = ww
		}
	}
	h := float32(lines)*lineH + 2*pad + 2*border
	gutter := lineH + 2*th.Size(theme.SizeNameInnerPadding)
	if r.doc.Type == source.TypePDF {
		gutter *= 2
	}
	if len(r.quoted[i]) > 0 {
		gutter += lineH + 2*pad
	}
	h = max(h, gutter)
	r.heights[i] = rowHeight{width, h}
	return h
}

// open shows source card id's document in the pane.
func (r *reader) open(id string) error {
	e := r.s.editor
	if e == nil {
		return nil
	}
	c := e.Model().Cards[id]
	if c == nil || c.Kind != data.KindSource {
		return errors.New("pick a source card to read")
	}
	key := id + "\x00" + c.URL
	doc := r.cache[key]
	if doc == nil {
		var err error
		if doc, err = r.s.documentFor(c); err != nil {
			return err
		}
		r.cache[key] = doc
	}
	if r.cardID != id || r.doc != doc {
		r.cardID, r.doc, r.active = id, doc, nil
		r.starts = r.starts[:0]
		at := 0
		for _, p := range doc.Paragraphs {
			r.starts = append(r.starts, at)
			at += utf8.RuneCountInString(p.Text) + 2 // "\n\n" between paragraphs
		}
		r.heights = map[int]rowHeight{}
		r.placed = map[string]placement{}
		r.hits = nil
		r.find.SetText("")
		r.list.ScrollToTop()
	}
	r.title.SetText(data.OneLine(c.Title, 80))
	if r.s.writable() {
		r.make.Enable()
		r.speaker.Enable()
	} else { // a read-only board can be read, not quoted from
		r.make.Disable()
		r.speaker.Disable()
	}
	r.refreshQuoted()
	r.refreshSpeakers()
	r.list.Refresh()
	r.pane.Show()
	r.s.layoutReader()
	return nil
}

// close hides the pane.
func (r *reader) close() {
	r.cardID, r.doc, r.active = "", nil, nil
	r.quoted, r.hits = nil, nil
	r.pane.Hide()
	r.list.Refresh()
	r.s.layoutReader()
}

// closeBoard forgets the board's documents too.
func (r *reader) closeBoard() {
	r.cache = map[string]*source.Document{}
	r.close()
}

// changed follows a change of the board: quote cards may have come or
// gone, the source card itself may have gone.
func (r *reader) changed() {
	if r.doc == nil {
		return
	}
	if r.s.editor == nil || r.s.editor.Model().Cards[r.cardID] == nil {
		r.close()
		return
	}
	r.refreshQuoted()
	r.refreshSpeakers()
	r.list.Refresh()
}

// refreshQuoted finds the paragraph of every quote taken from this source.
func (r *reader) refreshQuoted() {
	r.quoted = map[int][]string{}
	var ids []string
	for id, c := range r.s.editor.Model().Cards {
		if c.Kind == data.KindQuote && c.SourceID == r.cardID {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := r.s.editor.Model().Cards[id]
		p, ok := r.placed[id]
		if !ok || p.words != c.QuoteText || p.body != c.Selector {
			p = placement{words: c.QuoteText, body: c.Selector}
			p.para, p.ok = r.paragraphOf(c)
			r.placed[id] = p
		}
		if p.ok {
			r.quoted[p.para] = append(r.quoted[p.para], id)
		}
	}
}

// paragraphOf is the index of the paragraph quote card c was taken from:
// where its stored position selector says, when the words are still there
// (a quote of words that occur twice names the one chosen), else where its
// words first occur.
func (r *reader) paragraphOf(c *data.Card) (int, bool) {
	if sel, ok := parseSelectors(c.Selector); ok && sel.Quote.Exact == c.QuoteText {
		if m, ok := source.Select(r.doc, sel.Position.Start, sel.Position.End); ok && m.Quote.Exact == c.QuoteText {
			return r.indexOf(m.Paragraph)
		}
	}
	m, ok := source.Find(r.doc, c.QuoteText)
	if !ok {
		return 0, false
	}
	return r.indexOf(m.Paragraph)
}

// indexOf turns a paragraph number into its index in the document.
func (r *reader) indexOf(number int) (int, bool) {
	ps := r.doc.Paragraphs
	i := sort.Search(len(ps), func(i int) bool { return ps[i].Number >= number })
	return i, i < len(ps) && ps[i].Number == number
}

func (r *reader) refreshSpeakers() {
	labels, values := r.s.inspector.cardsOfKind(data.KindParty)
	prev := ""
	if i := r.speaker.SelectedIndex(); i >= 0 && i < len(r.speakers) {
		prev = r.speakers[i]
	}
	r.speaker.SetOptions(labels)
	r.speakers = values
	r.speaker.ClearSelected()
	for i, v := range values {
		if v == prev && prev != "" {
			r.speaker.SetSelectedIndex(i)
		}
	}
}

// selectQuotes selects quote cards on the board.
func (r *reader) selectQuotes(ids []string) {
	if r.s.board == nil || len(ids) == 0 {
		return
	}
	r.s.board.Select(ids...)
	r.s.board.CenterOn(ids[0])
	r.s.inspector.show(ids)
	r.s.updateStatus()
	r.s.menu.refresh()
}

// search marks the paragraphs holding the find box's words (any case).
func (r *reader) search() {
	r.hits, r.hit = nil, 0
	q := strings.ToLower(strings.TrimSpace(r.find.Text))
	if r.doc != nil && q != "" {
		for i, p := range r.doc.Paragraphs {
			if strings.Contains(strings.ToLower(p.Text), q) {
				r.hits = append(r.hits, i)
			}
		}
	}
	r.showHit()
	r.list.Refresh()
}

// next moves to the next (+1) or previous (-1) paragraph found.
func (r *reader) next(step int) {
	if len(r.hits) == 0 {
		return
	}
	r.hit = (r.hit + step + len(r.hits)) % len(r.hits)
	r.showHit()
}

func (r *reader) showHit() {
	switch {
	case strings.TrimSpace(r.find.Text) == "":
		r.findInfo.SetText("")
	case len(r.hits) == 0:
		r.findInfo.SetText("not found")
	default:
		r.findInfo.SetText(fmt.Sprintf("%d of %d", r.hit+1, len(r.hits)))
		r.list.ScrollTo(r.hits[r.hit])
	}
}

func (r *reader) isHit(i int) bool {
	k := sort.SearchInts(r.hits, i)
	return k < len(r.hits) && r.hits[k] == i
}

// makeQuote makes a quote card of the passage selected in the reader.
func (r *reader) makeQuote() {
	s := r.s
	if r.doc == nil || !s.writable() {
		return
	}
	e := r.active
	if e == nil || e.para < 0 || e.para >= len(r.starts) || e.Text != e.want() {
		s.showError(errors.New("select the words to quote in the reader first"))
		return
	}
	a, b, ok := e.selection()
	if !ok {
		s.showError(errors.New("select the words to quote in the reader first"))
		return
	}
	m, ok := source.Select(r.doc, r.starts[e.para]+a, r.starts[e.para]+b)
	if !ok {
		s.showError(errors.New("the selection is not in the document"))
		return
	}
	speaker := ""
	if i := r.speaker.SelectedIndex(); i >= 0 && i < len(r.speakers) {
		speaker = r.speakers[i]
	}
	c, err := s.editor.MakeQuote(r.cardID, speaker, m)
	if !s.report(err) {
		return
	}
	s.board.Select(c.ID)
	s.board.CenterOn(c.ID) // placed beside its source, perhaps off screen
	s.inspector.show([]string{c.ID})
	s.updateStatus()
	s.menu.refresh()
}

// showInSource opens the reader on quote card id's source at its passage.
func (r *reader) showInSource(id string) error {
	c := r.s.editor.Model().Cards[id]
	if c == nil || c.SourceID == "" {
		return errors.New("this quote names no source")
	}
	if err := r.open(c.SourceID); err != nil {
		return err
	}
	i, ok := r.paragraphOf(c)
	if !ok {
		return fmt.Errorf("the words of %q are not in its source", data.OneLine(c.Title, 40))
	}
	r.list.ScrollTo(i)
	return nil
}

// quoteSelectors are the W3C Web Annotation selectors a quote card keeps
// in its Selector field (verify.Selector writes them), so the exact
// occurrence chosen can be found again.
type quoteSelectors struct {
	Quote    source.TextQuoteSelector
	Position source.TextPositionSelector
}

// parseSelectors reads a Selector written by verify.Selector.
func parseSelectors(body string) (quoteSelectors, bool) {
	var q quoteSelectors
	body = strings.TrimSpace(body)
	if !strings.HasPrefix(body, "[") {
		return q, false
	}
	var raw []json.RawMessage
	if json.Unmarshal([]byte(body), &raw) != nil || len(raw) != 2 {
		return q, false
	}
	if json.Unmarshal(raw[0], &q.Quote) != nil || json.Unmarshal(raw[1], &q.Position) != nil ||
		q.Quote.Type != "TextQuoteSelector" || q.Position.Type != "TextPositionSelector" {
		return q, false
	}
	return q, true
}

// MakeQuote adds, as one undoable change, a quote card of the passage m of
// source card sourceID: its exact words, its locator, its selectors in the
// card's notes, placed right of the source clear of other cards, linked to
// the source ("cites") and, when speakerID names a party, to the speaker
// ("said by").
func (e *Editor) MakeQuote(sourceID, speakerID string, m source.Match) (data.Card, error) {
	mod := e.Model()
	src := mod.Cards[sourceID]
	if src == nil || src.Kind != data.KindSource {
		return data.Card{}, errors.New("the quote's source card is gone")
	}
	if strings.TrimSpace(m.Quote.Exact) == "" {
		return data.Card{}, errors.New("select the words to quote first")
	}
	if sp := mod.Cards[speakerID]; speakerID != "" && (sp == nil || sp.Kind != data.KindParty) {
		speakerID = ""
	}
	ch, id := verify.QuoteChange(mod, src, m.Quote.Exact, speakerID, m)
	ch.Label = "Make quote"
	if err := e.Do(ch); err != nil {
		return data.Card{}, err
	}
	return *e.Model().Cards[id], nil
}

// localDocument is the shell's DocumentFunc until documents are stored in
// the board: it extracts the file a source card's URL names when that is
// a file on this computer (a file:// URL or an absolute path).
func localDocument(c *data.Card) (*source.Document, error) {
	path := strings.TrimSpace(c.URL)
	if u, err := url.Parse(path); err == nil && u.Scheme == "file" {
		path = u.Path
	}
	if path == "" || !filepath.IsAbs(path) {
		return nil, fmt.Errorf("%q has no document to read: its link is not a file on this computer", data.OneLine(c.Title, 40))
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > source.MaxDocumentBytes {
		return nil, fmt.Errorf("%s: larger than %d MB, the most a document may be", filepath.Base(path), source.MaxDocumentBytes>>20)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return source.Extract(filepath.Base(path), raw)
}

// readSelected opens the reader on the selected source card, or on the
// source of the selected quote card at its passage; with the reader open
// and nothing of the kind selected, it closes the reader.
func (s *Shell) readSelected() {
	if s.editor == nil || s.board == nil {
		return
	}
	if sel := s.board.Selected(); len(sel) == 1 {
		if c := s.editor.Model().Cards[sel[0]]; c != nil {
			switch c.Kind {
			case data.KindSource:
				s.report(s.reader.open(c.ID))
				return
			case data.KindQuote:
				s.report(s.reader.showInSource(c.ID))
				return
			}
		}
	}
	if s.reader.doc != nil {
		s.reader.close()
		return
	}
	s.showError(errors.New("select a source card (or a quote) to read"))
}
