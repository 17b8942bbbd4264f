package data

import (
	"database/sql"
	"testing"
)

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
		{"the card is kept", `SELECT count(*) FROM cards WHERE title = 'Old source'`, 1},
		{"the version is the newest", `PRAGMA user_version`, SchemaVersion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeVersion3(t)
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
			path := writeVersion3(t)
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
