// Package diskfault damages a board file as a failing disk does, for
// tests: in place, its size and modification time kept, so that nothing
// but reading the damaged page tells; and leaves one as a crash in the
// middle of a change does (Crash). It imports SQLite's driver, not
// package data, so that data's own tests can use it.
package diskfault

import (
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

// Crash takes the board src (a file's bytes) as a crash in the middle of a
// change would leave it: a copy in dir is changed by one transaction that
// spills to the file (a tiny page cache; every card's body rewritten),
// and the file and its journal are read while the
// transaction is still open. The board needs cards enough for their new
// bodies to outgrow the two pages of cache (four do); the copy is
// removed.
func Crash(src []byte, dir string) (board, journal []byte, err error) {
	work, err := os.CreateTemp(dir, "crash-*.evboard")
	if err != nil {
		return nil, nil, err
	}
	path := work.Name()
	work.Close()
	defer os.Remove(path)
	defer os.Remove(path + "-journal")
	if err := os.WriteFile(path, src, 0o644); err != nil {
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
	if _, err := tx.Exec(`UPDATE cards SET body = hex(randomblob(3000))`); err != nil {
		return nil, nil, err
	}
	if board, err = os.ReadFile(path); err != nil {
		return nil, nil, err
	}
	if journal, err = os.ReadFile(path + "-journal"); err != nil || len(journal) == 0 {
		return nil, nil, fmt.Errorf("no journal in the middle of a write (%v)", err)
	}
	return board, journal, nil
}
