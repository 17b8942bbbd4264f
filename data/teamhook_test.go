package data

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// ApplyAll makes its changes in one transaction: all or none, each with
// its own change row keeping its ID, and also's writes with them.
func TestApplyAll(t *testing.T) {
	note := func(id, title string) Card {
		w, h := DefaultSize(KindNote)
		return Card{ID: id, Kind: KindNote, Title: title, Width: w, Height: h}
	}
	for _, tc := range []struct {
		name    string
		chs     []Change
		also    error
		wantErr string
		cards   int
	}{
		{"two changes, two rows", []Change{
			{ID: "11111111-1111-4111-8111-111111111111", Label: "A", PutCards: []Card{note("a", "A")}},
			{ID: "22222222-2222-4222-8222-222222222222", Label: "B", PutCards: []Card{note("b", "B")},
				PutLinks: []Link{{ID: "l", From: "a", To: "b"}}},
		}, nil, "", 2},
		{"a bad change undoes the good one", []Change{
			{Label: "A", PutCards: []Card{note("a", "A")}},
			{Label: "bad", PutLinks: []Link{{ID: "l", From: "a", To: "nowhere"}}},
		}, nil, "FOREIGN KEY", 0},
		{"an invalid card", []Change{
			{Label: "A", PutCards: []Card{note("a", "A")}},
			{Label: "bad", PutCards: []Card{{ID: "b", Kind: "nonsense"}}},
		}, nil, "kind", 0},
		{"also fails", []Change{{Label: "A", PutCards: []Card{note("a", "A")}}}, errors.New("also failed"), "also failed", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "b"+Extension)
			s, err := Create(path, Board{})
			if err != nil {
				t.Fatal(err)
			}
			m, _ := s.Load()
			cs := NewCase(s, m)
			defer cs.Close()
			_, err = cs.ApplyAll(tc.chs, func(tx *sql.Tx) error { return tc.also })
			if (err == nil) != (tc.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			var rows, cards int
			s.db.QueryRow(`SELECT count(*) FROM changes`).Scan(&rows)
			s.db.QueryRow(`SELECT count(*) FROM cards`).Scan(&cards)
			if cards != tc.cards || len(cs.Model().Cards) != tc.cards {
				t.Errorf("file %d cards, model %d; want %d", cards, len(cs.Model().Cards), tc.cards)
			}
			if tc.wantErr == "" {
				if rows != len(tc.chs) {
					t.Errorf("%d change rows, want %d", rows, len(tc.chs))
				}
				var n int
				s.db.QueryRow(`SELECT count(*) FROM changes WHERE uuid = ?`, tc.chs[1].ID).Scan(&n)
				if n != 1 {
					t.Error("a change did not keep its ID")
				}
			} else if rows != 0 {
				t.Errorf("%d change rows after a failure", rows)
			}
		})
	}
}
