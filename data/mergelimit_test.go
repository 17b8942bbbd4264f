package data

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bigTests runs the tests that build boards near the limits: minutes on
// the project machine, so not in every `go test`.
var bigTests = flag.Bool("big", false, "also run the tests that build boards of hundreds of thousands of cards")

// bulkBoard makes at path a board of n notes written straight with SQL
// (fast), ids prefix1…prefixN.
func bulkBoard(t *testing.T, path, prefix string, n int) {
	t.Helper()
	s, err := Create(path, Board{Title: "bulk " + prefix})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := rawExec(path, fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
		INSERT INTO cards (id, kind, title, x, y, width, height, created, updated)
		SELECT '%s' || i, 'note', 'Note ' || i, (i %% 1000) * 220, (i / 1000) * 120, 200, 90,
			'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`, n, prefix)); err != nil {
		t.Fatal(err)
	}
}

// A merge that would make a board over the limits is refused, and MINE
// keeps every byte (issue 12, finding 1: it used to succeed, and the board
// was refused ever after). Both sides pass check on their own.
func TestMergeOverTheLimitRefused(t *testing.T) {
	if !*bigTests {
		t.Skip("builds two boards of a quarter of a million cards (200 s on the project machine); run with -big")
	}
	dir := t.TempDir()
	mine, theirs := filepath.Join(dir, "mine"+Extension), filepath.Join(dir, "theirs"+Extension)
	bulkBoard(t, mine, "m", MaxCards/2)
	bulkBoard(t, theirs, "t", MaxCards/2+1)
	for _, p := range []string{mine, theirs} {
		if _, err := Inspect(p, false); err != nil {
			t.Fatalf("a side fails on its own: %v", err)
		}
	}
	before, _ := os.ReadFile(mine)
	cs, err := OpenCase(mine)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = cs.Store().PlanMerge(cs.Model(), theirs)
	cs.Close()
	if err == nil || !strings.Contains(err.Error(), "over the limits") || !strings.Contains(err.Error(), "nothing was merged") {
		t.Fatalf("PlanMerge: %v; want the merge refused", err)
	}
	if after, _ := os.ReadFile(mine); !bytes.Equal(before, after) {
		t.Fatal("MINE was written")
	}
	if _, err := Inspect(mine, true); err != nil {
		t.Fatalf("MINE after the refused merge: %v", err)
	}
}
