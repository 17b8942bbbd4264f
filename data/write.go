package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"time"
)

// ErrReadOnly is returned by a write on a store opened read-only.
var ErrReadOnly = errors.New("the board is open read-only")

// write makes ch in the file, in one transaction, with a row in changes
// and a history record for every card, link and property it touches. m is
// the board as it is before ch, as the caller holds it (Case keeps it in
// step with the file): every old value comes from m, so nothing is read
// back from the file and the cost follows the change, not the board.
//
// write stamps Updated (and Created, where zero) on what ch puts, and
// ch.ID where empty, in ch itself, so the caller's model gets the same
// values as the file. On error nothing is written.
func (s *Store) write(ch *Change, m *Model, also func(*sql.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if s.db == nil {
		return fileErr(s.path, "the board is closed")
	}
	now := s.now()
	if err := stamp(ch, m, now); err != nil {
		return err
	}
	if ch.ID == "" {
		ch.ID = NewID()
	}
	tx, err := s.begin()
	if err != nil {
		return s.plainErr(err)
	}
	defer tx.Rollback()
	w := &writer{tx: tx, at: fmtTime(now), m: m,
		cards: map[string]*Card{}, links: map[string]*Link{}, docs: map[string]*Document{}}
	if err := w.begin(ch, s.Author); err != nil {
		return s.plainErr(err)
	}
	if err := w.apply(ch); err != nil {
		return s.plainErr(err)
	}
	if also != nil {
		if err := also(tx); err != nil {
			return err
		}
	}
	if err := s.commit(tx); err != nil {
		return s.plainErr(err)
	}
	return nil
}

// plainErr says a write's error in plain words naming the file
// (PlainError): a full disk, a junk journal, a read-only folder.
func (s *Store) plainErr(err error) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	if pe := PlainError(s.path, err); pe != err {
		return pe
	}
	return fileErr(s.path, "%s", shortSQLiteErr(err))
}

// stamp sets the times on what ch puts and checks each value: a put that
// changes nothing keeps its old Updated, so the model and the file agree.
func stamp(ch *Change, m *Model, now time.Time) error {
	for i := range ch.PutCards {
		c := &ch.PutCards[i]
		if !tagsNormal(c.Tags) {
			c.Tags = normTags(c.Tags)
		}
		if c.Created.IsZero() {
			c.Created = now
		}
		c.Updated = now
		old := m.Cards[c.ID]
		if old != nil && sameButPosition(old, c) {
			// Every other value is the model's, checked when it came in:
			// a bulk move checks positions only.
			if old.X == c.X && old.Y == c.Y {
				c.Updated = old.Updated
			}
			if err := c.checkPosition(); err != nil {
				return err
			}
			continue
		}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := keepOrFit(cardDef, old, c, c.texts()); err != nil {
			return fmt.Errorf("card %s: %v", c.ID, err)
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
		if err := keepOrFit(linkDef, m.Links[l.ID], l, l.texts()); err != nil {
			return fmt.Errorf("link %s: %v", l.ID, err)
		}
	}
	for i := range ch.PutDocuments {
		d := &ch.PutDocuments[i]
		if old := m.Documents[d.ID]; old != nil {
			d.Created, d.Updated = old.Created, old.Updated
			if alike(documentDef, old, d) {
				continue
			}
		}
		if d.Created.IsZero() {
			d.Created = now
		}
		d.Updated = now
		if err := d.Validate(); err != nil {
			return err
		}
	}
	if n := len(m.Documents) + len(ch.PutDocuments); n > MaxDocuments {
		return fmt.Errorf("a board holds at most %d documents", MaxDocuments)
	}
	if ch.Board != nil {
		if err := ch.Board.Validate(); err != nil {
			return err
		}
		ch.Board.Created = m.Board.Created
		ch.Board.Updated = now
		if err := keepOrFit(boardDef, &m.Board, ch.Board, ch.Board.texts()); err != nil {
			return fmt.Errorf("board properties: %v", err)
		}
	}
	return nil
}

// keepOrFit finishes stamp's work on v, a put of old (nil when new) that
// passed its Validate. A put that changes nothing keeps old's Updated:
// putEntity writes nothing for it, and the model must agree with the file.
// Any other must fit a history record (maxRecordText): Validate allows
// what a board may already hold, this what the app may write.
func keepOrFit[T any](d *entityDef[T], old, v *T, texts []string) error {
	if old != nil && alike(d, old, v) {
		_, was := d.stamp(old)
		_, now := d.stamp(v)
		*now = *was
		return nil
	}
	return checkRecordText(texts, maxRecordText)
}

// tagsNormal reports whether tags are as normTags leaves them: sorted,
// each once, nil when none. Most cards' are, and a bulk change need not
// copy them all.
func tagsNormal(tags []string) bool {
	if tags != nil && len(tags) == 0 {
		return false
	}
	for i := 1; i < len(tags); i++ {
		if tags[i-1] >= tags[i] {
			return false
		}
	}
	return true
}

// alike reports whether two versions of a card, link, document or the
// board's properties differ in no stored field (Updated aside): putEntity
// writes nothing for them, so stamp keeps the old Updated and the model
// agrees with the file.
func alike[T any](d *entityDef[T], a, b *T) bool {
	for _, f := range d.fields {
		if !same(f.get(a), f.get(b)) {
			return false
		}
	}
	return true
}

type writer struct {
	tx    *sql.Tx
	at    string
	no    int64 // the change's number
	amend bool  // update this change's records of an entity rather than add
	m     *Model
	// What this change has written so far, over m: a change may put the
	// same card twice (merge writes theirs' version, then the one that
	// fits). A nil entry is deleted.
	cards map[string]*Card
	links map[string]*Link
	docs  map[string]*Document
}

// begin files the change: a new row in changes, or, for an amend, the
// newest row stamped anew.
func (w *writer) begin(ch *Change, author string) error {
	err := w.QueryRow(`SELECT no FROM changes ORDER BY no DESC LIMIT 1`).Scan(&w.no)
	if err == sql.ErrNoRows {
		w.no, err = 0, nil
	}
	if err != nil {
		return err
	}
	if ch.Amend && w.no > 0 {
		w.amend = true
		_, err := w.exec(`UPDATE changes SET at = ? WHERE no = ?`, w.at, w.no)
		return err
	}
	w.no++
	_, err = w.exec(`INSERT INTO changes (no, uuid, at, author, label) VALUES (?, ?, ?, ?, ?)`,
		w.no, ch.ID, w.at, author, ch.Label)
	return err
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
	for _, id := range ch.DeleteDocuments {
		if err := w.deleteDocument(id); err != nil {
			return err
		}
	}
	if ch.Board != nil {
		if err := w.putBoard(ch.Board); err != nil {
			return err
		}
	}
	for i := range ch.PutDocuments {
		if err := w.putDocument(&ch.PutDocuments[i]); err != nil {
			return err
		}
	}
	// A card may name as speaker a card put later in the same change: then
	// references are checked at commit, not row by row. Only then: the
	// pragma makes SQLite prepare every statement the connection keeps
	// (stmtcache.go) again, as any flag pragma does.
	if w.refsAhead(ch) {
		if _, err := w.exec(`PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
	}
	if dx, dy, ok := w.translation(ch); ok {
		return w.translate(ch, dx, dy)
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

// refsAhead reports whether a card ch puts names (as speaker, source or
// group) a card that is not in the file when the puts begin (a card put
// later in ch, or one that is not there at all, which the commit then
// refuses): only such a reference can fail a check made row by row and
// pass at commit. Links are put after every card, and the deletions,
// before, take what refers to them along (ON DELETE SET NULL, CASCADE).
func (w *writer) refsAhead(ch *Change) bool {
	for i := range ch.PutCards {
		for _, ref := range ch.PutCards[i].Refs() {
			if *ref != "" && w.card(*ref) == nil {
				return true
			}
		}
	}
	return false
}

func (w *writer) card(id string) *Card {
	if c, ok := w.cards[id]; ok {
		return c
	}
	return w.m.Cards[id]
}

func (w *writer) link(id string) *Link {
	if l, ok := w.links[id]; ok {
		return l
	}
	return w.m.Links[id]
}

// record adds the history row of one entity in this change, or, for an
// amend, folds it into the row the change already has for it: the first
// "before" of each field stands, the latest "after" wins, and a creation
// stays a creation.
func (w *writer) record(action string, kind EntityKind, id string, before, after map[string]any) error {
	if w.amend {
		var rowID int64
		var oldAction string
		var b, a sql.NullString
		err := w.QueryRow(`SELECT id, action, before, after FROM history WHERE change_no = ? AND entity_id = ? AND entity = ?`,
			w.no, id, string(kind)).Scan(&rowID, &oldAction, &b, &a)
		if err == nil {
			fb, fa := decodeValues(b.String), decodeValues(a.String)
			for k, v := range before {
				if _, ok := fb[k]; !ok && oldAction == "update" {
					fb[k] = v
				}
			}
			for k, v := range after {
				fa[k] = v
			}
			if action == "delete" {
				fa = nil
			}
			if oldAction != "update" {
				action = oldAction
			}
			if action == "create" {
				fb = nil
			}
			eb, err := encodeValues(fb)
			if err != nil {
				return err
			}
			ea, err := encodeValues(fa)
			if err != nil {
				return err
			}
			_, err = w.exec(`UPDATE history SET action = ?, before = ?, after = ? WHERE id = ?`, action, eb, ea, rowID)
			return err
		}
		if err != sql.ErrNoRows {
			return err
		}
	}
	eb, err := encodeValues(before)
	if err != nil {
		return err
	}
	ea, err := encodeValues(after)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO history (change_no, at, action, entity, entity_id, before, after)
		VALUES (?, '', ?, ?, ?, ?, ?)`, w.no, action, string(kind), id, eb, ea)
	return err
}

func (w *writer) tombstone(kind EntityKind, id string) error {
	_, err := w.exec(`INSERT INTO deleted (id, entity, at) VALUES (?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET entity = excluded.entity, at = excluded.at`, id, string(kind), w.at)
	return err
}

func (w *writer) deleteLink(id string) error {
	old := w.link(id)
	if old == nil {
		return nil
	}
	if err := deleteEntity(w, linkDef, id, old); err != nil {
		return err
	}
	w.links[id] = nil
	return nil
}

func (w *writer) deleteCard(id string) error {
	old := w.card(id)
	if old == nil {
		return nil
	}
	// The change has been through Model.Expand: its links are deleted
	// before it, each with its own record, so the foreign keys' cascade
	// finds nothing left to do behind the history's back.
	if err := deleteEntity(w, cardDef, id, old); err != nil {
		return err
	}
	w.cards[id] = nil
	return nil
}

func deleteEntity[T any](w *writer, d *entityDef[T], id string, old *T) error {
	if _, err := w.exec(`DELETE FROM `+d.table+` WHERE id = ?`, id); err != nil {
		return err
	}
	if err := w.tombstone(d.kind, id); err != nil {
		return err
	}
	return w.record("delete", d.kind, id, d.values(old), nil)
}

// putEntity writes v over old (nil for a new entity): an insert of every
// field, or an update of just the fields that differ. It returns the
// names of the fields it changed.
func putEntity[T any](w *writer, d *entityDef[T], id string, old, v *T) ([]string, error) {
	_, updated := d.stamp(v)
	if old == nil {
		args := []any{id}
		for _, f := range d.fields {
			if f.column {
				args = append(args, d.sqlValue(f.name, f.get(v)))
			}
		}
		args = append(args, fmtTime(*updated))
		if _, err := w.exec(d.insertSQL(), args...); err != nil {
			return nil, fmt.Errorf("%s %s: %w", d.kind, id, err)
		}
		if _, err := w.exec(`DELETE FROM deleted WHERE id = ?`, id); err != nil {
			return nil, err
		}
		var names []string
		for _, f := range d.fields {
			names = append(names, f.name)
		}
		return names, w.record("create", d.kind, id, nil, d.values(v))
	}
	before, after := d.diff(old, v)
	if len(after) == 0 {
		return nil, nil
	}
	var names []string
	var args []any
	for _, f := range d.fields {
		if _, ok := after[f.name]; ok {
			names = append(names, f.name)
			if f.column {
				args = append(args, d.sqlValue(f.name, after[f.name]))
			}
		}
	}
	var cols []string
	for _, n := range names {
		for _, f := range d.fields {
			if f.name == n && f.column {
				cols = append(cols, n)
			}
		}
	}
	args = append(args, fmtTime(*updated), id)
	query := d.updateSQL(cols)
	if d.kind == EntityBoard {
		args[len(args)-1] = 1 // the board's one row
	}
	if _, err := w.exec(query, args...); err != nil {
		return nil, fmt.Errorf("%s %s: %w", d.kind, id, err)
	}
	return names, w.record("update", d.kind, id, before, after)
}

func (w *writer) putBoard(b *Board) error {
	old := w.m.Board
	_, err := putEntity(w, boardDef, "board", &old, b)
	return err
}

func (w *writer) putCard(c *Card) error {
	old := w.card(c.ID)
	names, err := putEntity(w, cardDef, c.ID, old, c)
	if err != nil {
		return err
	}
	for _, n := range names {
		if n == "tags" {
			if err := w.writeTags(c.ID, old != nil, c.Tags); err != nil {
				return err
			}
		}
	}
	cc := c.Clone()
	w.cards[c.ID] = &cc
	return nil
}

// writeTags replaces a card's tags; they are written only when they
// changed, so moving a tagged card touches no tag row.
func (w *writer) writeTags(id string, existed bool, tags []string) error {
	if existed {
		if _, err := w.exec(`DELETE FROM tags WHERE card_id = ?`, id); err != nil {
			return err
		}
	}
	for _, t := range tags {
		if _, err := w.exec(`INSERT OR IGNORE INTO tags (card_id, tag) VALUES (?, ?)`, id, t); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) putLink(l *Link) error {
	old := w.link(l.ID)
	if _, err := putEntity(w, linkDef, l.ID, old, l); err != nil {
		return err
	}
	ll := *l
	w.links[l.ID] = &ll
	return nil
}

// translation reports whether ch only moves existing cards, every one by
// the same (dx, dy): a drag or nudge of a selection, and its undo. Those
// are written by one UPDATE and one history record whatever their size.
func (w *writer) translation(ch *Change) (dx, dy float64, ok bool) {
	if len(ch.PutCards) < 2 || len(ch.PutLinks) > 0 || len(ch.PutDocuments) > 0 || len(ch.DeleteDocuments) > 0 || len(ch.DeleteCards) > 0 || len(ch.DeleteLinks) > 0 || ch.Board != nil || w.amend {
		return 0, 0, false
	}
	seen := make(map[string]bool, len(ch.PutCards))
	for i := range ch.PutCards {
		c := &ch.PutCards[i]
		old := w.m.Cards[c.ID]
		if old == nil || seen[c.ID] {
			return 0, 0, false
		}
		seen[c.ID] = true
		if i == 0 {
			dx, dy = c.X-old.X, c.Y-old.Y
		}
		// Exactly what SQL's x + dx gives, so file and model agree.
		if old.X+dx != c.X || old.Y+dy != c.Y || math.IsNaN(dx) || math.IsNaN(dy) {
			return 0, 0, false
		}
		if !movedOnly(old, c) {
			return 0, 0, false
		}
	}
	return dx, dy, dx != 0 || dy != 0
}

// movedOnly reports whether c differs from old in its position alone
// (and Updated). old is the model's and is not touched: the write may run
// off the UI thread while the screen reads the model.
func movedOnly(old, c *Card) bool {
	if sameButPosition(old, c) {
		return true
	}
	a := *old
	a.X, a.Y = c.X, c.Y
	return alike(cardDef, &a, c)
}

// sameButPosition reports whether every Go field of a and b but X, Y and
// Updated is equal. It walks Card's fields by reflection, so a field added
// to Card is compared without an edit here, and it boxes nothing: on a
// select-all nudge it runs once per card, where alike's boxed values
// cost several times the write. A field of a kind it does not know makes
// it say no, and the caller asks alike.
func sameButPosition(a, b *Card) bool {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i, f := range cardGoFields {
		fa, fb := va.Field(i), vb.Field(i)
		switch f {
		case fieldSkip:
		case fieldString:
			if fa.String() != fb.String() {
				return false
			}
		case fieldFloat:
			if fa.Float() != fb.Float() {
				return false
			}
		case fieldInt:
			if fa.Int() != fb.Int() {
				return false
			}
		case fieldBool:
			if fa.Bool() != fb.Bool() {
				return false
			}
		case fieldTime:
			if !fa.Addr().Interface().(*time.Time).Equal(*fb.Addr().Interface().(*time.Time)) {
				return false
			}
		case fieldStrings:
			if !slices.Equal(*fa.Addr().Interface().(*[]string), *fb.Addr().Interface().(*[]string)) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

type goFieldKind int

const (
	fieldOther goFieldKind = iota
	fieldSkip
	fieldString
	fieldFloat
	fieldInt
	fieldBool
	fieldTime
	fieldStrings
)

// cardGoFields is how sameButPosition compares each field of Card.
var cardGoFields = goFieldKinds(reflect.TypeFor[Card](), "X", "Y", "Updated")

// goFieldKinds sorts the fields of the struct type t by how they are
// compared, the named ones skipped.
func goFieldKinds(t reflect.Type, skip ...string) []goFieldKind {
	out := make([]goFieldKind, t.NumField())
	for i := range out {
		f := t.Field(i)
		switch {
		case slices.Contains(skip, f.Name):
			out[i] = fieldSkip
		case !f.IsExported():
			// Interface, which the time and slice cases use, is not
			// allowed on it; such a field is left to alike.
		case f.Type == reflect.TypeFor[time.Time]():
			out[i] = fieldTime
		case f.Type == reflect.TypeFor[[]string]():
			out[i] = fieldStrings
		case f.Type.Kind() == reflect.String:
			out[i] = fieldString
		case f.Type.Kind() == reflect.Float64:
			out[i] = fieldFloat
		case f.Type.Kind() >= reflect.Int && f.Type.Kind() <= reflect.Int64:
			out[i] = fieldInt
		case f.Type.Kind() == reflect.Bool:
			out[i] = fieldBool
		}
	}
	return out
}

// translate writes a translation (see translation): the history records
// it as one move record per maxMoveCards cards (see moveRecord), with
// each card's position before, taken from the model; then one UPDATE
// moves the cards, all of them without a look-up when every card moves.
func (w *writer) translate(ch *Change, dx, dy float64) error {
	after := encodeMoveAfter(dx, dy)
	for start := 0; start < len(ch.PutCards); start += maxMoveCards {
		part := ch.PutCards[start:min(start+maxMoveCards, len(ch.PutCards))]
		before := encodeMoveBefore(part, w.m)
		if _, err := w.exec(`INSERT INTO history (change_no, at, action, entity, entity_id, before, after)
			VALUES (?, '', 'update', 'card', '', ?, ?)`, w.no, before, after); err != nil {
			return err
		}
	}
	if len(ch.PutCards) == len(w.m.Cards) {
		// translation found every card of the change in the model, each
		// once: the change moves the whole board.
		_, err := w.exec(`UPDATE cards SET x = x + ?, y = y + ?, updated = ?`, dx, dy, w.at)
		return err
	}
	ids := make([]string, len(ch.PutCards))
	for i := range ch.PutCards {
		ids[i] = ch.PutCards[i].ID
	}
	js, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	_, err = w.exec(`UPDATE cards SET x = x + ?, y = y + ?, updated = ? WHERE id IN (SELECT value FROM json_each(?))`,
		dx, dy, w.at, string(js))
	return err
}

// exec runs a statement of the change. It is prepared once per
// connection, not per change (stmtcache.go): an edit's dozen statements
// cost more to prepare than to run.
func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	return w.tx.Exec(query, args...)
}

// QueryRow reads inside the transaction.
func (w *writer) QueryRow(query string, args ...any) *sql.Row {
	return w.tx.QueryRow(query, args...)
}
