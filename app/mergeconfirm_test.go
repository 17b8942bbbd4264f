package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// colleagueCopy saves a copy of the shell's board, as a colleague would
// get it, applies ch to the copy and returns its path and board.
func colleagueCopy(t *testing.T, s *Shell, ch data.Change) (string, *data.Model) {
	t.Helper()
	theirs := filepath.Join(t.TempDir(), "theirs"+data.Extension)
	if err := s.Editor().Store().SaveCopy(theirs); err != nil {
		t.Fatal(err)
	}
	tc, err := data.OpenCase(theirs)
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	if _, _, err := tc.Apply(ch); err != nil {
		t.Fatal(err)
	}
	return theirs, tc.Model()
}

// theirsDeleting is a colleague's copy with cards deleted (their links go
// too), and how many cards and links merging it deletes from the board.
func theirsDeleting(t *testing.T, s *Shell, ids []string) (string, int) {
	t.Helper()
	theirs, tm := colleagueCopy(t, s, data.Change{Label: "Delete", DeleteCards: ids})
	m := s.Editor().Model()
	return theirs, len(m.Cards) - len(tm.Cards) + len(m.Links) - len(tm.Links)
}

// buttonTexts is the labels of the buttons inside o.
func buttonTexts(o fyne.CanvasObject) []string {
	var texts []string
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			texts = append(texts, b.Text)
		}
	})
	return texts
}

// TestMergeAsksBeforeDeletingMuch merges through the window a copy of the
// board from which a colleague deleted cards. Deleting more than 20 cards
// and links (or over a quarter of the board) asks first, naming how many
// and offering "Delete N and merge"; Cancel leaves the file as it was
// byte for byte, the button applies the merge. A merge that deletes a
// few is offered with plain Merge, and applies.
func TestMergeAsksBeforeDeletingMuch(t *testing.T) {
	for _, tc := range []struct {
		name    string
		drastic bool
	}{
		{"many deletions", true},
		{"few deletions", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, w, path := openShell(t)
			m := s.Editor().Model()
			ids := make([]string, 0, len(m.Cards))
			for id := range m.Cards {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			var deleted []string
			if tc.drastic {
				// Cards in order of id, with their links, until more than
				// 20 go.
				gone := map[string]bool{}
				for _, id := range ids {
					deleted = append(deleted, id)
					for _, l := range m.LinksOf(id) {
						gone[l.ID] = true
					}
					if len(deleted)+len(gone) > 20 {
						break
					}
				}
			} else {
				// The card with fewest links.
				least := ids[0]
				for _, id := range ids {
					if len(m.LinksOf(id)) < len(m.LinksOf(least)) {
						least = id
					}
				}
				deleted = []string{least}
			}
			theirs, n := theirsDeleting(t, s, deleted)
			size := len(m.Cards) + len(m.Links)
			t.Logf("the merge deletes %d of %d cards and links", n, size)
			// What the window asks by: a report of n deletions.
			if drastic := (&data.MergeReport{Deleted: make([]data.MergeItem, n)}).Drastic(size); drastic != tc.drastic {
				t.Fatalf("the merge deletes %d of %d: the test's board is not as the case needs", n, size)
			}
			title := "Merge " + filepath.Base(theirs)
			const warns = "This merge deletes"
			warning := fmt.Sprintf(warns+" %d cards and links of your board", n)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s.planMerge(theirs)
			top := waitOverlay(t, w, title)
			shown, buttons := squeeze(shownText(top)), buttonTexts(top)
			if !tc.drastic {
				if strings.Contains(shown, squeeze(warns)) || !slicesHas(buttons, "Merge") {
					t.Fatalf("a merge deleting %d of %d asks as if drastic: %q, buttons %q", n, size, shownText(top), buttons)
				}
				tapButton(t, top, "Merge")
			} else {
				button := fmt.Sprintf("Delete %d and merge", n)
				if !strings.Contains(shown, squeeze(warning)) || !slicesHas(buttons, button) || slicesHas(buttons, "Merge") {
					t.Fatalf("a merge deleting %d of %d does not warn: %q, buttons %q", n, size, shownText(top), buttons)
				}
				tapButton(t, top, "Cancel")
				if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
					t.Fatal("Cancel: the file was written")
				}
				if got := reload(t, path); len(got.Cards)+len(got.Links) != size {
					t.Fatalf("Cancel: the file holds %d cards and links, want %d", len(got.Cards)+len(got.Links), size)
				}
				s.planMerge(theirs)
				tapButton(t, waitOverlay(t, w, title), button)
			}
			got := reload(t, path)
			if len(got.Cards)+len(got.Links) != size-n {
				t.Fatalf("after the merge the file holds %d cards and links, want %d", len(got.Cards)+len(got.Links), size-n)
			}
			for _, id := range deleted {
				if got.Cards[id] != nil {
					t.Fatalf("card %s is still in the file", id)
				}
			}
		})
	}
}
