package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data"
)

func loadBoard(t *testing.T, path string) *data.Model {
	t.Helper()
	s, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	canvas := filepath.Join("..", "format", "canvas", "testdata", "handmade.canvas")
	board := filepath.Join(dir, "new.evboard")

	code, stdout, stderr := run("import", board, canvas)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "added 13 cards, 6 links\n") ||
		!strings.Contains(stdout, "end is missing") {
		t.Fatalf("import into a new board: %d %q %q", code, stdout, stderr)
	}
	m := loadBoard(t, board)
	if len(m.Cards) != 13 || len(m.Links) != 6 || m.Board.Title != "new" {
		t.Fatalf("board has %d cards, %d links, title %q", len(m.Cards), len(m.Links), m.Board.Title)
	}
	// Again, into the board it made: all new cards, nothing replaced.
	if code, stdout, _ := run("import", board, canvas); code != 0 || !strings.HasPrefix(stdout, "added 13 cards") {
		t.Fatalf("second import: %d %q", code, stdout)
	}
	if m := loadBoard(t, board); len(m.Cards) != 26 || len(m.Links) != 12 {
		t.Fatalf("after two imports: %d cards, %d links", len(m.Cards), len(m.Links))
	}
	if code, _, stderr := run("check", board); code != 0 {
		t.Fatalf("check: %s", stderr)
	}

	// The format is told from the content, whatever the name says.
	renamed := filepath.Join(dir, "canvas.txt")
	b, _ := os.ReadFile(canvas)
	os.WriteFile(renamed, b, 0o644)
	if code, stdout, stderr := run("import", filepath.Join(dir, "other.evboard"), renamed); code != 0 ||
		!strings.HasPrefix(stdout, "added 13 cards") {
		t.Fatalf("canvas named .txt: %d %q %q", code, stdout, stderr)
	}
}

func TestImportCommandErrors(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.canvas")
	os.WriteFile(junk, []byte("{\"nodes\": [ {\"id\": }"), 0o644)
	board := filepath.Join(dir, "b.evboard")
	big := filepath.Join(dir, "big.canvas")
	fh, _ := os.Create(big)
	fh.Truncate(65 << 20) // sparse: no real disk used
	fh.Close()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("just some words"), 0o644)

	tests := []struct {
		name string
		args []string
		code int
		want string // the start of stderr
	}{
		{"bad json", []string{"import", board, junk}, 1, "evidenceboard: " + junk + ": not a JSON Canvas file: line 1, column 20"},
		{"missing", []string{"import", board, filepath.Join(dir, "nope.canvas")}, 1, "evidenceboard: " + filepath.Join(dir, "nope.canvas") + ": no such file"},
		{"too big", []string{"import", board, big}, 1, "evidenceboard: " + big + ": is over the import limit of 64 MiB"},
		{"unknown", []string{"import", board, text}, 1, "evidenceboard: " + text + ": not a file this version can import"},
		{"folder", []string{"import", board, dir}, 1, "evidenceboard: " + dir + ": is a folder"},
		{"bad format", []string{"import", board, junk, "--format", "docx"}, 2, "evidenceboard: import: cannot import the format"},
		{"export-only format", []string{"import", board, junk, "--format", "gexf"}, 2, "evidenceboard: import: cannot import the format"},
		{"not a board", []string{"import", filepath.Join(dir, "x.txt"), junk}, 2, "evidenceboard: import: "},
		{"one arg", []string{"import", board}, 2, "usage: evidenceboard import"},
	}
	for _, tt := range tests {
		code, _, stderr := run(tt.args...)
		if code != tt.code || !strings.HasPrefix(stderr, tt.want) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, code, stderr, tt.code, tt.want)
		}
		if tt.code == 1 && strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: not one line: %q", tt.name, stderr)
		}
		if _, err := os.Stat(board); err == nil {
			t.Fatalf("%s: a failed import left a new board behind", tt.name)
		}
	}
	// A failed import into an existing board leaves it as it was.
	if code, _, stderr := run("sample", board); code != 0 {
		t.Fatal(stderr)
	}
	before, _ := os.ReadFile(board)
	if code, _, _ := run("import", board, junk); code != 1 {
		t.Fatal("junk imported")
	}
	if after, _ := os.ReadFile(board); string(after) != string(before) {
		t.Error("a failed import changed the board")
	}
	if code, stdout, _ := run("import", "--help"); code != 0 || !strings.Contains(stdout, "--map") {
		t.Errorf("help: %d %q", code, stdout)
	}
}

func TestImportCSVCommand(t *testing.T) {
	dir := t.TempDir()
	csvFile := filepath.Join("..", "format", "csv", "testdata", "companies.csv")
	mapping := filepath.Join("..", "format", "csv", "testdata", "companies.mapping.json")
	board := filepath.Join(dir, "register.evboard")
	code, stdout, stderr := run("import", board, csvFile, "--map", mapping)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "added 6 cards, 4 links\n") {
		t.Fatalf("import with a mapping: %d %q %q", code, stdout, stderr)
	}
	// The same rows again: every party is on the board already, so only
	// the links are new.
	code, stdout, _ = run("import", board, csvFile, "--map", mapping)
	if code != 0 || !strings.HasPrefix(stdout, "added 0 cards, 4 links") {
		t.Fatalf("second import: %d %q", code, stdout)
	}
	code, _, stderr = run("import", board, csvFile)
	if code != 1 || !strings.Contains(stderr, "needs a column mapping") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("no mapping: %d %q", code, stderr)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"cards":[{"name":"a","kind":"thing","columns":{"title":"T"}}]}`), 0o644)
	code, _, stderr = run("import", board, csvFile, "--map", bad)
	if code != 1 || !strings.HasPrefix(stderr, "evidenceboard: "+bad+": the mapping's card \"a\": kind") {
		t.Errorf("bad mapping: %d %q", code, stderr)
	}
}
