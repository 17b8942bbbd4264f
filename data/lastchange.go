package data

import (
	"fmt"
	"time"
)

// LastChange returns the time of the newest change in the file's history
// (UTC) and how many changes the history holds, for a brief's "Board as
// of" line and its integrity note. A board's own updated time moves only
// when its properties are edited; this moves with every change. A file
// with no history yet (or from before the history was kept) gives the zero
// time and 0. A time that cannot be read counts as the zero time.
func (s *Store) LastChange() (time.Time, int, error) {
	if s == nil || s.db == nil {
		return time.Time{}, 0, fmt.Errorf("the board is closed")
	}
	var tables int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'history'`).
		Scan(&tables); err != nil {
		return time.Time{}, 0, fmt.Errorf("%s: reading the history: %w", s.path, err)
	}
	if tables == 0 {
		return time.Time{}, 0, nil
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(DISTINCT change_no) FROM history`).Scan(&n); err != nil {
		return time.Time{}, 0, fmt.Errorf("%s: reading the history: %w", s.path, err)
	}
	if n == 0 {
		return time.Time{}, 0, nil
	}
	// The newest change is the one with the highest number; its rows may
	// carry slightly different times (an amended change), so the latest.
	rows, err := s.db.Query(`SELECT at FROM history WHERE change_no = (SELECT max(change_no) FROM history)`)
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("%s: reading the history: %w", s.path, err)
	}
	defer rows.Close()
	var last time.Time
	for rows.Next() {
		var at string
		if err := rows.Scan(&at); err != nil {
			return time.Time{}, 0, fmt.Errorf("%s: reading the history: %w", s.path, err)
		}
		if t := parseTime(at); !t.IsZero() && t.Year() > 1 && t.After(last) {
			last = t
		}
	}
	if err := rows.Err(); err != nil {
		return time.Time{}, 0, fmt.Errorf("%s: reading the history: %w", s.path, err)
	}
	return last, n, nil
}
