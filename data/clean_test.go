package data

import (
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
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

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = 'links_from'`).Scan(&root)
	db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	db.Close()
	st, err := os.Stat(path)
	if err != nil || root < 2 {
		t.Fatalf("%v, root page %d", err, root)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0x07}, (root-1)*pageSize); err != nil { // no b-tree page has type 7
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
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
