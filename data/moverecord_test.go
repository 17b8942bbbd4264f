package data

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// moveSome is the change a drag of the given cards by (dx, dy) makes.
func moveSome(m *Model, dx, dy float64, ids ...string) Change {
	ch := Change{Label: "Move"}
	for _, id := range ids {
		c := m.Cards[id].Clone()
		c.X += dx
		c.Y += dy
		ch.PutCards = append(ch.PutCards, c)
	}
	return ch
}

func historyRows(t *testing.T, s *Store, changeNo int64) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM history WHERE change_no = ?`, changeNo).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func lastChange(t *testing.T, s *Store) int64 {
	t.Helper()
	var no int64
	if err := s.db.QueryRow(`SELECT max(no) FROM changes`).Scan(&no); err != nil {
		t.Fatal(err)
	}
	return no
}

// TestMoveRecordReadsAsCardRecords moves a few cards of a board with one
// bulk change, in records of two cards: the file holds two history rows
// for it, and every reader — a card's history, the board's, the records
// another copy replays — sees one update of each moved card, with its
// positions to the bit, and nothing of the cards that stayed.
func TestMoveRecordReadsAsCardRecords(t *testing.T) {
	defer func(n int) { maxMoveCards = n }(maxMoveCards)
	maxMoveCards = 2
	s, m := generatedStore(t, 10)
	cs := NewCase(s, m)
	cards := m.SortedCards()
	moved := map[string][2]float64{}
	var ids []string
	for _, c := range cards[:3] {
		ids = append(ids, c.ID)
		moved[c.ID] = [2]float64{c.X, c.Y}
	}
	still := cards[5].ID
	since := lastChange(t, s)
	const dx, dy = 0.5, -7.25
	if _, _, err := cs.Apply(moveSome(m, dx, dy, ids...)); err != nil {
		t.Fatal(err)
	}
	no := lastChange(t, s)
	if n := historyRows(t, s, no); n != 2 {
		t.Errorf("a move of 3 cards in records of 2 wrote %d history rows, want 2", n)
	}
	for _, id := range ids {
		h, err := s.History(id)
		if err != nil {
			t.Fatal(err)
		}
		c := m.Cards[id]
		want := fmt.Sprintf("moved to (%s, %s)", fmtNum(c.X), fmtNum(c.Y))
		if len(h) == 0 || h[0].ChangeNo != no || h[0].EntityID != id || !strings.Contains(h[0].What, want) {
			t.Errorf("card %s: history %+v, want its newest entry to say %q", id, h, want)
		}
	}
	if h, _ := s.History(still); len(h) == 0 || h[0].ChangeNo == no {
		t.Errorf("a card that did not move has the move in its history: %+v", h)
	}
	all, err := s.History("")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range all {
		if e.ChangeNo == no {
			n++
			if _, ok := moved[e.EntityID]; !ok || e.Entity != "card" || e.Action != "update" {
				t.Errorf("the board's history of the move has %+v", e)
			}
		}
	}
	if n != 3 {
		t.Errorf("the board's history shows %d entries of the move, want 3", n)
	}
	logs, err := s.ChangesSince(since)
	if err != nil || len(logs) != 1 {
		t.Fatalf("ChangesSince: %v, %d changes", err, len(logs))
	}
	if len(logs[0].Records) != 3 {
		t.Fatalf("the move has %d records, want 3: %+v", len(logs[0].Records), logs[0].Records)
	}
	for _, r := range logs[0].Records {
		was, ok := moved[r.ID]
		c := m.Cards[r.ID]
		if !ok || r.Entity != EntityCard || r.Action != "update" ||
			r.Before["x"] != was[0] || r.Before["y"] != was[1] || r.After["x"] != c.X || r.After["y"] != c.Y {
			t.Errorf("record %+v; the card was at (%v, %v) and is at (%v, %v)", r, was[0], was[1], c.X, c.Y)
		}
	}
}

// TestMoveRecordMerges merges boards whose cards were moved by the bulk
// path: merge's walk back through each card's versions must see the
// moves, so a move on one side wins without a conflict, both ways.
func TestMoveRecordMerges(t *testing.T) {
	mine, theirs, mm, tm := twoCopies(t)
	var ids []string
	for _, c := range tm.SortedCards()[:4] {
		ids = append(ids, c.ID)
	}
	apply(t, theirs, tm, moveSome(tm, 40, 25, ids...))
	if n := historyRows(t, theirs, lastChange(t, theirs)); n != 1 {
		t.Fatalf("the move wrote %d history rows, want 1", n)
	}
	rep, err := testMerge(mine, theirs.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 0 {
		t.Errorf("theirs' move merged with conflicts: %+v", rep.Conflicts)
	}
	got := mustLoad(t, mine)
	for _, id := range ids {
		if got.Cards[id].X != tm.Cards[id].X || got.Cards[id].Y != tm.Cards[id].Y {
			t.Errorf("card %s at (%v, %v) after the merge, theirs at (%v, %v)", id, got.Cards[id].X, got.Cards[id].Y, tm.Cards[id].X, tm.Cards[id].Y)
		}
	}
	// The other way: a bulk move here, theirs not changed since it had
	// the cards where we had them before.
	mm = got
	apply(t, mine, mm, nudgeAll(mm, -15))
	rep, err = testMerge(mine, theirs.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 0 {
		t.Errorf("merging an older copy into a nudged board: conflicts %+v", rep.Conflicts)
	}
	after := mustLoad(t, mine)
	for id, c := range mm.Cards {
		if after.Cards[id].X != c.X {
			t.Fatalf("card %s went from %v to %v: the older copy's version won", id, c.X, after.Cards[id].X)
		}
	}
}

// TestExpandMove decodes move records, good and bad: a record that does
// not decode moves nothing, and what does decode is exact.
func TestExpandMove(t *testing.T) {
	x0, d := 0.1, 0.2 // variables: their sum is rounded as at run time, 0.30000000000000004
	for _, tc := range []struct {
		name, before, after string
		want                []movedCard
	}{
		{"two cards", `{"cards":["a","b"],"x":[1,2.5],"y":[3,-4]}`, `{"dx":10,"dy":0.1}`,
			[]movedCard{{"a", 1, 3, 11, 3.1}, {"b", 2.5, -4, 12.5, -4 + 0.1}}},
		{"as written", encodeMoveBefore([]Card{{ID: "c"}}, &Model{Cards: map[string]*Card{"c": {ID: "c", X: x0, Y: 1e7}}}),
			encodeMoveAfter(d, -1e-300), []movedCard{{"c", x0, 1e7, x0 + d, 1e7 - 1e-300}}},
		{"an empty id is no card", `{"cards":["","b"],"x":[1,2],"y":[3,4]}`, `{"dx":1,"dy":1}`, []movedCard{{"b", 2, 4, 3, 5}}},
		{"lengths differ", `{"cards":["a","b"],"x":[1],"y":[3,4]}`, `{"dx":1,"dy":1}`, nil},
		{"no dy", `{"cards":["a"],"x":[1],"y":[3]}`, `{"dx":1}`, nil},
		{"text for a number", `{"cards":["a"],"x":["1"],"y":[3]}`, `{"dx":1,"dy":1}`, nil},
		{"not JSON", `{"cards":`, `{"dx":1,"dy":1}`, nil},
		{"a card record", `{"x":1,"y":2}`, `{"x":2,"y":2}`, nil},
		{"null", `null`, `null`, nil},
		{"out of range after", `{"cards":["a","b"],"x":[1e308,1],"y":[0,0]}`, `{"dx":1e308,"dy":0}`, []movedCard{{"b", 1, 0, 1e308 + 1, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := expandMove(tc.before, tc.after)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func FuzzExpandMove(f *testing.F) {
	f.Add(`{"cards":["a","b"],"x":[1,2.5],"y":[3,-4]}`, `{"dx":10,"dy":0.1}`)
	f.Add(`{"cards":["a"],"x":[1e308],"y":[-1e308]}`, `{"dx":1e308,"dy":-1e308}`)
	f.Add(`{"cards":[],"x":[],"y":[]}`, `{"dx":0,"dy":0}`)
	f.Fuzz(func(t *testing.T, before, after string) {
		for _, mc := range expandMove(before, after) {
			if mc.id == "" {
				t.Fatal("a moved card with no id")
			}
			b, a := mc.json()
			for _, js := range []string{b, a} {
				if v := decodeValues(js); len(v) != 2 || math.IsInf(mc.x1, 0) || math.IsInf(mc.y1, 0) {
					t.Fatalf("%q does not read back as a position", js)
				}
			}
		}
	})
}
