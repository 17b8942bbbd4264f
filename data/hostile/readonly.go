package hostile

import (
	"errors"
	"os"
	"os/exec"
)

// ErrNoReadOnlyFolder is ReadOnlyFolder's error where this system cannot
// make a folder this process may not write; a test then skips.
var ErrNoReadOnlyFolder = errors.New("cannot make a read-only folder here")

// ReadOnlyFolder makes dir a folder in which this process cannot create a
// file, and returns what undoes it (call it before the folder is removed).
// Permissions are enough for an ordinary account; root ignores them, so
// for root the folder is also made immutable (chattr +i, Linux), which
// root must obey. Either way it is checked by trying.
func ReadOnlyFolder(dir string) (undo func(), err error) {
	if err := os.Chmod(dir, 0o555); err != nil {
		return nil, err
	}
	undo = func() { os.Chmod(dir, 0o755) }
	if !canCreate(dir) {
		return undo, nil
	}
	if exec.Command("chattr", "+i", dir).Run() == nil {
		undo = func() {
			exec.Command("chattr", "-i", dir).Run()
			os.Chmod(dir, 0o755)
		}
		if !canCreate(dir) {
			return undo, nil
		}
	}
	undo()
	return nil, ErrNoReadOnlyFolder
}

func canCreate(dir string) bool {
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}
