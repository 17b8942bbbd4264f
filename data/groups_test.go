package data

import (
	"database/sql"
	"os"
	"strings"
	"testing"
)

// A board with a folded group holding two cards, one of them pinned, and
// a tag colour: every schema-6 field, through the file and back.
func groupBoard(t *testing.T) (*Store, string) {
	t.Helper()
	path := tempBoard(t)
	s, err := Create(path, Board{Title: "G"}.WithTagColor("finance", "#336699"))
	if err != nil {
		t.Fatal(err)
	}
	g := Card{ID: "g", Kind: KindGroup, Title: "Payments", X: 0, Y: 0, Width: 600, Height: 400, Folded: true}
	a := Card{ID: "a", Kind: KindClaim, Title: "A", X: 20, Y: 40, Width: 200, Height: 90, Group: "g", Pinned: true}
	b := Card{ID: "b", Kind: KindEvent, Title: "B", X: 300, Y: 40, Width: 200, Height: 90, Group: "g", Tags: []string{"finance"}}
	ch := Change{Label: "Group", PutCards: []Card{g, a, b}}
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	return s, path
}

func TestGroupFieldsRoundTrip(t *testing.T) {
	s, path := groupBoard(t)
	s.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if g := m.Cards["g"]; g.Kind != KindGroup || !g.Folded || g.Kind.Label() != "Group" {
		t.Errorf("group read back as %+v", g)
	}
	if a := m.Cards["a"]; a.Group != "g" || !a.Pinned {
		t.Errorf("member read back as %+v", a)
	}
	if b := m.Cards["b"]; b.Group != "g" || b.Pinned {
		t.Errorf("second member read back as %+v", b)
	}
	if got := m.Board.TagColors["finance"]; got != "#336699" {
		t.Errorf("tag colour read back as %q", got)
	}
}

func TestDeletingAGroupKeepsItsCards(t *testing.T) {
	s, _ := groupBoard(t)
	defer s.Close()
	m, _ := s.Load()
	ch := m.Expand(Change{Label: "Delete group", DeleteCards: []string{"g"}})
	inv := m.Inverse(ch)
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	disk, _ := s.Load()
	if disk.Cards["a"] == nil || disk.Cards["a"].Group != "" || disk.Cards["b"].Group != "" {
		t.Fatalf("members after the group's deletion: %+v %+v", disk.Cards["a"], disk.Cards["b"])
	}
	if err := testApply(s, &inv); err != nil {
		t.Fatal(err)
	}
	disk, _ = s.Load()
	if disk.Cards["g"] == nil || disk.Cards["a"].Group != "g" || disk.Cards["b"].Group != "g" {
		t.Fatal("undo did not put the cards back in their group")
	}
}

func TestGroupRulesRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		card Card
		want string
	}{
		{"a group in a group", Card{ID: "h", Kind: KindGroup, Title: "H", Width: 300, Height: 200, Group: "g"}, "cannot be inside a group"},
		{"a card in itself", Card{ID: "x", Kind: KindNote, Width: 100, Height: 100, Group: "x"}, "cannot be inside a group"},
		{"a card in a claim", Card{ID: "y", Kind: KindNote, Width: 100, Height: 100, Group: "a"}, "not a group"},
		{"a card in no card", Card{ID: "z", Kind: KindNote, Width: 100, Height: 100, Group: "nowhere"}, "missing card"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := groupBoard(t)
			defer s.Close()
			m, _ := s.Load()
			m.Cards[tc.card.ID] = &tc.card
			err := m.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate = %v, want %q", err, tc.want)
			}
		})
	}
}

// A stranger's board whose tag colours are not what we write is refused
// on open, with its bytes untouched.
func TestTagColoursFromAFileChecked(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{`not json`, "tag colours"},
		{`{"a": 3}`, "tag colours"},
		{`{"a": "red"}`, "not #rrggbb"},
		{`["#112233"]`, "tag colours"},
	} {
		t.Run(tc.value, func(t *testing.T) {
			s, path := groupBoard(t)
			s.Close()
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`UPDATE board SET tag_colors = ?`, tc.value); err != nil {
				t.Fatal(err)
			}
			db.Close()
			before := readBytes(t, path)
			_, err = Open(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open = %v, want an error saying %q", err, tc.want)
			}
			if after := readBytes(t, path); string(after) != string(before) {
				t.Fatal("a refused board was written to")
			}
		})
	}
}

func TestGroupHistoryWords(t *testing.T) {
	got := diffFields("card", map[string]any{"folded": false, "pinned": true, "group_id": ""},
		map[string]any{"folded": true, "pinned": false, "group_id": "g"}, nil)
	want := []string{"group (none) → card g", "folded", "unpinned"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Fatalf("history says %q, want %q", got, want)
	}
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
