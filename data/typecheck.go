package data

import (
	"database/sql"
	"fmt"
	"strings"
)

// checkValues refuses a board any of whose rows holds a value of the
// wrong SQLite type (a card id stored as a BLOB passes every other check,
// and the first edit then writes a second row with a text id) or a text
// over MaxTextLen. It runs in SQL before anything is loaded, so a file
// of a hundred 10 MB fields is refused without holding them in memory.
// The expected types come from the entity definitions, the one list of
// each kind's fields.
func checkValues(db *sql.DB, version int) error {
	checks := []struct {
		table, what, conds string
	}{
		{"cards", "card", valueConds(cardDef, version, "id", "updated")},
		{"links", "link", valueConds(linkDef, version, "id", "updated")},
		{"board", "board properties", valueConds(boardDef, version, "created", "updated")},
		{"tags", "tag", "typeof(card_id) = 'text' AND typeof(tag) = 'text' AND length(CAST(tag AS BLOB)) <= " + fmt.Sprint(MaxTextLen)},
	}
	if version >= 4 {
		// A document's text is one value up to MaxDocumentTextBytes, not
		// a field's MaxTextLen; its bytes are BLOBs in parts.
		checks = append(checks,
			struct{ table, what, conds string }{"documents", "document",
				valueConds(documentDef, version, "id", "updated") + " AND typeof(text) = 'text'"},
			struct{ table, what, conds string }{"document_parts", "document part",
				"typeof(sha256) = 'text' AND typeof(part) = 'integer' AND typeof(bytes) = 'blob'"})
	}
	for _, c := range checks {
		var id string
		err := db.QueryRow(`SELECT CAST(rowid AS TEXT) FROM ` + c.table + ` WHERE NOT (` + c.conds + `) LIMIT 1`).Scan(&id)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			if strings.Contains(err.Error(), "too big") {
				return fmt.Errorf("holds a value over %d MiB, more than any board holds; refusing it", LimitLength>>20)
			}
			return fmt.Errorf("damaged: %v", shortSQLiteErr(err))
		}
		return fmt.Errorf("damaged: a %s (row %s) holds a value of the wrong type or a text over %d bytes", c.what, id, MaxTextLen)
	}
	return nil
}

// valueConds is the SQL condition every row of d's table meets: each
// column of its type (text, or a number; a reference may be NULL), and no
// text longer than MaxTextLen bytes. textCols are further text columns
// the entity keeps outside its field list.
func valueConds[T any](d *entityDef[T], version int, textCols ...string) string {
	var conds []string
	text := func(col string, null bool) {
		t := "typeof(" + col + ") = 'text'"
		if null {
			t = "(" + t + " OR " + col + " IS NULL)"
		}
		conds = append(conds, t, fmt.Sprintf("(%s IS NULL OR length(CAST(%s AS BLOB)) <= %d)", col, col, MaxTextLen))
	}
	for _, c := range textCols {
		text(c, false)
	}
	var zero T
	for _, f := range d.fields {
		if !f.column {
			continue
		}
		if version < f.since {
			continue // a column a later schema step added
		}
		col := column(f.name)
		switch f.get(&zero).(type) {
		case string:
			text(col, d.sqlValue(f.name, "") == nil)
		case bool:
			// database/sql scans only 0 and 1 into a bool; 2 or -1 would be
			// refused later in its words ("Scan error on column index…").
			conds = append(conds, "typeof("+col+") IN ('integer', 'real')", col+" IN (0, 1)")
		default: // numbers and booleans are stored as numbers
			conds = append(conds, "typeof("+col+") IN ('integer', 'real')")
		}
	}
	return allOf(conds)
}

// allOf joins conds with AND as a balanced tree: a flat chain of this
// many terms is deeper than the expression depth our connections allow
// (sqlite_limits.go).
func allOf(conds []string) string {
	if len(conds) <= 4 {
		return "(" + strings.Join(conds, " AND ") + ")"
	}
	mid := len(conds) / 2
	return "(" + allOf(conds[:mid]) + " AND " + allOf(conds[mid:]) + ")"
}
