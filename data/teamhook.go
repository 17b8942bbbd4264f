package data

import (
	"database/sql"
	"sort"
)

// Tx runs fn in one transaction on the file and commits when it returns
// nil. It is for tables the model does not hold — a team link's state
// (package data/team, schema 4) — never for cards, links or the board,
// which change only through Case.Apply. On a store opened read-only the
// transaction can read but not write.
func (s *Store) Tx(fn func(tx *sql.Tx) error) error {
	if s.db == nil {
		return fileErr(s.path, "the board is closed")
	}
	tx, err := s.begin()
	if err != nil {
		return s.plainErr(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := s.commit(tx); err != nil {
		return s.plainErr(err)
	}
	return nil
}

// Snapshot is the whole board as the records of one change that makes it
// from nothing: the board's properties as an update, then every readable
// document (its metadata: the bytes travel apart, by SHA-256), every card
// and every link as a creation, sorted by ID. Publishing a board to a team
// server ends with it, so a copy cloned from the server is the board
// whatever its history holds (history from before schema 3, or a board
// made by an import that kept none).
func (m *Model) Snapshot() []Record {
	b := m.Board
	out := []Record{{Action: "update", Entity: EntityBoard, ID: "board", After: boardDef.values(&b)}}
	for _, id := range sortedKeys(m.Documents) {
		if d := m.Documents[id]; d.Unreadable == "" {
			out = append(out, Record{Action: "create", Entity: EntityDocument, ID: id, After: documentDef.values(d)})
		}
	}
	for _, c := range m.SortedCards() {
		out = append(out, Record{Action: "create", Entity: EntityCard, ID: c.ID, After: cardDef.values(c)})
	}
	ids := make([]string, 0, len(m.Links))
	for id := range m.Links {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		out = append(out, Record{Action: "create", Entity: EntityLink, ID: id, After: linkDef.values(m.Links[id])})
	}
	return out
}

// ApplyAll makes chs in order in one transaction, each recorded as a
// change of its own (a change with an ID keeps it), then runs also inside
// the same transaction, and only after the commit applies them to the
// model. A sync pulls hundreds of colleagues' changes at once: one commit
// for all of them, rather than one each, is what makes that fast. On error
// neither the file nor the model changed; the caller can apply the
// changes one by one to find the one at fault. It returns the changes as
// made.
func (c *Case) ApplyAll(chs []Change, also func(tx *sql.Tx) error) ([]Change, error) {
	s := c.store
	if s.readOnly {
		return nil, ErrReadOnly
	}
	if s.db == nil {
		return nil, fileErr(s.path, "the board is closed")
	}
	// Each change is checked and recorded against the board as the ones
	// before it left it: a scratch copy, so that a failure leaves the
	// model as it was.
	scratch := c.model.Clone()
	now := s.now()
	tx, err := s.begin()
	if err != nil {
		return nil, s.plainErr(err)
	}
	defer tx.Rollback()
	done := make([]Change, 0, len(chs))
	// The changes share prepared statements (the connection keeps them,
	// stmtcache.go): a batch of a thousand new cards parses each query once.
	for _, ch := range chs {
		if ch.Empty() {
			done = append(done, ch)
			continue
		}
		ch = scratch.Expand(ch)
		if err := stamp(&ch, scratch, now); err != nil {
			return nil, err
		}
		if ch.ID == "" {
			ch.ID = NewID()
		}
		w := &writer{tx: tx, at: fmtTime(now), m: scratch,
			cards: map[string]*Card{}, links: map[string]*Link{}, docs: map[string]*Document{}}
		err := w.begin(&ch, s.Author)
		if err == nil {
			err = w.apply(&ch)
		}
		if err != nil {
			return nil, s.plainErr(err)
		}
		scratch.Apply(ch)
		done = append(done, ch)
	}
	if also != nil {
		if err := also(tx); err != nil {
			return nil, err
		}
	}
	if err := s.commit(tx); err != nil {
		return nil, s.plainErr(err)
	}
	for _, ch := range done {
		if !ch.Empty() {
			c.model.Apply(ch)
		}
	}
	return done, nil
}

// DocumentFromRecord is the document a history record of its creation
// describes: its metadata, without bytes or text. A team copy that pulls
// the record fetches the bytes by the ID and extracts the text itself.
func DocumentFromRecord(r Record) Document {
	d := Document{ID: r.ID}
	documentDef.set(&d, r.After)
	return d
}

// CardValues is a card's fields by their stable names (docs/FILE_FORMAT.md),
// as a history record holds them; LinkValues the same for a link.
func CardValues(c *Card) map[string]any { return cardDef.values(c) }

// LinkValues is CardValues for a link.
func LinkValues(l *Link) map[string]any { return linkDef.values(l) }

// CardWith is c with the fields vals names (as a record's After holds
// them) set: what a record makes of a card.
func CardWith(c Card, vals map[string]any) Card {
	c = c.Clone()
	cardDef.set(&c, vals)
	return c
}

// LinkWith is CardWith for a link.
func LinkWith(l Link, vals map[string]any) Link {
	linkDef.set(&l, vals)
	return l
}
