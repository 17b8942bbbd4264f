package data

import (
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
