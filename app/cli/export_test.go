package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	board := filepath.Join(dir, "case.evboard")
	if code, _, stderr := run("sample", board); code != 0 {
		t.Fatal(stderr)
	}
	m := loadBoard(t, board)
	out := filepath.Join(dir, "case.canvas")
	code, stdout, stderr := run("export", board, "-o", out)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "wrote ") || !strings.Contains(stdout, "JSON Canvas") {
		t.Fatalf("export: %d %q %q", code, stdout, stderr)
	}
	// And back: a new board with every card and link.
	back := filepath.Join(dir, "back.evboard")
	if code, stdout, stderr := run("import", back, out); code != 0 || stderr != "" {
		t.Fatalf("import of the export: %d %q %q", code, stdout, stderr)
	}
	if mb := loadBoard(t, back); len(mb.Cards) != len(m.Cards) || len(mb.Links) != len(m.Links) {
		t.Fatalf("round trip: %d cards, %d links; want %d, %d", len(mb.Cards), len(mb.Links), len(m.Cards), len(m.Links))
	}

	// Every format is written; those that are read come back whole.
	for _, ext := range []string{".graphml", ".gexf", ".csv", ".ftm.json", ".png", ".svg"} {
		o := filepath.Join(dir, "case"+ext)
		if code, stdout, stderr := run("export", board, "-o", o); code != 0 || stderr != "" {
			t.Fatalf("export %s: %d %q %q", ext, code, stdout, stderr)
		}
		if ext == ".gexf" || ext == ".ftm.json" || ext == ".png" || ext == ".svg" {
			continue
		}
		b := filepath.Join(dir, "back"+strings.ReplaceAll(ext, ".", "-")+".evboard")
		if code, stdout, stderr := run("import", b, o); code != 0 || stderr != "" ||
			!strings.HasPrefix(stdout, fmt.Sprintf("added %d cards, %d links\n", len(m.Cards), len(m.Links))) {
			t.Fatalf("import of %s: %d %q %q", ext, code, stdout, stderr)
		}
	}

	before, _ := os.ReadFile(out)
	code, _, stderr = run("export", board, "-o", out)
	if code != 1 || !strings.HasPrefix(stderr, "evidenceboard: "+out+": already exists") {
		t.Fatalf("export over a file: %d %q", code, stderr)
	}
	if code, _, stderr := run("export", board, "-o", out, "--force"); code != 0 {
		t.Fatalf("--force: %s", stderr)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Error("the same board exported twice differs")
	}
	// Never over a board, whatever it is called, even with --force.
	disguised := filepath.Join(dir, "board.canvas")
	b, _ := os.ReadFile(board)
	os.WriteFile(disguised, b, 0o644)
	if code, _, stderr := run("export", board, "-o", disguised, "--force"); code != 1 || !strings.Contains(stderr, "Evidence Board file") {
		t.Fatalf("export over a board: %d %q", code, stderr)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no -o", []string{"export", board}, 2, "evidenceboard: export: say where"},
		{"bad scale", []string{"export", board, "-o", filepath.Join(dir, "s.png"), "--scale", "0"}, 2, "evidenceboard: export: --scale"},
		{"unknown ext", []string{"export", board, "-o", filepath.Join(dir, "x.docx")}, 2, "evidenceboard: export: cannot tell the format"},
		{"unknown format", []string{"export", board, "-o", filepath.Join(dir, "x.out"), "--format", "docx"}, 2, "evidenceboard: export: cannot export as"},
		{"onto .evboard", []string{"export", board, "-o", filepath.Join(dir, "y.evboard"), "--format", "canvas"}, 1, "evidenceboard: " + filepath.Join(dir, "y.evboard") + ": will not write"},
		{"missing board", []string{"export", filepath.Join(dir, "nope.evboard"), "-o", filepath.Join(dir, "z.canvas")}, 1, "evidenceboard: "},
	}
	for _, tt := range tests {
		code, _, stderr := run(tt.args...)
		if code != tt.code || !strings.HasPrefix(stderr, tt.want) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, code, stderr, tt.code, tt.want)
		}
	}
	// A PNG at twice the scale is a larger picture.
	small, _ := os.Stat(filepath.Join(dir, "case.png"))
	big := filepath.Join(dir, "big.png")
	if code, _, stderr := run("export", board, "-o", big, "--scale", "2"); code != 0 {
		t.Fatalf("--scale 2: %s", stderr)
	}
	if b, _ := os.Stat(big); small == nil || b == nil || b.Size() <= small.Size() {
		t.Error("--scale 2 made no larger PNG")
	}
	if _, err := os.Stat(filepath.Join(dir, "z.canvas")); err == nil {
		t.Error("a failed export left a file")
	}
}
