// Package verify joins the board (data) and the extractor (source): it
// turns an extracted document into what the board stores, reads it back,
// and decides whether a quote card is in its source by the one rule of
// docs/QUOTES.md (source.Find). The command line (quote add, check) and the
// GUI call it, so they cannot disagree. It is its own package because data
// must not import the extractor (source's tests import data).
package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"evidenceboard/app/format/source"
	"evidenceboard/data"
)

// paragraph is one paragraph as documents.text stores it (a JSON array of
// these; docs/FILE_FORMAT.md).
type paragraph struct {
	Page int    `json:"page"`
	No   int    `json:"paragraph"`
	Text string `json:"text"`
}

// Document turns an extracted document and its bytes into the board's
// Document, ready for Change.PutDocuments: metadata, bytes and the text
// as JSON.
func Document(doc *source.Document, raw []byte) (data.Document, error) {
	ps := make([]paragraph, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		ps[i] = paragraph{Page: p.Page, No: p.Number, Text: p.Text}
	}
	text, err := json.Marshal(ps)
	if err != nil {
		return data.Document{}, err
	}
	if len(text) > data.MaxDocumentTextBytes {
		return data.Document{}, fmt.Errorf("%s: its text is over the limit of %d MiB a board stores per document", doc.Name, data.MaxDocumentTextBytes>>20)
	}
	return data.Document{ID: doc.SHA256, Name: doc.Name, Type: doc.Type, MIME: doc.MIME, Title: doc.Title,
		Size: doc.Size, Pages: doc.Pages, Bytes: raw, Text: string(text)}, nil
}

// ReadFile reads and extracts the document at path, bounded as the
// extractor bounds it: a file over the limit is refused before it is read
// whole. Errors are one line naming the file.
func ReadFile(path string) (*source.Document, []byte, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot read it: %v", name, unwrap(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot read it: %v", name, unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: not a regular file", name)
	}
	if st.Size() > source.MaxDocumentBytes {
		return nil, nil, fmt.Errorf("%s: %d bytes is over the limit of %d MiB per document", name, st.Size(), source.MaxDocumentBytes>>20)
	}
	raw := make([]byte, st.Size())
	if _, err := io.ReadFull(f, raw); err != nil {
		return nil, nil, fmt.Errorf("%s: cannot read it: %v", name, unwrap(err))
	}
	doc, err := source.Extract(name, raw)
	if err != nil {
		return nil, nil, err
	}
	return doc, raw, nil
}

// Decode rebuilds the extracted document from what the board stores.
func Decode(meta *data.Document, text string) (*source.Document, error) {
	var ps []paragraph
	if err := json.Unmarshal([]byte(text), &ps); err != nil {
		return nil, fmt.Errorf("document %s: its stored text is not readable: %v", short(meta.ID), err)
	}
	doc := &source.Document{Name: meta.Name, Type: meta.Type, MIME: meta.MIME, Title: meta.Title,
		SHA256: meta.ID, Size: meta.Size, Pages: meta.Pages}
	for _, p := range ps {
		doc.Paragraphs = append(doc.Paragraphs, source.Paragraph{Page: p.Page, Number: p.No, Text: p.Text})
	}
	return doc, nil
}

// State is what the check says of one quote card.
type State int

// The states of a quote.
const (
	// NoDocument: not a quote, or its source has no readable document:
	// there is nothing to check against.
	NoDocument State = iota
	// Verified: the quote's words occur in its source's document.
	Verified
	// NotFound: they do not; Result.Match is the closest passage.
	NotFound
)

// Result is the check of one quote card.
type Result struct {
	State State
	// Source is the source card the quote cites (nil for NoDocument).
	Source *data.Card
	// Match is where the words are (Verified) or the closest passage
	// (NotFound; Match.Quote.Exact is "" when nothing comes near).
	Match source.Match
}

// Checker checks quotes against the documents of one board, reading and
// decoding each document once.
type Checker struct {
	store *data.Store
	model *data.Model
	docs  map[string]*source.Document
	errs  map[string]error
}

// NewChecker checks quotes of the board m, read from s.
func NewChecker(s *data.Store, m *data.Model) *Checker {
	return &Checker{store: s, model: m, docs: map[string]*source.Document{}, errs: map[string]error{}}
}

// Document returns a stored document, extracted text and all. A document
// marked unreadable on opening is an error.
func (c *Checker) Document(id string) (*source.Document, error) {
	if d, ok := c.docs[id]; ok {
		return d, nil
	}
	if err, ok := c.errs[id]; ok {
		return nil, err
	}
	d, err := c.load(id)
	if err != nil {
		c.errs[id] = err
		return nil, err
	}
	c.docs[id] = d
	return d, nil
}

func (c *Checker) load(id string) (*source.Document, error) {
	meta := c.model.Documents[id]
	if meta == nil {
		return nil, fmt.Errorf("the board holds no document %s", short(id))
	}
	if meta.Unreadable != "" {
		return nil, fmt.Errorf("document %s was refused: %s", short(id), meta.Unreadable)
	}
	text, err := c.store.DocumentText(id)
	if err != nil {
		return nil, err
	}
	return Decode(meta, text)
}

// SourceDocument returns the document of a source card, or nil when it
// has none (or none that can be read).
func (c *Checker) SourceDocument(src *data.Card) *source.Document {
	if src == nil || src.Document == "" {
		return nil
	}
	d, err := c.Document(src.Document)
	if err != nil {
		return nil
	}
	return d
}

// Quote checks one card: the rule is that a quote card whose source card
// has a readable document is Verified when source.Find finds its words
// (QuoteText) in the document, and NotFound otherwise.
func (c *Checker) Quote(card *data.Card) Result {
	if card == nil || card.Kind != data.KindQuote || card.SourceID == "" {
		return Result{}
	}
	src := c.model.Cards[card.SourceID]
	doc := c.SourceDocument(src)
	if doc == nil {
		return Result{}
	}
	m, ok := source.Find(doc, card.QuoteText)
	if ok {
		return Result{State: Verified, Source: src, Match: m}
	}
	return Result{State: NotFound, Source: src, Match: m}
}

// Count checks every quote on the board.
func (c *Checker) Count() (verified, notFound int) {
	for _, card := range c.model.Cards {
		switch c.Quote(card).State {
		case Verified:
			verified++
		case NotFound:
			notFound++
		}
	}
	return verified, notFound
}

func short(id string) string { return id[:min(12, len(id))] }

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Selector is what a quote card taken from a document keeps in its
// Selector field: a JSON array of the match's W3C TextQuoteSelector and
// TextPositionSelector, so a reader can find the passage again.
func Selector(m source.Match) string {
	sel, err := json.Marshal([]any{m.Quote, m.Position})
	if err != nil {
		return "" // cannot happen: both are plain structs of strings and ints
	}
	return string(sel)
}

// QuoteChange is the one change that makes a quote card of words found
// at match in the document of source card src: the words verbatim, the
// locator ("p. 3, ¶ 12") and selectors, placed right of the source clear
// of other cards, and linked to it ("cites") and to its speaker ("said
// by") when speaker is a card's ID. It returns the change and the new
// card's ID. The caller has checked that the words were found
// (source.Find or source.Select reported true). The command line's
// "quote add" and the reader's Make quote both make it here.
func QuoteChange(m *data.Model, src *data.Card, text, speaker string, match source.Match) (data.Change, string) {
	w, h := data.DefaultSize(data.KindQuote)
	x, y := clearSpot(m, min(src.X+src.Width+40, data.MaxCoord-data.MaxCardSize), src.Y, w, h)
	y = min(y, data.MaxCoord-data.MaxCardSize)
	q := data.Card{ID: data.NewID(), Kind: data.KindQuote, Title: data.OneLine(text, 60), QuoteText: text,
		SourceID: src.ID, SpeakerID: speaker, Locator: match.Locator(), Selector: Selector(match),
		X: x, Y: y, Width: w, Height: h}
	ch := data.Change{Label: "Add quote", PutCards: []data.Card{q},
		PutLinks: []data.Link{{ID: data.NewID(), From: q.ID, To: src.ID, Relation: "cites", Directed: true}}}
	if speaker != "" {
		ch.PutLinks = append(ch.PutLinks, data.Link{ID: data.NewID(), From: q.ID, To: speaker, Relation: "said by", Directed: true})
	}
	return ch, q.ID
}

// AddChange is the change that adds a document to the board m with a
// source card for it: the card is like (its title, date, URL and place;
// kind, size and ID are filled in), the document is put unless the board
// has it already (the same bytes are stored once), and a copy the board
// refused on opening is replaced by these bytes of the same hash. The
// command line's "source add" and the app's File → Add source document…
// both make it here.
func AddChange(m *data.Model, d data.Document, like data.Card) (data.Change, data.Card) {
	card := like
	card.ID, card.Kind, card.Document = data.NewID(), data.KindSource, d.ID
	if card.Width == 0 || card.Height == 0 {
		card.Width, card.Height = data.DefaultSize(data.KindSource)
	}
	if card.Title == "" {
		card.Title = d.Title
	}
	if card.Title == "" {
		card.Title = d.Name
	}
	ch := data.Change{Label: "Add source document", PutCards: []data.Card{card}}
	switch old := m.Documents[d.ID]; {
	case old == nil:
		ch.PutDocuments = []data.Document{d}
	case old.Unreadable != "":
		ch.DeleteDocuments = []string{d.ID}
		ch.PutDocuments = []data.Document{d}
	}
	return ch, card
}

// clearSpot is the first place at or below (x, y), in steps, where a w×h
// card overlaps no other card; (x, y) itself after many tries.
func clearSpot(m *data.Model, x, y, w, h float64) (float64, float64) {
	const gap = 16
	for try := 0; try < 200; try++ {
		yy := y + float64(try)*(h/2+gap)
		free := true
		for _, c := range m.Cards {
			if x < c.X+c.Width+gap && c.X < x+w+gap && yy < c.Y+c.Height+gap && c.Y < yy+h+gap {
				free = false
				break
			}
		}
		if free {
			return x, yy
		}
	}
	return x, y
}
