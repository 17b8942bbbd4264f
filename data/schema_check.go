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

type schemaObject struct{ typ, name, table, sql string }

var (
	refSchemaMu sync.Mutex
	refSchemas  = map[int]map[string]schemaObject{}
)

// referenceSchema is the schema a board at version v holds: what running
// schema/1.sql … schema/v.sql on an empty database gives, read back from
// sqlite_schema. Files are compared against it rather than against a list
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
func checkCounts(db *sql.DB, version int, full bool) error {
	count := func(q string) (int64, error) {
		var n int64
		err := db.QueryRow(q).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("damaged: %v", shortSQLiteErr(err))
		}
		return n, nil
	}
	for _, c := range []struct {
		q, what string
		max     int64
	}{
		{`SELECT count(*) FROM cards`, "cards", MaxCards},
		{`SELECT count(*) FROM links`, "links", MaxLinks},
		{`SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM tags GROUP BY card_id)`, "tags on one card", MaxTagsPerCard},
	} {
		n, err := count(c.q)
		if err != nil {
			return err
		}
		if n > c.max {
			return fmt.Errorf("holds %d %s, over the limit of %d", n, c.what, c.max)
		}
	}
	if version >= 4 {
		n, err := count(`SELECT count(*) FROM documents`)
		if err != nil {
			return err
		}
		if n > MaxDocuments {
			return fmt.Errorf("holds %d documents, over the limit of %d", n, MaxDocuments)
		}
		// The foreign key is not checked on opening (see inspectDB), and
		// no document's bytes would ever read these.
		n, err = count(`SELECT count(*) FROM document_parts WHERE sha256 NOT IN (SELECT id FROM documents)`)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("damaged: %d document parts belong to no document", n)
		}
	}
	if version < 2 {
		return nil
	}
	q := `SELECT count(*) FROM history WHERE action NOT IN ('create', 'update', 'delete')
		OR entity NOT IN ('card', 'link', 'board', 'document')`
	if full {
		q += ` OR (before IS NOT NULL AND (typeof(before) != 'text' OR NOT json_valid(before)))
		OR (after IS NOT NULL AND (typeof(after) != 'text' OR NOT json_valid(after)))`
	}
	n, err := count(q)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("damaged: %d history entries are not as Evidence Board writes them", n)
	}
	if version >= 3 {
		// Every record belongs to a change; a change's number is its row.
		n, err = count(`SELECT count(*) FROM history WHERE change_no NOT IN (SELECT no FROM changes)`)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("damaged: %d history entries belong to no change", n)
		}
	}
	if version >= 5 {
		// A team link's changes are changes of this board, pushed or pulled.
		n, err = count(`SELECT count(*) FROM team_changes WHERE origin NOT IN ('pushed', 'pulled')
			OR no NOT IN (SELECT no FROM changes)`)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("damaged: %d team sync records are not as Evidence Board writes them", n)
		}
	}
	n, err = count(`SELECT count(*) FROM deleted WHERE entity NOT IN ('card', 'link', 'document')`)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("damaged: %d deletion records name an unknown kind of thing", n)
	}
	return nil
}
