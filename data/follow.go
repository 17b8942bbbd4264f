package data

import (
	"encoding/binary"
	"io"
	"os"
	"time"
)

// Stamp is how a board opened read-only tells, cheaply, that the Evidence
// Board writing it has committed since: the file's size and time, and
// SQLite's file change counter, which every commit in rollback-journal
// mode moves (sqlite.org/fileformat.html, 1.3.8). Two equal stamps mean
// no commit came between them; a different one means one may have.
type Stamp struct {
	size    int64
	mod     time.Time
	counter uint32
}

// Stamp reads the file's stamp without a query and without a lock: a few
// bytes and a stat, for polling.
func (s *Store) Stamp() (Stamp, error) {
	f, err := os.Open(s.path)
	if err != nil {
		return Stamp{}, fileErr(s.path, "cannot read: %v", unwrapPathErr(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Stamp{}, fileErr(s.path, "cannot read: %v", unwrapPathErr(err))
	}
	var b [4]byte
	if _, err := f.ReadAt(b[:], 24); err != nil && err != io.EOF {
		return Stamp{}, fileErr(s.path, "cannot read: %v", unwrapPathErr(err))
	}
	return Stamp{size: fi.Size(), mod: fi.ModTime(), counter: binary.BigEndian.Uint32(b[:])}, nil
}

// LastChangeNo is the number of the newest change in the file's history,
// 0 when there is none (or the board is older than schema 3): a copy that
// has made every change up to it asks ChangesSince for what follows.
func (s *Store) LastChangeNo() (int64, error) {
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return 0, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	if v < 3 {
		return 0, nil
	}
	var no int64
	if err := s.db.QueryRow(`SELECT coalesce(max(no), 0) FROM changes`).Scan(&no); err != nil {
		return 0, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	return no, nil
}
