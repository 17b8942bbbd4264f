package data

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// queryer is what reads need: a *sql.DB or a *sql.Tx.
type queryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

const cardColumns = `id, kind, title, body, x, y, width, height, color, created, updated,
	party_type, role, quote_text, coalesce(speaker_id, ''), coalesce(source_id, ''), locator,
	status, reliability, credibility, date, publisher, url,
	document, selector, coalesce(group_id, ''), folded, pinned`

// cardColumnsAt is cardColumns for a file at schema version: the columns
// later steps added are read as their zero values.
func cardColumnsAt(version int) string {
	cols := cardColumns
	if version < 4 {
		cols = strings.Replace(cols, "document, selector,", "'', '',", 1)
	}
	if version < 6 {
		cols = strings.Replace(cols, "coalesce(group_id, ''), folded, pinned", "'', 0, 0", 1)
	}
	return cols
}

func scanCard(sc interface{ Scan(...any) error }) (Card, error) {
	var c Card
	var created, updated string
	err := sc.Scan(&c.ID, &c.Kind, &c.Title, &c.Body, &c.X, &c.Y, &c.Width, &c.Height, &c.Color,
		&created, &updated, &c.PartyType, &c.Role, &c.QuoteText, &c.SpeakerID, &c.SourceID,
		&c.Locator, &c.Status, &c.Reliability, &c.Credibility, &c.Date, &c.Publisher, &c.URL, &c.Document, &c.Selector,
		&c.Group, &c.Folded, &c.Pinned)
	c.Created, c.Updated = parseTime(created), parseTime(updated)
	return c, err
}

const linkColumns = `id, from_card, to_card, relation, directed, status, note, created, updated`

func scanLink(sc interface{ Scan(...any) error }) (Link, error) {
	var l Link
	var created, updated string
	err := sc.Scan(&l.ID, &l.From, &l.To, &l.Relation, &l.Directed, &l.Status, &l.Note, &created, &updated)
	l.Created, l.Updated = parseTime(created), parseTime(updated)
	return l, err
}

func readBoard(q queryer, version int) (Board, error) {
	var b Board
	var created, updated, tagColors string
	colors := "tag_colors"
	if version < 6 {
		colors = "''"
	}
	err := q.QueryRow(`SELECT title, case_ref, author, marking, `+colors+`, created, updated FROM board WHERE id = 1`).
		Scan(&b.Title, &b.CaseRef, &b.Author, &b.Marking, &tagColors, &created, &updated)
	if err == sql.ErrNoRows {
		return b, fmt.Errorf("the board table has no row")
	}
	if err != nil {
		return b, err
	}
	b.Created, b.Updated = parseTime(created), parseTime(updated)
	if b.TagColors = decodeTagColors(tagColors); tagColors != "" && b.TagColors == nil {
		return b, fmt.Errorf("the board's tag colours are not a list of tags and colours")
	}
	if tagColors != "" && !keysInOrder(tagColors) {
		// Keys out of order or given twice (the last would win, the
		// first be lost without a word): not what this app writes.
		return b, fmt.Errorf("the board's tag colours are not written as Evidence Board writes them (each tag once, in order)")
	}
	return b, nil
}

func readCard(q queryer, id string) (Card, bool, error) {
	c, err := scanCard(q.QueryRow(`SELECT `+cardColumns+` FROM cards WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	c.Tags, err = readTags(q, id)
	return c, err == nil, err
}

func readTags(q queryer, id string) ([]string, error) {
	rows, err := q.Query(`SELECT tag FROM tags WHERE card_id = ? ORDER BY tag`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tags []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}

func readLink(q queryer, id string) (Link, bool, error) {
	l, err := scanLink(q.QueryRow(`SELECT `+linkColumns+` FROM links WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return l, false, nil
	}
	return l, err == nil, err
}

// Load reads the whole board into memory and checks it (see
// Model.Validate): a board is small enough to hold, and the board view and
// the brief both want all of it.
func (s *Store) Load() (*Model, error) {
	if m := s.loaded; m != nil {
		s.loaded = nil // a later Load reads the file as it is then
		return m, nil
	}
	m, err := load(s.db)
	if err != nil {
		return nil, fileErr(s.path, "%v", err)
	}
	return m, nil
}

func load(q queryer) (*Model, error) { return loadFrom(q, nil) }

// loadFrom reads the board from q; with links set, the links are read
// from that second connection while q reads the cards, each side checking
// what it reads (Card.Validate, Link.Validate) as it goes: on two cores
// that nearly halves what a large board's load waits for. The two
// connections must see the same board: the caller holds the board's lock,
// so no other Evidence Board writes between their reads.
func loadFrom(q, links queryer) (*Model, error) {
	var version int
	if err := q.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return nil, err
	}
	b, err := readBoard(q, version)
	if err != nil {
		return nil, err
	}
	m := NewModel(b)
	var lm map[string]*Link
	var lerr error
	var done chan struct{}
	cardsRead := make(chan bool, 1) // whether the cards were read whole
	if links != nil {
		done = make(chan struct{})
		go func() {
			defer close(done)
			defer func() {
				if r := recover(); r != nil {
					lerr = fmt.Errorf("internal error: %v", r)
				}
			}()
			lm, lerr = readLinks(links)
			// Where the links point is checked here too, once the cards
			// are in and no longer change.
			if ok := <-cardsRead; ok && lerr == nil {
				lerr = validateLinkRefs(m.Cards, lm)
			}
		}()
	}
	cerr := readCards(q, m, version)
	if cerr == nil {
		cerr = m.validateCardRefs()
	}
	if links == nil {
		if cerr != nil {
			return nil, cerr
		}
		if lm, lerr = readLinks(q); lerr == nil {
			lerr = validateLinkRefs(m.Cards, lm)
		}
	} else {
		cardsRead <- cerr == nil
		<-done
	}
	if cerr != nil {
		return nil, cerr
	}
	if lerr != nil {
		return nil, lerr
	}
	m.Links = lm
	if version >= 4 {
		if err := loadDocuments(q, m); err != nil {
			return nil, err
		}
	}
	if err := m.Board.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// readCards reads every card and its tags into m, checking each.
func readCards(q queryer, m *Model, version int) error {
	m.Cards = make(map[string]*Card, sizeHint(q, "cards"))
	rows, err := q.Query(`SELECT ` + cardColumnsAt(version) + ` FROM cards`)
	if err != nil {
		return err
	}
	for rows.Next() {
		c, err := scanCard(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("reading cards: %v", err)
		}
		if _, dup := m.Cards[c.ID]; dup {
			rows.Close()
			return fmt.Errorf("card id %s appears twice", c.ID)
		}
		if len(m.Cards) == MaxCards {
			// Inspection's count refuses the file; the load, which may
			// run beside it, stops rather than fill the memory.
			rows.Close()
			return fmt.Errorf("holds over %d cards", MaxCards)
		}
		m.Cards[c.ID] = &c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	tagRows, err := q.Query(`SELECT card_id, tag FROM tags ORDER BY card_id, tag`)
	if err != nil {
		return err
	}
	for tagRows.Next() {
		var id, tag string
		if err := tagRows.Scan(&id, &tag); err != nil {
			tagRows.Close()
			return err
		}
		c := m.Cards[id]
		if c == nil {
			tagRows.Close()
			return fmt.Errorf("a tag belongs to card %s, which does not exist", clean(id, 40))
		}
		if len(c.Tags) == MaxTagsPerCard {
			tagRows.Close()
			return fmt.Errorf("card %s: over %d tags", c.ID, MaxTagsPerCard)
		}
		c.Tags = append(c.Tags, tag)
	}
	tagRows.Close()
	if err := tagRows.Err(); err != nil {
		return err
	}
	for _, c := range m.Cards {
		if err := c.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// readLinks reads every link, checking each.
func readLinks(q queryer) (map[string]*Link, error) {
	out := make(map[string]*Link, sizeHint(q, "links"))
	rows, err := q.Query(`SELECT ` + linkColumns + ` FROM links`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		l, err := scanLink(rows)
		if err != nil {
			return nil, fmt.Errorf("reading links: %v", err)
		}
		if _, dup := out[l.ID]; dup {
			return nil, fmt.Errorf("link id %s appears twice", l.ID)
		}
		if len(out) == MaxLinks {
			return nil, fmt.Errorf("holds over %d links", MaxLinks)
		}
		if err := l.Validate(); err != nil {
			return nil, err
		}
		out[l.ID] = &l
	}
	return out, rows.Err()
}

// sizeHint is about how many rows table holds, for sizing a map before
// reading them: its largest rowid, which SQLite finds without a scan (it
// overcounts after deletions). A hint past maxHint is not trusted: a
// stranger's file may give a huge rowid to few rows.
func sizeHint(q queryer, table string) int {
	const maxHint = 150_000
	var n int64
	if q.QueryRow(`SELECT coalesce(max(rowid), 0) FROM `+table).Scan(&n) != nil || n < 0 {
		return 0
	}
	return int(min(n, maxHint))
}

// Counts is how many cards of each kind a board holds, and its links.
type Counts struct {
	ByKind    map[Kind]int
	Links     int
	Documents int // source documents stored in the board
}

// Counts tallies the model's cards by kind: once over the board, then
// kept up to date by every Apply.
func (m *Model) Counts() Counts {
	if m.kinds == nil {
		m.kinds = map[Kind]int{}
		for _, card := range m.Cards {
			m.kinds[card.Kind]++
		}
	}
	c := Counts{ByKind: make(map[Kind]int, len(m.kinds)), Links: len(m.Links), Documents: len(m.Documents)}
	for k, n := range m.kinds {
		if n != 0 {
			c.ByKind[k] = n
		}
	}
	return c
}

// SortedCards returns the cards in a stable order: by kind (as in Kinds),
// then title, then ID. Reports and the brief rely on it.
func (m *Model) SortedCards() []*Card {
	rank := map[Kind]int{KindGroup: len(Kinds)}
	for i, k := range Kinds {
		rank[k] = i
	}
	out := make([]*Card, 0, len(m.Cards))
	for _, c := range m.Cards {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return rank[a.Kind] < rank[b.Kind]
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	return out
}

// keysInOrder reports whether the JSON object s (one decodeTagColors
// took) gives its keys in strictly ascending order, as encodeTagColors
// writes them: so none is given twice.
func keysInOrder(s string) bool {
	dec := json.NewDecoder(strings.NewReader(s))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	prev, first := "", true
	for dec.More() {
		t, err := dec.Token()
		k, ok := t.(string)
		if err != nil || !ok || (!first && k <= prev) {
			return false
		}
		prev, first = k, false
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return false
		}
	}
	return true
}
