package team

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"evidenceboard/data"
)

// A conflict a sync meets is kept for review, whichever side won, and
// can be flipped like a merge's: the flip is a change of its own that
// reaches the other copy.
func TestConflictsKeptForReview(t *testing.T) {
	for _, tc := range []struct {
		name       string
		pulledWins bool // alice's edit, pulled by bob, is the later one
		flip       bool // bob flips the conflict to the version not kept
		want       string
	}{
		{"pulled wins, kept", true, false, "alice's"},
		{"pulled wins, flipped to mine", true, true, "bob's"},
		{"pulled loses, kept", false, false, "bob's"},
		{"pulled loses, flipped to theirs", false, true, "alice's"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := needServer(t)
			name := "review " + tc.name
			alice := published(t, c, name)
			bob := clone(t, c, "bob", name)
			id := cardByTitle(t, alice.Model(), "First")
			first, second := bob, alice // the later edit wins
			if !tc.pulledWins {
				first, second = alice, bob
			}
			edit(t, first, id, func(c *data.Card) { c.Title = first.Store().Author + "'s"; c.Body = "both" })
			time.Sleep(5 * time.Millisecond)
			edit(t, second, id, func(c *data.Card) { c.Title = second.Store().Author + "'s"; c.Body = "both" })
			edit(t, bob, cardByTitle(t, bob.Model(), "Second"), func(c *data.Card) { c.X += 10 }) // not in conflict
			sync1(t, alice)
			if res := sync1(t, bob); res.Conflicts != 1 {
				t.Fatalf("bob's sync: %+v, want one conflict", res)
			}
			cs, err := Conflicts(bob.Store())
			if err != nil || len(cs) != 1 {
				t.Fatalf("kept %d conflicts (%v), want 1", len(cs), err)
			}
			k := cs[0]
			if k.Entity != "card" || k.ID != id || k.MineCard == nil || k.TheirsCard == nil ||
				k.MineCard.Title != "bob's" || k.TheirsCard.Title != "alice's" || k.KeptTheirs != tc.pulledWins {
				t.Fatalf("kept %+v", k)
			}
			if st, _ := ReadStatus(bob.Store()); st.Conflicts != 1 {
				t.Errorf("status counts %d conflicts", st.Conflicts)
			}
			if !strings.Contains(k.Describe(time.UTC), "changed on both sides") {
				t.Errorf("describe: %s", k.Describe(time.UTC))
			}
			take := k.KeptTheirs
			if tc.flip {
				take = !take
			}
			if _, err := bob.ResolveConflict(k, take); err != nil {
				t.Fatal(err)
			}
			if err := Reviewed(bob.Store(), cs); err != nil {
				t.Fatal(err)
			}
			if cs, _ := Conflicts(bob.Store()); len(cs) != 0 {
				t.Errorf("%d conflicts left after review", len(cs))
			}
			sync1(t, bob)
			sync1(t, alice)
			for _, cs := range []*data.Case{alice, bob} {
				if got := cs.Model().Cards[id].Title; got != tc.want {
					t.Errorf("%s has %q, want %q", cs.Store().Author, got, tc.want)
				}
			}
			if dump(alice.Model()) != dump(bob.Model()) {
				t.Error("the copies differ")
			}
		})
	}
}

// Edits to different fields of one card are no conflict: nothing is kept.
func TestNoConflictForOtherFields(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "no conflict")
	bob := clone(t, c, "bob", "no conflict")
	id := cardByTitle(t, alice.Model(), "First")
	edit(t, alice, id, func(c *data.Card) { c.Body = "alice" })
	edit(t, bob, id, func(c *data.Card) { c.X += 50 })
	sync1(t, alice)
	sync1(t, bob)
	if cs, err := Conflicts(bob.Store()); err != nil || len(cs) != 0 {
		t.Errorf("kept %+v %v", cs, err)
	}
}

// A kept conflict that does not read back as a card is refused, naming
// the board.
func TestBadConflictRow(t *testing.T) {
	for _, tc := range []struct{ mine, theirs string }{
		{`{"id":"x","kind":"nonsense"}`, ``},
		{`not json`, `{}`},
		{``, ``},
		{`{"id":"other","kind":"note","title":"t","width":10,"height":10}`, ``},
	} {
		cs := newBoard(t, "bad", "alice")
		err := cs.Store().Tx(func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO team_conflicts (entity, id, mine, theirs) VALUES ('card', 'x', ?, ?)`, tc.mine, tc.theirs)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Conflicts(cs.Store()); err == nil || !strings.Contains(err.Error(), cs.Store().Path()) {
			t.Errorf("%q/%q: %v", tc.mine, tc.theirs, err)
		}
	}
}

func cardByTitle(t testing.TB, m *data.Model, title string) string {
	t.Helper()
	for id, c := range m.Cards {
		if c.Title == title {
			return id
		}
	}
	t.Fatalf("no card %q", title)
	return ""
}
