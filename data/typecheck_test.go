package data

import (
	"os"
	"strings"
	"testing"
)

// TestValueTypesAndSizes refuses, before loading, boards whose rows hold
// a value of the wrong type or a text over the limit — each of which
// passed every check before (issue 12, findings 2 and 8) — and leaves the
// file as it was.
func TestValueTypesAndSizes(t *testing.T) {
	for _, tc := range []struct {
		name, stmt string
	}{
		{"blob card id", `UPDATE cards SET id = CAST(id AS BLOB) WHERE kind = 'claim'`},
		{"text position", `UPDATE cards SET x = 'left' WHERE kind = 'party'`},
		{"blob title", `UPDATE cards SET title = CAST(title AS BLOB) WHERE kind = 'quote'`},
		// A TEXT column turns a number into text as it stores it, so the
		// wrong types a file can hold there are BLOBs.
		{"blob relation", `UPDATE links SET relation = x'616c6c65676573'`},
		{"blob tag", `INSERT INTO tags (card_id, tag) SELECT id, x'00ff' FROM cards LIMIT 1`},
		{"blob board title", `UPDATE board SET title = x'41'`},
		{"a text over the limit", `UPDATE cards SET body = printf('%.*c', 1048577, 'x') WHERE kind = 'claim'`},
		{"blob speaker", `UPDATE cards SET speaker_id = CAST(speaker_id AS BLOB) WHERE kind = 'quote'`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tempBoard(t)
			s, err := CreateSample(path, sampleArticle(t))
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			if err := rawExec(path, `PRAGMA foreign_keys = OFF`, tc.stmt); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(path)
			_, err = Open(path)
			if err == nil || !strings.Contains(err.Error(), "wrong type or a text over") {
				t.Fatalf("Open: %v", err)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Fatal("the refused file changed")
			}
		})
	}
}

// TestHugeFieldsStayEditable: a card with six fields at the size limit
// can be made, moved, edited and deleted — a history record holds only
// what its change touched, so none comes near SQLite's value limit
// (issue 12, finding 13).
func TestHugeFieldsStayEditable(t *testing.T) {
	s, err := Create(tempBoard(t), Board{Title: "big"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs := NewCase(s, NewModel(Board{Title: "big"}))
	big := strings.Repeat("x", MaxTextLen)
	c := Card{ID: "big", Kind: KindQuote, Title: big, Body: big, QuoteText: big, Locator: big, Publisher: big, URL: big,
		Width: 200, Height: 100}
	for _, ch := range []Change{
		{Label: "Add", PutCards: []Card{c}},
		{Label: "Move", PutCards: []Card{func() Card { m := c; m.X = 50; return m }()}},
		{Label: "Edit", PutCards: []Card{func() Card { m := c; m.X = 50; m.Title = "short"; return m }()}},
		{Label: "Delete", DeleteCards: []string{"big"}},
	} {
		if _, _, err := cs.Apply(ch); err != nil {
			t.Fatalf("%s: %v", ch.Label, err)
		}
	}
}
