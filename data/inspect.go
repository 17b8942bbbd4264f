package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// Report is what Inspect learnt of a board file.
type Report struct {
	Title   string
	Version int
	Counts  Counts
	// Warnings are what is wrong with a board that still opens (a stored
	// document whose bytes do not match its SHA-256), one line each.
	Warnings []string
	// model is the board as inspection read it: opening hands it on
	// rather than reading the board a second time.
	model *Model
	// db is inspection's read-only connection, kept open for the store
	// when inspectHow.keep asks for it (nil otherwise): a new connection
	// parses the whole schema again.
	db *sql.DB
}

// sqliteMagic opens every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Inspect checks, without writing a byte, that path is a whole board file
// this version can read: a regular file, not cut short, a SQLite database
// in UTF-8 and rollback-journal mode with our application_id and a known
// user_version, with no -wal and no unfinished journal beside it, holding
// exactly the schema objects Evidence Board creates (same SQL: no
// triggers, views, extra tables or changed columns), that passes SQLite's
// quick check (the full integrity check when full is set) and the foreign
// key check, and whose contents keep our invariants (Model.Validate). The
// connection is read-only and hardened (see dsn and
// sqliteLimits). The error, a *FileError, names the file and the first
// problem found.
func Inspect(path string, full bool) (*Report, error) {
	rep, _, err := inspect(path, inspectHow{full: full})
	return rep, err
}

// inspectHow says how inspect goes about a board.
type inspectHow struct {
	// full: SQLite's integrity check, not its quick check, and before
	// any value is loaded, the counts and the type and size of every
	// value (checkBeforeLoad). Every board but one this app closed
	// cleanly (clean.go) gets it.
	full bool
	// later: return as soon as the board is loaded and checked row by
	// row; the check of the whole file goes on in the background (see
	// pendingCheck). Otherwise inspect waits for it.
	later bool
	// locked: the caller holds the board's lock, so no other Evidence
	// Board writes it, and the load may read cards and links on two
	// connections.
	locked bool
	// vouched: this build wrote the board and closed it cleanly, and
	// nothing has touched it since (vouchedFor): its values are not
	// checked again (see loadFrom).
	vouched bool
	// keep: hand inspection's connection on in Report.db rather than
	// close it (OpenReadOnly reads the board through it).
	keep bool
	// oneConn: the check of the whole file and the load run one after
	// the other on inspection's connection, not on connections of their
	// own beside it. inspect sets it for a small file (see
	// oneConnBytes).
	oneConn bool
}

// oneConnBytes is the largest board file inspected on one connection.
// Another connection costs about 0.7 ms of CPU before it reads a row
// (the hardening pragmas and limits, and SQLite parsing the whole schema
// again), about what the integrity check of a 250 KB board costs (0.3 ms
// for an empty board of 116 KB, 1.7 ms for 100 cards in 376 KB): below
// this size the check and the load are cheaper one after the other than
// beside each other, and a full inspection of a small board (every
// stranger's file, every merge's THEIRS, every fuzz input) costs half the
// connections. The size is known before SQLite opens the file, the row
// counts only after the statements a second connection would have saved.
var oneConnBytes int64 = 256 << 10 // a variable for TestOneConnectionSameVerdict

// inspect is Inspect, done as how says.
func inspect(path string, how inspectHow) (rep *Report, pc *pendingCheck, err error) {
	return inspectOn(path, nil, how)
}

// inspectOn is inspect reading path through db, a read-only connection to
// it (openDB(path, "ro")) that the caller keeps, or through a connection of
// its own when db is nil (the app's way; FuzzMerge keeps connections from
// input to input). With how.keep, Report.db is db either way. Every check is made on the file as it
// is now: SQLite drops the pages it holds when the file change counter
// (offset 24) is not the one it last saw, which holds as long as no two
// versions of the file share a counter (SQLite's commits each add one; a
// caller that writes the file whole must see to it). What a kept
// connection spares is only SQLite parsing the schema and every statement
// again.
func inspectOn(path string, db *sql.DB, how inspectHow) (rep *Report, pc *pendingCheck, err error) {
	// Nothing below should panic on any input (FuzzOpen says so); if
	// something does, the file is refused rather than the app brought down.
	defer func() {
		if r := recover(); r != nil {
			rep, pc, err = nil, nil, fileErr(path, "cannot read it: internal error: %v", r)
		}
	}()
	if err := checkHeader(path); err != nil {
		return nil, nil, err
	}
	if err := checkSidecars(path); err != nil {
		return nil, nil, err
	}
	if st, err := os.Stat(path); err == nil && st.Size() <= oneConnBytes {
		how.oneConn = true
	}
	kept := db != nil
	if db == nil {
		if db, err = openDB(path, "ro"); err != nil {
			return nil, nil, fileErr(path, "cannot read it as a database: %v", shortSQLiteErr(err))
		}
	}
	defer func() {
		if !kept {
			db.Close()
		}
	}()
	rep, pc, err = inspectDB(db, how, func() (*sql.DB, error) { return openDB(path, "ro") })
	if err != nil {
		return nil, nil, fileErr(path, "%v", err)
	}
	if pc != nil {
		pc.path = path
	}
	if how.keep {
		rep.db, kept = db, true
	}
	return rep, pc, nil
}

// pendingCheck is inspection's check of the whole file (checkWhole) still
// running after the board was loaded: Open lets a board this app closed
// cleanly show before SQLite has read every page of it, and the store
// writes nothing until the check has passed (Store.begin).
type pendingCheck struct {
	path   string
	done   chan struct{}
	err    error
	cancel context.CancelFunc
}

// wait waits for the check and gives its verdict as a *FileError.
func (p *pendingCheck) wait() error {
	if p == nil {
		return nil
	}
	<-p.done
	if p.err != nil {
		return fileErr(p.path, "%v", p.err)
	}
	return nil
}

// stop ends the check, cutting it short if it is still running, and
// reports whether it ran to the end and passed.
func (p *pendingCheck) stop() (passed bool) {
	if p == nil {
		return true
	}
	p.cancel()
	<-p.done
	return p.err == nil
}

// checkHeader reads the SQLite header by hand, so that a file that is not
// SQLite, or was cut short, gets a plain reason before SQLite sees it.
//
// It reads without SQLite's locks, so a file another Evidence Board is
// committing to can look cut short for the moment that commit takes (the
// size, the header and the journal are read at slightly different
// times): while another Evidence Board holds the file's lock, a
// "truncated" verdict is checked again a few times (10 ms doubling to
// 320 ms) before it stands. A file no one holds cannot be mid-commit, so
// its verdict stands at once: a file really cut short costs no wait, and
// neither does fuzzing, which makes many. Where flock is missing
// (Windows) no one can tell, so it always looks again.
func checkHeader(path string) error {
	var err error
	for wait := 10 * time.Millisecond; ; wait *= 2 {
		var maybeRace bool
		maybeRace, err = checkHeaderOnce(path)
		if !maybeRace || wait > 320*time.Millisecond || !mayBeCommitting(path) {
			return err
		}
		sleep(wait)
	}
}

// sleep is time.Sleep; tests count the waits through it.
var sleep = time.Sleep

// mayBeCommitting reports whether another Evidence Board may be in the
// middle of a commit to path.
func mayBeCommitting(path string) bool {
	return lockHeld(path) || runtime.GOOS == "windows"
}

func checkHeaderOnce(path string) (truncated bool, err error) {
	// Stat before opening: opening a FIFO or a device could block or
	// have effects.
	pre, err := os.Stat(path)
	if err != nil {
		return false, fileErr(path, "cannot open: %v", unwrapPathErr(err))
	}
	if pre.IsDir() {
		return false, fileErr(path, "is a folder, not a board file")
	}
	if !pre.Mode().IsRegular() {
		return false, fileErr(path, "not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return false, fileErr(path, "cannot open: %v", unwrapPathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, fileErr(path, "cannot read: %v", unwrapPathErr(err))
	}
	if !st.Mode().IsRegular() || !os.SameFile(pre, st) {
		return false, fileErr(path, "not a regular file")
	}
	size := st.Size()
	if size == 0 {
		return false, fileErr(path, "the file is empty: not an Evidence Board file")
	}
	hdr := make([]byte, 100)
	if _, err := io.ReadFull(f, hdr); err != nil || !bytes.Equal(hdr[:16], sqliteMagic) {
		return false, fileErr(path, "not an Evidence Board file (not a SQLite database)")
	}
	pageSize := int64(binary.BigEndian.Uint16(hdr[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return false, fileErr(path, "damaged: the header gives an impossible page size")
	}
	// A crash in the middle of a commit can leave the file shorter than
	// its header says, with the journal that undoes it beside it: the
	// length is judged after the journal is rolled back (Open), or the
	// journal is reported (Inspect, via checkSidecars).
	_, hot := hotJournal(path)
	if size%pageSize != 0 && !hot {
		return true, fileErr(path, "truncated: %d bytes is not a whole number of %d-byte pages", size, pageSize)
	}
	// The page count at offset 28 is only valid when the "version valid
	// for" number matches the change counter (SQLite file format, 1.3.7).
	if binary.BigEndian.Uint32(hdr[24:28]) == binary.BigEndian.Uint32(hdr[92:96]) && !hot {
		pages := int64(binary.BigEndian.Uint32(hdr[28:32]))
		if pages*pageSize > size {
			return true, fileErr(path, "truncated: the file has %d of the %d pages its header counts", size/pageSize, pages)
		}
	}
	if hdr[18] != 1 || hdr[19] != 1 {
		if hdr[18] == 2 || hdr[19] == 2 {
			return false, fileErr(path, "not an Evidence Board file (a SQLite database in write-ahead-log mode)")
		}
		return false, fileErr(path, "damaged: unknown file format version %d/%d in the header", hdr[18], hdr[19])
	}
	if appID := binary.BigEndian.Uint32(hdr[68:72]); appID != ApplicationID {
		if appID == 0 {
			return false, fileErr(path, "not an Evidence Board file (a SQLite database of another application)")
		}
		return false, fileErr(path, "not an Evidence Board file (a SQLite database with application id %#x)", appID)
	}
	if v := int(int32(binary.BigEndian.Uint32(hdr[60:64]))); v > SchemaVersion {
		return false, fileErr(path, "made by a newer Evidence Board (schema %d); this version reads up to %d", v, SchemaVersion)
	} else if v < 1 {
		return false, fileErr(path, "damaged: unknown schema version %d", v)
	}
	if enc := binary.BigEndian.Uint32(hdr[56:60]); enc != 1 {
		return false, fileErr(path, "not an Evidence Board file (text encoding %d, not UTF-8)", enc)
	}
	return false, nil
}

// inspectDB inspects the board open read-only in db. SQLite's check of
// every page (checkWhole) runs on a connection of their own (from second)
// while db loads the board, so that opening costs about the longer of the
// two rather than their sum; on a small file (how.oneConn) both run on
// db, the check first (after the load with how.later), and a board
// opened for writing reads its links on db too. What must pass before any value is read
// into memory (checkBeforeLoad) runs first. A
// failed check is the reason given even if the load failed too, as when
// the check ran first. Reading a file that has not passed the check yet
// is what the check itself does: the connection is hardened (see dsn),
// and load stops at the limits checkCounts would refuse.
//
// Without how.later, the board is handed on only when both have passed.
// With it, a board that loaded is handed on at once with the check still
// running (see pendingCheck).
func inspectDB(db *sql.DB, how inspectHow, second func() (*sql.DB, error)) (*Report, *pendingCheck, error) {
	full, later := how.full, how.later
	rep := &Report{}
	// One read transaction for the whole inspection on db: every
	// statement sees the same state of the file, and SQLite takes its
	// shared lock and looks for a journal once, not at each of the
	// dozens of statements (a fifth of a small board's inspection). It
	// ends before db is closed or handed on (Report.db).
	if _, err := db.Exec(`BEGIN`); err != nil {
		return nil, nil, fmt.Errorf("cannot read it as a database: %v", shortSQLiteErr(err))
	}
	// An error may have ended the transaction already; nothing to say then.
	defer db.Exec(`ROLLBACK`)
	var appID int64
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return nil, nil, fmt.Errorf("cannot read it as a database: %v", shortSQLiteErr(err))
	}
	if appID != ApplicationID {
		return nil, nil, errors.New("not an Evidence Board file")
	}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&rep.Version); err != nil {
		return nil, nil, err
	}
	if rep.Version < 1 || rep.Version > SchemaVersion {
		return nil, nil, fmt.Errorf("unknown schema version %d", rep.Version)
	}
	if err := checkObjects(db, rep.Version); err != nil {
		return nil, nil, err
	}
	if err := checkBeforeLoad(db, rep.Version, full); err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	pc := &pendingCheck{done: make(chan struct{}), cancel: cancel}
	check := func() {
		defer close(pc.done)
		defer func() {
			if r := recover(); r != nil {
				pc.err = fmt.Errorf("cannot read it: internal error: %v", r)
			}
		}()
		cdb := db
		if !how.oneConn {
			var err error
			if cdb, err = second(); err != nil {
				pc.err = fmt.Errorf("cannot read it as a database: %v", shortSQLiteErr(err))
				return
			}
			defer cdb.Close()
		}
		pc.err = checkWhole(ctx, cdb, rep.Version, full)
	}
	if !later {
		if how.oneConn {
			// As if the check had finished before the load: its
			// verdict is the reason given (below).
			if check(); pc.err != nil {
				return nil, nil, pc.err
			}
		} else {
			go check()
		}
	}
	var ldb *sql.DB
	if how.locked && !how.oneConn {
		// No error here is the file's: without it the links are read
		// after the cards, on db.
		ldb, _ = second()
	}
	var m *Model
	var err error
	if ldb != nil {
		m, err = loadFrom(db, ldb, how.vouched)
		ldb.Close()
	} else {
		m, err = loadFrom(db, nil, how.vouched)
	}
	if later {
		// The check that may wait starts once the board is loaded, so as
		// not to slow the load down on a machine of two cores.
		if how.oneConn {
			check()
		} else {
			go check()
		}
	}
	if err != nil || !later {
		<-pc.done
		if pc.err != nil {
			return nil, nil, pc.err
		}
		pc = nil
	}
	if err != nil {
		if strings.Contains(err.Error(), "string or blob too big") {
			return nil, nil, fmt.Errorf("holds a value over %d MiB, more than any board holds; refusing it", LimitLength>>20)
		}
		return nil, nil, fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	rep.Title = m.Board.Title
	rep.Counts = m.Counts()
	rep.Warnings = m.Warnings()
	rep.model = m
	return rep, pc, nil
}

// checkWhole is the part of the inspection that reads the whole file:
// SQLite's quick check (its integrity check when full is set), the counts
// and kinds of rows, and, on full, the type of every value.
func checkWhole(ctx context.Context, db *sql.DB, version int, full bool) error {
	check := "quick_check"
	if full {
		check = "integrity_check"
	}
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA `+check+`(1)`).Scan(&res); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	if res != "ok" {
		return fmt.Errorf("damaged: %s", checkLine(res))
	}
	// No PRAGMA foreign_key_check: Model.Validate, in load, checks every
	// reference the foreign keys declare, and reading the rows once is
	// half the cost of opening.
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if full {
		return nil // counted and typed before the load: see checkBeforeLoad
	}
	_, err := checkCounts(db, version, false)
	return err
}

// checkBeforeLoad is the part of a full inspection that must pass before
// the load reads a value: the counts, and the type and size of every
// value, so that a stranger's file of huge texts is refused without
// being read into memory (TestOpenMemoryCeiling). A board this app closed
// cleanly (full is false only for those, see clean.go) was written by us:
// its values are of the right types, and its counts are checked beside or
// after the load, which stops at the limits anyway.
func checkBeforeLoad(db *sql.DB, version int, full bool) error {
	if !full {
		return nil
	}
	empty, err := checkCounts(db, version, true)
	if err != nil {
		return err
	}
	return checkValues(db, version, empty)
}

// checkObjects refuses a file whose schema is not exactly the one
// Evidence Board creates at its version: every table and index must be
// there with the same SQL (whitespace aside), and nothing else may be -
// no trigger, no view, no extra table or index, no changed column or
// dropped constraint. Nothing in a file from a stranger can then run, and
// every statement we prepare means what we meant.
func checkObjects(db *sql.DB, version int) error {
	want, err := referenceSchema(version)
	if err != nil {
		return err
	}
	rows, err := db.Query(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			return fmt.Errorf("damaged: %v", shortSQLiteErr(err))
		}
		w, ok := want[o.name]
		if !ok || w.typ != o.typ {
			return fmt.Errorf("holds %s %s %q that Evidence Board did not create; refusing it", article(o.typ), o.typ, trimName(o.name))
		}
		// A board this app made holds the very text; any other is compared
		// white space aside.
		if w.table != o.table || (o.sql != w.raw && !sameSQL(w.sql, o.sql)) {
			return fmt.Errorf("its %s %q is not as Evidence Board makes it; refusing it", o.typ, o.name)
		}
		found[o.name] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	for _, typ := range []string{"table", "index"} {
		for _, n := range sortedKeys(want) {
			if !found[n] && want[n].typ == typ {
				return fmt.Errorf("damaged: the %s %s is missing", n, typ)
			}
		}
	}
	return nil
}

func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an"
	}
	return "a"
}

func trimName(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}

// shortSQLiteErr trims the driver's decoration so the one-line message
// reads well after the file name.
func shortSQLiteErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.Contains(s[:i], "SQLITE_") {
		s = s[i+2:]
	}
	return firstLine(s)
}

// checkLine picks the first line of an integrity check report that says
// something ("*** in database main ***" says only where).
func checkLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "***") {
			return l
		}
	}
	return firstLine(s)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
