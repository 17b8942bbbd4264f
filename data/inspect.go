package data

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Report is what Inspect learnt of a board file.
type Report struct {
	Title   string
	Version int
	Counts  Counts
}

// sqliteMagic opens every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// ourObjects lists every schema object a board file may hold: anything
// else (a trigger, a view, a table we did not make) is refused, so that
// nothing in a file from a stranger can run when we write to it.
var ourObjects = map[string]string{
	"board": "table", "cards": "table", "links": "table", "tags": "table",
	"history": "table", "deleted": "table",
	"cards_speaker": "index", "cards_source": "index", "links_from": "index",
	"links_to": "index", "history_entity": "index",
}

// Inspect checks, without writing a byte, that path is a whole board file
// this version can read: a SQLite database with our application_id and a
// known user_version, that passes SQLite's quick check (the full integrity
// check when full is set), holds only our schema objects, and whose
// contents keep our invariants (see Model.Validate). The error, a
// *FileError, names the file and the first problem found.
func Inspect(path string, full bool) (*Report, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	db, err := openDB(path, "ro")
	if err != nil {
		return nil, fileErr(path, "cannot read it as a database: %v", shortSQLiteErr(err))
	}
	defer db.Close()
	rep, err := inspectDB(db, full)
	if err != nil {
		return nil, fileErr(path, "%v", err)
	}
	return rep, nil
}

// checkHeader reads the SQLite header by hand, so that a file that is not
// SQLite, or was cut short, gets a plain reason before SQLite sees it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fileErr(path, "cannot open: %v", unwrapPathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fileErr(path, "cannot read: %v", unwrapPathErr(err))
	}
	if !st.Mode().IsRegular() {
		return fileErr(path, "not a regular file")
	}
	size := st.Size()
	if size == 0 {
		return fileErr(path, "the file is empty: not an Evidence Board file")
	}
	hdr := make([]byte, 100)
	if _, err := io.ReadFull(f, hdr); err != nil || !bytes.Equal(hdr[:16], sqliteMagic) {
		return fileErr(path, "not an Evidence Board file (not a SQLite database)")
	}
	pageSize := int64(binary.BigEndian.Uint16(hdr[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return fileErr(path, "damaged: the header gives an impossible page size")
	}
	if size%pageSize != 0 {
		return fileErr(path, "truncated: %d bytes is not a whole number of %d-byte pages", size, pageSize)
	}
	// The page count at offset 28 is only valid when the "version valid
	// for" number matches the change counter (SQLite file format, 1.3.7).
	if binary.BigEndian.Uint32(hdr[24:28]) == binary.BigEndian.Uint32(hdr[92:96]) {
		pages := int64(binary.BigEndian.Uint32(hdr[28:32]))
		if pages*pageSize > size {
			return fileErr(path, "truncated: the file has %d of the %d pages its header counts", size/pageSize, pages)
		}
	}
	if appID := binary.BigEndian.Uint32(hdr[68:72]); appID != ApplicationID {
		if appID == 0 {
			return fileErr(path, "not an Evidence Board file (a SQLite database of another application)")
		}
		return fileErr(path, "not an Evidence Board file (a SQLite database with application id %#x)", appID)
	}
	if v := int(int32(binary.BigEndian.Uint32(hdr[60:64]))); v > SchemaVersion {
		return fileErr(path, "made by a newer Evidence Board (schema %d); this version reads up to %d", v, SchemaVersion)
	} else if v < 1 {
		return fileErr(path, "damaged: unknown schema version %d", v)
	}
	return nil
}

func inspectDB(db *sql.DB, full bool) (*Report, error) {
	rep := &Report{}
	var appID int64
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return nil, fmt.Errorf("cannot read it as a database: %v", shortSQLiteErr(err))
	}
	if appID != ApplicationID {
		return nil, errors.New("not an Evidence Board file")
	}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&rep.Version); err != nil {
		return nil, err
	}
	if rep.Version < 1 || rep.Version > SchemaVersion {
		return nil, fmt.Errorf("unknown schema version %d", rep.Version)
	}
	check := "quick_check"
	if full {
		check = "integrity_check"
	}
	var res string
	if err := db.QueryRow(`PRAGMA ` + check + `(1)`).Scan(&res); err != nil {
		return nil, fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	if res != "ok" {
		return nil, fmt.Errorf("damaged: %s", firstLine(res))
	}
	if err := checkObjects(db, rep.Version); err != nil {
		return nil, err
	}
	rows, err := db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		return nil, fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return nil, errors.New("damaged: a link or reference points at a card that does not exist")
	}
	m, err := load(db)
	if err != nil {
		return nil, fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	rep.Title = m.Board.Title
	rep.Counts = m.Counts()
	return rep, nil
}

// checkObjects refuses schema objects we did not create and checks that
// every table we need is there.
func checkObjects(db *sql.DB, version int) error {
	rows, err := db.Query(`SELECT type, name FROM sqlite_schema`)
	if err != nil {
		return fmt.Errorf("damaged: %v", shortSQLiteErr(err))
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var typ, name string
		if err := rows.Scan(&typ, &name); err != nil {
			return err
		}
		if typ == "index" && strings.HasPrefix(name, "sqlite_autoindex_") {
			continue
		}
		if want, ok := ourObjects[name]; !ok || want != typ {
			return fmt.Errorf("holds a %s %q that Evidence Board did not create; refusing it", typ, name)
		}
		found[name] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	need := []string{"board", "cards", "links", "tags"}
	if version >= 2 {
		need = append(need, "history", "deleted")
	}
	for _, n := range need {
		if !found[n] {
			return fmt.Errorf("damaged: the %s table is missing", n)
		}
	}
	return nil
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

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
