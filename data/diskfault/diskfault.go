// Package diskfault damages a board file as a failing disk does, for
// tests: in place, its size and modification time kept, so that nothing
// but reading the damaged page tells. It imports SQLite's driver, not
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
