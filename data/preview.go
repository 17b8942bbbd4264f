package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"evidenceboard/data/geom"
)

// A large board takes seconds to read, check and index whole; what is in
// view when it opens is a few hundred of its cards. A Previewer reads
// those first, by position, so that the window can draw them (read-only)
// while the whole board is opened as usual beside it. It never writes:
// the connection is read-only, and a board with a journal beside it (left
// mid-change, which only opening can settle) has no preview. Every value
// it reads goes through the checks a load makes of a stranger's board
// (each value of its field's type, Card.Validate, Link.Validate), however
// the board came; the file's structure is checked by the open that runs
// beside it, which replaces the preview with the board or with its error.

// ErrNoPreview is returned when a board cannot be previewed: it has a
// journal beside it, or more cards lie in the area than were asked for.
// The window then shows progress until the whole board is open.
var ErrNoPreview = errors.New("no preview of this board")

// A Previewer reads parts of a board by position (see above).
type Previewer struct {
	path    string
	db      *sql.DB
	version int
	board   Board
}

// OpenPreview opens the board at path for previews. Close it when done.
func OpenPreview(path string) (*Previewer, error) {
	// Stat first: opening a FIFO or a device could block.
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return nil, ErrNoPreview
	}
	for _, side := range []string{"-journal", "-wal"} {
		if _, err := os.Lstat(path + side); err == nil {
			return nil, ErrNoPreview
		}
	}
	db, err := openDB(path, "ro")
	if err != nil {
		return nil, fileErr(path, "%v", err)
	}
	p := &Previewer{path: path, db: db}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&p.version); err != nil {
		db.Close()
		return nil, fileErr(path, "%v", err)
	}
	if p.version < 1 || p.version > SchemaVersion {
		db.Close()
		return nil, ErrNoPreview
	}
	if p.board, err = readBoard(db, p.version); err == nil {
		err = p.board.Validate()
	}
	if err != nil {
		db.Close()
		return nil, fileErr(path, "%v", err)
	}
	return p, nil
}

// Close closes the previewer's connection.
func (p *Previewer) Close() error { return p.db.Close() }

// Extent returns the rectangle that holds every card of the board; ok is
// false for a board of no card.
func (p *Previewer) Extent() (r geom.Rect, ok bool, err error) {
	var n int64
	var x0, y0, x1, y1 sql.NullFloat64
	err = p.db.QueryRow(`SELECT count(*), min(x), min(y), max(x + width), max(y + height) FROM cards`).
		Scan(&n, &x0, &y0, &x1, &y1)
	if err != nil {
		return r, false, fileErr(p.path, "%v", err)
	}
	if n == 0 || !x0.Valid || !y0.Valid || !x1.Valid || !y1.Valid {
		return r, false, nil
	}
	r = geom.Rect{X: x0.Float64, Y: y0.Float64, W: x1.Float64 - x0.Float64, H: y1.Float64 - y0.Float64}
	for _, v := range []float64{r.X, r.Y, r.W, r.H} {
		if v != v || v > 4*MaxCoord || v < -4*MaxCoord { // NaN, or past any card's reach
			return r, false, fileErr(p.path, "a card's position is out of range")
		}
	}
	return r, true, nil
}

// Read returns the cards that lie in area, at most max of them (more is
// ErrNoPreview: a view of that many cards is drawn small, and reading them
// is most of reading the board), with the links that touch them and the
// cards at those links' other ends and in their quote fields and groups,
// so that what is drawn in the area is drawn as the whole board draws it.
// A card read for a link or a field whose own quote field names a card
// not read has that field left empty in the preview: it is out of view.
func (p *Previewer) Read(area geom.Rect, max int) (*Model, error) {
	m := NewModel(p.board)
	cols := cardColumnsAt(p.version)
	var inArea []string
	addCard := func(r *row) error {
		c := new(Card)
		cardFromRow(c, r)
		if r.err != nil {
			return fmt.Errorf("reading cards: %v", r.err)
		}
		if m.Cards[c.ID] != nil {
			return fmt.Errorf("card id %s appears twice", c.ID)
		}
		m.Cards[c.ID] = c
		return nil
	}
	err := readRows(p.db, `SELECT `+cols+` FROM cards WHERE x < ? AND x + width > ? AND y < ? AND y + height > ? LIMIT ?`,
		cardColumnNames, func(r *row) error {
			if len(inArea) == max {
				return ErrNoPreview
			}
			if err := addCard(r); err != nil {
				return err
			}
			inArea = append(inArea, r.text(0))
			return nil
		}, area.Right(), area.X, area.Bottom(), area.Y, int64(max)+1)
	if err != nil {
		return nil, p.refusal(err)
	}
	// The links that touch the area's cards, then every card they or the
	// area's cards refer to. Ids go as one JSON list: a statement takes
	// few parameters (sqliteLimits). However linked the cards in view, a
	// preview reads at most 4×max links and 6×max cards: a small part of
	// a board that needs one.
	ids, err := json.Marshal(inArea)
	if err != nil {
		return nil, err
	}
	const linksOf = `SELECT ` + linkColumns + ` FROM links WHERE from_card IN (SELECT value FROM json_each(?1))
		UNION SELECT ` + linkColumns + ` FROM links WHERE to_card IN (SELECT value FROM json_each(?1))`
	err = readRows(p.db, linksOf, linkColumnNames, func(r *row) error {
		if len(m.Links) >= 4*max {
			return ErrNoPreview
		}
		l := new(Link)
		linkFromRow(l, r)
		if r.err != nil {
			return fmt.Errorf("reading links: %v", r.err)
		}
		if err := l.Validate(); err != nil {
			return err
		}
		m.Links[l.ID] = l
		return nil
	}, string(ids))
	if err != nil {
		return nil, p.refusal(err)
	}
	wanted := map[string]bool{}
	for _, l := range m.Links {
		wanted[l.From], wanted[l.To] = true, true
	}
	for _, c := range m.Cards {
		for _, ref := range c.Refs() {
			wanted[*ref] = true
		}
	}
	if err := p.readCardsByID(m, wanted, cols, addCard, 6*max); err != nil {
		return nil, p.refusal(err)
	}
	// The groups of the cards just read (a group is in no group).
	wanted = map[string]bool{}
	for _, c := range m.Cards {
		wanted[c.Group] = true
	}
	if err := p.readCardsByID(m, wanted, cols, addCard, 6*max); err != nil {
		return nil, p.refusal(err)
	}
	if err := p.readTags(m); err != nil {
		return nil, p.refusal(err)
	}
	for _, c := range m.Cards {
		for _, ref := range c.Refs() {
			if m.Cards[*ref] == nil {
				*ref = ""
			}
		}
		if err := c.Validate(); err != nil {
			return nil, p.refusal(err)
		}
	}
	if err := m.validateCardRefs(); err != nil {
		return nil, p.refusal(err)
	}
	if err := validateLinkRefs(m.Cards, m.Links); err != nil {
		return nil, p.refusal(err)
	}
	return m, nil
}

// readCardsByID adds to m the cards of wanted it does not hold yet, up to
// limit cards in all.
func (p *Previewer) readCardsByID(m *Model, wanted map[string]bool, cols string, add func(*row) error, limit int) error {
	var ids []string
	for id := range wanted {
		if id != "" && m.Cards[id] == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if len(m.Cards)+len(ids) > limit {
		return ErrNoPreview
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	return readRows(p.db, `SELECT `+cols+` FROM cards WHERE id IN (SELECT value FROM json_each(?))`,
		cardColumnNames, func(r *row) error {
			if m.Cards[r.text(0)] != nil {
				return nil
			}
			return add(r)
		}, string(list))
}

// readTags gives m's cards their tags, in the order a load gives them.
func (p *Previewer) readTags(m *Model) error {
	ids := make([]string, 0, len(m.Cards))
	for id := range m.Cards {
		ids = append(ids, id)
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	return readRows(p.db, `SELECT card_id, tag FROM tags WHERE card_id IN (SELECT value FROM json_each(?)) ORDER BY card_id, tag`,
		tagColumnNames, func(r *row) error {
			id, tag := r.text(0), r.text(1)
			if r.err != nil {
				return fmt.Errorf("reading tags: %v", r.err)
			}
			c := m.Cards[id]
			if c == nil {
				return nil
			}
			if len(c.Tags) == MaxTagsPerCard {
				return fmt.Errorf("card %s: over %d tags", c.ID, MaxTagsPerCard)
			}
			c.Tags = append(c.Tags, tag)
			return nil
		}, string(list))
}

// refusal is err as a preview returns it: ErrNoPreview as it is, any
// other naming the file.
func (p *Previewer) refusal(err error) error {
	if errors.Is(err, ErrNoPreview) {
		return ErrNoPreview
	}
	return fileErr(p.path, "%v", err)
}
