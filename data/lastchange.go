package data

import (
	"database/sql"
	"errors"
	"time"
)

// LastChange returns the time of the newest change in the file's history
// (UTC) and how many changes the history holds, for a brief's "Board as
// of" line and its integrity note. A board's own updated time moves only
// when its properties are edited; this moves with every change. A file
// with no history yet (or from before the history was kept) gives the zero
// time and 0. A time that cannot be read counts as the zero time.
func (s *Store) LastChange() (time.Time, int, error) {
	if s == nil {
		return time.Time{}, 0, errors.New("no board")
	}
	if s.db == nil {
		return time.Time{}, 0, fileErr(s.path, "the board is closed")
	}
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return time.Time{}, 0, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	// Schema 3 numbers changes in a table of their own; schema 2 only in
	// the history rows; schema 1 kept no history.
	count, times := `SELECT count(DISTINCT change_no), max(change_no) FROM history`,
		`SELECT at FROM history WHERE change_no = ?`
	switch {
	case v < 2:
		return time.Time{}, 0, nil
	case v >= 3:
		count = `SELECT count(*), max(no) FROM changes`
		// A change amended by later typing keeps its row in changes; its
		// history rows carry the later times.
		times = `SELECT at FROM changes WHERE no = ?1 UNION ALL SELECT at FROM history WHERE change_no = ?1`
	}
	var n int
	var no sql.NullInt64
	if err := s.db.QueryRow(count).Scan(&n, &no); err != nil {
		return time.Time{}, 0, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	if n == 0 || !no.Valid {
		return time.Time{}, 0, nil
	}
	rows, err := s.db.Query(times, no.Int64)
	if err != nil {
		return time.Time{}, 0, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	defer rows.Close()
	var last time.Time
	for rows.Next() {
		var at string
		if err := rows.Scan(&at); err != nil {
			return time.Time{}, 0, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
		}
		if t := parseTime(at); !t.IsZero() && t.Year() > 1 && t.After(last) {
			last = t
		}
	}
	if err := rows.Err(); err != nil {
		return time.Time{}, 0, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	return last, n, nil
}
