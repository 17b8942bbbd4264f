package team

import (
	"database/sql"
	"strings"
	"time"

	"evidenceboard/data"
)

// A stamp is when, and by which change, a field got the value it holds.
// Copies agree on a field's value by keeping the latest stamp's: the
// later time wins, the change's UUID breaks a tie, so every copy that has
// seen the same changes holds the same board, whatever order they came in.
type stamp struct {
	at   time.Time
	uuid string
}

func (a stamp) after(b stamp) bool {
	if !a.at.Equal(b.at) {
		return a.at.After(b.at)
	}
	return a.uuid > b.uuid
}

const stampLayout = "2006-01-02T15:04:05.000000Z"

// existence is the field under which an entity's creation or deletion is
// stamped.
const existence = ""

type entityKey struct {
	entity data.EntityKind
	id     string
}

// stamps holds the stamps of the entities a sync round has looked at, and
// what it has changed since writing them.
type stamps struct {
	m     map[entityKey]map[string]stamp
	dirty map[entityKey]map[string]bool
}

func newStamps() *stamps {
	return &stamps{m: map[entityKey]map[string]stamp{}, dirty: map[entityKey]map[string]bool{}}
}

// load reads the stamps of the entities recs touch that are not loaded yet.
func (s *stamps) load(tx *sql.Tx, recs []data.Record) error {
	for _, r := range recs {
		k := entityKey{r.Entity, r.ID}
		if _, ok := s.m[k]; ok {
			continue
		}
		fields := map[string]stamp{}
		rows, err := tx.Query(`SELECT field, at, uuid FROM team_stamps WHERE entity = ? AND id = ?`, string(r.Entity), r.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var f, at, id string
			if err := rows.Scan(&f, &at, &id); err != nil {
				rows.Close()
				return err
			}
			t, _ := time.Parse(stampLayout, at)
			fields[f] = stamp{t, id}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		s.m[k] = fields
	}
	return nil
}

// reset forgets what is loaded and unsaved: after a failed write, the
// stamps are read again from the file.
func (s *stamps) reset() {
	s.m = map[entityKey]map[string]stamp{}
	s.dirty = map[entityKey]map[string]bool{}
}

// get is the stamp of a field: its own, or its entity's creation when
// that is later. A creation sets every field, so it stamps only the
// entity's existence: a thousand new cards are a thousand stamps, not
// twenty thousand.
func (s *stamps) get(k entityKey, field string) (stamp, bool) {
	st, ok := s.m[k][field]
	if field != existence {
		if e, eok := s.m[k][existence]; eok && (!ok || e.after(st)) {
			return e, true
		}
	}
	return st, ok
}

func (s *stamps) set(k entityKey, field string, st stamp) {
	if s.m[k] == nil {
		s.m[k] = map[string]stamp{}
	}
	if old, ok := s.m[k][field]; ok && old.after(st) {
		return // a stamp only ever moves later
	}
	s.m[k][field] = st
	if s.dirty[k] == nil {
		s.dirty[k] = map[string]bool{}
	}
	s.dirty[k][field] = true
}

// latest is the latest stamp on the fields a record touches.
func (s *stamps) latest(r data.Record) stamp {
	var best stamp
	k := entityKey{r.Entity, r.ID}
	for f := range touched(r) {
		if st, ok := s.get(k, f); ok && st.after(best) {
			best = st
		}
	}
	return best
}

// stampRecord stamps every field r sets, and its existence for a creation
// or deletion, with st.
func (s *stamps) stampRecord(r data.Record, st stamp) {
	k := entityKey{r.Entity, r.ID}
	for f := range touched(r) {
		s.set(k, f, st)
	}
}

// flush writes what changed since the last flush, inside tx.
func (s *stamps) flush(tx *sql.Tx) error {
	if len(s.dirty) == 0 {
		return nil
	}
	st, err := tx.Prepare(`INSERT INTO team_stamps (entity, id, field, at, uuid) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (entity, id, field) DO UPDATE SET at = excluded.at, uuid = excluded.uuid`)
	if err != nil {
		return err
	}
	defer st.Close()
	for k, fields := range s.dirty {
		for f := range fields {
			v := s.m[k][f]
			if _, err := st.Exec(string(k.entity), k.id, f, v.at.UTC().Format(stampLayout), v.uuid); err != nil {
				return err
			}
		}
	}
	s.dirty = map[entityKey]map[string]bool{}
	return nil
}

// touched is the set of fields a record stamps: a creation or deletion
// stamps the entity's existence (see get), an update the fields it sets.
func touched(r data.Record) map[string]bool {
	out := map[string]bool{}
	switch r.Action {
	case "create", "delete":
		out[existence] = true
	default:
		for f := range r.After {
			out[f] = true
		}
	}
	return out
}

// resolution is what of a pulled change applies on this copy.
type resolution struct {
	log       data.ChangeLog // the records, and the fields of each, that apply
	conflicts int            // records that met an edit made here since the last pull
	// met lists those records of cards and links, as pulled, for the
	// conflicts kept for review (conflicts.go).
	met []data.Record
}

// resolve decides, field by field, what of the pulled change cl applies
// to the board m, against the stamps of what m holds: a field is set only
// when cl is later than the value here. An update of something this copy
// no longer has, or a link whose card is gone, is dropped (a deletion
// wins over an edit it crossed); a reference to a card that is gone is
// cleared, as deleting the card here would have. recent holds the UUIDs
// of this copy's changes pushed in this round, made since its last pull:
// a record that meets one of them counts as a conflict. resolve stamps
// what applies in s; the caller writes s in the change's transaction.
func resolve(m *data.Model, cl data.ChangeLog, s *stamps, recent map[string]bool) resolution {
	me := stamp{cl.At, cl.ID}
	out := cl
	out.Records = nil
	conflicts := 0
	var met []data.Record
	// Which cards exist after the change's card records, for links and
	// references.
	cards := func(id string) bool { return m.Cards[id] != nil }
	gone, made := map[string]bool{}, map[string]bool{}
	has := func(id string) bool { return made[id] || (!gone[id] && cards(id)) }
	present := func(r data.Record) bool {
		switch r.Entity {
		case data.EntityCard:
			return has(r.ID)
		case data.EntityLink:
			return m.Links[r.ID] != nil && !gone["link:"+r.ID] || made["link:"+r.ID]
		}
		return true
	}
	mark := func(r data.Record, exists bool) {
		id := r.ID
		if r.Entity == data.EntityLink {
			id = "link:" + id
		}
		if r.Entity == data.EntityBoard {
			return
		}
		if exists {
			made[id], gone[id] = true, false
		} else {
			gone[id], made[id] = true, false
		}
	}
	var links []data.Record
	for _, r := range cl.Records {
		k := entityKey{r.Entity, r.ID}
		if r.Entity == data.EntityLink {
			links = append(links, r)
			continue
		}
		rr, ok, c := resolveRecord(r, k, me, s, recent, present(r))
		if ok {
			out.Records = append(out.Records, rr)
			mark(rr, rr.Action != "delete")
		}
		conflicts += c
		if c > 0 && r.Entity == data.EntityCard {
			met = append(met, r)
		}
	}
	// References to cards gone are cleared, as Expand clears them when the
	// card goes here.
	for i, r := range out.Records {
		if r.Entity != data.EntityCard || r.Action == "delete" {
			continue
		}
		for _, f := range []string{"speaker_id", "source_id"} {
			if v, ok := r.After[f].(string); ok && v != "" && !has(v) {
				after := copyMap(out.Records[i].After)
				after[f] = ""
				out.Records[i].After = after
			}
		}
	}
	for _, r := range links {
		k := entityKey{r.Entity, r.ID}
		rr, ok, c := resolveRecord(r, k, me, s, recent, present(r))
		conflicts += c
		if c > 0 {
			met = append(met, r)
		}
		if !ok {
			continue
		}
		if rr.Action != "delete" {
			from, to := linkEnds(m, rr)
			if !has(from) || !has(to) {
				conflicts++
				continue
			}
		}
		out.Records = append(out.Records, rr)
		mark(rr, rr.Action != "delete")
	}
	for _, r := range out.Records {
		s.stampRecord(r, me)
	}
	return resolution{log: out, conflicts: conflicts, met: met}
}

// resolveRecord is resolve for one record: the record as it applies (ok
// false when none of it does) and whether it met a recent edit here.
func resolveRecord(r data.Record, k entityKey, me stamp, s *stamps, recent map[string]bool, present bool) (data.Record, bool, int) {
	conflict := 0
	meets := func(st stamp, ok bool) {
		if ok && recent[st.uuid] {
			conflict = 1
		}
	}
	switch r.Action {
	case "delete":
		st, ok := s.get(k, existence)
		meets(st, ok)
		if ok && st.after(me) {
			return r, false, conflict // made again later
		}
		return r, true, conflict
	case "create", "update":
		if !present {
			if r.Action == "update" || r.Entity == data.EntityBoard {
				if r.Entity != data.EntityBoard {
					return r, false, 1 // deleted here, or by a change this copy has
				}
			} else {
				if st, ok := s.get(k, existence); ok && st.after(me) {
					meets(st, ok)
					return r, false, conflict // deleted later
				}
				return r, true, 0
			}
		}
		after := map[string]any{}
		for f, v := range r.After {
			st, ok := s.get(k, f)
			meets(st, ok)
			if ok && st.after(me) {
				continue
			}
			after[f] = v
		}
		if len(after) == 0 && r.Action == "update" {
			return r, false, conflict
		}
		r.After = after
		return r, true, conflict
	}
	return r, false, 0
}

func linkEnds(m *data.Model, r data.Record) (from, to string) {
	if l := m.Links[r.ID]; l != nil {
		from, to = l.From, l.To
	}
	if v, ok := r.After["from"].(string); ok {
		from = v
	}
	if v, ok := r.After["to"].(string); ok {
		to = v
	}
	return from, to
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// knownAction reports whether every record is one this version applies.
func knownRecords(recs []data.Record) (bad string) {
	for _, r := range recs {
		switch r.Action {
		case "create", "update", "delete":
		default:
			return "an unknown action " + strings.ToValidUTF8(clip(r.Action), "?")
		}
		switch r.Entity {
		case data.EntityBoard, data.EntityCard, data.EntityLink, data.EntityDocument:
		default:
			return "an unknown kind of thing " + strings.ToValidUTF8(clip(string(r.Entity)), "?")
		}
		if r.ID == "" {
			return "a record without an ID"
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return `"` + s + `"`
}
