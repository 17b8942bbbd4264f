package data

import (
	"strings"
	"testing"
)

// Values that no way of making a board may put in it are refused alike
// from a file (check, open) and from a change (Apply): one gate, refusing
// the value in one line rather than normalising it (issue 12).
func TestOneGateRefusesFoldedNonGroupAndNamelessTagColour(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sql   string                // what a stranger writes into the file
		apply func(m *Model) Change // the same through a change
		want  string                // in the one line
	}{
		{"folded note", `UPDATE cards SET folded = 1 WHERE id = 'a'`,
			func(m *Model) Change {
				c := m.Cards["a"].Clone()
				c.Folded = true
				return Change{Label: "x", PutCards: []Card{c}}
			},
			"card a is folded, and only a group can be folded"},
		{"tag colour without a name", `UPDATE board SET tag_colors = '{"":"#d64545","finance":"#336699"}'`,
			func(m *Model) Change { b := m.Board.WithTagColor("", "#d64545"); return Change{Label: "x", Board: &b} },
			`a tag colour names no tag ("")`},
		{"tag colour with a blank name", `UPDATE board SET tag_colors = '{"  ":"#d64545","finance":"#336699"}'`,
			func(m *Model) Change {
				b := m.Board.WithTagColor("  ", "#d64545")
				return Change{Label: "x", Board: &b}
			},
			`a tag colour names no tag ("  ")`},
		{"tag colour not hex", `UPDATE board SET tag_colors = '{"finance":"#33669z"}'`,
			func(m *Model) Change {
				b := m.Board.WithTagColor("finance", "#33669z")
				return Change{Label: "x", Board: &b}
			},
			`the colour of tag "finance", "#33669z", is not #rrggbb`},
		{"tag colour #rgb", `UPDATE board SET tag_colors = '{"finance":"#369"}'`,
			func(m *Model) Change {
				b := m.Board.WithTagColor("finance", "#369")
				return Change{Label: "x", Board: &b}
			},
			`is not #rrggbb`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := groupBoard(t)
			cs := NewCase(s, mustLoad(t, s))
			if _, _, err := cs.Apply(tc.apply(cs.Model())); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Apply: %v; want %q", err, tc.want)
			}
			cs.Close()
			if m := mustOpenModel(t, path); m.Cards["a"].Folded || len(m.Board.TagColors) != 1 || m.Board.TagColors["finance"] != "#336699" {
				t.Error("the refused change was written")
			}
			if err := rawExec(path, tc.sql); err != nil {
				t.Fatal(err)
			}
			before := readBytes(t, path)
			for _, full := range []bool{true, false} {
				if _, err := Inspect(path, full); err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("Inspect(full %v): %v; want one line with %q", full, err, tc.want)
				}
			}
			if s, err := Open(path); err == nil {
				s.Close()
				t.Error("Open took it")
			}
			if string(readBytes(t, path)) != string(before) {
				t.Error("the refused file was written to")
			}
		})
	}
}

func mustOpenModel(t *testing.T, path string) *Model {
	t.Helper()
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return mustLoad(t, s)
}
