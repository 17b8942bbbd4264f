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

// bulkLinks adds to the board at path, made by bulkBoard with the same
// prefix and more than n cards, n links prefix1→prefix2 … prefixN→prefixN+1.
func bulkLinks(t *testing.T, path, prefix string, n int) {
	t.Helper()
	if n == 0 {
		return // the query below makes at least one
	}
	if err := rawExec(path, fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
		INSERT INTO links (id, from_card, to_card, created, updated)
		SELECT '%[2]sl' || i, '%[2]s' || i, '%[2]s' || (i + 1),
			'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`, n, prefix)); err != nil {
		t.Fatal(err)
	}
}

// TestMergeOverLoweredLimit is TestMergeOverTheLimitRefused with the
// merge's limits lowered so that boards of a few cards reach them: it
// runs in every `go test`. It must not run in parallel with other merges:
// it changes the limits for the whole package while it runs. Each side
// holds no more than the lowered limit, so it stands for two boards that
// each pass the checks and together would not; the sides pass Inspect
// under the real limits, which the checks keep reading (the limits are
// stated once, in MaxCards and MaxLinks). A merge that lands exactly on
// the limit goes through.
func TestMergeOverLoweredLimit(t *testing.T) {
	for _, tc := range []struct {
		name               string
		cards, links       int // on each side; the two sides share no ids
		maxCards, maxLinks int
		refused            bool
	}{
		{"cards over", 3, 0, 5, MaxLinks, true},
		{"links over", 3, 2, MaxCards, 3, true},
		{"cards at the limit", 3, 0, 6, MaxLinks, false},
		{"links at the limit", 3, 2, MaxCards, 4, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.cards > tc.maxCards || tc.links > tc.maxLinks {
				t.Fatal("a side is over the lowered limits on its own")
			}
			saveCards, saveLinks := mergeMaxCards, mergeMaxLinks
			t.Cleanup(func() { mergeMaxCards, mergeMaxLinks = saveCards, saveLinks })
			mergeMaxCards, mergeMaxLinks = tc.maxCards, tc.maxLinks

			dir := t.TempDir()
			mine, theirs := filepath.Join(dir, "mine"+Extension), filepath.Join(dir, "theirs"+Extension)
			for p, prefix := range map[string]string{mine: "m", theirs: "t"} {
				bulkBoard(t, p, prefix, tc.cards)
				bulkLinks(t, p, prefix, tc.links)
				if _, err := Inspect(p, true); err != nil {
					t.Fatalf("a side fails on its own: %v", err)
				}
			}
			before, _ := os.ReadFile(mine)
			cs, err := OpenCase(mine)
			if err != nil {
				t.Fatal(err)
			}
			defer cs.Close()
			ch, _, err := cs.Store().PlanMerge(cs.Model(), theirs)
			if !tc.refused {
				if err != nil {
					t.Fatalf("PlanMerge: %v; want the merge planned", err)
				}
				// Their cards and links all come in: the merged board is
				// on the limit, not under it.
				// A card may be put more than once (placed, then moved
				// clear of ours).
				newCards, newLinks := map[string]bool{}, map[string]bool{}
				for _, c := range ch.PutCards {
					if cs.Model().Cards[c.ID] == nil {
						newCards[c.ID] = true
					}
				}
				for _, l := range ch.PutLinks {
					if cs.Model().Links[l.ID] == nil {
						newLinks[l.ID] = true
					}
				}
				if len(newCards) != tc.cards || len(newLinks) != tc.links || len(ch.DeleteCards)+len(ch.DeleteLinks) != 0 {
					t.Fatalf("the merge adds %d cards and %d links and deletes %d, want %d, %d and none",
						len(newCards), len(newLinks), len(ch.DeleteCards)+len(ch.DeleteLinks), tc.cards, tc.links)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "over the limits") || !strings.Contains(err.Error(), "nothing was merged") {
				t.Fatalf("PlanMerge: %v; want the merge refused", err)
			}
			cs.Close()
			if after, _ := os.ReadFile(mine); !bytes.Equal(before, after) {
				t.Fatal("MINE was written")
			}
			if _, err := Inspect(mine, true); err != nil {
				t.Fatalf("MINE after the refused merge: %v", err)
			}
		})
	}
}
