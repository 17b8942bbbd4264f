package data

import (
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
)

// A board this app closed cleanly may be opened with SQLite's quick check;
// any other — a file someone sent, one changed since by another program —
// gets the full integrity check first, which also compares every index
// with its table (a board whose index b-trees were swapped passes the
// quick check, and edits then fail). "Closed cleanly" is a cleanStamp kept
// when the app closes a board it wrote: the file's size, modification
// time and SQLite change counter. A file that differs in any of them is
// a stranger again.
//
// The stamp also names the build of the app that closed the board
// (thisBuild). A board closed cleanly by this very build is one whose
// every value this build checked, on opening or before writing it (every
// change goes through Case.Apply's checks): its values are vouched for,
// and opening it does not check them again (vouchedFor, loadFrom). A board
// closed by another build, older or newer, whose rules may differ, has its
// values checked as any other.

// cleanStamp is what is recorded of a board closed cleanly.
type cleanStamp struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"`
	Counter uint32 `json:"counter"`
	// Inode tells a copy renamed over the board from the board (fileInode).
	Inode uint64 `json:"inode,omitempty"`
	// Build is thisBuild of the process that closed the board.
	Build string `json:"build,omitempty"`
}

// maxClean bounds the record: the boards closed most recently.
const maxClean = 200

var cleanMu sync.Mutex

// cleanFile is where the stamps are kept: the user's cache folder, which
// a file from a stranger cannot bring along. "" when there is none.
func cleanFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "evidenceboard", "clean-boards.json")
}

func stampOf(path string) (cleanStamp, bool) {
	// Stat before opening: opening a FIFO or a device could block.
	if pre, err := os.Stat(path); err != nil || !pre.Mode().IsRegular() {
		return cleanStamp{}, false
	}
	f, err := os.Open(path)
	if err != nil {
		return cleanStamp{}, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return cleanStamp{}, false
	}
	hdr := make([]byte, 28)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return cleanStamp{}, false
	}
	return cleanStamp{Size: st.Size(), ModTime: st.ModTime().UnixNano(), Counter: binary.BigEndian.Uint32(hdr[24:28]),
		Inode: fileInode(st)}, true
}

func readClean() map[string]cleanStamp {
	m := map[string]cleanStamp{}
	if p := cleanFile(); p != "" {
		if b, err := os.ReadFile(p); err == nil && len(b) < 1<<20 {
			json.Unmarshal(b, &m)
		}
	}
	return m
}

// knownClean reports whether the board at path is as this app left it
// when it last closed it.
func knownClean(path string) bool {
	clean, _ := cleanState(path)
	return clean
}

// vouchedFor reports whether the board at path is as this very build
// left it when it last closed it: its values need no checking again.
func vouchedFor(path string) bool {
	_, vouched := cleanState(path)
	return vouched
}

func cleanState(path string) (clean, vouched bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, false
	}
	now, ok := stampOf(abs)
	if !ok {
		return false, false
	}
	cleanMu.Lock()
	defer cleanMu.Unlock()
	was, ok := readClean()[abs]
	if !ok {
		return false, false
	}
	build := was.Build
	was.Build = ""
	if was != now {
		return false, false
	}
	return true, build != "" && build == thisBuild()
}

// thisBuild names the running program's build: its executable's path,
// size and modification time, which any rebuild or upgrade changes, and
// the source revision it was built from where Go recorded one (a rebuild
// that kept the executable's size and time would still differ there). ""
// when it cannot be told, and then no board is vouched for.
var thisBuild = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(exe)
	if err != nil || !st.Mode().IsRegular() {
		return ""
	}
	build := fmt.Sprintf("%s %d %d", exe, st.Size(), st.ModTime().UnixNano())
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				build += " " + s.Value
			}
		}
	}
	return build
})

// markClean records the board at path as closed cleanly, or, with
// clean false, forgets it (a store that found the board damaged).
func markClean(path string, clean bool) {
	abs, err := filepath.Abs(path)
	p := cleanFile()
	if err != nil || p == "" {
		return
	}
	cleanMu.Lock()
	defer cleanMu.Unlock()
	m := readClean()
	delete(m, abs)
	if clean {
		if st, ok := stampOf(abs); ok {
			if len(m) >= maxClean {
				m = map[string]cleanStamp{} // rare: start again rather than keep order
			}
			st.Build = thisBuild()
			m[abs] = st
		}
	}
	b, err := json.Marshal(m)
	if err != nil || os.MkdirAll(filepath.Dir(p), 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".clean-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), p) != nil {
		os.Remove(tmp.Name())
	}
}

// commit commits tx, a write of this store's, and notes the file as the
// write left it.
func (s *Store) commit(tx *sql.Tx) error {
	if err := tx.Commit(); err != nil {
		return err
	}
	s.noteOwnWrite()
	return nil
}

// noteOwnWrite records the file as this store has just left it. A stamp
// vouches that this build checked every value in the file, which holds
// only for what this store wrote: if another program writes the board
// while it is open (the sqlite3 shell, a sync tool putting another copy
// in its place), Close must not stamp that stranger's content as clean.
func (s *Store) noteOwnWrite() { s.own, s.ownOK = stampOf(s.path) }

// untouched reports whether the file is still as this store last left it.
func (s *Store) untouched() bool {
	now, ok := stampOf(s.path)
	return ok && s.ownOK && now == s.own
}
