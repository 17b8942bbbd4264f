package data

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestKeptStatementsHoldNoLock: a statement the connection keeps is reset
// after use, so a reader that kept its statements does not stop another
// connection from committing (a statement left mid-way would hold the
// file's shared lock, and the writer would wait out busy_timeout and
// fail), and reads what the writer committed.
func TestKeptStatementsHoldNoLock(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b"+Extension)
	s, err := Create(p, Board{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := openDB(p, "ro")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	count := func() int {
		var n int
		if err := r.QueryRow(`SELECT count(*) FROM cards`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i := range 3 {
		if n := count(); n != i {
			t.Fatalf("the reader counts %d cards, want %d", n, i)
		}
		// The rows of a query left after their first row, then closed.
		rows, err := r.Query(`SELECT id FROM cards UNION ALL SELECT 'x'`)
		if err != nil {
			t.Fatal(err)
		}
		rows.Next()
		rows.Close()
		ch := Change{PutCards: []Card{{ID: string(rune('a' + i)), Kind: KindNote, Width: 100, Height: 50}}}
		if err := testApply(s, &ch); err != nil {
			t.Fatalf("a write after the reader's queries: %v", err)
		}
	}
}

// TestKeptStatementNestedInItself: a query run while rows of the same
// query are still open (the kept statement is busy) gets a statement of
// its own, and both read every row.
func TestKeptStatementNestedInItself(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b"+Extension)
	s, err := Create(p, Board{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	ch := Change{PutCards: []Card{{ID: "a", Kind: KindNote, Width: 100, Height: 50}, {ID: "b", Kind: KindNote, Width: 100, Height: 50}}}
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := openDB(p, "ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin() // one connection: both queries on it
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const q = `SELECT id FROM cards ORDER BY id`
	outer, err := tx.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for outer.Next() {
		var id string
		outer.Scan(&id)
		inner, err := tx.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for inner.Next() {
			var x string
			inner.Scan(&x)
			ids = append(ids, x)
		}
		inner.Close()
		got = append(got, id+":"+strings.Join(ids, ","))
	}
	if err := outer.Err(); err != nil {
		t.Fatal(err)
	}
	outer.Close()
	if want := "a:a,b b:a,b"; strings.Join(got, " ") != want {
		t.Fatalf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestRefsAhead: a card may name as speaker, source or group a card put
// later in the same change (the check waits for the commit), and a
// reference to a card that is nowhere is still refused.
func TestRefsAhead(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cards []Card
		ok    bool
	}{
		{"speaker put later", []Card{{ID: "q", Kind: KindQuote, SpeakerID: "p"}, {ID: "p", Kind: KindParty}}, true},
		{"source put later", []Card{{ID: "q", Kind: KindQuote, SourceID: "s"}, {ID: "s", Kind: KindSource}}, true},
		{"each names the other", []Card{{ID: "a", Kind: KindQuote, SpeakerID: "b"}, {ID: "b", Kind: KindQuote, SpeakerID: "a"}}, true},
		{"speaker put before", []Card{{ID: "p", Kind: KindParty}, {ID: "q", Kind: KindQuote, SpeakerID: "p"}}, true},
		{"speaker nowhere", []Card{{ID: "q", Kind: KindQuote, SpeakerID: "gone"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "b"+Extension)
			s, err := Create(p, Board{Title: "t"})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for i := range tc.cards {
				tc.cards[i].Width, tc.cards[i].Height = 100, 50
			}
			ch := Change{PutCards: tc.cards}
			err = testApply(s, &ch)
			if (err == nil) != tc.ok {
				t.Fatalf("Apply: %v, want ok %v", err, tc.ok)
			}
			m := mustLoad(t, s)
			want := 0
			if tc.ok {
				want = len(tc.cards)
			}
			if len(m.Cards) != want {
				t.Fatalf("%d cards in the file, want %d", len(m.Cards), want)
			}
		})
	}
}

// TestSameSQL: sameSQL says what comparing through normSQL says.
func TestSameSQL(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"CREATE TABLE t (a)", "CREATE TABLE t (a)"},
		{"CREATE TABLE t (a)", "CREATE  TABLE\n\tt (a) "},
		{"CREATE TABLE t (a)", "  CREATE TABLE t (a)"},
		{"CREATE TABLE t (a)", "CREATE TABLE t (ab)"},
		{"CREATE TABLE t (a)", "CREATE TABLE t"},
		{"CREATE TABLE t (a)", "CREATE TABLE t (a) x"},
		{"CREATE TABLE t (a)", "CREATETABLE t (a)"},
		{"CREATE TABLE t (a)", "CREATE TABLE\u00a0t (a)"},
		{"CREATE TABLE t (a)", ""},
		{"", ""},
		{"", " \n"},
		{"a b", "a  b"},
		{"a b", "ab"},
		{"ab", "a b"},
	} {
		want := normSQL(tc.a) == normSQL(tc.b)
		if got := sameSQL(normSQL(tc.a), tc.b); got != want {
			t.Errorf("sameSQL(%q, %q) = %v, want %v", normSQL(tc.a), tc.b, got, want)
		}
	}
}

// TestRefsAheadTwice: a later change that names a card put after it, on
// the same store, runs the kept PRAGMA defer_foreign_keys statement again
// (the pragma is cleared at each commit): it must defer the check as the
// first did.
func TestRefsAheadTwice(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b"+Extension)
	s, err := Create(p, Board{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs := NewCase(s, mustLoad(t, s))
	for _, pre := range []string{"a", "b", "c"} {
		ch := Change{PutCards: []Card{
			{ID: pre + "q", Kind: KindQuote, SpeakerID: pre + "p", Width: 100, Height: 50},
			{ID: pre + "p", Kind: KindParty, Width: 100, Height: 50},
		}}
		if _, _, err := cs.Apply(ch); err != nil {
			t.Fatalf("change %s: %v", pre, err)
		}
	}
	if n := len(cs.Model().Cards); n != 6 {
		t.Fatalf("%d cards, want 6", n)
	}
}
