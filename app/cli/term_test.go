package cli

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data"
)

// rawSQL changes a board behind the app's back, as a stranger's tool would.
func rawSQL(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// rawControl reports whether s holds a character a terminal acts on.
func rawControl(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r == 0x202E {
			return true
		}
	}
	return false
}

// Nothing a board holds reaches the terminal raw: not its title (check
// prints it), not a card id (error messages name it), not a file name.
func TestTerminalEscapes(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		stmts []string
		code  int
		want  string // in stdout+stderr
	}{
		{"title-clears-screen", []string{`UPDATE board SET title = 'fake' || char(27) || '[2J'`}, 1, "U+001B"},
		{"title-c1-csi", []string{`UPDATE board SET title = 'a' || char(155) || '2J' || char(8238) || 'txt.exe'`}, 0, "title:   a⟨U+009B⟩2J⟨U+202E⟩txt.exe\n"},
		{"card-id-retitles-window", []string{`INSERT INTO cards (id, kind, x, y, width, height, created, updated)
			VALUES ('evil' || char(27) || ']0;pwned' || char(7), 'note', 0, 0, 200, 90, '', '')`}, 1, "evil⟨U+001B⟩]0;pwned⟨U+0007⟩"},
		{"name\x1b[2J", nil, 0, "name⟨U+001B⟩[2J.evboard: ok"},
	} {
		p := filepath.Join(dir, c.name+".evboard")
		if code, _, stderr := run("sample", p); code != 0 {
			t.Fatal(stderr)
		}
		rawSQL(t, p, c.stmts...)
		code, stdout, stderr := run("check", p)
		if code != c.code || rawControl(stdout+stderr) || !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("%q: exit %d (want %d), stdout %q, stderr %q; want %q in them", c.name, code, c.code, stdout, stderr, c.want)
		}
	}
}

// FileError.Error is safe wherever it is shown, not only here.
func TestFileErrorPrintable(t *testing.T) {
	e := &data.FileError{Path: "a\x1b[2J.evboard", Reason: "card x\x1b]0;y: bad"}
	if got := e.Error(); rawControl(got) {
		t.Errorf("FileError.Error() = %q", got)
	}
}

// The command line's own refusals print the person's arguments too: an
// import into a name that is not a board's, a brief at a time that is not
// one.
func TestArgumentsPrintedSafely(t *testing.T) {
	dir := t.TempDir()
	board := filepath.Join(dir, "b.evboard")
	if code, _, stderr := run("sample", board); code != 0 {
		t.Fatal(stderr)
	}
	for _, args := range [][]string{
		{"import", filepath.Join(dir, "x\x1b[2J.txt"), filepath.Join(dir, "in.canvas")},
		{"brief", board, "-o", filepath.Join(dir, "b.pdf"), "--as-of", "now\x1b]0;pwned\x07"},
	} {
		code, stdout, stderr := run(args...)
		// (The usage printed after it has tabs of ours.)
		if code == 0 || strings.ContainsAny(stdout+stderr, "\x1b\x07") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", args[0], code, stdout, stderr)
		}
	}
}
