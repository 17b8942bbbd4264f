package data

import (
	"encoding/binary"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
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

// cleanStamp is what is recorded of a board closed cleanly.
type cleanStamp struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"`
	Counter uint32 `json:"counter"`
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
	return cleanStamp{Size: st.Size(), ModTime: st.ModTime().UnixNano(), Counter: binary.BigEndian.Uint32(hdr[24:28])}, true
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
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	now, ok := stampOf(abs)
	if !ok {
		return false
	}
	cleanMu.Lock()
	defer cleanMu.Unlock()
	was, ok := readClean()[abs]
	return ok && was == now
}

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
