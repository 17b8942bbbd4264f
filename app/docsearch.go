package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

// maxDocHits is how many passages the list under "N in documents" shows.
const maxDocHits = 40

// docSearch finds the search box's words in the documents stored in the
// board: the toolbar shows "N in documents", and choosing a passage opens
// the reader there. Its index (source.Library) is built in memory, off
// the UI thread, the first time a search needs it, and again when the
// board's documents change.
type docSearch struct {
	s      *Shell
	button *widget.Button

	lib     *source.Library
	libKey  string              // the documents lib was built from
	libEd   *Editor             // and the board
	pending *string             // a query waiting for the index
	cards   func(string) string // document ID → a source card showing it
	query   string
	hits    []source.Hit
	// built, when set, is called on the UI thread each time an index is
	// ready (tests wait for it).
	built func()
}

func newDocSearch(s *Shell) *docSearch {
	d := &docSearch{s: s}
	d.button = widget.NewButtonWithIcon("", theme.DocumentIcon(), d.showHits)
	d.button.Importance = widget.LowImportance
	d.button.Hide()
	return d
}

// documentsKey names the set of readable documents of m.
func documentsKey(m *data.Model) string {
	var ids []string
	for id, d := range m.Documents {
		if d.Unreadable == "" {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// search looks for q in the documents and updates the button.
func (d *docSearch) search(q string) {
	e := d.s.editor
	d.query, d.hits = strings.TrimSpace(q), nil
	if e == nil || len([]rune(d.query)) < 2 || len(e.Model().Documents) == 0 {
		d.show(0)
		return
	}
	key := documentsKey(e.Model())
	if d.lib == nil || d.libKey != key || d.libEd != e {
		d.build(e, key, q)
		return
	}
	var total int
	d.hits, total = d.lib.Search(d.query, maxDocHits)
	d.show(total)
}

// build indexes the board's documents off the UI thread, then runs the
// search that was waiting for it (the latest one).
func (d *docSearch) build(e *Editor, key, q string) {
	waiting := d.pending != nil
	d.pending = &q
	if waiting {
		return // a build is under way; it will run the latest query
	}
	store, m := e.Store(), e.Model().Clone()
	go func() {
		lib := source.NewLibrary()
		ck := verify.NewChecker(store, m)
		owner := map[string]string{}
		for _, c := range m.SortedCards() {
			if c.Kind == data.KindSource && c.Document != "" && owner[c.Document] == "" {
				owner[c.Document] = c.ID
			}
		}
		ids := strings.Split(key, ",")
		for _, id := range ids {
			if doc, err := ck.Document(id); err == nil && owner[id] != "" {
				lib.Add(id, doc)
			}
		}
		fyne.Do(func() {
			q := *d.pending
			d.pending = nil
			if d.s.editor != e {
				d.search(q) // another board now: index that one for the latest query
				return
			}
			d.lib, d.libKey, d.libEd = lib, key, e
			d.cards = func(id string) string { return owner[id] }
			d.search(q)
			if d.built != nil {
				d.built()
			}
		})
	}()
}

// show says how many passages were found, or hides the button.
func (d *docSearch) show(total int) {
	if total == 0 {
		d.button.Hide()
		return
	}
	d.button.SetText(fmt.Sprintf("%d in docs", total))
	d.button.Show()
}

// showHits lists the passages found under the button; choosing one opens
// the reader at it.
func (d *docSearch) showHits() {
	menu := d.menu()
	c := fyne.CurrentApp().Driver().CanvasForObject(d.button)
	if menu == nil || c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.button).Add(fyne.NewPos(0, d.button.Size().Height))
	widget.ShowPopUpMenuAtPosition(menu, c, pos)
}

// menu is the passages found, one item each: "Source, p. 2, ¶ 10: …".
func (d *docSearch) menu() *fyne.Menu {
	if len(d.hits) == 0 || d.s.editor == nil {
		return nil
	}
	m := d.s.editor.Model()
	var items []*fyne.MenuItem
	for _, h := range d.hits {
		h := h
		card := d.cards(h.Doc)
		title := ""
		if c := m.Cards[card]; c != nil {
			title = data.OneLine(c.Title, 30)
		}
		where := fmt.Sprintf("¶ %d", h.Number)
		if doc := m.Documents[h.Doc]; doc != nil && doc.Pages > 1 {
			where = fmt.Sprintf("p. %d, ¶ %d", h.Page, h.Number)
		}
		label := screenText(fmt.Sprintf("%s, %s: %s", title, where, data.OneLine(h.Snippet, 90)))
		items = append(items, fyne.NewMenuItem(label, func() { d.s.report(d.s.reader.showPassage(card, h.Paragraph, d.query)) }))
	}
	return fyne.NewMenu("", items...)
}

// showPassage opens the reader on source card id at paragraph index i,
// with the find box holding q so its words are marked.
func (r *reader) showPassage(id string, i int, q string) error {
	if err := r.open(id); err != nil {
		return err
	}
	r.find.SetText(q)
	for k, h := range r.hits {
		if h == i {
			r.hit = k
			r.showHit()
			return nil
		}
	}
	r.list.ScrollTo(i)
	return nil
}
