package board

import (
	"testing"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// checkCulling asserts that every card and link meeting the view has
// objects, and that no card far outside it does.
func checkCulling(t *testing.T, b *Board) {
	t.Helper()
	view := b.sc.viewRect()
	for id, e := range b.cards {
		r := cardRect(e.c)
		if r.Intersects(view) && e.view == nil {
			t.Fatalf("card %s is in view but has no objects", id)
		}
		if e.view != nil && !r.Intersects(b.sc.culled) {
			t.Fatalf("card %s is outside the culled area but has objects", id)
		}
	}
	for id, e := range b.links {
		r := cardRect(e.from.c).Union(cardRect(e.to.c))
		if e.view == nil && r.Intersects(view) {
			x1, y1, x2, y2, ok := geom.LinkEnds(cardRect(e.from.c), cardRect(e.to.c))
			if ok && geom.SegmentDistance((view.X+view.Right())/2, (view.Y+view.Bottom())/2, x1, y1, x2, y2) < view.W/2 {
				t.Fatalf("link %s crosses the view but has no objects", id)
			}
		}
	}
}

func TestOnlyInViewCardsHaveObjects(t *testing.T) {
	m := generated(10000)
	b, _ := show(t, m, 800, 600)
	n := b.VisibleCardCount()
	if n == 0 || n > 200 {
		t.Fatalf("%d of 10000 cards have objects in an 800×600 view, want a few dozen", n)
	}
	if l := b.VisibleLinkCount(); l == 0 || l > 600 {
		t.Fatalf("%d of %d links have objects", l, len(m.Links))
	}
	if objs := len(b.sc.cardLayer.Objects); objs > 2*n+10 {
		t.Fatalf("%d card views for %d visible cards", objs, n)
	}
	checkCulling(t, b)

	// Pan right and down across the board in small steps: the count stays
	// bounded and what is in view always has objects.
	maxLive := 0
	for i := 0; i < 300; i++ {
		b.PanBy(37, 11)
		if i%25 == 0 {
			checkCulling(t, b)
		}
		maxLive = max(maxLive, b.VisibleCardCount())
	}
	checkCulling(t, b)
	if maxLive > 2*n+20 {
		t.Fatalf("up to %d cards had objects while panning, from %d at the start", maxLive, n)
	}
	// The pools are reused: panning made no more views than were ever live at once.
	if views := len(b.sc.cardLayer.Objects); views > maxLive+10 {
		t.Fatalf("%d card views made for at most %d live cards", views, maxLive)
	}

	// Zoom out to the limit and back: many views, then the spare ones go.
	b.SetZoom(MinZoom)
	far := b.VisibleCardCount()
	if far <= n {
		t.Fatalf("zoomed out, %d cards have objects (at 100%%: %d)", far, n)
	}
	checkCulling(t, b)
	b.SetZoom(1)
	checkCulling(t, b)
	if views := len(b.sc.cardLayer.Objects); views > 3*b.VisibleCardCount()+300 {
		t.Fatalf("%d idle card views kept after zooming back in", views)
	}
}

func TestCompactCardsAtLowZoom(t *testing.T) {
	b, _ := show(t, twoCards(), 900, 600)
	v := b.cards["a"].view
	if !hasText(v, "Alpha") {
		t.Fatal("no title at 100%")
	}
	b.SetZoom(0.35) // compact: the title alone, in larger type
	if !hasText(v, "Alpha") || v.texts[0].TextSize != pixelSize(titleOnlySize, 0.35) || hasText(v, "CLAIM") {
		t.Fatalf("at 35%% the card does not show its title alone (size %v)", v.texts[0].TextSize)
	}
	if !v.pills[0].Visible() || v.pills[0].FillColor != statusColor(data.StatusAlleged) || v.pills[1].Visible() {
		t.Fatal("at 35% the claim does not show its status as one dot")
	}
	b.SetZoom(0.2)
	for _, tx := range v.texts {
		if tx.Visible() {
			t.Fatalf("text %q drawn at 20%%", tx.Text)
		}
	}
	b.SetZoom(1)
	if !hasText(v, "Alpha") || v.texts[0].TextSize != pixelSize(badgeSize, 1) {
		t.Fatal("text not back at 100%")
	}
	b.SetZoom(2)
	if v.texts[0].TextSize != pixelSize(badgeSize, 2) {
		t.Fatalf("badge text size %v at 200%%, want %v", v.texts[0].TextSize, pixelSize(badgeSize, 2))
	}
}

func TestLayoutKeptWhilePanningBackAndForth(t *testing.T) {
	m := kindsBoard()
	b, _ := show(t, m, 900, 400)
	q := b.cards["quote"]
	l := q.layout
	if l == nil {
		t.Fatal("no layout for a card in view")
	}
	b.PanBy(10000, 0) // far away: the quote loses its objects, keeps its layout
	if q.view != nil || q.layout != l {
		t.Fatal("the quote should have no objects but its layout")
	}
	// Its speaker is renamed while it is out of view.
	c := m.Cards["party"].Clone()
	c.Title = "Southwind"
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("party")
	b.PanBy(-10000, 0)
	if q.view == nil || !hasTextPrefix(q.view, "— Southwind ·") {
		t.Fatal("back in view, the quote does not name its renamed speaker")
	}
	// An unchanged card comes back with the very same layout.
	e := b.cards["event"]
	le := e.layout
	b.PanBy(10000, 0)
	b.PanBy(-10000, 0)
	if e.layout != le {
		t.Error("the event was laid out again after a pan away and back")
	}
}

func TestFarApartCards(t *testing.T) {
	m := data.NewModel(data.Board{})
	m.Apply(data.Change{
		PutCards: []data.Card{
			{ID: "w", Kind: data.KindNote, Title: "west", X: -data.MaxCoord, Y: 0, Width: 200, Height: 90},
			{ID: "e", Kind: data.KindNote, Title: "east", X: data.MaxCoord - 200, Y: 0, Width: 200, Height: 90},
			{ID: "big", Kind: data.KindNote, Title: "huge", X: 0, Y: 1000, Width: data.MaxCardSize, Height: data.MaxCardSize},
		},
		PutLinks: []data.Link{{ID: "across", From: "w", To: "e", Relation: "involves"}},
	})
	b, _ := show(t, m, 800, 600)
	b.FitAll()
	for _, id := range []string{"w", "e", "big"} {
		b.CenterOn(id)
		if b.cards[id].view == nil {
			t.Fatalf("card %s has no objects when centred on", id)
		}
		if b.links["across"].view == nil && id != "big" {
			t.Fatalf("the link across the board has no objects at %s", id)
		}
		checkCulling(t, b)
	}
	// The link is filed as wide, not in millions of cells.
	if n := b.lidx.Cells(); n > 10 {
		t.Fatalf("the long link is in %d cells", n)
	}
}
