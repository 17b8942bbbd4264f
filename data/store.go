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

	_ "modernc.org/sqlite" // registers the "sqlite" driver: pure Go, no cgo
)

// ApplicationID is written to PRAGMA application_id of every board file:
// "EvBd" in ASCII. It tells a board from any other SQLite database.
const ApplicationID = 0x45764264

// SchemaVersion is the PRAGMA user_version this build writes. Files at a
// lower version are stepped up when opened for writing.
const SchemaVersion = 2

// Extension is the file name ending of a board file.
const Extension = ".evboard"

//go:embed schema/*.sql
var schemaFS embed.FS

// FileError says what is wrong with a board file, naming the file.
type FileError struct {
	Path   string
	Reason string
}

func (e *FileError) Error() string { return e.Path + ": " + e.Reason }

func fileErr(path, format string, args ...any) error {
	return &FileError{Path: path, Reason: fmt.Sprintf(format, args...)}
}

// Store is an open board file. Every Apply is one transaction.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool

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
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
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
		q = append(q, "_pragma=journal_mode(DELETE)", "_pragma=synchronous(FULL)")
	} else {
		q = append(q, "_pragma=query_only(1)")
	}
	// url.URL escapes '?' and '#' in the path; SQLite decodes %XX.
	return "file://" + u.EscapedPath() + "?" + strings.Join(q, "&"), nil
}

func openDB(path, mode string) (*sql.DB, error) {
	d, err := dsn(path, mode)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", d)
	if err != nil {
		return nil, err
	}
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
	db, err := openDB(path, "rw")
	if err != nil {
		os.Remove(path)
		return nil, fileErr(path, "cannot create: %v", err)
	}
	s := &Store{db: db, path: path, Now: time.Now}
	if err := s.initialise(b); err != nil {
		db.Close()
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
	b.Updated = now
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
	if _, err := tx.Exec(`INSERT INTO board (id, title, case_ref, author, marking, created, updated)
		VALUES (1, ?, ?, ?, ?, ?, ?)`, b.Title, b.CaseRef, b.Author, b.Marking,
		fmtTime(b.Created), fmtTime(b.Updated)); err != nil {
		return err
	}
	return tx.Commit()
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

// Open opens a board file for editing. It first inspects the file
// read-only (see Inspect); only a file that passes is opened for writing,
// and an older schema is stepped up, each step one transaction. A file
// the process may not write is opened read-only.
func Open(path string) (*Store, error) {
	rep, err := Inspect(path, false)
	if err != nil {
		return nil, err
	}
	if !writable(path) {
		return OpenReadOnly(path)
	}
	db, err := openDB(path, "rw")
	if err != nil {
		return nil, fileErr(path, "cannot open for writing: %v", err)
	}
	s := &Store{db: db, path: path, Now: time.Now}
	for v := rep.Version + 1; v <= SchemaVersion; v++ {
		if err := s.migrate(v); err != nil {
			db.Close()
			return nil, fileErr(path, "cannot upgrade to schema %d: %v", v, err)
		}
	}
	return s, nil
}

// OpenReadOnly opens a board that passed inspection for reading only.
func OpenReadOnly(path string) (*Store, error) {
	if _, err := Inspect(path, false); err != nil {
		return nil, err
	}
	db, err := openDB(path, "ro")
	if err != nil {
		return nil, fileErr(path, "cannot open: %v", err)
	}
	return &Store{db: db, path: path, readOnly: true, Now: time.Now}, nil
}

func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	// SQLite writes its journal beside the file.
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".evboard-probe-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}

func (s *Store) migrate(v int) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := runSchemaStep(tx, v); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the file. With the rollback journal, nothing is left beside
// it: the board is one self-contained file.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
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
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t.UTC()
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
