package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// Limits on how much a board may hold, beyond those on each value in
// model.go. A file over them is refused before it is loaded, so a stranger
// cannot make us allocate without bound.
const (
	MaxCards       = 500_000
	MaxLinks       = 2_000_000
	MaxTagsPerCard = 1000
)

// schemaObject is a row of sqlite_schema. In a reference schema, sql is
// through normSQL and raw is the text as SQLite keeps it.
type schemaObject struct{ typ, name, table, sql, raw string }

var (
	refSchemaMu sync.Mutex
	refSchemas  = map[int]map[string]schemaObject{}
)

// referenceSchema is the schema a board at version v holds: what running
// schema/1.sql … schema/v.sql on an empty database gives, read back from
// sqlite_schema, each object's SQL through normSQL. Files are compared against it rather than against a list
// of names, so a table with a dropped PRIMARY KEY or an added column is
// refused as surely as a trigger. Schema steps, once released, must never
// change: old files are compared with what their steps created.
func referenceSchema(v int) (map[string]schemaObject, error) {
	refSchemaMu.Lock()
	defer refSchemaMu.Unlock()
	if s, ok := refSchemas[v]; ok {
		return s, nil
	}
	c, err := sqlite.NewConnector("file:reference?mode=memory")
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(c)
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	for i := 1; i <= v; i++ {
		if err := runSchemaStep(tx, i); err != nil {
			return nil, err
		}
	}
	rows, err := tx.Query(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		o.raw, o.sql = o.sql, normSQL(o.sql) // once, not at every inspection (see sameSQL)
		out[o.name] = o
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	refSchemas[v] = out
	return out, nil
}

// normSQL folds runs of white space to one space, so that a schema is not
// refused for its indentation.
func normSQL(s string) string { return strings.Join(strings.Fields(s), " ") }

// sameSQL reports whether normSQL(s) == norm, without making the string:
// every inspection compares every object of the file's schema.
func sameSQL(norm, s string) bool {
	i := 0 // next byte of norm
	for f := range strings.FieldsSeq(s) {
		if i > 0 {
			if i >= len(norm) || norm[i] != ' ' {
				return false
			}
			i++
		}
		if !strings.HasPrefix(norm[i:], f) {
			return false
		}
		i += len(f)
	}
	return i == len(norm)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkCounts refuses a board too big to load, and history or tombstone
// rows that no version of Evidence Board writes. The history's JSON is
// checked only in the full check (`evidenceboard check`): it can be large,
// and whatever it holds is read defensively (History and merge skip what
// they cannot decode), so opening need not pay for it.
//
// Every count is one column of a single statement (countChecksAt):
// preparing a statement costs more than counting a small board's rows,
// and every inspection runs these. The verdict is the first count, in the
// list's order, that is over its limit.
//
// It gives the tables it found empty (see checkValues).
func checkCounts(db *sql.DB, version int, full bool) (empty map[string]bool, err error) {
	cc := countChecksAt(version, full)
	ns := make([]int64, len(cc.checks))
	dest := make([]any, len(ns))
	for i := range ns {
		dest[i] = &ns[i]
	}
	if err := db.QueryRow(cc.query).Scan(dest...); err != nil {
		return nil, fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	empty = map[string]bool{}
	for i, c := range cc.checks {
		if ns[i] > c.max {
			return nil, c.refuse(ns[i])
		}
		if c.table != "" && ns[i] == 0 {
			empty[c.table] = true
		}
	}
	return empty, nil
}

// countCheck is one count of checkCounts: the board is refused when q, a
// count, gives more than max. A count of 0 says that table is empty, when
// table is set.
type countCheck struct {
	q      string
	max    int64
	refuse func(n int64) error
	table  string
}

type countChecks struct {
	checks []countCheck
	query  string
}

// countChecksByKey are checkCounts' statements by schema version and
// full, built once per process.
var countChecksByKey sync.Map // [2]int -> *countChecks

func countChecksAt(version int, full bool) *countChecks {
	key := [2]int{version, 0}
	if full {
		key[1] = 1
	}
	if c, ok := countChecksByKey.Load(key); ok {
		return c.(*countChecks)
	}
	limit := func(what string, max int64) func(int64) error {
		return func(n int64) error { return fmt.Errorf("holds %d %s, over the limit of %d", n, what, max) }
	}
	none := func(format string) func(int64) error {
		return func(n int64) error { return fmt.Errorf(format, n) }
	}
	checks := []countCheck{
		{`SELECT count(*) FROM cards`, MaxCards, limit("cards", MaxCards), "cards"},
		{`SELECT count(*) FROM links`, MaxLinks, limit("links", MaxLinks), "links"},
		// The most on one card is 0 only when there are none.
		{`SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM tags GROUP BY card_id)`, MaxTagsPerCard, limit("tags on one card", MaxTagsPerCard), "tags"},
	}
	if version >= 4 {
		checks = append(checks,
			countCheck{`SELECT count(*) FROM documents`, MaxDocuments, limit("documents", MaxDocuments), "documents"},
			// The foreign key is not checked on opening (see inspectDB),
			// and no document's bytes would ever read these.
			countCheck{q: `SELECT count(*) FROM document_parts WHERE sha256 NOT IN (SELECT id FROM documents)`,
				refuse: none("damaged: %d document parts belong to no document")})
	}
	if version >= 2 {
		q := `SELECT count(*) FROM history WHERE action NOT IN ('create', 'update', 'delete')
		OR entity NOT IN ('card', 'link', 'board', 'document')`
		if full {
			q += ` OR (before IS NOT NULL AND (typeof(before) != 'text' OR NOT json_valid(before)))
		OR (after IS NOT NULL AND (typeof(after) != 'text' OR NOT json_valid(after)))`
		}
		checks = append(checks, countCheck{q: q, refuse: none("damaged: %d history entries are not as Evidence Board writes them")})
		if version >= 3 {
			// Every record belongs to a change; a change's number is its row.
			checks = append(checks, countCheck{q: `SELECT count(*) FROM history WHERE change_no NOT IN (SELECT no FROM changes)`,
				refuse: none("damaged: %d history entries belong to no change")})
		}
		if version >= 5 {
			// A team link's changes are changes of this board, pushed or pulled.
			checks = append(checks, countCheck{q: `SELECT count(*) FROM team_changes WHERE origin NOT IN ('pushed', 'pulled')
			OR no NOT IN (SELECT no FROM changes)`, refuse: none("damaged: %d team sync records are not as Evidence Board writes them")})
		}
		checks = append(checks, countCheck{q: `SELECT count(*) FROM deleted WHERE entity NOT IN ('card', 'link', 'document')`,
			refuse: none("damaged: %d deletion records name an unknown kind of thing")})
	}
	cols := make([]string, len(checks))
	for i, c := range checks {
		cols[i] = "(" + c.q + ")"
	}
	cc := &countChecks{checks: checks, query: "SELECT " + strings.Join(cols, ",\n\t")}
	countChecksByKey.Store(key, cc)
	return cc
}
