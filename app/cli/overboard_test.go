package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// No export over a board (issue 12, finding 15): brief, export and copy
// refuse to write onto the board being read or onto any other board
// file, --force or not, with one line, and the board keeps every byte.
func TestNoExportOverABoard(t *testing.T) {
	dir := t.TempDir()
	board := filepath.Join(dir, "case.evboard")
	other := filepath.Join(dir, "other.evboard")
	for _, p := range []string{board, other} {
		if code, _, stderr := run("sample", p); code != 0 {
			t.Fatal(stderr)
		}
	}
	// A board under a name that does not say so.
	disguised := filepath.Join(dir, "notes.pdf")
	b, _ := os.ReadFile(other)
	os.WriteFile(disguised, b, 0o644)
	for _, c := range []struct {
		name   string
		args   []string
		target string
	}{
		{"brief onto itself", []string{"brief", board, "-o", board, "--force"}, board},
		{"brief onto another board", []string{"brief", board, "-o", other, "--force"}, other},
		{"brief onto a board named .pdf", []string{"brief", board, "-o", disguised, "--force"}, disguised},
		{"export onto itself", []string{"export", board, "-o", board, "--force", "--format", "canvas"}, board},
		{"export onto another board", []string{"export", board, "-o", other, "--force", "--format", "graphml"}, other},
		{"export onto a board named .pdf", []string{"export", board, "-o", disguised, "--force", "--format", "csv"}, disguised},
		{"copy onto itself", []string{"copy", board, board}, board},
		{"copy onto another board", []string{"copy", board, other}, other},
	} {
		before, _ := os.ReadFile(c.target)
		code, stdout, stderr := run(c.args...)
		if code != 1 || stdout != "" || !strings.HasPrefix(stderr, "evidenceboard: ") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", c.name, code, stdout, stderr)
		}
		if after, _ := os.ReadFile(c.target); !bytes.Equal(before, after) {
			t.Errorf("%s: the board was written", c.name)
		}
	}
}
