package data

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// writeVersion3Team makes a board as schema 3 wrote it: one card made by one
// change.
func writeVersion3Team(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v3"+Extension)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)}
	for v := 1; v <= 3; v++ {
		text, err := schemaFS.ReadFile(fmt.Sprintf("schema/%d.sql", v))
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(text))
	}
	const t0 = "2025-01-02T03:04:05.000Z"
	stmts = append(stmts,
		`PRAGMA user_version = 3`,
		`INSERT INTO board (id, title, created, updated) VALUES (1, 'Case three', '`+t0+`', '`+t0+`')`,
		`INSERT INTO cards (id, kind, title, x, y, width, height, created, updated)
			VALUES ('c1', 'note', 'A note', 10, 20, 200, 80, '`+t0+`', '`+t0+`')`,
		`INSERT INTO changes (no, uuid, at, author, label) VALUES (1, '5f0c8a9e-0b1d-4c2e-9f3a-1b2c3d4e5f60', '`+t0+`', 'A', 'Add note')`,
		`INSERT INTO history (change_no, at, action, entity, entity_id, before, after)
			VALUES (1, '', 'create', 'card', 'c1', NULL, '{"kind":"note","title":"A note","x":10,"y":20}')`,
	)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOpenStepsUpToTeamTables(t *testing.T) {
	for _, tc := range []struct {
		name  string
		query string
		want  int
	}{
		{"team_link starts empty", `SELECT count(*) FROM team_link`, 0},
		{"no change is marked as on a server", `SELECT count(*) FROM team_changes`, 0},
		{"no field is stamped", `SELECT count(*) FROM team_stamps`, 0},
		{"the change is kept", `SELECT count(*) FROM changes`, 1},
		{"the card is kept", `SELECT count(*) FROM cards WHERE title = 'A note'`, 1},
		{"the version is the newest", `PRAGMA user_version`, SchemaVersion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeVersion3Team(t)
			cs, err := OpenCase(path)
			if err != nil {
				t.Fatal(err)
			}
			defer cs.Close()
			var n int
			if err := cs.Store().db.QueryRow(tc.query).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != tc.want {
				t.Fatalf("%s: %d, want %d", tc.query, n, tc.want)
			}
		})
	}
}

// A board stepped up passes the full check, and one whose team
// tables hold what no version writes is refused.
func TestTeamRowsChecked(t *testing.T) {
	for _, tc := range []struct {
		name   string
		insert string
		ok     bool
	}{
		{"a pushed change", `INSERT INTO team_changes (no, origin, at) VALUES (1, 'pushed', 'x')`, true},
		{"an unknown origin", `PRAGMA ignore_check_constraints = 1; INSERT INTO team_changes (no, origin) VALUES (1, 'stolen')`, false},
		{"a change that is not there", `PRAGMA foreign_keys = 0; INSERT INTO team_changes (no, origin) VALUES (99, 'pulled')`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeVersion3Team(t)
			cs, err := OpenCase(path)
			if err != nil {
				t.Fatal(err)
			}
			cs.Close()
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(tc.insert); err != nil {
				t.Fatal(err)
			}
			db.Close()
			_, err = Inspect(path, true)
			if (err == nil) != tc.ok {
				t.Fatalf("inspect: %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
