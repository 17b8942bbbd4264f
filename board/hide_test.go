package board

import (
	"reflect"
	"sort"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"evidenceboard/data"
	"evidenceboard/data/view"
)

// strands is a board of a party, the cards linked to it and two tagged
// strands, laid out in a row (e2 below it) so that every card is in view.
func strands() *data.Model {
	m := data.NewModel(data.Board{})
	card := func(id string, k data.Kind, x float64, f func(*data.Card)) data.Card {
		c := data.Card{ID: id, Kind: k, Title: "card " + id, X: x, Y: 0, Width: 120, Height: 80}
		if f != nil {
			f(&c)
		}
		return c
	}
	m.Apply(data.Change{PutCards: []data.Card{
		card("p", data.KindParty, 0, nil),
		card("c1", data.KindClaim, 150, func(c *data.Card) { c.Status = data.StatusRefuted; c.Tags = []string{"fraud"}; c.Date = "2018" }),
		card("c2", data.KindClaim, 300, func(c *data.Card) { c.Status = data.StatusAlleged; c.Reliability = "B"; c.Tags = []string{"finance"} }),
		card("e1", data.KindEvent, 450, func(c *data.Card) { c.Date = "2018-04-06"; c.Tags = []string{"finance", "fraud"} }),
		card("e2", data.KindEvent, 600, func(c *data.Card) { c.Date = "2019-02"; c.Y = 200 }),
		card("n", data.KindNote, 750, nil),
	}, PutLinks: []data.Link{
		{ID: "pc1", From: "p", To: "c1", Relation: "alleges"},
		{ID: "pe1", From: "e1", To: "p", Relation: "involves"},
		{ID: "c2e2", From: "c2", To: "e2", Relation: "supports"},
	}})
	return m
}

// shownState is what the board shows: the cards and links with objects,
// sorted.
func shownState(b *Board) (cards, links []string) {
	for _, e := range b.sc.liveCards {
		cards = append(cards, e.id)
	}
	for _, e := range b.sc.liveLinks {
		links = append(links, e.id)
	}
	sort.Strings(cards)
	sort.Strings(links)
	return cards, links
}

func TestHiddenCardsAndTheirLinks(t *testing.T) {
	date := data.MustDate
	for _, tc := range []struct {
		name         string
		f            view.Filter
		cards, links []string
	}{
		{"nothing hidden", view.Filter{},
			[]string{"c1", "c2", "e1", "e2", "n", "p"}, []string{"c2e2", "pc1", "pe1"}},
		{"kind", view.Filter{Kinds: []data.Kind{data.KindEvent, data.KindParty}},
			[]string{"e1", "e2", "p"}, []string{"pe1"}},
		{"status", view.Filter{Statuses: []data.Status{data.StatusAlleged}},
			[]string{"c2", "e1", "e2", "n", "p"}, []string{"c2e2", "pe1"}},
		{"grading", view.Filter{Reliabilities: []string{"A", "B"}},
			[]string{"c2", "e1", "e2", "n", "p"}, []string{"c2e2", "pe1"}},
		{"tag hidden, a card on another strand stays", view.Filter{HiddenTags: []string{"finance"}},
			[]string{"c1", "e1", "e2", "n", "p"}, []string{"pc1", "pe1"}},
		{"partial date range", view.Filter{From: date("April 2018"), To: date("2018-04"), HideUndated: true},
			[]string{"c1", "e1"}, nil},
		{"linked to the party", view.Filter{Party: "p"},
			[]string{"c1", "e1", "p"}, []string{"pc1", "pe1"}},
	} {
		b, _ := show(t, strands(), 1000, 400)
		b.SetHidden(tc.f)
		cards, links := shownState(b)
		if !reflect.DeepEqual(cards, tc.cards) || !reflect.DeepEqual(links, tc.links) {
			t.Errorf("%s: drawn cards %v links %v, want %v %v", tc.name, cards, links, tc.cards, tc.links)
		}
		if shown, total := b.Shown(); shown != len(tc.cards) || total != 6 {
			t.Errorf("%s: showing %d of %d, want %d of 6", tc.name, shown, total, len(tc.cards))
		}
		for _, id := range []string{"p", "c1", "c2", "e1", "e2", "n", "pc1", "pe1", "c2e2"} {
			drawn := contains(cards, id) || contains(links, id)
			if b.IsHidden(id) == drawn {
				t.Errorf("%s: %s IsHidden %v but drawn %v", tc.name, id, b.IsHidden(id), drawn)
			}
		}
		if got := b.Hidden(); !got.Equal(&tc.f) {
			t.Errorf("%s: Hidden() is not the filter set", tc.name)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Hidden cards cannot be selected, clicked, band-selected or nudged, and
// the view fits what is shown.
func TestHiddenCardsAreOutOfReach(t *testing.T) {
	b, _ := show(t, strands(), 1000, 400)
	pos := centreOf(t, b, "n")
	var moved []string
	b.OnMove = func(ids []string, dx, dy float64) { moved = ids }
	b.Select("n", "c2", "c2e2")
	b.SetHidden(view.Filter{Kinds: []data.Kind{data.KindParty, data.KindClaim, data.KindEvent}, HiddenTags: []string{"finance"}})
	if got := b.Selected(); !reflect.DeepEqual(got, []string(nil)) && len(got) != 0 {
		t.Fatalf("hidden cards and links stayed selected: %v", got)
	}
	b.SelectAll()
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"c1", "e1", "e2", "p"}) {
		t.Fatalf("select all took %v", got)
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if !reflect.DeepEqual(moved, []string{"c1", "e1", "e2", "p"}) {
		t.Fatalf("nudge moved %v", moved)
	}
	b.ClearSelection()
	click(b, pos, 0) // where the note was
	if len(b.Selected()) != 0 {
		t.Fatalf("a click on a hidden card selected %v", b.Selected())
	}
	click(b, b.ScreenPos(510, 140), 0) // on the hidden link between c2 and e2
	if len(b.Selected()) != 0 {
		t.Fatalf("a click on a hidden link selected %v", b.Selected())
	}
	b.SetHidden(view.Filter{})
	click(b, b.ScreenPos(510, 140), 0)
	if !reflect.DeepEqual(b.Selected(), []string{"c2e2"}) {
		t.Fatalf("the click test on the link is wrong: it selected %v when shown", b.Selected())
	}
	b.SetHidden(view.Filter{Kinds: []data.Kind{data.KindParty, data.KindClaim, data.KindEvent}, HiddenTags: []string{"finance"}})
	b.Select("n", "c2")
	if len(b.Selected()) != 0 {
		t.Fatalf("Select took hidden cards: %v", b.Selected())
	}
	from, to := b.ScreenPos(-20, -20), b.ScreenPos(900, 300) // a rubber band over every card
	drag(b, from, to.X-from.X, to.Y-from.Y, desktop.MouseButtonPrimary, 0)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"c1", "e1", "e2", "p"}) {
		t.Fatalf("the rubber band took %v", got)
	}
	if r, ok := b.bounds(); !ok || r.Right() != 720 {
		t.Fatalf("the bounds fitted take in hidden cards: %v", r)
	}
}

// An edit re-judges the card it changed, links to the party re-judge
// their other end, and the filter outlives the edit and its undo.
func TestHiddenFollowsChanges(t *testing.T) {
	m := strands()
	b, _ := show(t, m, 1000, 400)
	b.SetHidden(view.Filter{Party: "p", HiddenTags: []string{"fraud"}})
	if shown, _ := b.Shown(); shown != 2 || !b.IsHidden("c1") || b.IsHidden("e1") { // p and e1, on finance too
		t.Fatalf("showing %d, want 2", shown)
	}
	apply := func(ch data.Change) data.Change {
		ch = m.Expand(ch)
		inv := m.Inverse(ch)
		m.Apply(ch)
		var ids []string
		for _, c := range ch.PutCards {
			ids = append(ids, c.ID)
		}
		for _, l := range ch.PutLinks {
			ids = append(ids, l.ID)
		}
		ids = append(append(ids, ch.DeleteCards...), ch.DeleteLinks...)
		b.Changed(ids...)
		return inv
	}
	// Linking n to the party shows n.
	undoLink := apply(data.Change{PutLinks: []data.Link{{ID: "pn", From: "n", To: "p", Relation: "involves"}}})
	if b.IsHidden("n") || b.IsHidden("pn") || b.cards["n"].view == nil || b.links["pn"].view == nil {
		t.Fatal("a card newly linked to the party is not shown")
	}
	// Retagging c1 off the hidden strand shows it; undo hides it again.
	c1 := m.Cards["c1"].Clone()
	c1.Tags = []string{"finance"}
	undoTag := apply(data.Change{PutCards: []data.Card{c1}})
	if b.IsHidden("c1") || b.cards["c1"].view == nil || b.links["pc1"].view == nil {
		t.Fatal("a card retagged onto a shown strand stayed hidden")
	}
	if shown, total := b.Shown(); shown != 4 || total != 6 {
		t.Fatalf("showing %d of %d, want 4 of 6", shown, total)
	}
	apply(undoTag)
	apply(undoLink)
	if !b.IsHidden("c1") || !b.IsHidden("n") || b.links["pc1"].view != nil || b.links["pn"] != nil {
		t.Fatal("undo did not hide again what the filter hides")
	}
	// Deleting a hidden card and undoing it keeps the count true.
	undoDel := apply(data.Change{DeleteCards: []string{"e2"}})
	if shown, total := b.Shown(); shown != 2 || total != 5 {
		t.Fatalf("after deleting a hidden card: showing %d of %d", shown, total)
	}
	apply(undoDel)
	if shown, total := b.Shown(); shown != 2 || total != 6 || !b.IsHidden("e2") {
		t.Fatalf("after undoing the delete: showing %d of %d", shown, total)
	}
	// A quote the party speaks is shown, without a link.
	apply(data.Change{PutCards: []data.Card{{ID: "q", Kind: data.KindQuote, Title: "said", SpeakerID: "p", X: 0, Y: 200, Width: 120, Height: 80}}})
	if b.IsHidden("q") {
		t.Fatal("the party's quote is hidden")
	}
	b.SetHidden(view.Filter{})
	if shown, total := b.Shown(); shown != 7 || total != 7 {
		t.Fatalf("clearing the filter: showing %d of %d", shown, total)
	}
}

// A hide rule besides the filter is consulted everywhere the filter is,
// and its dependents are judged again when the card they follow changes.
func TestHideRuleAndDependents(t *testing.T) {
	keep := hideRules
	defer func() { hideRules = keep }()
	// A stand-in for groups' rule: a card titled "under X" is hidden
	// while card X's title ends in "(folded)".
	under := func(b *Board, e *cardEnt) *cardEnt {
		if len(e.c.Title) > 6 && e.c.Title[:6] == "under " {
			return b.cards[e.c.Title[6:]]
		}
		return nil
	}
	hideRules = append(hideRules, hideRule{
		hides: func(b *Board, e *cardEnt) bool {
			o := under(b, e)
			return o != nil && len(o.c.Title) > 8 && o.c.Title[len(o.c.Title)-8:] == "(folded)"
		},
		dependents: func(b *Board, e *cardEnt) []*cardEnt {
			var out []*cardEnt
			for _, x := range b.cards {
				if under(b, x) == e {
					out = append(out, x)
				}
			}
			return out
		},
	})
	m := strands()
	n := m.Cards["n"].Clone()
	n.Title = "under p"
	m.Apply(data.Change{PutCards: []data.Card{n}})
	b, _ := show(t, m, 1000, 400)
	if b.IsHidden("n") {
		t.Fatal("hidden before the rule applies")
	}
	p := m.Cards["p"].Clone()
	p.Title = "Party (folded)"
	m.Apply(data.Change{PutCards: []data.Card{p}})
	b.Changed("p")
	if !b.IsHidden("n") || b.cards["n"].view != nil {
		t.Fatal("the dependent of a changed card was not judged again")
	}
	b.SetModel(m) // a new model judges the rules at once
	if !b.IsHidden("n") {
		t.Fatal("SetModel ignored the hide rules")
	}
}

// IsHidden answers for folded groups too, and the filter hides a folded
// group's re-routed link when it hides the member the link comes from.
func TestIsHiddenWithFoldedGroups(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	setFolded(b, m, "g", true)
	if !b.IsHidden("a") || !b.IsHidden("b") || b.IsHidden("g") || b.IsHidden("c") {
		t.Fatal("IsHidden does not say what is folded away")
	}
	if _, _, shown := b.LinkShown("la"); !shown || b.IsHidden("la") != !shown {
		t.Fatal("a link drawn to the folded group is called hidden")
	}
	if s, n := b.Shown(); s != n {
		t.Fatalf("folding counts as filtering: showing %d of %d", s, n)
	}
	b.SetHidden(view.Filter{Kinds: []data.Kind{data.KindParty, data.KindNote}}) // a, a claim, filtered out
	if !b.IsHidden("la") || b.links["la"].view != nil {
		t.Fatal("the link of a filtered-out member is still drawn to its group")
	}
	if b.IsHidden("lb") {
		t.Fatal("the link of a shown member was hidden")
	}
}
