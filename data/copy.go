package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
)

// SaveCopy writes a compact, self-contained copy of the board to path
// with SQLite's VACUUM INTO: a consistent snapshot of the last committed
// state, never a raw copy of an open file, with no journal beside it. It
// refuses to replace an existing file, works on a read-only store too, and
// checks the copy (Inspect with the full integrity check) before it
// returns; a copy that fails is removed.
func (s *Store) SaveCopy(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fileErr(path, "cannot write a copy here: %v", err)
	}
	// Claim the name first: VACUUM INTO writes into an empty file, and
	// O_EXCL makes "never overwrite" hold even against a race.
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fileErr(path, "already exists; will not overwrite it")
		}
		return fileErr(path, "cannot write a copy here: %v", unwrapPathErr(err))
	}
	f.Close()
	done := false
	defer func() {
		if !done {
			os.Remove(abs)
			os.Remove(abs + journalSuffix)
		}
	}()
	if err := s.vacuumInto(abs); err != nil {
		return fileErr(path, "cannot write a copy: %v", shortSQLiteErr(err))
	}
	if err := syncFile(abs); err != nil {
		return fileErr(path, "cannot write a copy: %v", unwrapPathErr(err))
	}
	if _, err := Inspect(abs, true); err != nil {
		return fileErr(path, "the copy failed its check: %v", err)
	}
	done = true
	return nil
}

func (s *Store) vacuumInto(abs string) (err error) {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if s.readOnly {
		// The main database is opened read-only by the OS and by SQLite;
		// query_only, our second guard, must step aside for the statement
		// that writes the copy.
		if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
			return err
		}
		defer func() {
			if _, e := conn.ExecContext(ctx, `PRAGMA query_only = 1`); e != nil && err == nil {
				err = e
			}
		}()
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, abs)
	return err
}

// syncFile flushes path and its folder to disk, so a copy reported as
// written survives a power cut.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
