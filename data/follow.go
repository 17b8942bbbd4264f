package data

import (
	"context"
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

// Catchup is what a read-only copy of a board lacks of the writer's work
// (Store.Follow): either the changes to make, or the board read whole.
type Catchup struct {
	// Changes are the changes numbered from the one the copy saw last
	// (read again: typing into a field amends the newest change in
	// place), oldest first. Nil when Model is set.
	Changes []ChangeLog
	// Model is the board read whole, when a change cannot be made from
	// the history alone.
	Model *Model
	// Last is the number of the newest change the result holds: the copy
	// has seen it once the result is made.
	Last int64
}

// Follow reads what a read-only copy that has made every change up to
// seen lacks, for the copy to make on the UI thread: reading, the part
// that grows with the board, is done here, on the caller's goroutine.
// With whole set, or when a change stores a document (the history names
// it but does not hold its bytes), the board is read again whole, in one
// read transaction with its newest change number so that the two agree.
// A writer committing meanwhile may make it fail: look again later.
func (s *Store) Follow(seen int64, whole bool) (*Catchup, error) {
	if !whole {
		logs, err := s.ChangesSince(seen - 1)
		if err != nil {
			return nil, err
		}
		if !storesDocument(logs, seen) {
			last := seen
			for _, cl := range logs {
				last = max(last, cl.No)
			}
			return &Catchup{Changes: logs, Last: last}, nil
		}
	}
	// One connection held, in a read transaction of its own, for the
	// load to read through the driver as every load does (onConn).
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fileErr(s.path, "reading the board: %v", shortSQLiteErr(err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		return nil, fileErr(s.path, "reading the board: %v", shortSQLiteErr(err))
	}
	defer conn.ExecContext(ctx, `ROLLBACK`)
	tx := onConn{conn}
	var v int
	var no int64
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return nil, fileErr(s.path, "reading the board: %v", shortSQLiteErr(err))
	}
	if v >= 3 { // older boards keep no change rows
		if err := tx.QueryRow(`SELECT coalesce(max(no), 0) FROM changes`).Scan(&no); err != nil {
			return nil, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
		}
	}
	m, err := load(tx)
	if err != nil {
		return nil, fileErr(s.path, "%v", err)
	}
	return &Catchup{Model: m, Last: no}, nil
}

// storesDocument reports whether one of logs after seen stores a
// document. The one seen was made here already, document and all (it is
// read again only in case typing amended it, which adds no document).
func storesDocument(logs []ChangeLog, seen int64) bool {
	for _, cl := range logs {
		if cl.No <= seen {
			continue
		}
		for _, r := range cl.Records {
			if r.Entity == EntityDocument && r.Action == "create" {
				return true
			}
		}
	}
	return false
}
