package layout

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

func card(id string, x, y float64) data.Card {
	return data.Card{ID: id, Kind: data.KindNote, Title: id, X: x, Y: y, Width: 200, Height: 90}
}

func link(from, to string) data.Link {
	return data.Link{ID: from + "-" + to, From: from, To: to, Relation: "supports"}
}

// pile is n cards stacked on one spot, each linked to the next.
func pile(n int) ([]data.Card, []data.Link) {
	var cards []data.Card
	var links []data.Link
	for i := 0; i < n; i++ {
		cards = append(cards, card(fmt.Sprintf("c%02d", i), 100, 100))
		if i > 0 {
			links = append(links, link(fmt.Sprintf("c%02d", i-1), fmt.Sprintf("c%02d", i)))
		}
	}
	return cards, links
}

func generated(n int) ([]data.Card, []data.Link) {
	_, ch := data.Generate(n, 7)
	return ch.PutCards, ch.PutLinks
}

func rect(c data.Card) geom.Rect { return geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height} }

// check verifies everything a tidy promises, on the cards as they are
// after res: pinned cards (and their groups) and cards not asked for did
// not move; no two cards overlap, except two that both stayed put and a
// group's frame with its own cards; every member of a group is inside its
// frame; with ByDate, the dated cards that moved run left to right in date
// order and the undated ones are below them. It returns the cards after.
func check(t *testing.T, cards []data.Card, opt Options, res Result) map[string]data.Card {
	t.Helper()
	after := make(map[string]data.Card, len(cards))
	before := make(map[string]data.Card, len(cards))
	for _, c := range cards {
		after[c.ID], before[c.ID] = c, c
	}
	for _, mv := range res.Moves {
		c, ok := after[mv.ID]
		if !ok {
			t.Fatalf("a move of card %q, which is not on the board", mv.ID)
		}
		c.X, c.Y, c.Width, c.Height = mv.X, mv.Y, mv.Width, mv.Height
		after[mv.ID] = c
	}
	// What may move: asked for (or in a group with a card asked for), in
	// no group with a pinned card, not pinned.
	groupOf := func(c data.Card) string {
		if c.Kind == data.KindGroup {
			return c.ID
		}
		if g, ok := before[c.Group]; ok && c.Group != "" && g.Kind == data.KindGroup {
			return c.Group
		}
		return ""
	}
	asked := map[string]bool{} // by card, or by group
	pinnedGroup := map[string]bool{}
	for _, c := range cards {
		if g := groupOf(c); g != "" && c.Pinned {
			pinnedGroup[g] = true
		}
	}
	if opt.Only != nil {
		for _, id := range opt.Only {
			asked[id] = true
			if c, ok := before[id]; ok && groupOf(c) != "" {
				asked[groupOf(c)] = true
			}
		}
	}
	mayMove := func(c data.Card) bool {
		g := groupOf(c)
		if c.Pinned || (g != "" && pinnedGroup[g]) {
			return false
		}
		return opt.Only == nil || asked[c.ID] || (g != "" && asked[g])
	}
	for _, c := range cards {
		a := after[c.ID]
		if !mayMove(c) && rect(a) != rect(c) {
			t.Errorf("card %s (pinned %v) moved from %v to %v", c.ID, c.Pinned, rect(c), rect(a))
		}
	}
	ids := make([]string, 0, len(after))
	for id := range after {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for i, id := range ids {
		a := after[id]
		for _, jd := range ids[i+1:] {
			b := after[jd]
			if !mayMove(before[id]) && !mayMove(before[jd]) {
				continue
			}
			if g := groupOf(a); g != "" && g == groupOf(b) && (a.Kind == data.KindGroup || b.Kind == data.KindGroup) {
				continue
			}
			if rect(a).Intersects(rect(b)) {
				t.Errorf("cards %s %v and %s %v overlap", id, rect(a), jd, rect(b))
			}
		}
		if g := groupOf(a); g != "" && a.Kind != data.KindGroup && mayMove(before[id]) && !rect(after[g]).Contains(rect(a)) {
			t.Errorf("card %s %v is outside its group's frame %v", id, rect(a), rect(after[g]))
		}
	}
	if opt.ByDate {
		type dated struct {
			c data.Card
			d data.Date
		}
		var ds []dated
		lowest := -1e18
		for _, id := range ids {
			c := before[id]
			if !mayMove(c) || groupOf(c) != "" {
				continue
			}
			if d, ok := c.DateOf(); ok {
				ds = append(ds, dated{after[id], d})
				lowest = max(lowest, after[id].Y+after[id].Height)
			}
		}
		slices.SortStableFunc(ds, func(a, b dated) int { return a.d.Compare(b.d) })
		for k := 1; k < len(ds); k++ {
			x0, x1 := ds[k-1].c.X+ds[k-1].c.Width/2, ds[k].c.X+ds[k].c.Width/2
			same := ds[k-1].d.Compare(ds[k].d) == 0
			if same && x0 != x1 || !same && !(x0 < x1) {
				t.Errorf("%s (%s) at x %v, then %s (%s) at x %v", ds[k-1].c.ID, ds[k-1].c.Date, x0, ds[k].c.ID, ds[k].c.Date, x1)
			}
		}
		for _, id := range ids {
			c := before[id]
			if _, ok := c.DateOf(); ok || !mayMove(c) || len(ds) == 0 || c.Kind == data.KindGroup || groupOf(c) != "" && c.Kind != data.KindGroup {
				continue
			}
			if after[id].Y <= lowest {
				t.Errorf("undated card %s at y %v, not below the dated cards (down to %v)", id, after[id].Y, lowest)
			}
		}
	}
	return after
}

func TestTidy(t *testing.T) {
	type tc struct {
		name  string
		cards []data.Card
		links []data.Link
		opt   Options
		// wantMoved is how many cards must move at least.
		wantMoved int
	}
	var cases []tc

	cs, ls := pile(30)
	cases = append(cases, tc{"a pile of 30 on one spot", cs, ls, Options{}, 29})

	cs, ls = pile(20)
	for i := range cs {
		if i%5 == 0 {
			cs[i].Pinned = true
			cs[i].X += float64(i * 10) // pinned cards that overlap each other stay so
		}
	}
	cases = append(cases, tc{"pinned cards in a pile", cs, ls, Options{}, 15})

	cs, ls = generated(300)
	cases = append(cases, tc{"a generated board of 300", cs, ls, Options{}, 200})

	cs, ls = pile(12)
	cases = append(cases, tc{"a selection", cs, ls, Options{Only: []string{"c01", "c02", "c03", "c04"}}, 4})

	// A group with three members on top of each other, and loose cards
	// piled on it.
	grp := func() []data.Card {
		g := data.Card{ID: "g", Kind: data.KindGroup, Title: "Payments", X: 0, Y: 0, Width: 300, Height: 200}
		cs := []data.Card{g}
		for i := 0; i < 3; i++ {
			m := card(fmt.Sprintf("m%d", i), 20, 40)
			m.Group = "g"
			cs = append(cs, m)
		}
		for i := 0; i < 6; i++ {
			cs = append(cs, card(fmt.Sprintf("x%d", i), 50, 50))
		}
		return cs
	}
	cases = append(cases, tc{"a group and cards piled on it", grp(), []data.Link{link("m0", "x0"), link("x1", "m2")}, Options{}, 8})
	cs = grp()
	cs[2].Pinned = true // a pinned member holds its whole group
	cases = append(cases, tc{"a group with a pinned member", cs, nil, Options{}, 6})
	cases = append(cases, tc{"a member selected brings its group", grp(), nil, Options{Only: []string{"m1", "x5"}}, 3})

	// Dated cards, out of order, some sharing a date, some undated, a
	// pinned one in the way.
	var dcs []data.Card
	dates := []string{"2019-05-02", "2018", "2018-04-06", "2020-01", "2018-04-06", "", "2017-12-31", "", "2019", "", "2021-07-14", "2018-04"}
	for i, d := range dates {
		c := card(fmt.Sprintf("d%02d", i), float64(i%4)*50, float64(i/4)*40)
		c.Kind, c.Date = data.KindEvent, d
		if d == "" {
			c.Kind = data.KindClaim
		}
		dcs = append(dcs, c)
	}
	pin := card("pin", 300, 0)
	pin.Pinned = true
	dcs = append(dcs, pin)
	dls := []data.Link{link("d00", "d05"), link("d02", "d07"), link("d03", "d09"), link("d01", "d02")}
	cases = append(cases, tc{"by date", dcs, dls, Options{ByDate: true}, 10})
	cs, ls = generated(200)
	cases = append(cases, tc{"a generated board of 200 by date", cs, ls, Options{ByDate: true}, 150})

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Tidy(c.cards, c.links, c.opt)
			check(t, c.cards, c.opt, res)
			if len(res.Moves) < c.wantMoved {
				t.Errorf("%d cards moved, want at least %d", len(res.Moves), c.wantMoved)
			}
			// The same cards and links in another order give the same
			// layout.
			r := rand.New(rand.NewPCG(3, 4))
			cards, links := slices.Clone(c.cards), slices.Clone(c.links)
			r.Shuffle(len(cards), func(i, j int) { cards[i], cards[j] = cards[j], cards[i] })
			r.Shuffle(len(links), func(i, j int) { links[i], links[j] = links[j], links[i] })
			if again := Tidy(cards, links, c.opt); !reflect.DeepEqual(again, res) {
				t.Errorf("the same board in another order was laid out differently")
			}
		})
	}
}

// TestTidyCounts checks what the command and the app report.
func TestTidyCounts(t *testing.T) {
	cs, ls := pile(10)
	cs[3].Pinned, cs[7].Pinned = true, true
	res := Tidy(cs, ls, Options{})
	if res.Tidied != 10 || res.Pinned != 2 {
		t.Errorf("tidied %d, pinned %d; want 10 and 2", res.Tidied, res.Pinned)
	}
	res = Tidy(cs, ls, Options{Only: []string{"c03", "c04", "nowhere"}})
	if res.Tidied != 2 || res.Pinned != 1 {
		t.Errorf("selection: tidied %d, pinned %d; want 2 and 1", res.Tidied, res.Pinned)
	}
}

// TestTidyKeepsLinkedCardsNear checks that the forces do their work: on a
// generated board scattered at random, cards linked to each other end
// much nearer than the average pair.
func TestTidyKeepsLinkedCardsNear(t *testing.T) {
	cs, ls := generated(200)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range cs {
		cs[i].X, cs[i].Y = float64(r.IntN(6000)), float64(r.IntN(6000))
	}
	after := check(t, cs, Options{}, Tidy(cs, ls, Options{}))
	dist := func(a, b data.Card) float64 {
		ax, ay := rect(a).Centre()
		bx, by := rect(b).Centre()
		return (ax-bx)*(ax-bx) + (ay-by)*(ay-by)
	}
	median := func(v []float64) float64 { slices.Sort(v); return v[len(v)/2] }
	var linked, all []float64
	for _, l := range ls {
		linked = append(linked, dist(after[l.From], after[l.To]))
	}
	for i := 0; i < len(cs); i += 3 {
		for j := i + 1; j < len(cs); j += 7 {
			all = append(all, dist(after[cs[i].ID], after[cs[j].ID]))
		}
	}
	// Without the links' pull the two are the same (a ratio of 1).
	if l, a := median(linked), median(all); l*2.5*2.5 > a {
		t.Errorf("linked cards are %.0f apart (the median), any two %.0f: the links do not pull", math.Sqrt(l), math.Sqrt(a))
	}
}

// TestResultChange turns a result into the one change that makes it,
// leaving out a card deleted meanwhile.
func TestResultChange(t *testing.T) {
	cs, ls := pile(5)
	m := data.NewModel(data.Board{Title: "T"})
	m.Apply(data.Change{PutCards: cs, PutLinks: ls})
	cards, links := Cards(m)
	res := Tidy(cards, links, Options{})
	delete(m.Cards, res.Moves[0].ID)
	ch := res.Change(m)
	if ch.Label != "Tidy" || len(ch.PutCards) != len(res.Moves)-1 {
		t.Fatalf("change %q of %d cards, want Tidy of %d", ch.Label, len(ch.PutCards), len(res.Moves)-1)
	}
	for i, c := range ch.PutCards {
		mv := res.Moves[i+1]
		if c.ID != mv.ID || c.X != mv.X || c.Y != mv.Y || c.Title != mv.ID {
			t.Errorf("put %+v for move %+v", c, mv)
		}
	}
}
