package data

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"
)

// The load reads rows through the driver on a connection of its own and
// through database/sql's Scan inside a transaction (Follow): both give
// the same model, every field of it as written, vouched for or not; and
// both refuse a value of the wrong type in the same words.
func TestLoadPathsAgree(t *testing.T) {
	s, path := groupBoard(t)
	m0, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	q := fullCard("q1")
	q.SpeakerID, q.Credibility = "sp", 5
	sp := Card{ID: "sp", Kind: KindParty, Title: "Speaker", X: 1, Y: 2, Width: 100, Height: 50}
	ch := m0.Expand(Change{Label: "Put", PutCards: []Card{q, sp}, PutLinks: []Link{
		{ID: "l1", From: "q1", To: "sp", Relation: "said by", Directed: true, Status: StatusAlleged, Note: "n"},
		{ID: "l2", From: "a", To: "b", Relation: "supports"}}})
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	want, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !want.Cards["g"].Folded || !want.Cards["a"].Pinned || want.Cards["q1"].Credibility != 5 || want.Links["l2"].Directed {
		t.Fatal("the board was not written as the test needs")
	}
	viaTx := func(vouched bool) (*Model, error) {
		tx, err := s.db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		return loadFrom(tx, nil, vouched)
	}
	viaDB := func(vouched bool) (*Model, error) { return loadFrom(s.db, nil, vouched) }
	for _, vouched := range []bool{false, true} {
		for name, load := range map[string]func(bool) (*Model, error){"driver": viaDB, "scan": viaTx} {
			m, err := load(vouched)
			if err != nil {
				t.Fatalf("%s, vouched %v: %v", name, vouched, err)
			}
			if !reflect.DeepEqual(m.Cards, want.Cards) || !reflect.DeepEqual(m.Links, want.Links) || !reflect.DeepEqual(m.Board, want.Board) {
				t.Errorf("%s, vouched %v: the model differs from the one written", name, vouched)
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
		_, derr := loadFrom(db, nil, true)
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		_, serr := loadFrom(tx, nil, true)
		tx.Rollback()
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
