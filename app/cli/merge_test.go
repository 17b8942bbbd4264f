package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data"
)

func TestMergeCommand(t *testing.T) {
	t.Setenv("EVIDENCEBOARD_AUTHOR", "B. Colleague")
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine.evboard")
	theirs := filepath.Join(dir, "theirs.evboard")
	if code, _, stderr := run("sample", mine); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := run("copy", mine, theirs); code != 0 {
		t.Fatal(stderr)
	}
	// Theirs: a new note and an edit.
	s, err := data.Open(theirs)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := s.Load()
	var sf data.Card
	for _, c := range m.Cards {
		if c.Title == "Salesforce" {
			sf = c.Clone()
		}
	}
	sf.Body = "Edited in theirs."
	ch := data.Change{Label: "edit", PutCards: []data.Card{sf,
		{ID: "note-1", Kind: data.KindNote, Title: "Call the clerk", X: -2000, Y: -2000, Width: 200, Height: 90}}}
	if _, _, err := data.NewCase(s, m).Apply(ch); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, stdout, stderr := run("merge", mine, theirs)
	if code != 0 || stderr != "" {
		t.Fatalf("merge: %d %q %q", code, stdout, stderr)
	}
	for _, want := range []string{"1 added, 1 updated, 0 deleted, 0 conflicts", `added     card "Call the clerk"`, `updated   card "Salesforce"`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("merge output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = run("merge", mine, theirs)
	if code != 0 || !strings.Contains(stdout, "nothing to bring in") {
		t.Errorf("second merge: %d %q", code, stdout)
	}
	code, stdout, _ = run("history", mine, "Salesforce")
	if code != 0 || !strings.HasPrefix(stdout, "Salesforce: text edited, by B. Colleague, ") {
		t.Errorf("history after merge: %d %q", code, stdout)
	}

	// A board another Evidence Board holds open is not merged into.
	held, err := data.Open(mine)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	code, _, stderr = run("merge", mine, theirs)
	if code != 1 || !strings.Contains(stderr, "open in another Evidence Board") {
		t.Errorf("merge into a held board: %d %q", code, stderr)
	}
	// A hostile theirs is refused, naming it.
	junk := filepath.Join(dir, "junk.evboard")
	code, _, stderr = run("merge", theirs, junk)
	if code != 1 || !strings.HasPrefix(stderr, "evidenceboard: "+junk+": ") {
		t.Errorf("merge of a missing board: %d %q", code, stderr)
	}
}

func TestHistoryCommand(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "case.evboard")
	if code, _, stderr := run("sample", p); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := run("history", p)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "Salesforce: created (party), by Evidence Board sample") {
		t.Fatalf("history: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run("history", p, "salesforce")
	if code != 0 || strings.Count(stdout, "\n") != 1 {
		t.Errorf("history of one card: %d %q", code, stdout)
	}
	code, _, stderr = run("history", p, "no such card")
	if code != 1 || !strings.HasPrefix(stderr, "evidenceboard: "+p+": no card") {
		t.Errorf("history of a missing card: %d %q", code, stderr)
	}
	if code, _, _ := run("history"); code != 2 {
		t.Errorf("history with no file: exit %d", code)
	}
}

// TestMergeAsksBeforeDrasticDeletions: theirs deleted most of the board.
// --dry-run shows it and writes nothing; without --allow-deletions the
// merge is refused with one line; with it, the deletions are made.
func TestMergeAsksBeforeDrasticDeletions(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine.evboard")
	theirs := filepath.Join(dir, "theirs.evboard")
	if code, _, stderr := run("sample", mine); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := run("copy", mine, theirs); code != 0 {
		t.Fatal(stderr)
	}
	cs, err := data.OpenCase(theirs)
	if err != nil {
		t.Fatal(err)
	}
	var gone []string
	for id, c := range cs.Model().Cards {
		if c.Kind != data.KindNote {
			gone = append(gone, id)
		}
	}
	if _, _, err := cs.Apply(data.Change{Label: "Tidy", DeleteCards: gone}); err != nil {
		t.Fatal(err)
	}
	cs.Close()
	cards := func() int {
		s, err := data.OpenReadOnly(mine)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		m, _ := s.Load()
		return len(m.Cards)
	}
	before := cards()
	code, out, _ := run("merge", "--dry-run", mine, theirs)
	if code != 0 || !strings.HasPrefix(out, "would merge") || cards() != before {
		t.Fatalf("--dry-run: %d %q, %d cards (was %d)", code, out, cards(), before)
	}
	code, _, stderr := run("merge", mine, theirs)
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "--allow-deletions") || cards() != before {
		t.Fatalf("without --allow-deletions: %d %q, %d cards", code, stderr, cards())
	}
	if code, _, stderr := run("merge", "--allow-deletions", mine, theirs); code != 0 || cards() != before-len(gone) {
		t.Fatalf("with --allow-deletions: %d %q, %d cards", code, stderr, cards())
	}
}
