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
	tx, err := s.db.Begin()
	if err != nil {
		return s.plainErr(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.plainErr(err)
	}
	return nil
}

// Snapshot is the whole board as the records of one change that makes it
// from nothing: the board's properties as an update, then every card and
// every link as a creation, sorted by ID. Publishing a board to a team
// server ends with it, so a copy cloned from the server is the board
// whatever its history holds (history from before schema 3, or a board
// made by an import that kept none).
func (m *Model) Snapshot() []Record {
	b := m.Board
	out := []Record{{Action: "update", Entity: EntityBoard, ID: "board", After: boardDef.values(&b)}}
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
