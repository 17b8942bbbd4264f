package data

import (
	"fmt"
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
// can be made, moved, edited in every field, deleted and brought back,
// whatever characters fill them: a history record holds the fields its
// change touched, written without HTML escapes, and a card whose texts
// would make a record SQLite cannot hold is refused when it comes in, in
// words, with nothing written (issue 12, finding 13: six fields of "<"
// became a record of 36 MiB, and the card could then not be deleted).
func TestHugeFieldsStayEditable(t *testing.T) {
	for _, tc := range []struct {
		name, fill string
		fields     int
		fits       bool
	}{
		{"letters", "x", 6, true},
		{"angle brackets", "<", 6, true},
		{"ampersands", "&", 6, true},
		{"accents", "é", 6, true},
		{"quotes", `"`, 3, true},
		{"quotes", `"`, 6, false},
		{"newlines", "\n", 6, false},
		{"line separators", "\u2028", 6, false},
		{"letters", "x", 10, false},
	} {
		t.Run(fmt.Sprintf("%d fields of %s", tc.fields, tc.name), func(t *testing.T) {
			path := tempBoard(t)
			s, err := Create(path, Board{Title: "big"})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			cs := NewCase(s, NewModel(Board{Title: "big"}))
			big := strings.Repeat(tc.fill, MaxTextLen/len(tc.fill))
			// The card's free-text fields, the first n of them set to v.
			fill := func(c *Card, n int, v string) {
				for _, f := range []*string{&c.Title, &c.Body, &c.QuoteText, &c.Locator, &c.Publisher, &c.URL,
					&c.Role, &c.PartyType, &c.Date, &c.Selector}[:n] {
					*f = v
				}
			}
			c := Card{ID: "big", Kind: KindQuote, Width: 200, Height: 100}
			fill(&c, tc.fields, big)
			if !tc.fits {
				before, _ := os.ReadFile(path)
				_, _, err := cs.Apply(Change{Label: "Add", PutCards: []Card{c}})
				if err == nil || !strings.Contains(err.Error(), "as the history records them") {
					t.Fatalf("Add: %v; want it refused in words", err)
				}
				if after, _ := os.ReadFile(path); string(after) != string(before) {
					t.Fatal("the refused card was written")
				}
				return
			}
			var undo Change
			for _, ch := range []Change{
				{Label: "Add", PutCards: []Card{c}},
				{Label: "Move", PutCards: []Card{func() Card { m := c; m.X = 50; return m }()}},
				{Label: "Edit every field", PutCards: []Card{func() Card {
					m := c
					m.X = 50
					fill(&m, tc.fields, big[len(tc.fill):]+"!")
					return m
				}()}},
				{Label: "Delete", DeleteCards: []string{"big"}},
			} {
				if _, undo, err = cs.Apply(ch); err != nil {
					t.Fatalf("%s: %v", ch.Label, err)
				}
			}
			if _, _, err := cs.Apply(undo); err != nil {
				t.Fatalf("undoing the deletion: %v", err)
			}
			if _, err := Inspect(path, true); err != nil {
				t.Fatalf("the board no longer passes: %v", err)
			}
		})
	}
}

// TestJSONTextLen: jsonTextLen is the length encodeValues gives a text.
func TestJSONTextLen(t *testing.T) {
	for _, s := range []string{"", "plain", `"quoted"`, `back\slash`, "tab\tnew\nline\rcr", "\x01\x1f", "\b\f", "<&>",
		"é€😀", "\u2028\u2029", "\xff\xfe", "a\u202Eb"} {
		v, err := encodeValues(map[string]any{"k": s})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := jsonTextLen(s), len(v.(string))-len(`{"k":""}`); got != want {
			t.Errorf("jsonTextLen(%q) = %d, encodeValues gives %d", s, got, want)
		}
	}
}

// TestRefusalNamesOneRow: a board with many values over the limit is
// refused naming the same one every time, whichever way it is opened
// (issue 12, finding 8: the card named changed from run to run, as two
// connections raced to find one).
func TestRefusalNamesOneRow(t *testing.T) {
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := rawExec(path, `UPDATE cards SET body = printf('%.*c', 1048577, 'x')`); err != nil {
		t.Fatal(err)
	}
	var first string
	for i := range 6 {
		var err error
		if i%2 == 0 {
			_, err = Inspect(path, true)
		} else {
			_, err = Open(path)
		}
		if err == nil {
			t.Fatal("a board of bodies over the limit opened")
		}
		if i == 0 {
			first = err.Error()
		} else if err.Error() != first {
			t.Fatalf("the refusal changed: %q, then %q", first, err)
		}
	}
}

// TestItemBetweenTheBounds: a card whose texts fit one history record but
// not two (maxItemText, maxRecordText) is what an earlier version could
// write. Its board opens and passes check; the card can be moved,
// shortened and deleted; an edit that leaves it over the bound the app
// writes to is refused in words, with nothing written.
func TestItemBetweenTheBounds(t *testing.T) {
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	q := `printf('%.*c', 1048576, '"')` // 2 MiB each in JSON: 12 MiB in all
	if err := rawExec(path, `UPDATE cards SET title = `+q+`, body = `+q+`, quote_text = `+q+`, locator = `+q+`,
		publisher = `+q+`, url = `+q+` WHERE kind = 'claim'`); err != nil {
		t.Fatal(err)
	}
	if _, err := Inspect(path, true); err != nil {
		t.Fatalf("check refuses the board: %v", err)
	}
	cs, err := OpenCase(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	var id string
	for _, c := range cs.Model().Cards {
		if c.Kind == KindClaim {
			id = c.ID
			break
		}
	}
	edit := func(f func(c *Card)) error {
		c := cs.Model().Cards[id].Clone()
		f(&c)
		_, _, err := cs.Apply(Change{Label: "edit", PutCards: []Card{c}})
		return err
	}
	if err := edit(func(c *Card) { c.X += 10 }); err != nil {
		t.Fatalf("moving the card: %v", err)
	}
	before, _ := os.ReadFile(path)
	if err := edit(func(c *Card) { c.Title = c.Title[1:] + "!" }); err == nil || !strings.Contains(err.Error(), "as the history records them") {
		t.Fatalf("an edit that leaves the card over the bound: %v; want it refused in words", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the refused edit was written")
	}
	if err := edit(func(c *Card) { c.Title, c.Body, c.QuoteText = "short", "", "" }); err != nil {
		t.Fatalf("shortening the card: %v", err)
	}
	if _, _, err := cs.Apply(Change{Label: "delete", DeleteCards: []string{id}}); err != nil {
		t.Fatalf("deleting the card: %v", err)
	}
	if _, err := Inspect(path, true); err != nil {
		t.Fatalf("the board after: %v", err)
	}
}
