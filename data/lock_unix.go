//go:build unix

package data

import (
	"errors"
	"os"
	"syscall"
)

// fileLock is an exclusive advisory lock (flock) on the board file itself,
// held on a descriptor of its own for as long as a store is open for
// writing. It keeps a second Evidence Board, in this process or another,
// from opening the file for writing; readers take no lock. flock and
// SQLite's own POSIX (fcntl) locks are independent on Linux, macOS and the
// BSDs, so the lock neither blocks nor is released by SQLite's locking.
// The descriptor is closed only after SQLite has closed the database:
// closing any descriptor of a file drops the POSIX locks the process holds
// on it (sqlite.org/howtocorrupt.html, 2.2), which must not happen while
// SQLite may be inside a transaction.
type fileLock struct{ f *os.File }

// lockFile takes the lock on path, or fails with errLockBusy when another
// store holds it. On a file system that has no flock it returns an empty
// lock: SQLite's own locks still keep two transactions apart.
func lockFile(path string) (*fileLock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLockBusy
		}
		if errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) ||
			errors.Is(err, syscall.ENOSYS) || errors.Is(err, syscall.EINVAL) {
			// A file system without flock (some network shares): the
			// board still opens, guarded by SQLite's own locks only.
			return &fileLock{}, nil
		}
		return nil, err
	}
	return &fileLock{f: f}, nil
}

// lockHeld reports whether some store holds the lock on path. It never
// takes the lock for longer than the call.
func lockHeld(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	if err != nil {
		return errors.Is(err, syscall.EWOULDBLOCK)
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

func (l *fileLock) release() {
	if l != nil && l.f != nil {
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		l.f.Close()
		l.f = nil
	}
}
