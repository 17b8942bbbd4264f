package board

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// twoCards is a board with two cards side by side and a link between them.
func twoCards() *data.Model {
	m := data.NewModel(data.Board{Title: "two"})
	m.Apply(data.Change{
		PutCards: []data.Card{
			{ID: "a", Kind: data.KindClaim, Title: "Alpha", X: 0, Y: 0, Width: 200, Height: 100, Status: data.StatusAlleged},
			{ID: "b", Kind: data.KindParty, Title: "Beta", X: 400, Y: 0, Width: 200, Height: 100, PartyType: data.PartyPerson},
			{ID: "c", Kind: data.KindNote, Title: "Gamma", Body: "a note", X: 0, Y: 300, Width: 200, Height: 100, Tags: []string{"Urgent"}},
		},
		PutLinks: []data.Link{{ID: "l1", From: "a", To: "b", Relation: "alleges", Directed: true}},
	})
	return m
}

func TestChangedRefreshesOnlyWhatChanged(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	va, vb := b.cards["a"].view, b.cards["b"].view
	vb.texts[0].Text = "sentinel" // would be redrawn if b were refreshed

	// Edit a's title: a is redrawn, b is not.
	c := m.Cards["a"].Clone()
	c.Title = "Alpha prime"
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("a")
	if b.cards["a"].view != va || !hasText(va, "Alpha prime") {
		t.Error("a was not redrawn with its new title")
	}
	if vb.texts[0].Text != "sentinel" {
		t.Error("b was redrawn though it did not change")
	}

	// Add a card and a link; delete card b (and so its link).
	m.Apply(data.Change{PutCards: []data.Card{{ID: "d", Kind: data.KindEvent, Title: "Delta", Date: "2020-02-02", X: 400, Y: 300, Width: 200, Height: 90}},
		PutLinks: []data.Link{{ID: "l2", From: "c", To: "d", Relation: "supports"}}})
	b.Changed("d", "l2")
	if b.cards["d"] == nil || b.cards["d"].view == nil || b.links["l2"].view == nil || !hasText(b.cards["d"].view, "2020-02-02") {
		t.Fatal("the new card or link has no objects")
	}
	b.Select("b", "l1")
	var sel []string
	b.OnSelect = func(ids []string) { sel = ids }
	m.Apply(m.Expand(data.Change{DeleteCards: []string{"b"}}))
	b.Changed("b")
	if b.cards["b"] != nil || b.links["l1"] != nil || b.VisibleCardCount() != 3 || b.VisibleLinkCount() != 1 {
		t.Fatalf("after deleting b: cards %d links %d live", b.VisibleCardCount(), b.VisibleLinkCount())
	}
	if sel == nil || len(sel) != 0 || len(b.Selected()) != 0 {
		t.Errorf("deleted objects stayed selected: %v %v", sel, b.Selected())
	}
}

func hasText(v *cardView, s string) bool {
	for _, t := range v.texts {
		if t.Visible() && t.Text == s {
			return true
		}
	}
	return false
}

func TestSetModelRebuilds(t *testing.T) {
	b, _ := show(t, twoCards(), 900, 600)
	b.Select("a")
	m2 := sampleModel(t)
	b.SetModel(m2)
	if len(b.Selected()) != 0 || b.Model() != m2 || len(b.cards) != len(m2.Cards) {
		t.Fatal("SetModel kept the old board")
	}
	ids := make([]string, 0)
	for _, e := range b.sc.liveCards {
		ids = append(ids, e.id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if m2.Cards[id] == nil {
			t.Fatalf("card %s of the old board still drawn", id)
		}
	}
	if b.VisibleCardCount() == 0 {
		t.Fatal("nothing drawn after SetModel")
	}
}

func TestChangedRestoresCardWithItsLinks(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	del := m.Expand(data.Change{DeleteCards: []string{"a"}})
	undo := m.Inverse(del)
	m.Apply(del)
	b.Changed(del.DeleteCards...)
	if b.cards["a"] != nil || b.links["l1"] != nil {
		t.Fatal("card a or its link still on the board")
	}
	// Undo: the app names the card, the links come back with it. The link
	// named before the card it needs must be filed too.
	m.Apply(undo)
	b.Changed("l1", "a")
	if b.cards["a"] == nil || b.cards["a"].view == nil || b.links["l1"] == nil || b.links["l1"].view == nil {
		t.Fatal("undo did not bring back the card and its link")
	}
	m.Apply(del)
	b.Changed("a")
	m.Apply(undo)
	b.Changed("a") // the link not named at all
	if b.links["l1"] == nil || b.links["l1"].view == nil {
		t.Fatal("a restored card's unnamed link was not drawn")
	}
}

func TestQuoteRedrawsWhenItsSpeakerIsRenamed(t *testing.T) {
	m := kindsBoard()
	b, _ := show(t, m, 900, 400)
	q := b.cards["quote"].view
	if !hasTextPrefix(q, "— Northwind Shipping Ltd") {
		t.Fatal("the quote does not name its speaker")
	}
	c := m.Cards["party"].Clone()
	c.Title = "Southwind"
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("party")
	if !hasTextPrefix(q, "— Southwind ·") {
		t.Fatal("the quote still names the old speaker")
	}
}

func hasTextPrefix(v *cardView, p string) bool {
	for _, t := range v.texts {
		if t.Visible() && strings.HasPrefix(t.Text, p) {
			return true
		}
	}
	return false
}

func TestEmptyBoardHint(t *testing.T) {
	m := data.NewModel(data.Board{})
	b, _ := show(t, m, 600, 400)
	if !b.sc.hint.Visible() {
		t.Fatal("no hint on an empty board")
	}
	m.Apply(data.Change{PutCards: []data.Card{{ID: "x", Kind: data.KindNote, Title: "x", Width: 200, Height: 90}}})
	b.Changed("x")
	if b.sc.hint.Visible() {
		t.Fatal("the hint stayed after a card was added")
	}
}

// TestSetModelFilesAsChangedDoes checks the bulk filing of a new model
// (SetModel) against the same board built card by card and link by link
// through Changed: the same links (stored and drawn from quotes' fields),
// each card's links, the numbering of links side by side, and what the
// spatial indexes find.
func TestSetModelFilesAsChangedDoes(t *testing.T) {
	full := generated(1500)
	// Links side by side, and a stored link saying what a quote's field
	// says (the field's link is then not drawn).
	var extra data.Change
	n := 0
	for _, c := range full.SortedCards() {
		if c.Kind == data.KindQuote && c.SpeakerID != "" && n < 40 {
			rel := "contradicts"
			if n%2 == 0 {
				rel = data.RelationSaidBy
			}
			extra.PutLinks = append(extra.PutLinks, data.Link{ID: fmt.Sprintf("side-%02d", n), From: c.SpeakerID, To: c.ID, Relation: rel})
			n++
		}
	}
	full.Apply(extra)
	bulk := New(full)

	b0, ch := data.Generate(0, 1)
	step := data.NewModel(b0)
	step.Apply(ch)
	one := New(step)
	var cards, links []string
	for _, c := range full.SortedCards() {
		step.Apply(data.Change{PutCards: []data.Card{c.Clone()}})
		cards = append(cards, c.ID)
		one.Changed(c.ID)
	}
	for id, l := range full.Links {
		step.Apply(data.Change{PutLinks: []data.Link{*l}})
		links = append(links, id)
		one.Changed(id)
	}

	linkIDs := func(list []*linkEnt) []string {
		var ids []string
		for _, e := range list {
			ids = append(ids, fmt.Sprintf("%s %d/%d", e.id, e.pairIdx, e.pairN))
		}
		sort.Strings(ids)
		return ids
	}
	all := func(b *Board) []string {
		var ids []*linkEnt
		for _, e := range b.links {
			ids = append(ids, e)
		}
		return linkIDs(ids)
	}
	if got, want := all(bulk), all(one); !slices.Equal(got, want) {
		t.Fatalf("SetModel filed %d links, Changed %d; first differences: %v", len(got), len(want), firstDiff(got, want))
	}
	if len(bulk.links) <= len(full.Links) {
		t.Fatalf("only %d links filed for %d stored: the quotes' field links are missing", len(bulk.links), len(full.Links))
	}
	for _, id := range cards {
		if got, want := linkIDs(bulk.cards[id].links), linkIDs(one.cards[id].links); !slices.Equal(got, want) {
			t.Fatalf("card %s: SetModel filed links %v, Changed %v", id, got, want)
		}
	}
	found := func(b *Board, r geom.Rect) []string {
		var ids []string
		b.cidx.Query(r, func(e *cardEnt) { ids = append(ids, e.id) })
		b.lidx.Query(r, func(e *linkEnt) { ids = append(ids, e.id) })
		sort.Strings(ids)
		return ids
	}
	box, _ := one.bounds()
	if got, _ := bulk.bounds(); got != box {
		t.Errorf("SetModel found the board's bounds %v, a walk over the cards %v", got, box)
	}
	for i := 0; i < 50; i++ {
		r := geom.Rect{X: box.X + box.W*float64(i%7)/7, Y: box.Y + box.H*float64(i/7)/8, W: 900, H: 600}
		if got, want := found(bulk, r), found(one, r); !slices.Equal(got, want) {
			t.Fatalf("query %v: SetModel's indexes find %d items, Changed's %d", r, len(got), len(want))
		}
	}
}

// firstDiff is the first few items of a and b that differ, for a message.
func firstDiff(a, b []string) []string {
	var out []string
	for i := 0; i < max(len(a), len(b)) && len(out) < 6; i++ {
		x, y := "", ""
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			out = append(out, x+" ≠ "+y)
		}
	}
	return out
}

// TestPreparedOffTheUIThread prepares a model on another goroutine, as
// the app does while the window shows progress, and checks that the
// board shows it as New does; and that a Prepared handed to a second
// board is filed again rather than shared (two boards moving the same
// records would each undo what the other drew).
func TestPreparedOffTheUIThread(t *testing.T) {
	m := generated(800)
	ch := make(chan *Prepared)
	go func() { ch <- Prepare(m) }()
	p := <-ch
	if p.Model() != m {
		t.Fatal("Prepared does not say which model it was made from")
	}
	test.NewTempApp(t)
	tests := []struct {
		name string
		make func() *Board
	}{
		{"New", func() *Board { return New(m) }},
		{"NewPrepared", func() *Board { return NewPrepared(p) }},
		{"the same Prepared again", func() *Board { return NewPrepared(p) }},
		{"SetPrepared on a board showing another", func() *Board {
			b := New(twoCards())
			b.SetPrepared(Prepare(m))
			return b
		}},
	}
	var boards []*Board
	var want []string
	for _, tc := range tests {
		b := tc.make()
		w := test.NewTempWindow(t, b)
		w.SetPadded(false)
		w.Resize(fyne.NewSize(1000, 700))
		b.FitAll()
		var got []string
		for _, e := range b.sc.liveCards {
			got = append(got, e.id)
		}
		for _, e := range b.sc.liveLinks {
			got = append(got, e.id)
		}
		sort.Strings(got)
		if len(got) == 0 {
			t.Fatalf("%s: nothing drawn", tc.name)
		}
		if want == nil {
			want = got
		} else if !slices.Equal(got, want) {
			t.Errorf("%s draws %d cards and links, New %d", tc.name, len(got), len(want))
		}
		boards = append(boards, b)
	}
	for i, b := range boards {
		for j, o := range boards[:i] {
			for id, e := range b.cards {
				if o.cards[id] == e {
					t.Fatalf("boards %d and %d share the record of card %s", j, i, id)
				}
			}
		}
	}
}
