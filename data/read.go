package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
)

// queryer is what reads need: a *sql.DB, a *sql.Tx, or onConn. Whole
// tables (readRows) are read from a *sql.DB or onConn only.
type queryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

// onConn reads on one connection its caller holds, in a transaction the
// caller began there with BEGIN: reads that must see one state of the
// board (Follow's), which readRows can still take to the driver, as it
// cannot a *sql.Tx.
type onConn struct{ c *sql.Conn }

// Query is part of queryer.
func (q onConn) Query(query string, args ...any) (*sql.Rows, error) {
	return q.c.QueryContext(context.Background(), query, args...)
}

// QueryRow is part of queryer.
func (q onConn) QueryRow(query string, args ...any) *sql.Row {
	return q.c.QueryRowContext(context.Background(), query, args...)
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

// cardColumnNames names cardColumns, in order, for errors.
var cardColumnNames = []string{"id", "kind", "title", "body", "x", "y", "width", "height", "color", "created", "updated",
	"party_type", "role", "quote_text", "speaker_id", "source_id", "locator",
	"status", "reliability", "credibility", "date", "publisher", "url",
	"document", "selector", "group_id", "folded", "pinned"}

// cardFromRow fills c from a row of cardColumns (or cardColumnsAt).
func cardFromRow(c *Card, r *row) {
	c.ID, c.Kind, c.Title, c.Body = r.text(0), Kind(r.text(1)), r.text(2), r.text(3)
	c.X, c.Y, c.Width, c.Height = r.number(4), r.number(5), r.number(6), r.number(7)
	c.Color, c.Created, c.Updated = r.text(8), r.time(9), r.time(10)
	c.PartyType, c.Role, c.QuoteText, c.SpeakerID, c.SourceID = r.text(11), r.text(12), r.text(13), r.text(14), r.text(15)
	c.Locator, c.Status, c.Reliability, c.Credibility = r.text(16), Status(r.text(17)), r.text(18), r.integer(19)
	c.Date, c.Publisher, c.URL, c.Document, c.Selector = r.text(20), r.text(21), r.text(22), r.text(23), r.text(24)
	c.Group, c.Folded, c.Pinned = r.text(25), r.flag(26), r.flag(27)
}

func scanCard(sc interface{ Scan(...any) error }) (Card, error) {
	var c Card
	r := newRow(cardColumnNames)
	if err := sc.Scan(r.dests()...); err != nil {
		return c, err
	}
	cardFromRow(&c, r)
	return c, r.err
}

const linkColumns = `id, from_card, to_card, relation, directed, status, note, created, updated`

var linkColumnNames = []string{"id", "from_card", "to_card", "relation", "directed", "status", "note", "created", "updated"}

var tagColumnNames = []string{"card_id", "tag"}

// linkFromRow fills l from a row of linkColumns.
func linkFromRow(l *Link, r *row) {
	l.ID, l.From, l.To, l.Relation = r.text(0), r.text(1), r.text(2), r.text(3)
	l.Directed, l.Status, l.Note = r.flag(4), Status(r.text(5)), r.text(6)
	l.Created, l.Updated = r.time(7), r.time(8)
}

func scanLink(sc interface{ Scan(...any) error }) (Link, error) {
	var l Link
	r := newRow(linkColumnNames)
	if err := sc.Scan(r.dests()...); err != nil {
		return l, err
	}
	linkFromRow(&l, r)
	return l, r.err
}

// row is one row of a query as SQLite gives it (a string, int64,
// float64, []byte or nil per column), read into a field of the model by
// the type that field has. A value of another SQLite type is an error,
// not converted: database/sql's Scan would take a number for a text or a
// BLOB for a string without a word, and say what it refused in its own
// words ("Scan error on column index…"). The first error is kept in err.
type row struct {
	vals  []driver.Value
	names []string
	err   error
}

func newRow(names []string) *row {
	return &row{vals: make([]driver.Value, len(names)), names: names}
}

// dests is what database/sql's Scan fills with the row's values as they
// are, for a single row read through database/sql.
func (r *row) dests() []any {
	d := make([]any, len(r.vals))
	for i := range r.vals {
		d[i] = &r.vals[i]
	}
	return d
}

func (r *row) fail(i int, want string) {
	if r.err != nil {
		return
	}
	var got string
	switch r.vals[i].(type) {
	case nil:
		got = "nothing (NULL)"
	case int64:
		got = "an integer"
	case float64:
		got = "a real number"
	case string:
		got = "a text"
	case []byte:
		got = "a BLOB"
	default:
		got = fmt.Sprintf("a %T", r.vals[i])
	}
	r.err = fmt.Errorf("its %s column holds %s where %s belongs", r.names[i], got, want)
}

func (r *row) text(i int) string {
	if s, ok := r.vals[i].(string); ok {
		return s
	}
	r.fail(i, "a text")
	return ""
}

func (r *row) number(i int) float64 {
	switch v := r.vals[i].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	r.fail(i, "a number")
	return 0
}

func (r *row) integer(i int) int {
	switch v := r.vals[i].(type) {
	case int64:
		if int64(int(v)) == v {
			return int(v)
		}
	case float64:
		// A whole number stored as REAL, as database/sql took it.
		if v == math.Trunc(v) && math.Abs(v) <= 1<<31 {
			return int(v)
		}
	}
	r.fail(i, "a whole number")
	return 0
}

func (r *row) flag(i int) bool {
	switch v := r.vals[i].(type) {
	case int64:
		if v == 0 || v == 1 {
			return v == 1
		}
	case float64:
		if v == 0 || v == 1 {
			return v == 1
		}
	}
	r.fail(i, "0 or 1")
	return false
}

func (r *row) time(i int) time.Time { return parseTime(r.text(i)) }

// readRows runs query on q and calls f with each row. It goes to the
// driver itself rather than through database/sql's Rows: a large board's
// load spent as long in Scan's conversions, locks and copies as SQLite
// took to produce the rows. One row serves every row; f must not keep it.
// args are the query's parameters, each a value the driver takes as it
// is (a string, int64, float64, []byte).
func readRows(q queryer, query string, names []string, f func(*row) error, args ...any) error {
	ctx := context.Background()
	var conn *sql.Conn
	switch q := q.(type) {
	case *sql.DB:
		c, err := q.Conn(ctx)
		if err != nil {
			return err
		}
		defer c.Close()
		conn = c
	case onConn:
		conn = q.c
	default:
		return fmt.Errorf("internal error: rows read through a %T", q)
	}
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return conn.Raw(func(dc any) error {
		qc, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("internal error: the SQLite driver cannot run a query")
		}
		rows, err := qc.QueryContext(ctx, query, named)
		if err != nil {
			return err
		}
		defer rows.Close()
		if n := len(rows.Columns()); n != len(names) {
			return fmt.Errorf("internal error: %d columns, %d names", n, len(names))
		}
		r := newRow(names)
		for {
			if err := rows.Next(r.vals); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			if err := f(r); err != nil {
				return err
			}
		}
	})
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

func load(q queryer) (*Model, error) { return loadFrom(q, nil, false) }

// loadFrom reads the board from q; with links set, the links are read
// from that second connection while q reads the cards: on two cores that
// nearly halves what a large board's load waits for. The two connections
// must see the same board: the caller holds the board's lock, so no other
// Evidence Board writes between their reads.
//
// Every value is checked as it is read (Card.Validate, Link.Validate) and
// every reference once all cards are in, unless vouched is set: the board
// is one this very build wrote and closed cleanly and no one has touched
// since (see clean.go), so its values are the ones it checked before
// writing them, and checking them again is what the load would spend most
// of its time on. What the load must do for any board stays: each value
// of the type of its field (readRows), no id twice, no more rows than the
// limits.
func loadFrom(q queryer, links *sql.DB, vouched bool) (*Model, error) {
	var version int
	if err := q.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return nil, err
	}
	b, err := readBoard(q, version)
	if err != nil {
		return nil, err
	}
	if vouched {
		// The model is most of what this process will hold, and it only
		// grows while it loads: a collection half way finds next to no
		// garbage and marks all of it, over and over.
		defer relaxGC()()
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
			lm, lerr = readLinks(links, vouched)
			// Where the links point is checked here too, once the cards
			// are in and no longer change.
			if ok := <-cardsRead; ok && lerr == nil && !vouched {
				lerr = validateLinkRefs(m.Cards, lm)
			}
		}()
	}
	cerr := readCards(q, m, version, vouched)
	if cerr == nil && !vouched {
		cerr = m.validateCardRefs()
	}
	if links == nil {
		if cerr != nil {
			return nil, cerr
		}
		if lm, lerr = readLinks(q, vouched); lerr == nil && !vouched {
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

// readCards reads every card and its tags into m, checking each unless
// vouched (see loadFrom), and counts them by kind as it goes (Counts).
func readCards(q queryer, m *Model, version int, vouched bool) error {
	m.Cards = make(map[string]*Card, sizeHint(q, "cards"))
	kinds := map[Kind]int{}
	err := readRows(q, `SELECT `+cardColumnsAt(version)+` FROM cards`, cardColumnNames, func(r *row) error {
		if len(m.Cards) == MaxCards {
			// Inspection's count refuses the file; the load, which may
			// run beside it, stops rather than fill the memory.
			return fmt.Errorf("holds over %d cards", MaxCards)
		}
		c := new(Card)
		cardFromRow(c, r)
		if r.err != nil {
			return fmt.Errorf("reading cards: %v", r.err)
		}
		n := len(m.Cards)
		if m.Cards[c.ID] = c; len(m.Cards) == n {
			return fmt.Errorf("card id %s appears twice", c.ID)
		}
		kinds[c.Kind]++
		if vouched {
			// Even so, where a card is and how large: a number that a
			// disk error changed (the stamp cannot see it) could make the
			// board's spatial index cover the world. It costs next to
			// nothing; Validate checks it for any other board.
			if err := c.checkPosition(); err != nil {
				return err
			}
			return c.checkSize()
		}
		return nil
	})
	if err != nil {
		return err
	}
	var last *Card
	err = readRows(q, `SELECT card_id, tag FROM tags ORDER BY card_id, tag`, tagColumnNames, func(r *row) error {
		id, tag := r.text(0), r.text(1)
		if r.err != nil {
			return fmt.Errorf("reading tags: %v", r.err)
		}
		// The tags come card by card: one look-up per card, not per tag.
		c := last
		if c == nil || c.ID != id {
			if c = m.Cards[id]; c == nil {
				return fmt.Errorf("a tag belongs to card %s, which does not exist", clean(id, 40))
			}
			last = c
		}
		if len(c.Tags) == MaxTagsPerCard {
			return fmt.Errorf("card %s: over %d tags", c.ID, MaxTagsPerCard)
		}
		c.Tags = append(c.Tags, tag)
		return nil
	})
	if err != nil {
		return err
	}
	if !vouched {
		for _, c := range m.Cards {
			if err := c.Validate(); err != nil {
				return err
			}
		}
	}
	m.kinds = kinds
	return nil
}

// readLinks reads every link, checking each unless vouched (see loadFrom).
func readLinks(q queryer, vouched bool) (map[string]*Link, error) {
	out := make(map[string]*Link, sizeHint(q, "links"))
	err := readRows(q, `SELECT `+linkColumns+` FROM links`, linkColumnNames, func(r *row) error {
		if len(out) == MaxLinks {
			return fmt.Errorf("holds over %d links", MaxLinks)
		}
		l := new(Link)
		linkFromRow(l, r)
		if r.err != nil {
			return fmt.Errorf("reading links: %v", r.err)
		}
		n := len(out)
		if out[l.ID] = l; len(out) == n {
			return fmt.Errorf("link id %s appears twice", l.ID)
		}
		if !vouched {
			return l.Validate()
		}
		return nil
	})
	return out, err
}

// relaxGC lets the heap grow to nine times what was live at the last
// collection, rather than twice, until the function it returns is
// called: for loading a board this app wrote (see loadFrom), whose size
// the limits bound. Loads at once share one relaxation; a setting lower
// than that (GOGC=off included) is left as it is.
func relaxGC() (restore func()) {
	gcMu.Lock()
	defer gcMu.Unlock()
	if gcRelaxed == 0 {
		gcWas = debug.SetGCPercent(relaxedGCPercent)
		if gcWas < 0 || gcWas >= relaxedGCPercent {
			debug.SetGCPercent(gcWas)
		}
	}
	gcRelaxed++
	return func() {
		gcMu.Lock()
		defer gcMu.Unlock()
		if gcRelaxed--; gcRelaxed == 0 {
			debug.SetGCPercent(gcWas)
		}
	}
}

const relaxedGCPercent = 800

var (
	gcMu      sync.Mutex
	gcRelaxed int // loads under way with the collector relaxed
	gcWas     int // the setting before the first of them
)

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
