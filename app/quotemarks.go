package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/app/format/source/verify"
	"evidenceboard/board"
	"evidenceboard/data"
)

// quoteMarks checks the board's quotes against their sources' documents
// (verify.Checker, the rule of docs/QUOTES.md) and gives the board its
// marks and the inspector its words. Checks run off the UI thread, one
// batch at a time: the whole board when it is opened, then the quotes a
// change touches (a quote edited, the source it cites changed). A batch
// reads copies of the cards it checks, so the model is never read off the
// UI thread.
type quoteMarks struct {
	s       *Shell
	results map[string]verify.Result // by quote card ID; absent: nothing to check against
	queue   map[string]bool          // quotes to check when the running batch ends
	running bool
	// checked, when set, is called on the UI thread when a batch ends
	// with no other to run (tests wait for it).
	checked func()
	// hold, when set, keeps a finished batch off the UI thread until it is
	// closed: the test driver runs fyne.Do at once on the calling
	// goroutine, and a test must finish its own turn on the UI first.
	hold chan struct{}
}

func newQuoteMarks(s *Shell) *quoteMarks {
	return &quoteMarks{s: s, results: map[string]verify.Result{}, queue: map[string]bool{}}
}

// install checks every quote of the board just opened.
func (q *quoteMarks) install() {
	q.results, q.queue = map[string]verify.Result{}, map[string]bool{}
	q.s.board.SetQuoteMarks(nil)
	e := q.s.editor
	if e == nil {
		return
	}
	for id, c := range e.Model().Cards {
		if c.Kind == data.KindQuote && c.SourceID != "" {
			q.queue[id] = true
		}
	}
	q.run()
}

// changed queues the quotes that changes to the cards ids may have
// changed the check of: those cards if they are quotes, and the quotes
// citing those that are sources.
func (q *quoteMarks) changed(ids []string) {
	e := q.s.editor
	if e == nil {
		return
	}
	m := e.Model()
	var sources map[string]bool
	for _, id := range ids {
		c := m.Cards[id]
		switch {
		case c == nil:
			if _, ok := q.results[id]; ok {
				q.queue[id] = true // deleted: its mark goes
			}
		case c.Kind == data.KindQuote:
			q.queue[id] = true
		case c.Kind == data.KindSource:
			if sources == nil {
				sources = map[string]bool{}
			}
			sources[id] = true
		default:
			if _, ok := q.results[id]; ok {
				q.queue[id] = true // no longer a quote
			}
		}
	}
	if sources != nil {
		for id, c := range m.Cards {
			if c.Kind == data.KindQuote && sources[c.SourceID] {
				q.queue[id] = true
			}
		}
	}
	q.run()
}

// run starts a batch of the queued quotes unless one is running. A
// quote with no document to check against is settled at once, so a
// board without documents never starts a batch.
func (q *quoteMarks) run() {
	e := q.s.editor
	if q.running || len(q.queue) == 0 || e == nil {
		return
	}
	// What the batch reads: copies of the quotes, the sources they cite
	// and those sources' documents' metadata.
	m := e.Model()
	snap := data.NewModel(data.Board{})
	var ids []string
	settled := false
	for id := range q.queue {
		c := m.Cards[id]
		var src *data.Card
		var doc *data.Document
		if c != nil && c.Kind == data.KindQuote && c.SourceID != "" {
			src = m.Cards[c.SourceID]
		}
		if src != nil && src.Document != "" {
			doc = m.Documents[src.Document]
		}
		if doc == nil || doc.Unreadable != "" {
			if _, ok := q.results[id]; ok {
				delete(q.results, id)
				settled = true
			}
			continue
		}
		ids = append(ids, id)
		cc, sc, dd := c.Clone(), src.Clone(), *doc
		snap.Cards[id], snap.Cards[src.ID], snap.Documents[doc.ID] = &cc, &sc, &dd
	}
	q.queue = map[string]bool{}
	if settled {
		q.s.board.SetQuoteMarks(q.marks())
	}
	if len(ids) == 0 {
		return
	}
	q.running = true
	store, hold := e.Store(), q.hold
	go func() {
		ck := verify.NewChecker(store, snap)
		got := make(map[string]verify.Result, len(ids))
		for _, id := range ids {
			got[id] = ck.Quote(snap.Cards[id])
		}
		if hold != nil {
			<-hold
		}
		fyne.Do(func() {
			q.running = false
			// Another board opened meanwhile has its own queue, which waited
			// for this batch to end: these results are not its.
			if q.s.editor == e {
				q.take(got)
			}
			q.run()
			if !q.running && q.checked != nil {
				q.checked() // all checked
			}
		})
	}()
}

// take keeps a batch's results and shows them.
func (q *quoteMarks) take(got map[string]verify.Result) {
	show := false
	for id, r := range got {
		if q.queue[id] {
			continue // changed again meanwhile: the next batch says
		}
		if r.State == verify.NoDocument {
			delete(q.results, id)
		} else {
			q.results[id] = r
		}
		show = show || q.s.inspector.shows(id)
	}
	q.s.board.SetQuoteMarks(q.marks())
	if show {
		q.s.inspector.refresh()
	}
}

// marks is the board's marks for the results, a new map each time (the
// board keeps the one it is given).
func (q *quoteMarks) marks() map[string]board.QuoteMark {
	out := make(map[string]board.QuoteMark, len(q.results))
	for id, r := range q.results {
		switch r.State {
		case verify.Verified:
			out[id] = board.QuoteVerified
		case verify.NotFound:
			out[id] = board.QuoteNotFound
		}
	}
	return out
}

// checkText is what the inspector says of quote id's check, "" when
// there is nothing to say (no document to check against, or not checked
// yet).
func (q *quoteMarks) checkText(id string) string {
	r, ok := q.results[id]
	if !ok {
		return ""
	}
	switch r.State {
	case verify.Verified:
		return "✓ Found in the source at " + r.Match.Locator() + "."
	case verify.NotFound:
		if r.Match.Quote.Exact == "" {
			return "⚠ Not found in the source; nothing in it comes close."
		}
		return fmt.Sprintf("⚠ Not found in the source; closest passage: “%s” (%s)", data.OneLine(r.Match.Quote.Exact, 300), r.Match.Locator())
	}
	return ""
}

// quoteCheck adds to the inspector, for quote card id, what the check of
// its words against its source found, kept current.
func (in *Inspector) quoteCheck(id string) {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	in.add(l)
	in.loaders = append(in.loaders, func() {
		text := in.s.quotes.checkText(id)
		if text == "" {
			l.Hide()
			return
		}
		// Bold, in the theme's own text colour: the warning colour is a
		// fill, too light to read as text on a light theme.
		l.TextStyle.Bold = in.s.quotes.results[id].State == verify.NotFound
		l.SetText(screenText(text))
		l.Show()
	})
}

// shows is whether the inspector shows card or link id.
func (in *Inspector) shows(id string) bool {
	for _, x := range in.ids {
		if x == id {
			return true
		}
	}
	return false
}
