// Package data holds the Evidence Board model (cards, links, the board's
// own properties) and the .evboard file that stores it: a SQLite database
// opened through modernc.org/sqlite. It knows nothing of any screen.
package data

import (
	"fmt"
	"math"
	"time"
)

// Kind says what a card stands for.
type Kind string

// The card kinds a board knows.
const (
	KindClaim  Kind = "claim"
	KindQuote  Kind = "quote"
	KindParty  Kind = "party"
	KindSource Kind = "source"
	KindEvent  Kind = "event"
	KindNote   Kind = "note"
	// KindGroup is a labelled frame that holds cards (Card.Group): made
	// from a selection, not from the kind menus, and not evidence itself,
	// so it is not in Kinds.
	KindGroup Kind = "group"
)

// Kinds lists every kind of evidence card in the order menus and reports
// show them.
var Kinds = []Kind{KindParty, KindClaim, KindQuote, KindSource, KindEvent, KindNote}

// Valid reports whether k is a kind this version knows.
func (k Kind) Valid() bool {
	if k == KindGroup {
		return true
	}
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// Label is the kind as a person reads it.
func (k Kind) Label() string {
	switch k {
	case KindClaim:
		return "Claim"
	case KindQuote:
		return "Quote"
	case KindParty:
		return "Party"
	case KindSource:
		return "Source"
	case KindEvent:
		return "Event"
	case KindNote:
		return "Note"
	case KindGroup:
		return "Group"
	}
	return string(k)
}

// Plural is the kind's label for several cards ("Parties").
func (k Kind) Plural() string {
	if k == KindParty {
		return "Parties"
	}
	return k.Label() + "s"
}

// Status is how far a claim (or the assertion a link makes) stands.
// The empty status means "not assessed".
type Status string

// The statuses of a claim or link.
const (
	StatusNone          Status = ""
	StatusAlleged       Status = "alleged"
	StatusDisputed      Status = "disputed"
	StatusSubstantiated Status = "substantiated"
	StatusRefuted       Status = "refuted"
)

// Statuses lists the statuses a person can choose, "not assessed" first.
var Statuses = []Status{StatusNone, StatusAlleged, StatusDisputed, StatusSubstantiated, StatusRefuted}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// Party types.
const (
	PartyPerson       = "person"
	PartyOrganisation = "organisation"
	PartyGroup        = "group"
)

// PartyTypes lists the party types a person can choose ("" is unset).
var PartyTypes = []string{"", PartyPerson, PartyOrganisation, PartyGroup}

// Roles lists the usual roles of a party; a role may also be free text.
var Roles = []string{"plaintiff", "defendant", "witness", "victim", "counsel", "journalist", "regulator", "other"}

// Reliabilities are the Admiralty (NATO) source reliability grades, A to F;
// "" means ungraded.
var Reliabilities = []string{"", "A", "B", "C", "D", "E", "F"}

// Limits on what a board may hold. They keep a hostile file from making us
// allocate without bound and keep every value drawable.
const (
	MaxTextLen  = 1 << 20 // bytes in any one text field
	MaxCoord    = 1e7     // |x|, |y| on the board
	MaxCardSize = 1e5     // width, height
	MinCardSize = 20      // what a file may hold
)

// The smallest card a person can make by resizing: room for the kind
// badge and a line of title. Files may hold smaller (MinCardSize).
const (
	MinResizeWidth  = 80
	MinResizeHeight = 48
)

// Board is the board's own properties.
//
// The JSON names of Board, Card and Link are part of the file format (the
// history stores values under them; see docs/FILE_FORMAT.md): they are the
// SQL column names, and must never change with a Go field's name.
type Board struct {
	Title   string `json:"title"`
	CaseRef string `json:"case_ref"`
	Author  string `json:"author"`
	// Marking is printed on every page of a brief, e.g. "CONFIDENTIAL — DRAFT".
	Marking string `json:"marking"`
	// TagColors gives a tag (a strand of the case) its colour, "#rrggbb".
	// Treat it as a value: replace the map (WithTagColor), never change
	// it in place, since copies of a Board share it.
	TagColors map[string]string `json:"tag_colors,omitempty"`
	Created   time.Time         `json:"created"`
	Updated   time.Time         `json:"updated"`
}

// Equal reports whether b and o hold the same stored properties.
func (b Board) Equal(o Board) bool {
	before, _ := boardDef.diff(&b, &o)
	return before == nil
}

// MaxTagColors is how many tag colours a board may hold.
const MaxTagColors = 10_000

// WithTagColor returns b with tag's colour set to color ("#rrggbb"), or
// removed when color is "". b itself is left as it was.
func (b Board) WithTagColor(tag, color string) Board {
	m := make(map[string]string, len(b.TagColors)+1)
	for k, v := range b.TagColors {
		m[k] = v
	}
	if color == "" {
		delete(m, tag)
	} else {
		m[tag] = color
	}
	if len(m) == 0 {
		m = nil
	}
	b.TagColors = m
	return b
}

// Card is one card on the board. Fields after Updated belong to one kind
// each and are empty for the others.
type Card struct {
	ID      string    `json:"id"` // a UUID, stable across copies and merges
	Kind    Kind      `json:"kind"`
	Title   string    `json:"title"`
	Body    string    `json:"body"`
	X       float64   `json:"x"` // top-left corner in board units
	Y       float64   `json:"y"`
	Width   float64   `json:"width"`
	Height  float64   `json:"height"`
	Color   string    `json:"color"` // "#rrggbb", or "" for the kind's colour
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	Tags    []string  `json:"tags,omitempty"`

	// Party.
	PartyType string `json:"party_type"`
	Role      string `json:"role"`

	// Quote: Title is a short label, QuoteText the words verbatim.
	QuoteText string `json:"quote_text"`
	SpeakerID string `json:"speaker_id"` // a party card's ID, or ""
	SourceID  string `json:"source_id"`  // a source card's ID, or ""
	Locator   string `json:"locator"`    // page, paragraph, timestamp

	// Claim (Status also serves links); Reliability and Credibility grade
	// a claim's or a source's provenance on the Admiralty scale.
	Status      Status `json:"status"`
	Reliability string `json:"reliability"` // "A".."F" or ""
	Credibility int    `json:"credibility"` // 1..6, 0 when ungraded

	// Event; also an optional date on claims and sources ("2018-04-06",
	// "2018-04" or "2018").
	Date string `json:"date"`

	// Source.
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	// Document is the SHA-256 of the document stored in the board that
	// this source card stands for, or "".
	Document string `json:"document"`
	// Selector is where a quote taken from a document is in it: a JSON
	// array of a W3C TextQuoteSelector and TextPositionSelector (see
	// docs/FILE_FORMAT.md), or "" for a typed quote.
	Selector string `json:"selector"`

	// Group is the ID of the group card (KindGroup) this card belongs
	// to, or "". Groups do not nest.
	Group string `json:"group_id"`
	// Folded is whether a group is drawn as one card, its members hidden.
	Folded bool `json:"folded"`
	// Pinned cards stay where they are when the board is tidied.
	Pinned bool `json:"pinned"`
}

// Refs are the card's references to other cards: its speaker, its source
// and its group. Deleting a card clears every reference to it, and a
// board whose references point at no card is refused: this is the one
// list of them.
func (c *Card) Refs() []*string {
	return []*string{&c.SpeakerID, &c.SourceID, &c.Group}
}

// checkPosition is Validate's rule for X and Y alone: a card that only
// moved needs no other check (see stamp).
func (c *Card) checkPosition() error {
	for _, v := range []float64{c.X, c.Y} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > MaxCoord {
			return fmt.Errorf("card %s: position out of range", c.ID)
		}
	}
	return nil
}

// checkSize is Validate's rule for Width and Height alone.
func (c *Card) checkSize() error {
	for _, v := range []float64{c.Width, c.Height} {
		if math.IsNaN(v) || v < MinCardSize || v > MaxCardSize {
			return fmt.Errorf("card %s: size out of range", c.ID)
		}
	}
	return nil
}

// Link is a labelled connection between two cards.
type Link struct {
	ID       string    `json:"id"`
	From     string    `json:"from"` // card ID
	To       string    `json:"to"`   // card ID
	Relation string    `json:"relation"`
	Directed bool      `json:"directed"` // an arrow from From to To; otherwise a plain line
	Status   Status    `json:"status"`
	Note     string    `json:"note"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// Validate checks the invariants a card must hold before it is stored or
// after it is read from a file someone sent.
func (c *Card) Validate() error {
	if c.ID == "" {
		return fmt.Errorf("card with no id")
	}
	if !c.Kind.Valid() {
		return fmt.Errorf("card %s: unknown kind %q", c.ID, c.Kind)
	}
	if !c.Status.Valid() {
		return fmt.Errorf("card %s: unknown status %q", c.ID, c.Status)
	}
	if err := c.checkPosition(); err != nil {
		return err
	}
	if err := c.checkSize(); err != nil {
		return err
	}
	if c.Credibility < 0 || c.Credibility > 6 {
		return fmt.Errorf("card %s: credibility %d is not 1-6", c.ID, c.Credibility)
	}
	okRel := false
	for _, r := range Reliabilities {
		okRel = okRel || r == c.Reliability
	}
	if !okRel {
		return fmt.Errorf("card %s: reliability %q is not A-F", c.ID, c.Reliability)
	}
	if c.Color != "" && !validColor(c.Color) {
		return fmt.Errorf("card %s: colour %q is not #rrggbb", c.ID, trimName(c.Color))
	}
	if c.Group != "" && c.Group == c.ID {
		return fmt.Errorf("card %s is in itself; a card can be in a group card only, and a group cannot be inside a group", c.ID)
	}
	if c.Folded && c.Kind != KindGroup {
		return fmt.Errorf("card %s is folded, and only a group can be folded", c.ID)
	}
	if c.Group != "" && c.Kind == KindGroup {
		return fmt.Errorf("card %s: a group cannot be inside a group", c.ID)
	}
	if len(c.Tags) > MaxTagsPerCard {
		return fmt.Errorf("card %s: %d tags, over the limit of %d", c.ID, len(c.Tags), MaxTagsPerCard)
	}
	texts := c.texts()
	for _, t := range texts {
		if err := checkText(t); err != nil {
			return fmt.Errorf("card %s: %v", c.ID, err)
		}
	}
	if err := checkRecordText(texts, maxItemText); err != nil {
		return fmt.Errorf("card %s: %v", c.ID, err)
	}
	return nil
}

// texts are every text the card stores, tags included.
func (c *Card) texts() []string {
	return append([]string{c.ID, c.Title, c.Body, c.Color, c.PartyType, c.Role, c.QuoteText,
		c.SpeakerID, c.SourceID, c.Locator, c.Reliability, c.Date, c.Publisher, c.URL, c.Document, c.Selector, c.Group},
		c.Tags...)
}

// Validate checks a link's own fields; whether its cards exist is the
// board's business (see Model.Validate).
func (l *Link) Validate() error {
	if l.ID == "" {
		return fmt.Errorf("link with no id")
	}
	if l.From == "" || l.To == "" {
		return fmt.Errorf("link %s: missing end", l.ID)
	}
	if !l.Status.Valid() {
		return fmt.Errorf("link %s: unknown status %q", l.ID, l.Status)
	}
	texts := l.texts()
	for _, t := range texts {
		if err := checkText(t); err != nil {
			return fmt.Errorf("link %s: %v", l.ID, err)
		}
	}
	if err := checkRecordText(texts, maxItemText); err != nil {
		return fmt.Errorf("link %s: %v", l.ID, err)
	}
	return nil
}

// texts are every text the link stores.
func (l *Link) texts() []string { return []string{l.ID, l.From, l.To, l.Relation, l.Note} }

// texts are every text the board's properties store, the tag colours as
// their column holds them.
func (b *Board) texts() []string {
	return []string{b.Title, b.CaseRef, b.Author, b.Marking, encodeTagColors(b.TagColors)}
}

// Validate checks the board's properties.
func (b *Board) Validate() error {
	for _, t := range []string{b.Title, b.CaseRef, b.Author, b.Marking} {
		if err := checkText(t); err != nil {
			return fmt.Errorf("board properties: %v", err)
		}
	}
	if err := checkRecordText(b.texts(), maxItemText); err != nil {
		return fmt.Errorf("board properties: %v", err)
	}
	if err := checkTagColors(b.TagColors); err != nil {
		return fmt.Errorf("board properties: %v", err)
	}
	return nil
}

// DefaultSize is the size a new card of kind k gets.
func DefaultSize(k Kind) (w, h float64) {
	switch k {
	case KindQuote:
		return 260, 150
	case KindClaim:
		return 240, 120
	case KindParty:
		return 200, 80
	case KindSource:
		return 220, 90
	}
	return 200, 90
}

// ClampCoord keeps a coordinate within what a board may hold (±MaxCoord);
// NaN, which no comparison would stop, becomes 0. Moves, pastes and new
// cards near the edge of the world go through it rather than fail.
func ClampCoord(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return math.Max(-MaxCoord, math.Min(MaxCoord, v))
}
