package data

import (
	"fmt"
	"time"
)

// Record is one entity's part in a change, as the history keeps it: what
// was done to it and the fields it touched, before and after, by their
// stable names. A creation's After and a deletion's Before hold every
// field.
type Record struct {
	Action string // "create", "update" or "delete"
	Entity EntityKind
	ID     string
	Before map[string]any
	After  map[string]any
}

// ChangeLog is a change as another copy of the board needs it to make the
// same change: its UUID, who made it, when, and its records in order.
type ChangeLog struct {
	No      int64
	ID      string
	At      time.Time
	Author  string
	Label   string
	Records []Record
}

// ChangesSince reads the changes numbered above no, oldest first: what a
// copy that has seen up to no has not. Only boards of schema 3 and later
// have change rows.
func (s *Store) ChangesSince(no int64) ([]ChangeLog, error) {
	rows, err := s.db.Query(`SELECT c.no, c.uuid, c.at, c.author, c.label, h.action, h.entity, h.entity_id,
		coalesce(h.before, ''), coalesce(h.after, '')
		FROM changes AS c JOIN history AS h ON h.change_no = c.no WHERE c.no > ? ORDER BY c.no, h.id`, no)
	if err != nil {
		return nil, fileErr(s.path, "reading changes: %v", shortSQLiteErr(err))
	}
	defer rows.Close()
	var out []ChangeLog
	for rows.Next() {
		var cl ChangeLog
		var at, entity, before, after string
		var r Record
		if err := rows.Scan(&cl.No, &cl.ID, &at, &cl.Author, &cl.Label, &r.Action, &entity, &r.ID, &before, &after); err != nil {
			return nil, fileErr(s.path, "reading changes: %v", shortSQLiteErr(err))
		}
		var recs []Record
		if isMoveRecord(r.Action, entity, r.ID) {
			for _, mc := range expandMove(before, after) {
				mr := Record{Action: r.Action, Entity: EntityCard, ID: mc.id}
				mr.Before, mr.After = mc.record()
				recs = append(recs, mr)
			}
		} else {
			r.Entity, r.Before, r.After = EntityKind(entity), decodeValues(before), decodeValues(after)
			recs = []Record{r}
		}
		if n := len(out); n > 0 && out[n-1].No == cl.No {
			out[n-1].Records = append(out[n-1].Records, recs...)
			continue
		}
		cl.At = parseTime(at)
		cl.Records = recs
		out = append(out, cl)
	}
	if err := rows.Err(); err != nil {
		return nil, fileErr(s.path, "reading changes: %v", shortSQLiteErr(err))
	}
	return out, nil
}

// Replay turns a change made on another copy of the board into the change
// that makes it here, against m as it is now: an update lays the recorded
// fields over this copy's version, so edits to other fields made here
// stand. The result keeps the change's ID and goes through Case.Apply like
// any edit, with the same checks; a record that cannot apply (an update
// of something this copy does not have) is an error.
func (m *Model) Replay(cl ChangeLog) (Change, error) {
	ch := Change{ID: cl.ID, Label: cl.Label}
	cards := newReplayed(cardDef, func(id string) *Card {
		if old := m.Cards[id]; old != nil {
			c := old.Clone()
			return &c
		}
		return nil
	}, func(c *Card, id string) { c.ID = id })
	links := newReplayed(linkDef, func(id string) *Link {
		if old := m.Links[id]; old != nil {
			l := *old
			return &l
		}
		return nil
	}, func(l *Link, id string) { l.ID = id })
	for _, r := range cl.Records {
		var err error
		switch r.Entity {
		case EntityBoard:
			b := m.Board
			if ch.Board != nil {
				b = *ch.Board
			}
			boardDef.set(&b, r.After)
			ch.Board = &b
		case EntityCard:
			if r.Action == "delete" {
				ch.DeleteCards = append(ch.DeleteCards, r.ID)
			}
			err = cards.record(cl.ID, r)
		case EntityLink:
			if r.Action == "delete" {
				ch.DeleteLinks = append(ch.DeleteLinks, r.ID)
			}
			err = links.record(cl.ID, r)
		case EntityDocument:
			// The history holds a document's metadata, never its bytes: a
			// document created on another copy cannot be made from its
			// record, and comes in by merge (by hash). Deletions, and
			// metadata updates of a document this copy has, replay.
			switch r.Action {
			case "delete":
				ch.DeleteDocuments = append(ch.DeleteDocuments, r.ID)
			case "update":
				if old := m.Documents[r.ID]; old != nil {
					d := *old
					documentDef.set(&d, r.After)
					ch.PutDocuments = append(ch.PutDocuments, d)
				}
			}
		default:
			err = fmt.Errorf("change %s touches a %q, which this version does not know", cl.ID, clean(string(r.Entity), 20))
		}
		if err != nil {
			return Change{}, err
		}
	}
	ch.PutCards = cards.puts()
	ch.PutLinks = links.puts()
	return ch, nil
}

// replayed gathers the versions a replayed change puts of one kind of
// entity, in the order the records first name them: a creation starts
// from nothing, an update from this copy's version (or the change's own
// earlier one), and a deletion drops what the change put before it.
type replayed[T any] struct {
	def   *entityDef[T]
	here  func(id string) *T // this copy's version, a copy; nil when it has none
	setID func(*T, string)
	got   map[string]*T
	order []string
}

func newReplayed[T any](def *entityDef[T], here func(string) *T, setID func(*T, string)) *replayed[T] {
	return &replayed[T]{def: def, here: here, setID: setID, got: map[string]*T{}}
}

func (r *replayed[T]) record(change string, rec Record) error {
	switch rec.Action {
	case "delete":
		delete(r.got, rec.ID)
	case "create", "update":
		v := r.got[rec.ID]
		if v == nil {
			v = r.here(rec.ID)
		}
		if v == nil {
			if rec.Action != "create" {
				return fmt.Errorf("change %s updates %s %s, which this board does not have", change, r.def.kind, clean(rec.ID, 40))
			}
			v = new(T)
			r.setID(v, rec.ID)
		}
		r.def.set(v, rec.After)
		if _, seen := r.got[rec.ID]; !seen {
			r.order = append(r.order, rec.ID)
		}
		r.got[rec.ID] = v
	}
	return nil
}

func (r *replayed[T]) puts() []T {
	var out []T
	for _, id := range r.order {
		if v := r.got[id]; v != nil {
			out = append(out, *v)
		}
	}
	return out
}
