//go:build !unix && !windows

package data

// fileLock is a no-op where neither flock (lock_unix.go) nor LockFileEx
// (lock_windows.go) exists: there SQLite's own locks still keep two
// writers from interleaving transactions, but a second Evidence Board is
// not told the file is in use.
type fileLock struct{}

func lockFile(path string) (*fileLock, error) { return &fileLock{}, nil }

func lockHeld(path string) bool { return false }

func (l *fileLock) release() {}
