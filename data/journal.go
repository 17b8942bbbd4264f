package data

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
	// Lstat: SQLite neither rolls back nor writes a journal through a
	// symbolic link, so a link is no hot journal but trouble
	// (journalTrouble), even to a crash's journal.
	if st, err := os.Lstat(j); err != nil || !st.Mode().IsRegular() {
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
// Board never writes one), something that is not a regular file where the
// journal or the shared memory go, and whatever journalVerdict refuses or
// reports (a hot journal, junk, a dangling link).
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
	return journalVerdict(path, false)
}

// journalVerdict is the one look at the journal beside a board that every
// way of opening it takes - Inspect (so check and every command that reads
// a board, whatever its check), Open and OpenReadOnly - so that each says
// the same of it, in the same words:
//
//   - a hot journal checkJournal refuses, or whose undo, tried on a copy
//     (trialRollback, as Recover and OpenWithoutJournal try it), fails or
//     gives a board that does not pass: refused, with the reason;
//   - a hot journal that can be undone: ErrHotJournal, with what the
//     person can do about it, which depends on whether this process may
//     write the board and its folder (unfinishedChange);
//   - junk where the journal goes, or a link to nowhere: said in plain
//     words (SQLite would say "attempt to write a readonly database
//     (776)" or "unable to open database file (14)" on every edit).
//
// A journal beside a board whose lock another store holds is that store's
// live transaction, not a leftover, and is left to SQLite; locked says the
// caller itself holds the lock (Open), so no other store can.
func journalVerdict(path string, locked bool) error {
	if !locked && lockHeld(path) {
		return nil
	}
	j, hot := hotJournal(path)
	if !hot {
		if why := journalTrouble(j); why != "" {
			return fileErr(path, "%s %s", filepath.Base(j), why)
		}
		return nil
	}
	info, err := checkJournal(path, j)
	if err != nil {
		return err
	}
	// A journal checkJournal cannot tell from this board's (one of
	// another board made the same way) is refused by the undo tried on a
	// copy; tried here, it is refused before any undo is offered.
	tmp, _, err := trialRollback(path, j, info)
	if err != nil {
		return err
	}
	os.RemoveAll(tmp)
	return unfinishedChange(path, j)
}

// unfinishedChange is the ErrHotJournal error for a board whose hot
// journal j can be undone: one line saying what the person can do. Where
// this process may not write the board or its folder, the undo (which
// writes both) cannot be made here, and Evidence Board does not offer it:
// the error is then ErrReadOnlyFile as well.
func unfinishedChange(path, j string) error {
	name := filepath.Base(j)
	reason := fmt.Sprintf("was left in the middle of a change by a crash or a power cut (the unfinished change is in %s); "+
		"open it in Evidence Board to undo the change, keeping the file as it was beside it, or to look at it read-only without the change", name)
	if !writable(path) {
		reason = fmt.Sprintf("was left in the middle of a change by a crash or a power cut (the unfinished change is in %s), "+
			"which cannot be undone here: the file or its folder is read-only; %s", name, readOnlyAdvice(name))
		// Both, so that the window can offer only the look without it.
		return &FileError{Path: path, Err: errors.Join(ErrHotJournal, ErrReadOnlyFile), Reason: reason}
	}
	return &FileError{Path: path, Err: ErrHotJournal, Reason: reason}
}

// readOnlyAdvice is what a person can do with a board left in the middle
// of a change (journal name) where it cannot be written.
func readOnlyAdvice(name string) string {
	return "to undo it, copy the board and " + name + " together to a folder you can write and open the copy there; " +
		"to look at it as it was before the change, open it in Evidence Board, which shows it read-only"
}

// journalCeiling is the most a journal beside a board may declare, as a
// multiple of the board's size, plus a MiB for its headers: a journal
// holds at most one original copy of each page the transaction changed,
// so ours is never bigger than the board (4× leaves room for a board that
// shrank in the transaction). Only this much is ever copied for the
// trial rollback (see recoverJournal).
const journalCeiling = 4

// journalHeaderMax is the part of a journal header that holds anything:
// magic, record count, checksum nonce, original page count, sector and
// page size (the rest, up to the sector size, is padding).
const journalHeaderMax = 28

// journalInfo is what checkJournal learnt of a hot journal.
type journalInfo struct {
	end      int64 // bytes up to the end of its last segment: what SQLite reads
	records  int64 // page records, in all segments
	origPage int64 // the board's size in pages before the change
}

// checkJournal reads a hot journal as the untrusted input it is and
// refuses one that Evidence Board cannot have left beside this board:
//
//   - a journal that names a super-journal (a transaction over several
//     databases, which Evidence Board never makes; rolling it back would
//     have SQLite open, and possibly delete, the file it names);
//   - impossible page or sector sizes, or segments declaring more records
//     than the file holds;
//   - a page size other than the board's (SQLite would roll back with the
//     journal's, writing pages of the wrong size);
//   - an original size the board and the journal together cannot account
//     for (a header giving 0x7fffffff pages would have SQLite extend the
//     board to 8 TiB), or more records than original pages (a transaction
//     journals each page once);
//   - more than journalCeiling times the board's size;
//   - a journal that belongs to another file. SQLite writes page 1 (its
//     change counter) in every transaction, journalling it first, so a
//     journal of this board's own transaction either holds page 1's
//     original - an Evidence Board header with the board's page size and
//     a change counter equal to the board's or one less - or, when the
//     crash came before page 1 was touched, the board's own header still
//     counts the journal's original size. A journal made from an edited
//     copy of the board fails this: its change counter is ahead.
//
// What is left is a journal that, rolled back, gives this board as it was
// before its last change; recoverJournal still tries it on a copy first.
func checkJournal(path, j string) (*journalInfo, error) {
	f, err := os.Open(j)
	if err != nil {
		return nil, fileErr(path, "cannot read the journal beside it: %v", unwrapPathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, fileErr(path, "the journal beside it is not a regular file")
	}
	name := filepath.Base(j)
	size := st.Size()
	bad := func(format string, args ...any) (*journalInfo, error) {
		return nil, fileErr(path, "the unfinished change in %s cannot be undone: %s; refusing it", name, fmt.Sprintf(format, args...))
	}
	hdr := make([]byte, journalHeaderMax)
	if _, err := f.ReadAt(hdr, 0); err != nil {
		return bad("the journal is damaged (too short)")
	}
	sector := int64(binary.BigEndian.Uint32(hdr[20:24]))
	page := int64(binary.BigEndian.Uint32(hdr[24:28]))
	if page < 512 || page > 65536 || page&(page-1) != 0 || sector < 32 || sector > 65536 || sector&(sector-1) != 0 {
		return bad("the journal is damaged (impossible page or sector size)")
	}
	if size >= 16+28 {
		tail := make([]byte, 16)
		if _, err := f.ReadAt(tail, size-16); err == nil && bytes.Equal(tail[8:], journalMagic) &&
			binary.BigEndian.Uint32(tail[:4]) > 0 {
			return nil, fileErr(path, "the journal beside it names another file (a super-journal); Evidence Board never writes such journals, so it is refused")
		}
	}
	board, err := readBoardHeader(path)
	if err != nil {
		return bad("%v", err)
	}
	if page != board.pageSize {
		return bad("the journal is of a file with %d-byte pages, and the board's are %d bytes: it belongs to another file", page, board.pageSize)
	}
	info := &journalInfo{origPage: int64(binary.BigEndian.Uint32(hdr[16:20]))}
	rec := page + 8 // page number, page, checksum
	limit := journalCeiling*board.size + 1<<20
	var page1 []byte
	// Walk the segments as SQLite's playback does: each starts with a
	// header at a sector boundary; the first without the magic ends it.
	for off := int64(0); off+journalHeaderMax <= size; {
		h := make([]byte, journalHeaderMax)
		if _, err := f.ReadAt(h, off); err != nil || !bytes.Equal(h[:8], journalMagic) {
			break
		}
		first := off + sector
		n := int64(binary.BigEndian.Uint32(h[8:12]))
		if n == 0xffffffff { // "as many as the file holds"
			n = max(0, (size-first)/rec)
		}
		end := first + n*rec
		if end > size {
			return bad("the journal is cut short (a segment declares %d records that are not there)", n)
		}
		if end > limit {
			return bad("the journal declares %d MiB, more than %d times the board (%d MiB)", end>>20, journalCeiling, board.size>>20)
		}
		for i := int64(0); i < n && page1 == nil; i++ {
			var pg [4]byte
			if _, err := f.ReadAt(pg[:], first+i*rec); err != nil {
				return bad("the journal cannot be read: %v", err)
			}
			if binary.BigEndian.Uint32(pg[:]) == 1 {
				page1 = make([]byte, 100)
				if _, err := f.ReadAt(page1, first+i*rec+4); err != nil {
					return bad("the journal cannot be read: %v", err)
				}
			}
		}
		info.records += n
		info.end = end
		off = (end + sector - 1) / sector * sector
	}
	boardPages := board.size / page
	switch {
	case info.origPage > boardPages+info.records:
		return bad("its header gives the board %d pages before the change (%d MiB), more than the board (%d pages) and the journal (%d pages) hold", info.origPage, info.origPage*page>>20, boardPages, info.records)
	case info.records > info.origPage:
		return bad("the journal holds %d pages of a board it says had %d", info.records, info.origPage)
	}
	if page1 != nil {
		switch {
		case !bytes.Equal(page1[:16], sqliteMagic):
			return bad("the page it would restore as the board's first is not a SQLite header")
		case binary.BigEndian.Uint32(page1[68:72]) != ApplicationID:
			return bad("the page it would restore as the board's first is not an Evidence Board header: it belongs to another file")
		case pageSizeOf(page1) != page:
			return bad("the page it would restore as the board's first gives another page size: it belongs to another file")
		}
		was := binary.BigEndian.Uint32(page1[24:28])
		if d := board.counter - was; d != 0 && d != 1 {
			return bad("it was made from another copy of the board (its change counter is %d, the board's %d): it belongs to another file", was, board.counter)
		}
		if was == binary.BigEndian.Uint32(page1[92:96]) && int64(binary.BigEndian.Uint32(page1[28:32])) != info.origPage {
			return bad("its header and the page it would restore disagree on the board's size")
		}
	} else if board.pagesValid && board.pages != info.origPage {
		// Page 1 was not yet written, so the board's header is as it was
		// before the change, and counts its pages then.
		return bad("it gives the board %d pages before the change, where the board's header counts %d: it belongs to another file", info.origPage, board.pages)
	}
	return info, nil
}

// boardHeader is what checkJournal needs of the board's own header.
type boardHeader struct {
	size       int64 // bytes
	pageSize   int64
	counter    uint32 // file change counter
	pages      int64  // the header's page count, valid when pagesValid
	pagesValid bool
}

func readBoardHeader(path string) (*boardHeader, error) {
	f, err := os.Open(realPath(path))
	if err != nil {
		return nil, fmt.Errorf("cannot read the board: %v", unwrapPathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read the board: %v", unwrapPathErr(err))
	}
	hdr := make([]byte, 100)
	if _, err := io.ReadFull(f, hdr); err != nil || !bytes.Equal(hdr[:16], sqliteMagic) {
		return nil, fmt.Errorf("the board has no SQLite header")
	}
	b := &boardHeader{
		size:     st.Size(),
		pageSize: pageSizeOf(hdr),
		counter:  binary.BigEndian.Uint32(hdr[24:28]),
		pages:    int64(binary.BigEndian.Uint32(hdr[28:32])),
	}
	b.pagesValid = b.counter == binary.BigEndian.Uint32(hdr[92:96])
	return b, nil
}

// pageSizeOf reads the page size from a SQLite header (1 means 65536).
func pageSizeOf(hdr []byte) int64 {
	p := int64(binary.BigEndian.Uint16(hdr[16:18]))
	if p == 1 {
		p = 65536
	}
	return p
}

// ErrHotJournal is behind the *FileError Open returns for a board left in
// the middle of a change: a hot journal lies beside it (checked by
// checkJournal and not refused). Open does not undo the change by itself:
// the person chooses between Recover (undo it, keeping the file as it was
// as a backup) and OpenWithoutJournal (look at the board as it was before
// the change, read-only, without touching the file). Where this process
// cannot write the file or its folder, the error is ErrReadOnlyFile as
// well, and only OpenWithoutJournal can help.
var ErrHotJournal = errors.New("left in the middle of a change")

// RecoveredLabel is the label of the change Recover records in the board's
// history, so that the history says a crash was recovered and when.
const RecoveredLabel = "Recovered after a crash"

// Recovery says what Recover did, for the person.
type Recovery struct {
	Path    string // the board
	Journal string // the journal that was rolled back (gone now)
	// Backup is the file as it was before the recovery, with the journal
	// beside it as Backup-journal: a copy of exactly what the crash left.
	Backup string
}

// String is one line saying what was done.
func (r *Recovery) String() string {
	return Printable(r.Path) + ": undid the unfinished change a crash left in " + Printable(filepath.Base(r.Journal)) +
		"; the file as it was is kept as " + Printable(filepath.Base(r.Backup)) + " (with its journal)"
}

// recoverJournal is Open's look at the journal (journalVerdict): nothing,
// trouble, a refused journal, or ErrHotJournal - the choice between undoing
// the change and looking without it is the person's. The caller holds the
// write lock.
func recoverJournal(path string) error { return journalVerdict(path, true) }

// trialRollback copies the board and the part of its hot journal j that
// the journal's headers declare into a new temporary folder, rolls the
// copy back there and inspects the result. It returns the folder (the
// caller removes it) and the rolled-back copy in it.
func trialRollback(path, j string, info *journalInfo) (tmp, trial string, err error) {
	tmp, err = os.MkdirTemp("", "evboard-recover-*")
	if err != nil {
		return "", "", fileErr(path, "cannot undo the unfinished change: %v", err)
	}
	fail := func(e error) (string, string, error) {
		os.RemoveAll(tmp)
		return "", "", e
	}
	trial = filepath.Join(tmp, "board"+Extension)
	if err := copyFile(realPath(path), trial); err != nil {
		return fail(fileErr(path, "cannot undo the unfinished change: %v", err))
	}
	// Only what SQLite will read: a sparse 4 GiB tail costs nothing.
	if err := copyPrefix(j, trial+journalSuffix, info.end); err != nil {
		return fail(fileErr(path, "cannot undo the unfinished change: %v", err))
	}
	if err := rollBack(trial); err != nil {
		return fail(fileErr(path, "cannot undo the unfinished change in %s: %v", filepath.Base(j), shortSQLiteErr(err)))
	}
	// The full check, as the board gets when it is then opened: what
	// passes here will pass there.
	if _, err := Inspect(trial, true); err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return fail(fileErr(path, "after undoing the unfinished change in %s: %s", filepath.Base(j), fe.Reason))
		}
		return fail(fileErr(path, "after undoing the unfinished change in %s: %v", filepath.Base(j), err))
	}
	return tmp, trial, nil
}

// undoJournal rolls back the hot journal j beside path for Recover: the
// journal is checked, the rollback tried on a copy, the board and the
// declared part of its journal copied beside it as a backup, and only
// then is the real file rolled back (by SQLite, as any open would do it).
// The caller holds the write lock.
func undoJournal(path, j string) (*Recovery, error) {
	info, err := checkJournal(path, j)
	if err != nil {
		return nil, err
	}
	tmp, _, err := trialRollback(path, j, info)
	if err != nil {
		return nil, err
	}
	os.RemoveAll(tmp)
	backup, err := backupBeside(path, j, info.end)
	if err != nil {
		return nil, err
	}
	if err := rollBack(path); err != nil {
		return nil, fileErr(path, "cannot undo the unfinished change in %s: %v", filepath.Base(j), shortSQLiteErr(err))
	}
	if _, hot := hotJournal(path); hot {
		return nil, fileErr(path, "cannot undo the unfinished change in %s", filepath.Base(j))
	}
	return &Recovery{Path: path, Journal: j, Backup: backup}, nil
}

// backupBeside copies the board at path and the first n bytes of its
// journal j to a free name beside it, "NAME (before recovery).evboard" (or
// "… 2", "… 3"), and returns the board copy's path.
func backupBeside(path, j string, n int64) (string, error) {
	rp := realPath(path)
	base := strings.TrimSuffix(rp, filepath.Ext(rp))
	for i := 1; i < 1000; i++ {
		name := base + " (before recovery)" + Extension
		if i > 1 {
			name = fmt.Sprintf("%s (before recovery %d)%s", base, i, Extension)
		}
		if _, err := os.Lstat(name + journalSuffix); err == nil {
			continue
		}
		err := copyFile(rp, name)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err == nil {
			err = copyPrefix(j, name+journalSuffix, n)
		}
		if err != nil {
			os.Remove(name)
			return "", fileErr(path, "cannot keep a copy of it before undoing the unfinished change: %v", PlainError(name, unwrapPathErr(err)))
		}
		return name, nil
	}
	return "", fileErr(path, "cannot keep a copy of it before undoing the unfinished change: too many copies beside it already")
}

// Recover undoes the unfinished change a crash left in the hot journal
// beside the board at path, and opens the board for editing:
//
//  1. the journal is read as untrusted input (checkJournal) and the
//     rollback tried on a copy, which must pass inspection;
//  2. the board and its journal, as the crash left them, are copied
//     beside it (Recovery.Backup);
//  3. SQLite rolls the real file back, and it is opened as Open opens it
//     (full integrity check: the file changed since it was last closed);
//  4. a change labelled RecoveredLabel is recorded in the history.
//
// A board without a hot journal (another Evidence Board recovered it in
// the meantime) is simply opened; the Recovery is then nil. Like Open, a
// refused board gets a *FileError and is not changed by a byte.
func Recover(path string) (cs *Case, rec *Recovery, err error) {
	defer func() {
		if r := recover(); r != nil {
			cs, rec, err = nil, nil, fileErr(path, "cannot open it: internal error: %v", r)
		}
	}()
	if err := checkHeader(path); err != nil {
		return nil, nil, err
	}
	if !writable(path) {
		j, _ := hotJournal(path)
		return nil, nil, fileErr(path, "the unfinished change beside it cannot be undone here: the file or its folder is read-only; %s", readOnlyAdvice(filepath.Base(j)))
	}
	lock, err := lockFile(path)
	if err == errLockBusy {
		return nil, nil, &FileError{Path: path, Reason: "open in another Evidence Board", Err: ErrLocked}
	}
	if err != nil {
		return nil, nil, fileErr(path, "cannot open: %v", unwrapPathErr(err))
	}
	var s *Store
	defer func() {
		if s == nil {
			lock.release()
		}
	}()
	if j, hot := hotJournal(path); hot {
		if rec, err = undoJournal(path, j); err != nil {
			return nil, nil, err
		}
	}
	st, err := openLocked(path)
	if err != nil {
		return nil, nil, err
	}
	st.lock = lock
	m, err := st.Load()
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	cs = NewCase(st, m)
	if rec != nil {
		// The board put unchanged files a change but records nothing of
		// an entity; the history lists entities' records, so the change
		// gets one: the board "saved unchanged", under RecoveredLabel.
		b := m.Board
		record := func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO history (change_no, at, action, entity, entity_id, before, after)
				VALUES ((SELECT max(no) FROM changes), '', 'update', 'board', 'board', '{}', '{}')`)
			return err
		}
		if _, _, err := cs.ApplyWith(Change{Label: RecoveredLabel, Board: &b}, record); err != nil {
			st.Close()
			return nil, nil, err
		}
	}
	s = st
	return cs, rec, nil
}

// OpenWithoutJournal opens the board at path read-only as it was before
// the unfinished change in the hot journal beside it, without writing a
// byte of the file or its journal: the rollback is made on a temporary
// copy of the same name, which the store reads until it is closed. The
// store's Path is that copy — what a brief hashes and names, and what
// anything watching the file would watch, are the bytes shown — and its
// Origin is path; WhyReadOnly says so, naming path. A board without a hot
// journal is opened with OpenReadOnly.
func OpenWithoutJournal(path string) (cs *Case, err error) {
	defer func() {
		if r := recover(); r != nil {
			cs, err = nil, fileErr(path, "cannot open it: internal error: %v", r)
		}
	}()
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	open := func(p string) (*Case, error) {
		s, err := OpenReadOnly(p)
		if err != nil {
			return nil, err
		}
		m, err := s.Load()
		if err != nil {
			s.Close()
			return nil, err
		}
		return NewCase(s, m), nil
	}
	j, hot := hotJournal(path)
	if !hot || lockHeld(path) {
		return open(path)
	}
	info, err := checkJournal(path, j)
	if err != nil {
		return nil, err
	}
	tmp, trial, err := trialRollback(path, j, info)
	if err != nil {
		return nil, err
	}
	// The copy takes the board's name, which the window and a brief show.
	shown := filepath.Join(tmp, filepath.Base(path))
	if err := os.Rename(trial, shown); err != nil {
		os.RemoveAll(tmp)
		return nil, fileErr(path, "cannot open it without the unfinished change: %v", unwrapPathErr(err))
	}
	cs, err = open(shown)
	if err != nil {
		os.RemoveAll(tmp)
		var fe *FileError
		if errors.As(err, &fe) {
			return nil, fileErr(path, "after undoing the unfinished change in %s on a copy: %s", filepath.Base(j), fe.Reason)
		}
		return nil, err
	}
	s := cs.Store()
	s.why = &FileError{Path: path, Err: ErrHotJournal,
		Reason: "shown as it was before the unfinished change a crash left in " + filepath.Base(j) + "; the file is not changed"}
	s.cleanup = func() { os.RemoveAll(tmp) }
	return cs, nil
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

// copyPrefix copies the first n bytes of from to a new file to.
func copyPrefix(from, to string, n int64) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.CopyN(out, in, n); err != nil {
		out.Close()
		return err
	}
	return out.Close()
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
