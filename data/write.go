package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrReadOnly is returned by Apply on a store opened read-only.
var ErrReadOnly = errors.New("the board is open read-only")

// Apply writes ch in one transaction, with a history entry for every card,
// link and property it touches. It stamps Updated (and Created, where
// zero) on what ch puts, in ch itself, so the caller's model gets the same
// times as the file. On error nothing is written.
func (s *Store) Apply(ch *Change) error {
	if s.readOnly {
		return ErrReadOnly
	}
	now := s.now()
	for i := range ch.PutCards {
		c := &ch.PutCards[i]
		if c.Created.IsZero() {
			c.Created = now
		}
		c.Updated = now
		if err := c.Validate(); err != nil {
			return err
		}
	}
	for i := range ch.PutLinks {
		l := &ch.PutLinks[i]
		if l.Created.IsZero() {
			l.Created = now
		}
		l.Updated = now
		if err := l.Validate(); err != nil {
			return err
		}
	}
	if ch.Board != nil {
		if err := ch.Board.Validate(); err != nil {
			return err
		}
		ch.Board.Updated = now
	}
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := &writer{tx: tx, at: fmtTime(now), author: s.Author, label: ch.Label, stmts: map[string]*sql.Stmt{}}
	defer w.close()
	// The newest row by id (the primary key) has the highest change
	// number: a look-up, where max(change_no) would scan the history.
	err = tx.QueryRow(`SELECT change_no + 1 FROM history ORDER BY id DESC LIMIT 1`).Scan(&w.changeNo)
	if err == sql.ErrNoRows {
		w.changeNo, err = 1, nil
	}
	if err != nil {
		return err
	}
	if ch.Amend && w.changeNo > 1 {
		w.changeNo--
		w.amend = true
	}
	if err := w.apply(ch); err != nil {
		return err
	}
	return tx.Commit()
}

type writer struct {
	tx       *sql.Tx
	stmts    map[string]*sql.Stmt // prepared once per transaction: bulk changes parse each query once
	at       string
	author   string
	label    string
	changeNo int64
	amend    bool // update this change's rows of an entity rather than add
}

func (w *writer) apply(ch *Change) error {
	for _, id := range ch.DeleteLinks {
		if err := w.deleteLink(id); err != nil {
			return err
		}
	}
	for _, id := range ch.DeleteCards {
		if err := w.deleteCard(id); err != nil {
			return err
		}
	}
	if ch.Board != nil {
		if err := w.putBoard(ch.Board); err != nil {
			return err
		}
	}
	// A card may name as speaker a card put later in the same change, so
	// references are checked at commit, not row by row.
	if _, err := w.exec(`PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	for i := range ch.PutCards {
		if err := w.putCard(&ch.PutCards[i]); err != nil {
			return err
		}
	}
	for i := range ch.PutLinks {
		if err := w.putLink(&ch.PutLinks[i]); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) record(action, entity, id string, before, after any) error {
	enc := func(v any) (any, error) {
		if v == nil {
			return nil, nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return err
	}
	a, err := enc(after)
	if err != nil {
		return err
	}
	if w.amend {
		// Keep the first "before" and the first action (a card created and
		// then named is still a creation); take the latest "after".
		res, err := w.exec(`UPDATE history SET at = ?, after = ? WHERE change_no = ? AND entity_id = ?`,
			w.at, a, w.changeNo, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
	}
	_, err = w.exec(`INSERT INTO history (change_no, at, author, label, action, entity, entity_id, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, w.changeNo, w.at, w.author, w.label, action, entity, id, b, a)
	return err
}

func (w *writer) tombstone(entity, id string) error {
	_, err := w.exec(`INSERT INTO deleted (id, entity, at) VALUES (?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET at = excluded.at`, id, entity, w.at)
	return err
}

func (w *writer) deleteLink(id string) error {
	old, ok, err := readLink(w, id)
	if err != nil || !ok {
		return err
	}
	if _, err := w.exec(`DELETE FROM links WHERE id = ?`, id); err != nil {
		return err
	}
	if err := w.tombstone("link", id); err != nil {
		return err
	}
	return w.record("delete", "link", id, old, nil)
}

func (w *writer) deleteCard(id string) error {
	old, ok, err := readCard(w, id)
	if err != nil || !ok {
		return err
	}
	// Links go with their card; record each so history and merge see them.
	rows, err := w.Query(`SELECT id FROM links WHERE from_card = ? OR to_card = ? ORDER BY id`, id, id)
	if err != nil {
		return err
	}
	var linkIDs []string
	for rows.Next() {
		var lid string
		if err := rows.Scan(&lid); err != nil {
			rows.Close()
			return err
		}
		linkIDs = append(linkIDs, lid)
	}
	rows.Close()
	for _, lid := range linkIDs {
		if err := w.deleteLink(lid); err != nil {
			return err
		}
	}
	if _, err := w.exec(`DELETE FROM cards WHERE id = ?`, id); err != nil {
		return err
	}
	if err := w.tombstone("card", id); err != nil {
		return err
	}
	return w.record("delete", "card", id, old, nil)
}

func (w *writer) putBoard(b *Board) error {
	old, err := readBoard(w)
	if err != nil {
		return err
	}
	if _, err := w.exec(`UPDATE board SET title = ?, case_ref = ?, author = ?, marking = ?, updated = ? WHERE id = 1`,
		b.Title, b.CaseRef, b.Author, b.Marking, fmtTime(b.Updated)); err != nil {
		return err
	}
	b.Created = old.Created
	return w.record("update", "board", "board", old, b)
}

func (w *writer) putCard(c *Card) error {
	old, existed, err := readCard(w, c.ID)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO cards (id, kind, title, body, x, y, width, height, color, created, updated,
			party_type, role, quote_text, speaker_id, source_id, locator, status, reliability, credibility,
			date, publisher, url)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, title = excluded.title, body = excluded.body,
			x = excluded.x, y = excluded.y, width = excluded.width, height = excluded.height,
			color = excluded.color, created = excluded.created, updated = excluded.updated,
			party_type = excluded.party_type, role = excluded.role, quote_text = excluded.quote_text,
			speaker_id = excluded.speaker_id, source_id = excluded.source_id, locator = excluded.locator,
			status = excluded.status, reliability = excluded.reliability, credibility = excluded.credibility,
			date = excluded.date, publisher = excluded.publisher, url = excluded.url`,
		c.ID, string(c.Kind), c.Title, c.Body, c.X, c.Y, c.Width, c.Height, c.Color,
		fmtTime(c.Created), fmtTime(c.Updated), c.PartyType, c.Role, c.QuoteText,
		nullIfEmpty(c.SpeakerID), nullIfEmpty(c.SourceID), c.Locator, string(c.Status),
		c.Reliability, c.Credibility, c.Date, c.Publisher, c.URL)
	if err != nil {
		return fmt.Errorf("card %s: %w", c.ID, err)
	}
	if _, err := w.exec(`DELETE FROM tags WHERE card_id = ?`, c.ID); err != nil {
		return err
	}
	for _, t := range c.Tags {
		if _, err := w.exec(`INSERT OR IGNORE INTO tags (card_id, tag) VALUES (?, ?)`, c.ID, t); err != nil {
			return err
		}
	}
	if _, err := w.exec(`DELETE FROM deleted WHERE id = ?`, c.ID); err != nil {
		return err
	}
	if existed {
		return w.record("update", "card", c.ID, old, c)
	}
	return w.record("create", "card", c.ID, nil, c)
}

func (w *writer) putLink(l *Link) error {
	old, existed, err := readLink(w, l.ID)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO links (id, from_card, to_card, relation, directed, status, note, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET from_card = excluded.from_card, to_card = excluded.to_card,
			relation = excluded.relation, directed = excluded.directed, status = excluded.status,
			note = excluded.note, created = excluded.created, updated = excluded.updated`,
		l.ID, l.From, l.To, l.Relation, l.Directed, string(l.Status), l.Note,
		fmtTime(l.Created), fmtTime(l.Updated))
	if err != nil {
		return fmt.Errorf("link %s: %w", l.ID, err)
	}
	if _, err := w.exec(`DELETE FROM deleted WHERE id = ?`, l.ID); err != nil {
		return err
	}
	if existed {
		return w.record("update", "link", l.ID, old, l)
	}
	return w.record("create", "link", l.ID, nil, l)
}

func (w *writer) stmt(query string) (*sql.Stmt, error) {
	if st := w.stmts[query]; st != nil {
		return st, nil
	}
	st, err := w.tx.Prepare(query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.Exec(args...)
}

// Query and QueryRow make the writer a queryer, so reads inside the
// transaction share its prepared statements.
func (w *writer) Query(query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.Query(args...)
}

func (w *writer) QueryRow(query string, args ...any) *sql.Row {
	st, err := w.stmt(query)
	if err != nil {
		return w.tx.QueryRow(query, args...) // reports the same error through Scan
	}
	return st.QueryRow(args...)
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}
