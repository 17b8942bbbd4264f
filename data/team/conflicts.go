package team

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"evidenceboard/data"
)

// When a pulled change and a change made here since the last pull set the
// same card or link, the later one wins on every copy (resolve); the
// other version is kept in the board's team_conflicts table (schema 7),
// one row per card or link, as a data.MergeConflict — the same record,
// the same Describe and the same flip (Case.ResolveConflict) as a merge's
// conflicts — until the person has reviewed it (Reviewed). "Mine" is this
// copy's version, "theirs" the pulled change's. Only the fields the two
// changes both set differ between the two versions: flipping one puts
// back those fields and leaves the rest of the card as it is.
//
// An edit pulled for a card deleted here is dropped (the deletion wins,
// as it does in a merge) and counted, but not kept: this copy no longer
// has the card the edit would apply to.

// conflictsOf makes the conflicts kept for review from a pulled change:
// met is the records resolve found meeting a change made here, before the
// board before the change applies, ch the change as it applies (Replay's)
// and at the pulled change's time.
func conflictsOf(before *data.Model, ch data.Change, met []data.Record, at time.Time) []data.MergeConflict {
	var out []data.MergeConflict
	for _, r := range met {
		switch r.Entity {
		case data.EntityCard:
			cur := before.Cards[r.ID]
			if cur == nil {
				continue
			}
			after := cur
			if slices.Contains(ch.DeleteCards, r.ID) {
				after = nil
			} else if i := slices.IndexFunc(ch.PutCards, func(c data.Card) bool { return c.ID == r.ID }); i >= 0 {
				after = &ch.PutCards[i]
			}
			c := data.MergeConflict{Entity: "card", ID: r.ID, Title: cur.Title, MineAt: cur.Updated, TheirsAt: at}
			if r.Action != "delete" {
				base := cur
				if after != nil {
					base = after
				}
				t := data.CardWith(*base, r.After)
				c.TheirsCard = &t
			}
			if after == nil {
				c.MineCard = cur
			} else {
				m := data.CardWith(*after, pick(data.CardValues(cur), r.After))
				c.MineCard = &m
			}
			if after != nil {
				c.Title = after.Title // as the board shows it now
			}
			if c.TheirsCard != nil && sameValues(data.CardValues(c.MineCard), data.CardValues(c.TheirsCard), r.After) {
				continue // both set the same: nothing to review
			}
			c.KeptTheirs = after == nil || c.TheirsCard != nil && sameValues(data.CardValues(after), data.CardValues(c.TheirsCard), r.After)
			out = append(out, c)
		case data.EntityLink:
			cur := before.Links[r.ID]
			if cur == nil {
				continue
			}
			after := cur
			if slices.Contains(ch.DeleteLinks, r.ID) {
				after = nil
			} else if i := slices.IndexFunc(ch.PutLinks, func(l data.Link) bool { return l.ID == r.ID }); i >= 0 {
				after = &ch.PutLinks[i]
			}
			c := data.MergeConflict{Entity: "link", ID: r.ID, Title: linkTitle(before, cur), MineAt: cur.Updated, TheirsAt: at}
			if r.Action != "delete" {
				base := cur
				if after != nil {
					base = after
				}
				t := data.LinkWith(*base, r.After)
				c.TheirsLink = &t
			}
			if after == nil {
				c.MineLink = cur
			} else {
				m := data.LinkWith(*after, pick(data.LinkValues(cur), r.After))
				c.MineLink = &m
			}
			if c.TheirsLink != nil && sameValues(data.LinkValues(c.MineLink), data.LinkValues(c.TheirsLink), r.After) {
				continue
			}
			c.KeptTheirs = after == nil || c.TheirsLink != nil && sameValues(data.LinkValues(after), data.LinkValues(c.TheirsLink), r.After)
			out = append(out, c)
		}
	}
	return out
}

// pick is the values of vals under the names fields has.
func pick(vals, fields map[string]any) map[string]any {
	out := map[string]any{}
	for f := range fields {
		if v, ok := vals[f]; ok {
			out[f] = v
		}
	}
	return out
}

// sameValues reports whether a and b agree on the fields named.
func sameValues(a, b, fields map[string]any) bool {
	ja, _ := json.Marshal(pick(a, fields))
	jb, _ := json.Marshal(pick(b, fields))
	return string(ja) == string(jb)
}

func linkTitle(m *data.Model, l *data.Link) string {
	name := func(id string) string {
		if c := m.Cards[id]; c != nil && c.Title != "" {
			return c.Title
		}
		return "a card"
	}
	return fmt.Sprintf("%s → %s (%s)", name(l.From), name(l.To), l.Relation)
}

// saveConflicts keeps conflicts for review, in the pulled change's
// transaction; a later conflict on the same card or link replaces an
// earlier one.
func saveConflicts(tx *sql.Tx, cs []data.MergeConflict) error {
	if len(cs) == 0 {
		return nil
	}
	st, err := tx.Prepare(`INSERT OR REPLACE INTO team_conflicts (entity, id, title, mine, theirs, mine_at, theirs_at, kept_theirs)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, c := range cs {
		mine, theirs := version(c.MineCard), version(c.TheirsCard)
		if c.Entity == "link" {
			mine, theirs = version(c.MineLink), version(c.TheirsLink)
		}
		if _, err := st.Exec(c.Entity, c.ID, c.Title, mine, theirs,
			c.MineAt.UTC().Format(stampLayout), c.TheirsAt.UTC().Format(stampLayout), c.KeptTheirs); err != nil {
			return err
		}
	}
	return nil
}

// version is a side's version as team_conflicts keeps it: JSON, or ""
// for a deletion.
func version[T any](v *T) string {
	if v == nil {
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Conflicts reads the conflicts a board keeps for review, oldest card or
// link first by title. The file is trusted no more than the server: a
// version that does not read back as a valid card or link is an error
// naming the board.
func Conflicts(s *data.Store) ([]data.MergeConflict, error) {
	var out []data.MergeConflict
	err := s.Tx(func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT entity, id, title, mine, theirs, mine_at, theirs_at, kept_theirs FROM team_conflicts ORDER BY title, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c data.MergeConflict
			var mine, theirs, mineAt, theirsAt string
			if err := rows.Scan(&c.Entity, &c.ID, &c.Title, &mine, &theirs, &mineAt, &theirsAt, &c.KeptTheirs); err != nil {
				return err
			}
			c.MineAt, _ = time.Parse(stampLayout, mineAt)
			c.TheirsAt, _ = time.Parse(stampLayout, theirsAt)
			if err := readVersions(&c, mine, theirs); err != nil {
				return fmt.Errorf("its team conflict on %s %s cannot be read: %v", c.Entity, data.Printable(clip(c.ID)), err)
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fileErr(s, err)
	}
	return out, nil
}

func readVersions(c *data.MergeConflict, mine, theirs string) error {
	if mine == "" && theirs == "" {
		return fmt.Errorf("both versions are empty")
	}
	for _, v := range []struct {
		text string
		card **data.Card
		link **data.Link
	}{{mine, &c.MineCard, &c.MineLink}, {theirs, &c.TheirsCard, &c.TheirsLink}} {
		if v.text == "" {
			continue
		}
		switch c.Entity {
		case "card":
			var x data.Card
			if err := json.Unmarshal([]byte(v.text), &x); err != nil {
				return err
			}
			if x.ID != c.ID {
				return fmt.Errorf("a version of another card")
			}
			if err := x.Validate(); err != nil {
				return err
			}
			*v.card = &x
		case "link":
			var x data.Link
			if err := json.Unmarshal([]byte(v.text), &x); err != nil {
				return err
			}
			if x.ID != c.ID {
				return fmt.Errorf("a version of another link")
			}
			if err := x.Validate(); err != nil {
				return err
			}
			*v.link = &x
		default:
			return fmt.Errorf("not a card or a link")
		}
	}
	return nil
}

// Reviewed drops conflicts the person has reviewed (kept as they are or
// flipped): they are no longer counted.
func Reviewed(s *data.Store, cs []data.MergeConflict) error {
	return fileErr(s, s.Tx(func(tx *sql.Tx) error {
		for _, c := range cs {
			if _, err := tx.Exec(`DELETE FROM team_conflicts WHERE entity = ? AND id = ?`, c.Entity, c.ID); err != nil {
				return err
			}
		}
		return nil
	}))
}
