package data

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"evidenceboard/data/diskfault"
)

// TestFirstSightGetsTheFullCheck: a board whose index b-trees were
// swapped (same SQL, other root pages) passes SQLite's quick check, and
// edits then fail. A board not closed cleanly by this app gets the full
// integrity check on opening, which refuses it; one closed cleanly is
// known by its size, time and change counter until anything else
// touches it (issue 12, finding 6).
func TestFirstSightGetsTheFullCheck(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if !knownClean(path) {
		t.Fatal("a board this app closed is not known clean")
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var from, to int
	db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = 'links_from'`).Scan(&from)
	db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = 'links_to'`).Scan(&to)
	db.Close()
	if err := rawExec(path, `PRAGMA writable_schema = ON`,
		fmt.Sprintf(`UPDATE sqlite_schema SET rootpage = CASE name WHEN 'links_from' THEN %d ELSE %d END
		 WHERE name IN ('links_from', 'links_to')`, to, from)); err != nil {
		t.Fatal(err)
	}
	if knownClean(path) {
		t.Fatal("a board changed by another program is still known clean")
	}
	if _, err := Inspect(path, false); err != nil {
		t.Skipf("the quick check already refuses swapped roots here: %v", err)
	}
	before, _ := os.ReadFile(path)
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Open of a board with swapped index roots: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the refused board changed")
	}
	// Touching a clean board's time makes it a stranger too.
	p2 := tempBoard(t)
	s2, err := CreateSample(p2, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	later := time.Now().Add(time.Hour)
	os.Chtimes(p2, later, later)
	if knownClean(p2) {
		t.Fatal("a board with another modification time is known clean")
	}
}

// TestCleanBoardCheckedInBackground: a board this app closed cleanly
// opens before SQLite's quick check has read all of it, but nothing is
// written until the check passes. Here a page only the check reads (the
// root of an index of the links) went bad on the disk since — size, time and change
// counter as they were: the board opens and shows, the check finds the
// damage, every write is refused with it, not a byte changes, and the
// board is no longer known clean.
func TestCleanBoardCheckedInBackground(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	cs, err := OpenCase(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := cs.Store().Checked(); err != nil {
		t.Fatalf("a good board failed its check: %v", err)
	}
	c := cs.Model().SortedCards()[0].Clone()
	c.X += 10
	if _, _, err := cs.Apply(Change{Label: "Move", PutCards: []Card{c}}); err != nil {
		t.Fatal(err)
	}
	cs.Close()
	if !knownClean(path) {
		t.Fatal("a board opened, checked, edited and closed is not known clean")
	}

	if err := diskfault.SpoilIndexRoot(path, "links_from"); err != nil {
		t.Fatal(err)
	}
	if !knownClean(path) {
		t.Fatal("the test's damage was seen by the stamp; it should look like the disk's")
	}
	before, _ := os.ReadFile(path)
	cs, err = OpenCase(path)
	if err != nil {
		t.Fatalf("the board should open and show before its check: %v", err)
	}
	if err := cs.Store().Checked(); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("the check of a damaged board: %v", err)
	}
	c = cs.Model().SortedCards()[0].Clone()
	c.X += 10
	if _, _, err := cs.Apply(Change{Label: "Move", PutCards: []Card{c}}); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a write to a board that failed its check: %v", err)
	}
	cs.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a board that failed its check was written")
	}
	if knownClean(path) {
		t.Error("a board that failed its check is still known clean")
	}
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("opened again, the damaged board: %v", err)
	}
}

// A board this build closed cleanly opens without its values being
// checked again (vouchedFor): what may no longer be skipped must not be.
// Each case puts one bad value into such a board the way another program
// would, and the board must be refused, not a byte of it written:
//   - "changed": the change alters the file, so its stamp no longer
//     matches: a stranger again, checked in full;
//   - "other build": the change is hidden from the stamp (as a forger with
//     the user's cache folder, or a disk error, could), but the stamp
//     names another build of the app, whose rules may differ: every value
//     is checked;
//   - "during load": the change lands while the board loads, after the
//     stamp was read: the board is read again and checked in full.
//
// Then, as the control that shows the skip is real, the same hidden change
// under a stamp of this build opens, except for what even a vouched load
// checks (the type of each value, position and size).
func TestVouchedBoardSkipsNothingItMustNot(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if thisBuild() == "" {
		t.Skip("this build cannot be named here: nothing is vouched for")
	}
	bad := []struct {
		name, stmt   string
		vouchedOpens bool // a vouched load does not see it
	}{
		{"unknown kind", `UPDATE cards SET kind = 'bogus' WHERE id = 'a'`, true},
		{"NUL in a title", `UPDATE cards SET title = 'A' || char(0) || 'B' WHERE id = 'a'`, true},
		{"escape sequence in a body", `UPDATE cards SET body = 'x' || char(27) || '[2J' WHERE id = 'b'`, true},
		{"link to a missing card", `UPDATE links SET to_card = 'nowhere'`, true},
		{"card in a missing group", `UPDATE cards SET group_id = 'nowhere' WHERE id = 'a'`, true},
		{"unknown link status", `UPDATE links SET status = 'bogus'`, true},
		{"BLOB id", `UPDATE cards SET id = CAST('b' AS BLOB) WHERE id = 'b'`, false},
		{"text where a number belongs", `UPDATE cards SET x = 'left' WHERE id = 'a'`, false},
		{"position out of range", `UPDATE cards SET x = 1e300 WHERE id = 'a'`, false},
		{"size out of range", `UPDATE cards SET width = 1e9 WHERE id = 'a'`, false},
	}
	board := func(t *testing.T) string {
		s, path := groupBoard(t)
		m, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		l := Link{ID: "l", From: "a", To: "b", Relation: "supports", Directed: true}
		ch := m.Expand(Change{Label: "Link", PutLinks: []Link{l}})
		if err := testApply(s, &ch); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if !vouchedFor(path) {
			t.Fatal("a board this build closed cleanly is not vouched for")
		}
		return path
	}
	// hide makes the stamp match the changed file again, naming build.
	hide := func(t *testing.T, path, build string) {
		markClean(path, true)
		cleanMu.Lock()
		m := readClean()
		abs, _ := filepath.Abs(path)
		st := m[abs]
		st.Build = build
		m[abs] = st
		b, _ := json.Marshal(m)
		err := os.WriteFile(cleanFile(), b, 0o600)
		cleanMu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		if !knownClean(path) {
			t.Fatal("the hidden change is seen by the stamp")
		}
	}
	refused := func(t *testing.T, path string) {
		t.Helper()
		before := readBytes(t, path)
		cs, err := OpenCase(path)
		if err == nil {
			cs.Close()
			t.Fatal("the bad board was opened")
		}
		if _, ok := err.(*FileError); !ok {
			t.Errorf("refusal %T %v is not a *FileError", err, err)
		}
		if after := readBytes(t, path); string(after) != string(before) {
			t.Error("a refused board was written to")
		}
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			t.Run("changed", func(t *testing.T) {
				path := board(t)
				if err := rawExec(path, tc.stmt); err != nil {
					t.Fatal(err)
				}
				if knownClean(path) || vouchedFor(path) {
					t.Fatal("a board another program changed is still known clean")
				}
				refused(t, path)
			})
			t.Run("while open", func(t *testing.T) {
				// Another program writes the board while this app has it
				// open: closing must not stamp what it wrote as clean.
				path := board(t)
				cs, err := OpenCase(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := cs.Store().Checked(); err != nil {
					t.Fatal(err)
				}
				if err := rawExec(path, "PRAGMA busy_timeout = 10000", tc.stmt); err != nil {
					t.Fatal(err)
				}
				cs.Close()
				if knownClean(path) || vouchedFor(path) {
					t.Fatal("a board another program changed while it was open was stamped clean on closing")
				}
				refused(t, path)
			})
			t.Run("copy renamed over it", func(t *testing.T) {
				// A sync tool writes the other copy beside the board and
				// renames it over, keeping its modification time; size and
				// change counter are the same as the board's.
				path := board(t)
				st, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				tmp := path + ".sync"
				if err := os.WriteFile(tmp, readBytes(t, path), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := rawExec(tmp, tc.stmt); err != nil {
					t.Fatal(err)
				}
				// The same change counter as the board's: the stamp's
				// other fields cannot tell the copy.
				counter := readBytes(t, path)[24:28]
				f, err := os.OpenFile(tmp, os.O_RDWR, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteAt(counter, 24)
				f.Close()
				os.Chtimes(tmp, st.ModTime(), st.ModTime())
				if err := os.Rename(tmp, path); err != nil {
					t.Fatal(err)
				}
				if vouchedFor(path) && fileInode(st) != 0 {
					t.Fatal("a copy renamed over the board is vouched for")
				}
				if fileInode(st) != 0 {
					refused(t, path)
				}
			})
			t.Run("other build", func(t *testing.T) {
				path := board(t)
				if err := rawExec(path, tc.stmt); err != nil {
					t.Fatal(err)
				}
				hide(t, path, "another build of Evidence Board")
				if vouchedFor(path) {
					t.Fatal("a board another build closed is vouched for")
				}
				refused(t, path)
			})
			t.Run("during load", func(t *testing.T) {
				path := board(t)
				defer func(was func(string)) { vouchedLoaded = was }(vouchedLoaded)
				var changed []byte
				vouchedLoaded = func(p string) {
					if p == path && changed == nil {
						// The quick check may be reading: wait for it.
						if err := rawExec(path, "PRAGMA busy_timeout = 10000", tc.stmt); err != nil {
							t.Error(err)
						}
						changed = readBytes(t, path)
					}
				}
				cs, err := OpenCase(path)
				if changed == nil {
					t.Fatal("the board was not loaded as vouched for")
				}
				if err == nil {
					cs.Close()
					t.Fatal("the board changed while it loaded was opened")
				}
				if _, ok := err.(*FileError); !ok {
					t.Errorf("refusal %T %v is not a *FileError", err, err)
				}
				if after := readBytes(t, path); string(after) != string(changed) {
					t.Error("a refused board was written to")
				}
			})
			t.Run("vouched", func(t *testing.T) {
				path := board(t)
				if err := rawExec(path, tc.stmt); err != nil {
					t.Fatal(err)
				}
				hide(t, path, thisBuild())
				if !vouchedFor(path) {
					t.Fatal("the control board is not vouched for")
				}
				if !tc.vouchedOpens {
					refused(t, path)
					return
				}
				cs, err := OpenCase(path)
				if err != nil {
					t.Fatalf("a vouched board's values were checked again: %v", err)
				}
				cs.Close()
			})
		})
	}
}
