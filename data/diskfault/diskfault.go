// Package diskfault damages a board file as a failing disk does, for
// tests: in place, its size and modification time kept, so that nothing
// but reading the damaged page tells; and leaves one as a crash in the
// middle of a change does (Crash). It imports SQLite's driver, not
// package data, so that data's own tests can use it.
package diskfault

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"

	_ "modernc.org/sqlite" // the "sqlite" driver, to find the page
)

// SpoilIndexRoot writes a page type no b-tree page has over the root page
// of the index named index in the SQLite file at path: a page a load of
// the board never reads, which only the check of the whole file finds.
func SpoilIndexRoot(path, index string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	var root, pageSize int64
	err = db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND name = ?`, index).Scan(&root)
	if err == nil {
		err = db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	}
	db.Close()
	if err != nil {
		return fmt.Errorf("index %s: %w", index, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if root < 2 {
		return fmt.Errorf("index %s: root page %d", index, root)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteAt([]byte{0x07}, (root-1)*pageSize) // no b-tree page has type 7
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Chtimes(path, st.ModTime(), st.ModTime())
}

// journalMagic opens every SQLite rollback journal's header (data keeps
// its own: this package does not import data).
var journalMagic = []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}

// Crash copies the board at src into dir and, in the middle of a write to
// the copy that has spilled to the file (a tiny page cache), takes the
// file and its journal as a crash would leave them, and returns both. The
// write rewrites every card's body, so the board needs cards enough to
// spill (a dozen); the copy is removed.
func Crash(src, dir string) (board, journal []byte, err error) {
	b, err := os.ReadFile(src)
	if err != nil {
		return nil, nil, err
	}
	work, err := os.CreateTemp(dir, "crash-*.evboard")
	if err != nil {
		return nil, nil, err
	}
	path := work.Name()
	work.Close()
	defer os.Remove(path)
	defer os.Remove(path + "-journal")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return nil, nil, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(DELETE)&_pragma=cache_size(2)")
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE cards SET body = hex(randomblob(2000))`); err != nil {
		return nil, nil, err
	}
	if board, err = os.ReadFile(path); err != nil {
		return nil, nil, err
	}
	if journal, err = os.ReadFile(path + "-journal"); err != nil || !bytes.HasPrefix(journal, journalMagic) {
		return nil, nil, fmt.Errorf("no hot journal in the middle of a write (%v)", err)
	}
	return board, journal, nil
}
