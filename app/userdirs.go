package app

import (
	"os"
	"path/filepath"
)

// documentsDir is where a new board is saved unless the person chooses
// another folder: the user's documents folder (userDocuments: XDG's
// DOCUMENTS folder, the Windows Documents known folder), else
// ~/Documents where it exists, else the home folder. Never the hidden
// folder the sample case lives in.
func documentsDir() string {
	home, _ := os.UserHomeDir()
	if d := userDocuments(); d != "" && isDir(d) && (home == "" || !sameFile(d, home)) {
		return d
	}
	if home == "" {
		return "."
	}
	if d := filepath.Join(home, "Documents"); isDir(d) {
		return d
	}
	return home
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// dataDir is the app's own data folder ($XDG_DATA_HOME, else
// ~/.local/share, under "evidenceboard"), where the sample case is
// written: hidden, and no place to offer for a person's boards.
func dataDir() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "evidenceboard"), nil
}

// startFolder is where a file dialog starts: the open board's folder,
// unless that is the app's data folder (the sample case's), else the
// user's documents folder.
func (s *Shell) startFolder() string {
	if s.editor != nil {
		dir := filepath.Dir(s.editor.Store().Origin()) // not a temporary copy's folder
		if data, err := dataDir(); err != nil || !sameFile(dir, data) {
			return dir
		}
	}
	return documentsDir()
}
