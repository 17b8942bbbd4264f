package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"modernc.org/sqlite"
)

// SQLite's primary result codes that a person can do something about
// (https://sqlite.org/rescode.html); the extended code's low byte.
const (
	sqlitePerm     = 3
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteCorrupt  = 11
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteTooBig   = 18
	sqliteNotADB   = 26

	sqliteReadOnlyRollback = sqliteReadOnly | 3<<8 // a hot journal it may not roll back
	sqliteReadOnlyDBMoved  = sqliteReadOnly | 4<<8
)

// trailingCode finds the "(776)" the driver puts after SQLite's message,
// for errors that reached us as text (fileErr formats with %v).
var trailingCode = regexp.MustCompile(`\((\d{1,5})\)\s*$`)

// sqliteCode is the SQLite result code behind err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	if m := trailingCode.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// PlainError puts an error SQLite gave while reading or writing the board
// at path into words a person can act on, naming the file and, where it
// is the cause, the journal beside it: a junk or dangling journal, a
// read-only file or folder, a full disk, another program's lock. SQLite's
// own words ("attempt to write a readonly database (776)", "unable to open
// database file (14)", "database or disk is full (13)") say neither which
// file nor what to do. It looks at the files beside the board to tell the
// cases apart.
//
// The result is a *FileError for path whose Err is err; an error that is
// not SQLite's (or nil) is returned as it is.
func PlainError(path string, err error) error {
	if err == nil {
		return nil
	}
	code := sqliteCode(err)
	if code == 0 {
		return err
	}
	j := realPath(path) + journalSuffix
	jname := filepath.Base(j)
	say := func(format string, args ...any) error {
		return &FileError{Path: path, Reason: fmt.Sprintf(format, args...), Err: err}
	}
	if why := journalTrouble(j); why != "" && (code&0xff == sqliteReadOnly || code&0xff == sqliteCantOpen || code&0xff == sqliteIOErr) {
		return say("%s %s", jname, why)
	}
	switch code & 0xff {
	case sqliteFull:
		return say("the disk is full: the change was not saved, and the board is as it was before it; free some space and try again")
	case sqliteCantOpen:
		if !dirWritable(filepath.Dir(j)) {
			return say("cannot write the journal %s that every change needs beside the board: the folder is read-only or gone", jname)
		}
		return say("cannot open the file: it was moved, deleted or made unreadable")
	case sqliteReadOnly:
		switch code {
		case sqliteReadOnlyRollback:
			if !writable(path) {
				return say("an unfinished change in %s must be rolled back before the board can be read, which cannot be done here: the file or its folder is read-only; %s", jname, readOnlyAdvice(jname))
			}
			return say("an unfinished change in %s must be rolled back before the board can be read; open it in Evidence Board, which does that", jname)
		case sqliteReadOnlyDBMoved:
			return say("the file was moved or replaced while it was open; close it and open it again")
		}
		return say("the file or its folder is read-only, so the change was not saved")
	case sqlitePerm:
		return say("this account may not read or write the file")
	case sqliteBusy, sqliteLocked:
		return say("another program is writing the file; try again in a moment")
	case sqliteIOErr:
		return say("the disk failed to read or write the file (it may be full, removed or failing); the change was not saved")
	case sqliteCorrupt, sqliteNotADB:
		return say("damaged: SQLite finds the file malformed")
	case sqliteTooBig:
		return say("a value is larger than a board may hold")
	}
	return err
}

// journalTrouble says what is wrong with what lies at the journal's path
// j ("" when nothing is there or it is a journal SQLite can use): a
// symbolic link SQLite cannot follow to a file, something that is not a
// regular file, or a file that is not a journal at all.
func journalTrouble(j string) string {
	lst, err := os.Lstat(j)
	if err != nil {
		return ""
	}
	if lst.Mode()&os.ModeSymlink != 0 {
		target, _ := os.Readlink(j)
		if _, err := os.Stat(j); err != nil {
			return fmt.Sprintf("beside the board is a symbolic link to %s, which does not exist, where SQLite keeps the journal of every change; remove the link", target)
		}
		// SQLite will not roll back or write a journal through a link:
		// every edit would fail with "unable to open database file (14)",
		// and a crash's journal behind it could not be undone.
		return fmt.Sprintf("beside the board is a symbolic link to %s, where SQLite keeps the journal of every change, and SQLite will not use a journal through a link; if it is a crash's unfinished change, move that file here in place of the link, otherwise remove the link", target)
	}
	st, err := os.Stat(j)
	if err != nil {
		return ""
	}
	if !st.Mode().IsRegular() {
		return "beside the board is not a regular file, where SQLite keeps the journal of every change; move it away"
	}
	if st.Size() == 0 {
		return ""
	}
	if _, hot := hotJournal(j[:len(j)-len(journalSuffix)]); !hot {
		head := make([]byte, 1)
		if f, err := os.Open(j); err == nil {
			_, _ = f.Read(head)
			f.Close()
		}
		if head[0] != 0 { // SQLite ignores a journal that starts with a zero
			return "beside the board is not a journal SQLite can use (left by another program, or damaged), and SQLite will not touch the board while it is there; it holds no part of the board: move it away"
		}
	}
	return ""
}

// dirWritable reports whether a file may be created in dir.
func dirWritable(dir string) bool {
	f, err := os.CreateTemp(dir, ".evboard-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}
