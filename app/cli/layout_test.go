package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

func box(c *data.Card) geom.Rect { return geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height} }

// TestLayoutCommand tidies a generated board with a pinned card: one
// change labelled Tidy, the pinned card where it was, no two cards
// overlapping, and one undo of that change puts every card back.
func TestLayoutCommand(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "g.evboard")
	if code, _, stderr := run("generate", "--cards", "120", p); code != 0 {
		t.Fatal(stderr)
	}
	cs, err := data.OpenCase(p)
	if err != nil {
		t.Fatal(err)
	}
	pinned := cs.Model().SortedCards()[5].Clone()
	pinned.Pinned = true
	if _, _, err := cs.Apply(data.Change{Label: "Pin", PutCards: []data.Card{pinned}}); err != nil {
		t.Fatal(err)
	}
	before := cs.Model().Clone()
	cs.Close()

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"layout", p}, "laid out 119 cards ("},
		{[]string{"layout", p, "--by-date"}, "laid out 119 cards ("},
	} {
		code, stdout, stderr := run(tc.args...)
		if code != 0 || stderr != "" || !strings.HasPrefix(stdout, tc.want) || !strings.HasSuffix(stdout, "; 1 pinned stayed put\n") {
			t.Fatalf("%v: %d %q %q", tc.args, code, stdout, stderr)
		}
	}
	cs, err = data.OpenCase(p)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	m := cs.Model()
	if c := m.Cards[pinned.ID]; c.X != pinned.X || c.Y != pinned.Y {
		t.Errorf("the pinned card moved from (%v, %v) to (%v, %v)", pinned.X, pinned.Y, c.X, c.Y)
	}
	cards := m.SortedCards()
	moved := 0
	for i, a := range cards {
		if b := before.Cards[a.ID]; a.X != b.X || a.Y != b.Y {
			moved++
		}
		for _, b := range cards[i+1:] {
			if box(a).Intersects(box(b)) {
				t.Errorf("cards %s and %s overlap", a.ID, b.ID)
			}
		}
	}
	if moved < 100 {
		t.Errorf("%d cards moved", moved)
	}
	// Each run is one change labelled Tidy: its history rows share one
	// change number.
	hist, err := cs.Store().History("")
	if err != nil {
		t.Fatal(err)
	}
	changes := map[int64]int{}
	for _, h := range hist {
		if h.Label == "Tidy" {
			changes[h.ChangeNo]++
		}
	}
	if len(changes) != 2 {
		t.Errorf("two runs made %d changes labelled Tidy: %v", len(changes), changes)
	}
}

func TestLayoutCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.evboard")
	if code, _, stderr := run("layout", missing); code != 1 || !strings.HasPrefix(stderr, "evidenceboard: "+missing+": ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("a missing board: %d %q", code, stderr)
	}
	if code, _, _ := run("layout"); code != 2 {
		t.Errorf("no board: exit %d, want 2", code)
	}
	if code, _, _ := run("layout", missing, "--by-time"); code != 2 {
		t.Errorf("an unknown flag: exit %d, want 2", code)
	}
}
