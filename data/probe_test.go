package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Probe findings (hostile-input round of 30 November 2026).

// A stranger's board whose boolean columns (cards.folded, cards.pinned,
// links.directed) hold a number other than 0 or 1 was refused with
// database/sql's own words: "reading cards: sql: Scan error on column
// index 26, name "folded": sql/driver: couldn't convert 2 into type bool".
// It must be refused in our words, like any other value of the wrong
// type, by Open and by check, with the file untouched.
func TestProbeBooleanOutOfRange(t *testing.T) {
	for _, tc := range []struct{ name, stmt string }{
		{"folded 2", `UPDATE cards SET folded = 2 WHERE id = 'g'`},
		{"pinned 2", `UPDATE cards SET pinned = 2 WHERE id = 'a'`},
		{"pinned -1", `UPDATE cards SET pinned = -1 WHERE id = 'a'`},
		{"pinned 1.5", `UPDATE cards SET pinned = 1.5 WHERE id = 'a'`},
		{"directed 2", `UPDATE links SET directed = 2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := groupBoard(t)
			m, _ := s.Load()
			l := Link{ID: "l", From: "a", To: "b", Relation: "supports", Directed: true}
			ch := m.Expand(Change{Label: "Link", PutLinks: []Link{l}})
			if err := testApply(s, &ch); err != nil {
				t.Fatal(err)
			}
			s.Close()
			if err := rawExec(path, tc.stmt); err != nil {
				t.Fatal(err)
			}
			before := readBytes(t, path)
			for _, open := range []func() error{
				func() error {
					s, err := Open(path)
					if err == nil {
						s.Close()
					}
					return err
				},
				func() error { _, err := Inspect(path, true); return err },
			} {
				err := open()
				if err == nil {
					t.Fatal("a board with an out-of-range boolean was taken")
				}
				if msg := err.Error(); strings.Contains(msg, "Scan error") || strings.Contains(msg, "sql/driver") {
					t.Errorf("refused in database/sql's words: %v", err)
				}
				if _, ok := err.(*FileError); !ok {
					t.Errorf("refusal %T is not a *FileError", err)
				}
			}
			if after := readBytes(t, path); string(after) != string(before) {
				t.Fatal("a refused board was written to")
			}
		})
	}
}

// The journal beside a board is a symbolic link: to a hot journal (a
// crash's, moved elsewhere and linked back), or to an empty file. SQLite
// will not roll back or write a journal through the link, so:
//   - a hot one was called "an unfinished change … Evidence Board offers to
//     undo it" by check, and Recover then copied the board and journal
//     beside it as "NAME (before recovery).evboard" and failed with
//     "unable to open database file (14)"; each try left another copy;
//   - an empty one passed check ("ok") while every edit failed with
//     "cannot open the file: it was moved, deleted or made unreadable".
//
// Both must be refused in the same plain words by check, Open and Recover,
// before anything is written beside the board.
func TestProbeJournalSymlink(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good"+Extension)
	journalBoard(t, good, 10)
	crashed, journal := crash(t, good)
	for _, c := range []struct {
		name    string
		journal []byte
	}{{"hot", journal}, {"empty", nil}} {
		t.Run(c.name, func(t *testing.T) {
			d := filepath.Join(dir, c.name)
			os.Mkdir(d, 0o755)
			p := filepath.Join(d, "b"+Extension)
			board := crashed
			if c.journal == nil {
				board = readBytes(t, good)
			}
			if err := os.WriteFile(p, board, 0o644); err != nil {
				t.Fatal(err)
			}
			target := filepath.Join(dir, c.name+"-elsewhere")
			if err := os.WriteFile(target, c.journal, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, p+journalSuffix); err != nil {
				t.Skip(err)
			}
			_, ierr := Inspect(p, true)
			s, oerr := Open(p)
			if s != nil {
				s.Close()
			}
			cs, _, rerr := Recover(p)
			if cs != nil {
				cs.Close()
			}
			for what, err := range map[string]error{"Inspect": ierr, "Open": oerr, "Recover": rerr} {
				if err == nil || !strings.Contains(err.Error(), "is a symbolic link") {
					t.Errorf("%s: %v; want it to say the journal is a symbolic link", what, err)
				}
			}
			if got := readBytes(t, p); string(got) != string(board) {
				t.Error("the board changed")
			}
			if got := readBytes(t, target); string(got) != string(c.journal) {
				t.Error("the journal changed")
			}
			if ents, _ := os.ReadDir(d); len(ents) != 2 {
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				t.Errorf("files beside the board: %q, want only the board and the link", names)
			}
		})
	}
}

// A crash's journal from a different board of the same shape (two boards
// made the same way, so the same page size, size and change counter) laid
// beside a good board: checkJournal cannot tell it is not this board's.
// check said "has an unfinished change … offers to undo it", while
// opening it (Recover, as every command that changes a board does) then
// refused it: "after undoing the unfinished change: damaged: Tree 13 page
// 632 cell 6: Rowid 2000 out of order". The full check must say what
// opening will do: it tries the undo on a copy, as Recover does.
func TestProbeForeignJournalCheckSaysWhatOpenDoes(t *testing.T) {
	p := boardWithTwinsJournal(t)
	_, cerr := Inspect(p, true)
	cs, _, rerr := Recover(p)
	if cs != nil {
		cs.Close()
		t.Skip("the foreign journal rolled back into a board that passes; nothing to compare")
	}
	if rerr == nil {
		t.Fatal("Recover took it")
	}
	t.Logf("check: %v\nRecover: %v", cerr, rerr)
	if cerr == nil || strings.Contains(cerr.Error(), "offers to undo it") {
		t.Errorf("check says %v, while opening says %v", cerr, rerr)
	}
}

// FILE_FORMAT.md: board.tag_colors is "a JSON object from tag to
// #rrggbb, keys sorted, or ” for none. Anything else is refused on
// open". '{}' and ' {} ' were refused, but an object with keys out of
// order or a key given twice (the last wins, the first silently lost) was
// taken by check and by every command.
func TestProbeTagColoursNotCanonical(t *testing.T) {
	for _, v := range []string{`{"b":"#112233","a":"#445566"}`, `{"a":"#112233","a":"#445566"}`} {
		s, path := groupBoard(t)
		s.Close()
		if err := rawExec(path, `UPDATE board SET tag_colors = '`+v+`'`); err != nil {
			t.Fatal(err)
		}
		before := readBytes(t, path)
		if _, err := Inspect(path, true); err == nil || !strings.Contains(err.Error(), "tag colours") {
			t.Errorf("tag_colors %s: check says %v", v, err)
		}
		if s, err := Open(path); err == nil {
			s.Close()
			t.Errorf("tag_colors %s: opened", v)
		}
		if string(readBytes(t, path)) != string(before) {
			t.Errorf("tag_colors %s: the refused board was written to", v)
		}
	}
}

// A note whose group_id is its own id was refused with "card a: a group
// cannot be inside a group", which names no group: the card is no group.
func TestProbeCardInItselfSaysSo(t *testing.T) {
	s, path := groupBoard(t)
	s.Close()
	if err := rawExec(path, `UPDATE cards SET group_id = id WHERE id = 'a'`); err != nil {
		t.Fatal(err)
	}
	_, err := Inspect(path, true)
	if err == nil || !strings.Contains(err.Error(), "card a is in itself") {
		t.Fatalf("check says %v", err)
	}
}
