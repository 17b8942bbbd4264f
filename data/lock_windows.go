//go:build windows

package data

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is the byte of the board file the writer lock covers. Locks
// taken with LockFileEx are mandatory: no other handle may read or write a
// locked byte. So the lock sits far beyond any real end of file (locking
// past the end is allowed), where neither SQLite's data pages nor its own
// lock bytes (from 0x40000000, 1 GiB, up) ever reach, and below 2^63,
// which some file systems reject. The lock is on the board file itself,
// not on a lock file beside it, so nothing is left behind the board - not
// even by a crash, since Windows drops the lock with the handle.
const lockOffset = 1 << 62

// fileLock is an exclusive lock (LockFileEx) on one byte of the board
// file, held on a handle of its own for as long as a store is open for
// writing. It keeps a second Evidence Board, in this process or another,
// from opening the file for writing; readers take no lock. Windows locks
// belong to the handle, not the process, so a second store in the same
// process is kept out too, and closing this handle leaves SQLite's locks
// on its own handles alone (unlike POSIX locks; see lock_unix.go).
type fileLock struct{ f *os.File }

// lockFile takes the lock on path, or fails with errLockBusy when another
// store holds it. On a file system that cannot lock (some network shares)
// it returns an empty lock: SQLite's own locks still keep two transactions
// apart.
func lockFile(path string) (*fileLock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	err = lockByte(f, windows.LOCKFILE_EXCLUSIVE_LOCK)
	if err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, errLockBusy
		}
		if errors.Is(err, windows.ERROR_NOT_SUPPORTED) || errors.Is(err, windows.ERROR_INVALID_FUNCTION) ||
			errors.Is(err, windows.ERROR_INVALID_PARAMETER) {
			return &fileLock{}, nil
		}
		return nil, err
	}
	return &fileLock{f: f}, nil
}

// lockHeld reports whether some store holds the lock on path. It takes a
// shared lock, which an exclusive one refuses, for no longer than the
// call.
func lockHeld(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := lockByte(f, 0); err != nil {
		return errors.Is(err, windows.ERROR_LOCK_VIOLATION)
	}
	unlockByte(f)
	return false
}

func (l *fileLock) release() {
	if l != nil && l.f != nil {
		unlockByte(l.f)
		l.f.Close()
		l.f = nil
	}
}

// overlapped names lockOffset to LockFileEx, which takes the position of
// the range in an OVERLAPPED even on a handle opened for plain I/O.
func overlapped() *windows.Overlapped {
	return &windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
}

// lockByte locks lockOffset without waiting: exclusively with
// LOCKFILE_EXCLUSIVE_LOCK, shared with 0.
func lockByte(f *os.File, flags uint32) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), flags|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, overlapped())
}

func unlockByte(f *os.File) {
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, overlapped())
}
