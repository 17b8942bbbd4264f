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
		r.Entity, r.Before, r.After = EntityKind(entity), decodeValues(before), decodeValues(after)
		if n := len(out); n > 0 && out[n-1].No == cl.No {
			out[n-1].Records = append(out[n-1].Records, r)
			continue
		}
		cl.At = parseTime(at)
		cl.Records = []Record{r}
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
	cards := map[string]*Card{}
	links := map[string]*Link{}
	var cardOrder, linkOrder []string
	putCard := func(c *Card) {
		if _, ok := cards[c.ID]; !ok {
			cardOrder = append(cardOrder, c.ID)
		}
		cards[c.ID] = c
	}
	putLink := func(l *Link) {
		if _, ok := links[l.ID]; !ok {
			linkOrder = append(linkOrder, l.ID)
		}
		links[l.ID] = l
	}
	for _, r := range cl.Records {
		switch r.Entity {
		case EntityBoard:
			b := m.Board
			if ch.Board != nil {
				b = *ch.Board
			}
			boardDef.set(&b, r.After)
			ch.Board = &b
		case EntityCard:
			switch r.Action {
			case "delete":
				ch.DeleteCards = append(ch.DeleteCards, r.ID)
				delete(cards, r.ID)
			case "create", "update":
				c := cards[r.ID]
				if c == nil {
					if old := m.Cards[r.ID]; old != nil {
						cc := old.Clone()
						c = &cc
					} else if r.Action == "create" {
						c = &Card{ID: r.ID}
					} else {
						return Change{}, fmt.Errorf("change %s updates card %s, which this board does not have", cl.ID, clean(r.ID, 40))
					}
				}
				cardDef.set(c, r.After)
				putCard(c)
			}
		case EntityLink:
			switch r.Action {
			case "delete":
				ch.DeleteLinks = append(ch.DeleteLinks, r.ID)
				delete(links, r.ID)
			case "create", "update":
				l := links[r.ID]
				if l == nil {
					if old := m.Links[r.ID]; old != nil {
						ll := *old
						l = &ll
					} else if r.Action == "create" {
						l = &Link{ID: r.ID}
					} else {
						return Change{}, fmt.Errorf("change %s updates link %s, which this board does not have", cl.ID, clean(r.ID, 40))
					}
				}
				linkDef.set(l, r.After)
				putLink(l)
			}
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
			return Change{}, fmt.Errorf("change %s touches a %q, which this version does not know", cl.ID, clean(string(r.Entity), 20))
		}
	}
	for _, id := range cardOrder {
		if c := cards[id]; c != nil {
			ch.PutCards = append(ch.PutCards, *c)
		}
	}
	for _, id := range linkOrder {
		if l := links[id]; l != nil {
			ch.PutLinks = append(ch.PutLinks, *l)
		}
	}
	return ch, nil
}
