package board

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
)

func TestFilterDims(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	n := b.SetFilter("urg") // a tag of c, in another case
	if got := b.Matches(); n != 1 || !reflect.DeepEqual(got, []string{"c"}) {
		t.Fatalf("filter matched %v, want [c]", got)
	}
	if !b.IsDimmed("a") || !b.IsDimmed("b") || b.IsDimmed("c") {
		t.Fatal("wrong cards dimmed")
	}
	if !b.cards["a"].view.veil.Visible() || b.cards["c"].view.veil.Visible() {
		t.Fatal("the dimming veil is not drawn as filtered")
	}
	if b.SetFilter("ALPHA"); !reflect.DeepEqual(b.Matches(), []string{"a"}) {
		t.Fatalf("filter ALPHA matched %v", b.Matches())
	}
	if b.SetFilter("e"); !reflect.DeepEqual(b.Matches(), []string{"a", "b", "c"}) { // reading order
		t.Fatalf("filter e matched %v", b.Matches())
	}
	if n := b.SetFilter(""); n != 0 || b.Matches() != nil || b.IsDimmed("a") || b.cards["a"].view.veil.Visible() {
		t.Fatal("clearing the filter left cards dimmed")
	}
}

// A board is searched as documents are (data.SearchKey): a straight
// apostrophe finds a curly one, a hyphen a dash, one space a line break,
// and the other way round.
func TestSearchFoldsAsDocumentsDo(t *testing.T) {
	m := data.NewModel(data.Board{})
	for id, title := range map[string]string{"curly": "We don’t know", "dash": "2018–2019 accounts",
		"lines": "Company\n  secretary", "plain": "don't panic"} {
		m.Cards[id] = &data.Card{ID: id, Kind: data.KindNote, Title: title, Width: 120, Height: 60}
	}
	b, _ := show(t, m, 900, 600)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"DON'T", []string{"curly", "plain"}},
		{"don’t", []string{"curly", "plain"}},
		{"2018-2019", []string{"dash"}},
		{"company secretary", []string{"lines"}},
		{"  company   secretary ", []string{"lines"}},
	} {
		b.SetFilter(tc.query)
		got := b.Matches()
		sort.Strings(got)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("search %q found %v, want %v", tc.query, got, tc.want)
		}
	}
}

func TestFilterReadingOrder(t *testing.T) {
	m := data.NewModel(data.Board{})
	card := func(id string, x, y float64) data.Card {
		return data.Card{ID: id, Kind: data.KindNote, Title: "match " + id, X: x, Y: y, Width: 200, Height: 100}
	}
	// Two rows, each a little out of line: the second row's right-hand
	// card sits higher than its left-hand one.
	m.Apply(data.Change{PutCards: []data.Card{
		card("r1-right", 600, 30), card("r1-left", 0, 0), card("r1-mid", 300, 10),
		card("r2-left", 0, 200), card("r2-right", 400, 180),
	}})
	b, _ := show(t, m, 900, 600)
	b.SetFilter("match")
	got := b.Matches()
	want := []string{"r1-left", "r1-mid", "r1-right", "r2-left", "r2-right"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("reading order %v, want %v", got, want)
	}
}

// A search that narrows the previous one, or follows edits, finds what a
// full search on a fresh board finds, query after query.
func TestSearchNarrowingMatchesFullSearch(t *testing.T) {
	keep := compactMin
	compactMin = 0 // compact as soon as half the index is dead
	defer func() { compactMin = keep }()
	type step struct {
		query string
		edit  func(m *data.Model) []string // an edit before the query, returning the IDs changed
	}
	retitle := func(id, title string) func(m *data.Model) []string {
		return func(m *data.Model) []string {
			c := m.Cards[id].Clone()
			c.Title = title
			m.Apply(data.Change{PutCards: []data.Card{c}})
			return []string{id}
		}
	}
	del := func(id string) func(m *data.Model) []string {
		return func(m *data.Model) []string {
			m.Apply(m.Expand(data.Change{DeleteCards: []string{id}}))
			return []string{id}
		}
	}
	add := func(id, title string) func(m *data.Model) []string {
		return func(m *data.Model) []string {
			m.Apply(data.Change{PutCards: []data.Card{{ID: id, Kind: data.KindNote, Title: title, X: 10, Y: 10, Width: 100, Height: 60}}})
			return []string{id}
		}
	}
	m0 := generated(300)
	var ids []string
	for id := range m0.Cards {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"typing a word", []step{{"s", nil}, {"sa", nil}, {"sal", nil}, {"sale", nil}, {"sales", nil}}},
		{"backspacing", []step{{"sales", nil}, {"sale", nil}, {"sal", nil}, {"s", nil}, {"", nil}}},
		{"infix then wider", []step{{"al", nil}, {"sal", nil}, {"sale", nil}, {"ale", nil}, {"e", nil}}},
		{"case and space", []step{{" S", nil}, {"SA ", nil}, {"Sal", nil}}},
		{"no match then more", []step{{"zzqx", nil}, {"zzqxy", nil}, {"zzq", nil}}},
		{"edits while narrowing", []step{
			{"s", nil}, {"sa", retitle(ids[0], "nothing here")}, {"sal", retitle(ids[1], "A SALE of the century")},
			{"sale", del(ids[2])}, {"sales", add("new", "more sales")}, {"sales", retitle("new", "gone")},
		}},
		{"edits with no search, then search", []step{
			{"", retitle(ids[3], "xylophone sale")}, {"xyl", retitle(ids[3], "xylophone again")}, {"xylo", nil},
		}},
		{"many edits compact the index", func() []step {
			var st []step
			for i := 0; i < 40; i++ {
				st = append(st, step{"e", retitle(ids[10+i%5], strings.Repeat("e", 500*i))})
			}
			return append(st, step{"ee", nil}, step{"eee", nil})
		}()},
	} {
		m := generated(300)
		b, _ := show(t, m, 1280, 800)
		for i, st := range tc.steps {
			if st.edit != nil {
				b.Changed(st.edit(m)...)
			}
			n := b.SetFilter(st.query)
			got := b.Matches()
			fresh := New(m)
			fn := fresh.SetFilter(st.query)
			want := fresh.Matches()
			if n != fn || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, step %d (%q): %d matches %v, a full search finds %d %v", tc.name, i, st.query, n, got, fn, want)
			}
			q := strings.ToLower(strings.TrimSpace(st.query))
			for _, id := range got {
				c := m.Cards[id]
				if !strings.Contains(strings.ToLower(c.Title+"\x00"+c.Body+"\x00"+c.Kind.Label()+"\x00"+strings.Join(c.Tags, "\x00")+"\x00"+c.Date+"\x00"+string(c.Status)+"\x00"+c.QuoteText+"\x00"+c.Role+"\x00"+c.PartyType+"\x00"+c.Publisher+"\x00"+c.URL+"\x00"+c.Locator+"\x00"+c.Reliability), q) {
					t.Fatalf("%s, step %d: %s matched %q but holds no such text", tc.name, i, id, q)
				}
			}
			for id := range m.Cards {
				if want := q != "" && !contains(got, id); b.IsDimmed(id) != want {
					t.Fatalf("%s, step %d: %s dimmed %v", tc.name, i, id, b.IsDimmed(id))
				}
			}
		}
		if strings.HasPrefix(tc.name, "many edits") && b.search.compactions == 0 {
			t.Fatal("the index was never compacted")
		}
	}
}

// FuzzSearchQuery: any two queries typed one after the other (the second
// narrowing the first or not) find what a fresh search for the second
// finds, and exactly the cards whose text holds it, whatever the case,
// script or bytes of cards and queries.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range [][3]string{{"s", "sa", "Sales ÉTÉ"}, {"ÉT", "été", "Été à Paris"}, {"a\x00b", "b", "a"},
		{"\xff", "\xffx", "\xffX"}, {"İ", "i̇", "İstanbul"}, {"", "ß", "STRASSE straße"}} {
		f.Add(s[0], s[1], s[2])
	}
	test.NewTempApp(f)
	f.Fuzz(func(t *testing.T, q1, q2, title string) {
		m := data.NewModel(data.Board{})
		m.Apply(data.Change{PutCards: []data.Card{
			{ID: "a", Kind: data.KindNote, Title: title, Width: 100, Height: 60},
			{ID: "b", Kind: data.KindClaim, Title: "Sales", Body: strings.ToUpper(title), Tags: []string{title, "x"}, X: 200, Width: 100, Height: 60},
			{ID: "c", Kind: data.KindParty, Title: "Été", Role: q1, X: 400, Width: 100, Height: 60},
		}})
		b := New(m)
		b.SetFilter(q1)
		n := b.SetFilter(q2)
		fresh := New(m)
		fn := fresh.SetFilter(q2)
		if got, want := b.Matches(), fresh.Matches(); n != fn || !reflect.DeepEqual(got, want) {
			t.Fatalf("after %q, %q found %d %v; alone it finds %d %v", q1, q2, n, got, fn, want)
		}
		q := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(q2, "\x00", "")))
		if q == "" {
			return
		}
		for id, c := range m.Cards {
			var fields []string
			for _, s := range append([]string{c.Title, c.Body, c.QuoteText, c.PartyType, c.Role, c.Locator, string(c.Status),
				c.Reliability, c.Date, c.Publisher, c.URL, c.Kind.Label()}, c.Tags...) {
				fields = append(fields, strings.ToLower(s))
			}
			holds := false
			for _, s := range fields {
				holds = holds || strings.Contains(s, q)
			}
			if holds == b.IsDimmed(id) {
				t.Fatalf("%q: card %s holds it %v, dimmed %v", q, id, holds, b.IsDimmed(id))
			}
		}
	})
}
