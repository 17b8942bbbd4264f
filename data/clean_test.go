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
