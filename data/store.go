package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite" // the "sqlite" driver: pure Go, no cgo
)

// ApplicationID is written to PRAGMA application_id of every board file:
// "EvBd" in ASCII. It tells a board from any other SQLite database.
const ApplicationID = 0x45764264

// SchemaVersion is the PRAGMA user_version this build writes. Files at a
// lower version are stepped up when opened for writing.
const SchemaVersion = 7

// Extension is the file name ending of a board file.
const Extension = ".evboard"

//go:embed schema/*.sql
var schemaFS embed.FS

// FileError says what is wrong with a board file, naming the file. Err,
// when set, is the sentinel behind it (ErrLocked, ErrReadOnlyFile), for
// errors.Is.
type FileError struct {
	Path   string
	Reason string
	Err    error
}

// Error is one line naming the file and the problem, with every control
// character in either shown as a mark (see Printable): a path or a card id
// from a stranger's board cannot act on a terminal or a log.
func (e *FileError) Error() string { return Printable(e.Path) + ": " + Printable(e.Reason) }

// Unwrap returns the sentinel behind the error, if any.
func (e *FileError) Unwrap() error { return e.Err }

func fileErr(path, format string, args ...any) error {
	return &FileError{Path: path, Reason: fmt.Sprintf(format, args...)}
}

// ErrLocked is behind the reason a board opened read-only because another
// running Evidence Board has it open for writing (see Store.WhyReadOnly).
var ErrLocked = errors.New("open in another Evidence Board")

// ErrReadOnlyFile is behind the reason a board opened read-only because
// this process may not write the file or its folder.
var ErrReadOnlyFile = errors.New("the file is read-only")

// Store is an open board file. Every Apply is one transaction.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	// why says why a store is read-only (nil when it is not, or when it
	// was opened with OpenReadOnly).
	why error
	// lock is the advisory lock that keeps a second Evidence Board from
	// writing the file while this store is open; nil when read-only.
	lock *fileLock

	// loaded is the model inspection read on opening, handed out by the
	// first Load so that opening reads the board once.
	loaded *Model
	// check is inspection's check of the whole file, still running when
	// Open returned a board this app closed cleanly; nil when done before.
	check *pendingCheck

	// cleanup, when set, runs after Close: OpenWithoutJournal's copy goes.
	cleanup func()

	// own is the file as this store last left it (noteOwnWrite): Close
	// records the board as clean only if it is still so.
	own   cleanStamp
	ownOK bool

	// Author is written into the history with every change.
	Author string
	// Now gives the time stamped on changes; tests set it to get fixed output.
	Now func() time.Time
}

// Path is the file the store reads and writes.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store refuses changes.
func (s *Store) ReadOnly() bool { return s.readOnly }

// dsn builds a SQLite URI for path. Every connection gets the settings
// sqlite.org/security.html advises for files from strangers; mode is
// "ro", "rw" (never creates) or "rwc".
func dsn(path, mode string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	q := []string{
		"mode=" + mode,
		"_defensive=1",
		"_pragma=trusted_schema(0)",
		"_pragma=cell_size_check(1)",
		"_pragma=mmap_size(0)",
		"_pragma=foreign_keys(1)",
		"_pragma=busy_timeout(3000)",
	}
	if mode != "ro" {
		// BEGIN IMMEDIATE: a write transaction takes SQLite's write lock
		// at once rather than failing to upgrade half way.
		q = append(q, "_pragma=journal_mode(DELETE)", "_pragma=synchronous(FULL)", "_txlock=immediate")
	} else {
		q = append(q, "_pragma=query_only(1)")
	}
	return "file://" + uriPath(filepath.ToSlash(abs)) + "?" + strings.Join(q, "&"), nil
}

// uriPath makes an absolute path, in slashes, the path of a file: URI.
// url.URL escapes '?' and '#'; SQLite decodes %XX. A Windows path
// (C:/Users/...) gets a leading slash, file:///C:/Users/..., since in
// file://C:/Users/... SQLite would take "C:" for a host and refuse it.
func uriPath(slashed string) string {
	if !strings.HasPrefix(slashed, "/") {
		slashed = "/" + slashed
	}
	return (&url.URL{Path: slashed}).EscapedPath()
}

func openDB(path, mode string) (*sql.DB, error) {
	d, err := dsn(path, mode)
	if err != nil {
		return nil, err
	}
	base, err := sqlite.NewConnector(d)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(cachingConnector{limitedConnector{base}})
	// One connection: pragmas and the transaction state live on it.
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Create makes a new, empty board file at path; it refuses to replace an
// existing file.
func Create(path string, b Board) (*Store, error) {
	if err := b.Validate(); err != nil {
		return nil, fileErr(path, "%v", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, fileErr(path, "already exists; will not overwrite it")
		}
		return nil, fileErr(path, "cannot create: %v", unwrapPathErr(err))
	}
	f.Close()
	lock, err := lockFile(path)
	if err != nil {
		os.Remove(path)
		return nil, fileErr(path, "cannot create: %v", err)
	}
	db, err := openDB(path, "rw")
	if err != nil {
		lock.release()
		os.Remove(path)
		return nil, fileErr(path, "cannot create: %v", err)
	}
	s := &Store{db: db, path: path, lock: lock, Now: time.Now}
	if err := s.initialise(b); err != nil {
		db.Close()
		lock.release()
		os.Remove(path)
		return nil, fileErr(path, "cannot create: %v", err)
	}
	return s, nil
}

func (s *Store) initialise(b Board) error {
	now := s.now()
	if b.Created.IsZero() {
		b.Created = now
	}
	if b.Updated.IsZero() {
		b.Updated = now
	}
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return err
	}
	for v := 1; v <= SchemaVersion; v++ {
		if err := runSchemaStep(tx, v); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`INSERT INTO board (id, title, case_ref, author, marking, tag_colors, created, updated)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?)`, b.Title, b.CaseRef, b.Author, b.Marking, encodeTagColors(b.TagColors),
		fmtTime(b.Created), fmtTime(b.Updated)); err != nil {
		return err
	}
	return s.commit(tx)
}

// runSchemaStep runs schema/N.sql and sets user_version to N, inside tx.
func runSchemaStep(tx *sql.Tx, v int) error {
	text, err := schemaFS.ReadFile("schema/" + strconv.Itoa(v) + ".sql")
	if err != nil {
		return err
	}
	if _, err := tx.Exec(string(text)); err != nil {
		return fmt.Errorf("schema step %d: %w", v, err)
	}
	_, err = tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v))
	return err
}

// Open opens a board file for editing, the way the GUI does:
//
//  1. The header is read by hand (checkHeader): not SQLite, not ours, a
//     newer schema or cut short is refused before SQLite sees the file.
//  2. A file this process may not write opens read-only (WhyReadOnly
//     says so), as does a file another Evidence Board holds open for
//     writing (ErrLocked): never two writers.
//  3. A board a crash left in the middle of a change (a hot journal
//     beside it) is refused with ErrHotJournal: Recover and
//     OpenWithoutJournal are the person's two choices.
//  4. The file is inspected read-only (Inspect): quick check, only our
//     schema objects, our invariants.
//  5. Only then is it opened for writing, and an older schema is stepped
//     up, each step one transaction.
//
// A refused file gets a *FileError naming it and the reason, and not a
// byte of it is written.
func Open(path string) (s *Store, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fileErr(path, "cannot open it: internal error: %v", r)
		}
	}()
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	if !writable(path) {
		// A hot journal gets ErrHotJournal from Inspect (journalVerdict),
		// so the window still offers to look without the change.
		return openReadOnly(path, &FileError{Path: path, Reason: "the file is read-only", Err: ErrReadOnlyFile})
	}
	lock, err := lockFile(path)
	if err == errLockBusy {
		return openReadOnly(path, &FileError{Path: path, Reason: "open in another Evidence Board", Err: ErrLocked})
	}
	if err != nil {
		return nil, fileErr(path, "cannot open: %v", unwrapPathErr(err))
	}
	defer func() {
		if s == nil {
			lock.release()
		}
	}()
	s, err = openLocked(path)
	if err != nil {
		return nil, err
	}
	s.lock = lock
	return s, nil
}

func openLocked(path string) (*Store, error) {
	if err := recoverJournal(path); err != nil {
		return nil, err
	}
	// A board this app closed cleanly shows as soon as it is loaded, its
	// quick check still running (see pendingCheck); any other is checked
	// in full before Open returns, so a damaged file from a stranger is
	// refused here and never shown.
	clean, vouched := cleanState(path)
	rep, pc, err := inspect(path, inspectHow{full: !clean, later: clean, locked: true, vouched: vouched})
	if err != nil {
		return nil, err
	}
	if vouched {
		vouchedLoaded(path)
	}
	if vouched && !vouchedFor(path) {
		// Changed while it loaded, by something that does not take our
		// lock: what was read is a stranger's, and is read again and
		// checked as one.
		pc.stop()
		if rep, pc, err = inspect(path, inspectHow{full: true, locked: true}); err != nil {
			return nil, err
		}
	}
	if rep.Version < SchemaVersion {
		// Stepping the schema up writes: only once the check has passed.
		if err := pc.wait(); err != nil {
			return nil, err
		}
	}
	db, err := openDB(path, "rw")
	if err != nil {
		pc.stop()
		return nil, fileErr(path, "cannot open for writing: %v", shortSQLiteErr(err))
	}
	s := &Store{db: db, path: path, Now: time.Now, loaded: rep.model, check: pc}
	for v := rep.Version + 1; v <= SchemaVersion; v++ {
		if err := s.migrate(v); err != nil {
			db.Close()
			return nil, fileErr(path, "cannot upgrade to schema %d: %v", v, err)
		}
	}
	s.noteOwnWrite() // the file as inspected (and upgraded) is the one vouched for
	return s, nil
}

// vouchedLoaded runs once a vouched board is loaded, before its stamp is
// looked at again: tests change the file there.
var vouchedLoaded = func(path string) {}

// Checked waits until inspection's check of the whole file has run and
// reports what it found: nil when the board passed. Open returns a board
// this app closed cleanly before SQLite's quick check has read every page
// of it, so that the board shows sooner; until the check passes the store
// writes nothing (an edit waits for it), and if it fails every write
// fails with its reason, which the window can show at once by asking
// here. For any other store it returns nil at once.
func (s *Store) Checked() error { return s.check.wait() }

// begin starts a write transaction, once the file has passed its check.
func (s *Store) begin() (*sql.Tx, error) {
	if err := s.check.wait(); err != nil {
		return nil, err
	}
	return s.db.Begin()
}

// OpenReadOnly opens a board that passed inspection for reading only. It
// works on a file another Evidence Board has open for writing.
func OpenReadOnly(path string) (*Store, error) {
	return openReadOnly(path, nil)
}

func openReadOnly(path string, why error) (*Store, error) {
	return openReadOnlyOn(path, nil, why)
}

// openReadOnlyOn is openReadOnly reading through db, a read-only
// connection to path the caller keeps (see inspectOn; the store's Close
// closes it), or through inspection's own when db is nil.
func openReadOnlyOn(path string, db *sql.DB, why error) (*Store, error) {
	// The store reads through the connection inspection read through,
	// hardened and read-only as any: another would parse the schema again.
	rep, _, err := inspectOn(path, db, inspectHow{full: !knownClean(path), keep: true})
	if err != nil {
		return nil, err
	}
	return &Store{db: rep.db, path: path, readOnly: true, why: why, Now: time.Now, loaded: rep.model}, nil
}

// WhyReadOnly says why Open gave a read-only store, for the banner: a
// *FileError wrapping ErrReadOnlyFile or ErrLocked. It is nil for a
// writable store and for one opened with OpenReadOnly.
func (s *Store) WhyReadOnly() error { return s.why }

func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	// SQLite writes its journal beside the file.
	dir := filepath.Dir(realPath(path))
	probe, err := os.CreateTemp(dir, ".evboard-probe-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}

func (s *Store) migrate(v int) error {
	tx, err := s.begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := runSchemaStep(tx, v); err != nil {
		return err
	}
	return s.commit(tx)
}

// Close closes the file. With the rollback journal, nothing is left beside
// it: the board is one self-contained file.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	// A check cut short vouches for nothing: the board is then not
	// recorded as clean, and its next opening checks it in full.
	passed := s.check.stop()
	err := s.db.Close()
	s.db = nil
	if !s.readOnly && err == nil {
		// A board this app wrote and closed may next be opened with the
		// quick check (see clean.go); taken while the lock is still held.
		markClean(s.path, passed && s.untouched())
	}
	// Only now, with SQLite's descriptors closed, may the lock's go.
	s.lock.release()
	s.lock = nil
	if s.cleanup != nil {
		s.cleanup()
	}
	return err
}

func (s *Store) now() time.Time {
	n := time.Now
	if s.Now != nil {
		n = s.Now
	}
	return n().UTC().Truncate(time.Millisecond)
}

const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	if t, ok := parseStamp(s); ok {
		return t
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t.UTC()
}

// parseStamp reads the one form fmtTime writes, 2006-01-02T15:04:05.000Z,
// as time.Parse would, without its generality: loading a board parses two
// times per card and link. Anything else is left to time.Parse.
func parseStamp(s string) (time.Time, bool) {
	if len(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Time{}, false
	}
	ok := true
	num := func(from, to int) int {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				ok = false
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, mo, d := num(0, 4), num(5, 7), num(8, 10)
	h, mi, sec, ms := num(11, 13), num(14, 16), num(17, 19), num(20, 23)
	if !ok || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mo-1]
	if mo == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	if d > days {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ms*int(time.Millisecond), time.UTC), true
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
