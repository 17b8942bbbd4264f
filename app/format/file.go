// Package format is the home of every format a board enters or leaves by.
// Each format is one sibling package below it (brief, and the interchange
// formats), model in and bytes out or the reverse, importing no GUI code.
// This package holds what they share: the one way an export reaches the
// disk.
package format

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"evidenceboard/data"
)

// Target says where an export goes and what it must never replace.
type Target struct {
	// Path is the file to write.
	Path string
	// Force replaces an existing file (never a board).
	Force bool
	// Source is the board the export is made from, if any: the export
	// may not be written over it, whatever its name.
	Source string
}

// ErrExists is behind the error WriteFile gives when Path exists and Force
// is not set.
var ErrExists = errors.New("already exists; use --force to replace it")

// WriteFile writes what write produces into a temporary file beside
// t.Path, syncs it and only then puts it in place, so a failure leaves no
// half-written file. Without t.Force it will not replace an existing file,
// even one that appeared meanwhile. It never writes onto a board: not onto
// a path ending in .evboard, not onto any file that is an Evidence Board
// file, not onto t.Source; --force does not change that, since an export
// over a board is the board lost.
func WriteFile(t Target, write func(io.Writer) error) error {
	out := t.Path
	if err := refuseBoard(t); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %v", out, unwrapPath(err))
	}
	defer os.Remove(tmp.Name()) // a no-op once it has been put in place
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %v", out, unwrapPath(err))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: %v", out, unwrapPath(err))
	}
	// Checked again just before the rename: the board may have appeared
	// while the export was being made.
	if err := refuseBoard(t); err != nil {
		return err
	}
	if t.Force {
		err = os.Rename(tmp.Name(), out)
	} else if err = os.Link(tmp.Name(), out); errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s: %w", out, ErrExists)
	} else if err != nil {
		// A file system without hard links: fall back to a checked rename.
		if _, serr := os.Lstat(out); serr == nil {
			return fmt.Errorf("%s: %w", out, ErrExists)
		}
		err = os.Rename(tmp.Name(), out)
	}
	if err != nil {
		return fmt.Errorf("%s: cannot write: %v", out, unwrapPath(err))
	}
	return nil
}

// refuseBoard says why t.Path may not be written, if it may not.
func refuseBoard(t Target) error {
	out := t.Path
	if strings.EqualFold(filepath.Ext(out), data.Extension) {
		return fmt.Errorf("%s: will not write an export onto a board file (%s); choose another name", out, data.Extension)
	}
	st, err := os.Stat(out)
	if err != nil {
		return nil // nothing there (or nothing we can see): the write itself will tell
	}
	if t.Source != "" {
		if src, err := os.Stat(t.Source); err == nil && os.SameFile(st, src) {
			return fmt.Errorf("%s: is the board being exported; will not write over it", out)
		}
	}
	if isBoard(out) {
		return fmt.Errorf("%s: is an Evidence Board file; will not write an export over it", out)
	}
	return nil
}

// isBoard reports whether the file at path starts as a board file does:
// SQLite's magic and our application id.
func isBoard(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	hdr := make([]byte, 72)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return false
	}
	return bytes.HasPrefix(hdr, []byte("SQLite format 3\x00")) &&
		binary.BigEndian.Uint32(hdr[68:72]) == data.ApplicationID
}

// unwrapPath drops the path an *os.PathError repeats, since the message
// already names the file.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
