package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// The files SQLite may keep beside a board. Evidence Board writes in
// rollback-journal mode, so while it runs a transaction there is a
// FILE-journal, deleted at commit; a -wal or -shm is never ours.
const (
	journalSuffix = "-journal"
	walSuffix     = "-wal"
)

// journalMagic opens every valid rollback-journal header (and ends the
// super-journal record at the end of a journal).
var journalMagic = []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}

// errLockBusy is what lockFile returns when another store holds the lock.
var errLockBusy = errors.New("locked")

// realPath is path with symbolic links resolved: SQLite keeps its journal
// beside the file a link points at. On error it returns path unchanged;
// checkHeader then reports the problem.
func realPath(path string) string {
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	return path
}

// hotJournal reports whether an unfinished transaction left a journal
// beside the file at path: one that is not empty and starts with a journal
// header. SQLite rolls such a journal back, writing the board file, the
// next time anyone reads it; an empty journal or one whose header was
// zeroed is not hot and is ignored.
func hotJournal(path string) (string, bool) {
	j := realPath(path) + journalSuffix
	if st, err := os.Stat(j); err != nil || !st.Mode().IsRegular() {
		return j, false // see checkSidecars
	}
	f, err := os.Open(j)
	if err != nil {
		return j, false
	}
	defer f.Close()
	head := make([]byte, len(journalMagic))
	if _, err := io.ReadFull(f, head); err != nil {
		return j, false
	}
	return j, bytes.Equal(head, journalMagic)
}

// checkSidecars refuses what lies beside a board that SQLite would read
// with it: a -wal file (SQLite would take pages from it, and Evidence
// Board never writes one) and a hot journal, which only Open rolls back
// (see recoverJournal). A journal of a store that holds the lock right now
// is a live transaction, not a leftover, and is left to SQLite.
func checkSidecars(path string) error {
	rp := realPath(path)
	if _, err := os.Lstat(rp + walSuffix); err == nil {
		return fileErr(path, "a write-ahead log (%s) lies beside it; Evidence Board never writes one, so it is refused", filepath.Base(rp+walSuffix))
	}
	for _, suf := range []string{journalSuffix, "-shm"} {
		// SQLite would open these; a FIFO would hang it, a folder or a
		// device confuse it.
		if st, err := os.Stat(rp + suf); err == nil && !st.Mode().IsRegular() {
			return fileErr(path, "%s beside it is not a regular file; refusing it", filepath.Base(rp+suf))
		} else if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fileErr(path, "cannot look beside it for %s: %v", filepath.Base(rp+suf), unwrapPathErr(err))
		}
	}
	if j, hot := hotJournal(path); hot && !lockHeld(path) {
		return fileErr(path, "an unfinished write left %s beside it; opening the board in Evidence Board rolls it back", filepath.Base(j))
	}
	return nil
}

// checkJournal reads a hot journal's header and refuses one that Evidence
// Board cannot have written. A journal that names a super-journal belongs
// to a transaction over several databases, which Evidence Board never
// makes; rolling it back would have SQLite open, and possibly delete, the
// file it names, which a stranger chose.
func checkJournal(path, j string) error {
	f, err := os.Open(j)
	if err != nil {
		return fileErr(path, "cannot read the journal beside it: %v", unwrapPathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return fileErr(path, "the journal beside it is not a regular file")
	}
	size := st.Size()
	hdr := make([]byte, 28)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return fileErr(path, "the journal beside it is damaged (too short)")
	}
	sector := binary.BigEndian.Uint32(hdr[20:24])
	page := binary.BigEndian.Uint32(hdr[24:28])
	if page < 512 || page > 65536 || page&(page-1) != 0 || sector < 32 || sector > 65536 || sector&(sector-1) != 0 {
		return fileErr(path, "the journal beside it is damaged (impossible page or sector size)")
	}
	if size >= 16+28 {
		tail := make([]byte, 16)
		if _, err := f.ReadAt(tail, size-16); err == nil && bytes.Equal(tail[8:], journalMagic) &&
			binary.BigEndian.Uint32(tail[:4]) > 0 {
			return fileErr(path, "the journal beside it names another file (a super-journal); Evidence Board never writes such journals, so it is refused")
		}
	}
	return nil
}

// recoverJournal finishes what a crash left: if a hot journal lies beside
// path, it is first rolled back on a copy of the file in a temporary
// folder, and the result inspected. Only if that copy passes is the real
// file rolled back (by SQLite, exactly as it would be on any open), so a
// journal that would turn the board into something we refuse never
// touches it. The caller holds the write lock.
func recoverJournal(path string) error {
	j, hot := hotJournal(path)
	if !hot {
		return nil
	}
	if err := checkJournal(path, j); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "evboard-recover-*")
	if err != nil {
		return fileErr(path, "cannot roll back the unfinished write: %v", err)
	}
	defer os.RemoveAll(tmp)
	trial := filepath.Join(tmp, "board"+Extension)
	if err := copyFile(realPath(path), trial); err != nil {
		return fileErr(path, "cannot roll back the unfinished write: %v", err)
	}
	if err := copyFile(j, trial+journalSuffix); err != nil {
		return fileErr(path, "cannot roll back the unfinished write: %v", err)
	}
	if err := rollBack(trial); err != nil {
		return fileErr(path, "cannot roll back the unfinished write in %s: %v", filepath.Base(j), shortSQLiteErr(err))
	}
	if _, err := Inspect(trial, false); err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return fileErr(path, "after rolling back the unfinished write in %s: %s", filepath.Base(j), fe.Reason)
		}
		return fileErr(path, "after rolling back the unfinished write in %s: %v", filepath.Base(j), err)
	}
	if err := rollBack(path); err != nil {
		return fileErr(path, "cannot roll back the unfinished write in %s: %v", filepath.Base(j), shortSQLiteErr(err))
	}
	if _, hot := hotJournal(path); hot {
		return fileErr(path, "cannot roll back the unfinished write in %s", filepath.Base(j))
	}
	return nil
}

// rollBack has SQLite roll back the hot journal beside path: any read on a
// writable connection does it.
func rollBack(path string) error {
	db, err := openDB(path, "rw")
	if err != nil {
		return err
	}
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
