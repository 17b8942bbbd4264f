package data

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"
)

// The load reads rows through the driver, on a connection of its own or
// on one its caller holds in a read transaction (Follow's onConn): both
// give the model as the change applied it, every field as written,
// vouched for or not; and both refuse a value of the wrong type in the
// same words.
func TestLoadPathsAgree(t *testing.T) {
	s, path := groupBoard(t)
	m0, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	q := fullCard("q1")
	q.SpeakerID, q.Credibility = "sp", 5
	sp := Card{ID: "sp", Kind: KindParty, Title: "Speaker", X: 1, Y: 2, Width: 100, Height: 50}
	cs := NewCase(s, m0)
	if _, _, err := cs.Apply(Change{Label: "Put", PutCards: []Card{q, sp}, PutLinks: []Link{
		{ID: "l1", From: "q1", To: "sp", Relation: "said by", Directed: true, Status: StatusAlleged, Note: "n"},
		{ID: "l2", From: "a", To: "b", Relation: "supports"}}}); err != nil {
		t.Fatal(err)
	}
	want := cs.Model()
	if !want.Cards["g"].Folded || !want.Cards["a"].Pinned || want.Cards["q1"].Credibility != 5 || want.Links["l2"].Directed {
		t.Fatal("the board was not written as the test needs")
	}
	viaConn := func(db *sql.DB, vouched bool) (*Model, error) {
		ctx := context.Background()
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(ctx, `ROLLBACK`)
		return loadFrom(onConn{conn}, nil, vouched)
	}
	viaDB := func(db *sql.DB, vouched bool) (*Model, error) { return loadFrom(db, nil, vouched) }
	paths := map[string]func(*sql.DB, bool) (*Model, error){"own connection": viaDB, "held connection": viaConn}
	for _, vouched := range []bool{false, true} {
		for name, load := range paths {
			m, err := load(s.db, vouched)
			if err != nil {
				t.Fatalf("%s, vouched %v: %v", name, vouched, err)
			}
			if d := modelDiff(want, m); d != "" || !reflect.DeepEqual(m.Board, want.Board) {
				t.Errorf("%s, vouched %v: the model differs from the one applied: %s", name, vouched, d)
			}
			if got, w := m.Counts(), want.Counts(); !reflect.DeepEqual(got, w) {
				t.Errorf("%s, vouched %v: counts %v, want %v", name, vouched, got, w)
			}
		}
	}
	s.Close()

	for _, tc := range []struct{ stmt, words string }{
		{`UPDATE cards SET x = 'left' WHERE id = 'a'`, "its x column holds a text where a number belongs"},
		{`UPDATE cards SET credibility = 2.5 WHERE id = 'q1'`, "its credibility column holds a real number where a whole number belongs"},
		{`UPDATE links SET directed = 2 WHERE id = 'l1'`, "its directed column holds an integer where 0 or 1 belongs"},
		{`UPDATE links SET note = CAST('n' AS BLOB) WHERE id = 'l1'`, "its note column holds a BLOB where a text belongs"},
	} {
		if err := rawExec(path, tc.stmt); err != nil {
			t.Fatal(err)
		}
		db, err := openDB(path, "ro")
		if err != nil {
			t.Fatal(err)
		}
		_, derr := viaDB(db, true)
		_, serr := viaConn(db, true)
		db.Close()
		for _, err := range []error{derr, serr} {
			if err == nil || !strings.Contains(err.Error(), tc.words) {
				t.Errorf("%s: %v, want %q", tc.stmt, err, tc.words)
			}
		}
		if err := rawExec(path, strings.Replace(strings.Replace(tc.stmt, "CAST('n' AS BLOB)", "'n'", 1), "2.5", "2", 1),
			`UPDATE cards SET x = 20 WHERE id = 'a'`, `UPDATE links SET directed = 1 WHERE id = 'l1'`); err != nil {
			t.Fatal(err)
		}
	}
}
