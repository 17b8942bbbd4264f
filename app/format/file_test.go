package format

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data"
)

func write(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	board := filepath.Join(dir, "case.evboard")
	st, err := data.Create(board, data.Board{Title: "Case"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	disguised := filepath.Join(dir, "case.pdf")
	raw, _ := os.ReadFile(board)
	os.WriteFile(disguised, raw, 0o644)
	existing := filepath.Join(dir, "old.pdf")
	os.WriteFile(existing, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.pdf")
	os.Symlink(board, link)

	for _, tc := range []struct {
		name string
		t    Target
		want string // "" for success
	}{
		{"new file", Target{Path: filepath.Join(dir, "new.pdf")}, ""},
		{"exists", Target{Path: existing}, "already exists"},
		{"exists, forced", Target{Path: existing, Force: true}, ""},
		{"board extension", Target{Path: filepath.Join(dir, "other.EVBOARD"), Force: true}, "onto a board file"},
		{"board content under another name", Target{Path: disguised, Force: true}, "is an Evidence Board file"},
		{"the source through a symlink", Target{Path: link, Force: true, Source: board}, "being exported"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.t.Path)
			err := WriteFile(tc.t, write("new"))
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got, _ := os.ReadFile(tc.t.Path); string(got) != "new" {
					t.Fatalf("wrote %q", got)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), tc.t.Path+": ") {
				t.Fatalf("got %v, want an error naming the file and %q", err, tc.want)
			}
			if after, _ := os.ReadFile(tc.t.Path); string(after) != string(before) {
				t.Fatal("the refused file changed")
			}
		})
	}
	if got, _ := os.ReadFile(board); string(got) != string(raw) {
		t.Fatal("the board changed")
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	boom := errors.New("boom")
	err := WriteFile(Target{Path: out}, func(w io.Writer) error { return boom })
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("got %v", err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 0 {
		t.Fatalf("left %v behind", ents)
	}
}
