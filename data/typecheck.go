package data

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// checkValues refuses a board any of whose rows holds a value of the
// wrong SQLite type (a card id stored as a BLOB passes every other check,
// and the first edit then writes a second row with a text id) or a text
// over MaxTextLen. It runs in SQL before anything is loaded, so a file
// of a hundred 10 MB fields is refused without holding them in memory.
// The expected types come from the entity definitions, the one list of
// each kind's fields.
//
// A table empty says is empty is not read: preparing a table's part of the
// statement costs more than reading a small table, and empty is what
// checkCounts found in the same read transaction. The parts of a document
// go with the documents: with none, checkCounts has found every part
// belonging to no document, and refused any.
func checkValues(db *sql.DB, version int, empty map[string]bool) error {
	vc := valueChecksAt(version)
	mask := 0
	for i, c := range vc.checks {
		if empty[c.table] || (c.table == "document_parts" && empty["documents"]) {
			mask |= 1 << i
		}
	}
	if mask == 1<<len(vc.checks)-1 {
		return nil
	}
	var table, id string
	err := db.QueryRow(vc.query(mask)).Scan(&table, &id)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		if strings.Contains(err.Error(), "too big") {
			return fmt.Errorf("holds a value over %d MiB, more than any board holds; refusing it", LimitLength>>20)
		}
		return fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	what := table
	for _, c := range vc.checks {
		if c.table == table {
			what = c.what
		}
	}
	return fmt.Errorf("damaged: a %s (row %s) holds a value of the wrong type or a text over %d bytes", what, id, MaxTextLen)
}

// valueCheck is one table's part of checkValues: its rows with a value of
// the wrong type or too long are those where conds is not true.
type valueCheck struct{ table, what, conds string }

// valueChecks is checkValues' one statement and its parts: the first row,
// table by table in the parts' order, with a value of the wrong type or
// too long, as its table's name and its rowid. One statement, not one per
// table: preparing is most of what the check of a small board costs.
type valueChecks struct {
	checks  []valueCheck
	queries sync.Map // mask of the parts left out -> statement
}

// query is the statement without the parts whose bit is set in mask.
func (vc *valueChecks) query(mask int) string {
	if q, ok := vc.queries.Load(mask); ok {
		return q.(string)
	}
	var parts []string
	for i, c := range vc.checks {
		if mask&(1<<i) == 0 {
			parts = append(parts, `SELECT '`+c.table+`', CAST(rowid AS TEXT) FROM `+c.table+` WHERE NOT (`+c.conds+`)`)
		}
	}
	// UNION ALL runs its parts in order and LIMIT stops it at the first
	// row found.
	q := strings.Join(parts, "\nUNION ALL ") + "\nLIMIT 1"
	vc.queries.Store(mask, q)
	return q
}

// valueChecksByVersion are checkValues' statements by schema version,
// built once per process: every full inspection runs them.
var valueChecksByVersion sync.Map // int -> *valueChecks

func valueChecksAt(version int) *valueChecks {
	if c, ok := valueChecksByVersion.Load(version); ok {
		return c.(*valueChecks)
	}
	text := func(col string) string {
		return "typeof(" + col + ") = 'text' AND octet_length(" + col + ") <= " + strconv.Itoa(MaxTextLen)
	}
	checks := []valueCheck{
		{"cards", "card", valueConds(cardDef, version, "id", "updated")},
		{"links", "link", valueConds(linkDef, version, "id", "updated")},
		{"board", "board properties", valueConds(boardDef, version, "created", "updated")},
		{"tags", "tag", "typeof(card_id) = 'text' AND " + text("tag")},
	}
	if version >= 4 {
		// A document's text is one value up to MaxDocumentTextBytes, not
		// a field's MaxTextLen; its bytes are BLOBs in parts.
		checks = append(checks,
			valueCheck{"documents", "document",
				valueConds(documentDef, version, "id", "updated") + " AND typeof(text) = 'text'"},
			valueCheck{"document_parts", "document part",
				"typeof(sha256) = 'text' AND typeof(part) = 'integer' AND typeof(bytes) = 'blob'"})
	}
	vc := &valueChecks{checks: checks}
	valueChecksByVersion.Store(version, vc)
	return vc
}

// valueConds is the SQL condition every row of d's table meets: each
// column of its type (text, or a number; a reference may be NULL), and no
// text longer than MaxTextLen bytes. The statement is prepared at every
// full inspection, and its length is most of what that costs: the length
// is octet_length (not length(CAST(… AS BLOB)), which also copies), and
// a NULL's length, NULL, leaves the condition NULL, which NOT does not
// turn true, so a NULL where one is allowed passes. textCols are further text columns
// the entity keeps outside its field list.
func valueConds[T any](d *entityDef[T], version int, textCols ...string) string {
	var conds []string
	text := func(col string, null bool) {
		t := "typeof(" + col + ") = 'text'"
		if null {
			t = "typeof(" + col + ") IN ('text', 'null')"
		}
		conds = append(conds, t, "octet_length("+col+") <= "+strconv.Itoa(MaxTextLen))
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
