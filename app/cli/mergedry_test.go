package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data"
	"evidenceboard/data/hostile"
)

// folderBytes is every file in dir, by name, with its bytes: what a dry
// run must leave as it found it (no journal made or removed, no backup).
func folderBytes(t *testing.T, dir string) map[string]string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(b)
	}
	return files
}

// copyFile copies src to dst, for a board made in one folder and used in
// another.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestMergeDryRunWritesNothing: `merge --dry-run` leaves MINE's folder
// byte for byte as it was, whatever MINE is. A board at an older schema
// is not stepped up, yet gets the plan the real merge makes; a board a
// crash left in the middle of a change is not recovered (which would
// write a backup and remove the journal), but refused in the one line
// check gives it.
func TestMergeDryRunWritesNothing(t *testing.T) {
	// Theirs: the sample with a note added, so every plan has a line.
	src := t.TempDir()
	sample := filepath.Join(src, "sample.evboard")
	if code, _, stderr := run("sample", sample); code != 0 {
		t.Fatal(stderr)
	}
	theirs := filepath.Join(src, "theirs.evboard")
	if code, _, stderr := run("copy", sample, theirs); code != 0 {
		t.Fatal(stderr)
	}
	cs, err := data.OpenCase(theirs)
	if err != nil {
		t.Fatal(err)
	}
	note := data.Card{ID: "note-1", Kind: data.KindNote, Title: "Call the clerk", X: -2000, Y: -2000, Width: 200, Height: 90}
	if _, _, err := cs.Apply(data.Change{Label: "note", PutCards: []data.Card{note}}); err != nil {
		t.Fatal(err)
	}
	cs.Close()

	tests := []struct {
		name string
		// mine makes MINE in dir and returns its path.
		mine func(t *testing.T, dir string) string
		// refused: the dry run fails with check's one line instead of a
		// plan.
		refused bool
	}{
		{"board", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "mine.evboard")
			copyFile(t, sample, p)
			return p
		}, false},
		{"older schema", func(t *testing.T, dir string) string {
			// Schema 7 only added team_conflicts: without it, and with
			// user_version 6, the sample is a board as schema 6 left it.
			p := filepath.Join(dir, "mine.evboard")
			copyFile(t, sample, p)
			rawSQL(t, p, `DROP TABLE team_conflicts`, `PRAGMA user_version = 6`)
			if rep, err := data.Inspect(p, true); err != nil || rep.Version != 6 {
				t.Fatalf("a schema 6 board: %v", err)
			}
			return p
		}, false},
		{"hot journal", func(t *testing.T, dir string) string {
			h, err := hostile.Case(t.TempDir(), "journal-from-a-crash")
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, "crashed.evboard")
			copyFile(t, h.Path, p)
			copyFile(t, h.Path+"-journal", p+"-journal")
			return p
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			mine := tt.mine(t, dir)
			before := folderBytes(t, dir)

			code, stdout, stderr := run("merge", "--dry-run", mine, theirs)

			after := folderBytes(t, dir)
			for name, b := range before {
				if a, ok := after[name]; !ok {
					t.Errorf("the dry run removed %s", name)
				} else if a != b {
					t.Errorf("the dry run changed %s", name)
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("the dry run wrote %s", name)
				}
			}

			if tt.refused {
				_, _, checked := run("check", mine)
				if code != 1 || stdout != "" || stderr != checked || strings.Count(stderr, "\n") != 1 ||
					!strings.Contains(stderr, filepath.Base(mine)+"-journal") {
					t.Fatalf("exit %d, stdout %q, stderr %q; want check's one line %q", code, stdout, stderr, checked)
				}
				return
			}
			// The plan is the real merge's: made on a copy of MINE, it
			// prints the same lines, "merged" for "would merge".
			if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "would merge "+theirs+" into "+mine+": ") ||
				!strings.Contains(stdout, `added     card "Call the clerk"`) {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
			real := filepath.Join(t.TempDir(), "mine.evboard")
			copyFile(t, mine, real)
			code, merged, stderr := run("merge", real, theirs)
			if code != 0 {
				t.Fatalf("the real merge: %d %q", code, stderr)
			}
			want := strings.Replace(merged, "merged "+theirs+" into "+real, "would merge "+theirs+" into "+mine, 1)
			if stdout != want {
				t.Errorf("the dry run's plan:\n%s\nthe real merge's:\n%s", stdout, merged)
			}
		})
	}
}
