package board

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
)

func TestLinksBetweenTheSameCardsSideBySide(t *testing.T) {
	m := twoCards()
	m.Apply(data.Change{PutLinks: []data.Link{{ID: "l2", From: "b", To: "a", Relation: "denies", Directed: true}}})
	b, _ := show(t, m, 900, 600)
	l1, l2 := b.links["l1"].view.line, b.links["l2"].view.line
	if l1.Position1.Y == l2.Position1.Y {
		t.Fatalf("the two links between a and b are drawn on top of each other at y=%v", l1.Position1.Y)
	}
	// Each can be clicked on its own line.
	for _, id := range []string{"l1", "l2"} {
		line := b.links[id].view.line
		p := fyne.NewPos((line.Position1.X+line.Position2.X)/2-30, line.Position1.Y)
		p = p.Add(b.sc.world.Position())
		click(b, p, 0)
		if got := b.Selected(); !reflect.DeepEqual(got, []string{id}) {
			t.Fatalf("click on %s's line selected %v", id, got)
		}
	}
	// Deleting one puts the other back in the middle.
	m.Apply(data.Change{DeleteLinks: []string{"l2"}})
	b.Changed("l2")
	if y := b.links["l1"].view.line.Position1.Y; y != b.ScreenPos(0, 50).Y-b.sc.world.Position().Y {
		t.Fatalf("the remaining link is at y=%v, not on the cards' middle", y)
	}
}

// quoteBoard is a party, a source and a quote naming both in its fields,
// with no links.
func quoteBoard() *data.Model {
	m := data.NewModel(data.Board{Title: "quote"})
	m.Apply(data.Change{PutCards: []data.Card{
		{ID: "p", Kind: data.KindParty, Title: "Jane Doe", X: 0, Y: 0, Width: 200, Height: 90},
		{ID: "s", Kind: data.KindSource, Title: "The article", X: 600, Y: 0, Width: 200, Height: 90},
		{ID: "q", Kind: data.KindQuote, Title: "Her words", QuoteText: "I knew.", SpeakerID: "p", SourceID: "s", X: 300, Y: 300, Width: 220, Height: 110},
	}})
	return m
}

// linesBetween lists the relations of the links drawn between cards a and b.
func linesBetween(b *Board, x, y string) []string {
	var out []string
	for _, e := range b.links {
		if (e.from.id == x && e.to.id == y) || (e.from.id == y && e.to.id == x) {
			if e.view == nil || !e.view.box.Visible() {
				continue
			}
			out = append(out, e.l.Relation)
		}
	}
	sort.Strings(out)
	return out
}

func TestQuoteFieldsDrawnAsLinks(t *testing.T) {
	m := quoteBoard()
	b, _ := show(t, m, 900, 600)
	check := func(step, pair string, want ...string) {
		t.Helper()
		got := linesBetween(b, "q", pair)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("%s: links drawn between the quote and %s: %q, want %q", step, pair, got, want)
		}
	}
	check("fields only", "p", "said by")
	check("fields only", "s", "cites")
	said := b.links["q"+data.QuoteLinkSep+"said by"]
	if !said.l.Directed || said.view.line.StrokeColor != relationColor("said by") || said.view.label.Text != "said by" {
		t.Fatal("the speaker's link is not drawn as a said-by link")
	}

	// An explicit link saying the same (a synonym, the other way round) is
	// drawn once; deleting it brings the field's link back.
	m.Apply(data.Change{PutLinks: []data.Link{{ID: "l", From: "s", To: "q", Relation: "Quoted in", Directed: true}}})
	b.Changed("l")
	check("explicit cites", "s", "Quoted in")
	m.Apply(data.Change{PutLinks: []data.Link{{ID: "l2", From: "q", To: "p", Relation: "involves"}}})
	b.Changed("l2")
	check("a link of another meaning", "p", "involves", "said by")
	m.Apply(data.Change{DeleteLinks: []string{"l"}})
	b.Changed("l")
	check("explicit cites deleted", "s", "cites")

	// Clearing the field takes the link away; setting it brings it back.
	c := m.Cards["q"].Clone()
	c.SpeakerID = ""
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("q")
	check("speaker cleared", "p", "involves")
	c = m.Cards["q"].Clone()
	c.SpeakerID = "p"
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("q")
	check("speaker set", "p", "involves", "said by")

	// Moving the quote moves its field's line; naming another speaker
	// moves the link to that card.
	said = b.links["q"+data.QuoteLinkSep+"said by"]
	before := said.view.line.Position1
	c = m.Cards["q"].Clone()
	c.X += 80
	m.Apply(data.Change{PutCards: []data.Card{c, {ID: "p2", Kind: data.KindParty, Title: "John Doe", X: 0, Y: 500, Width: 200, Height: 90}}})
	b.Changed("q", "p2")
	if said.view == nil || said.view.line.Position1 == before {
		t.Fatal("the said-by line did not follow the quote")
	}
	c = m.Cards["q"].Clone()
	c.SpeakerID = "p2"
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("q")
	check("speaker changed", "p", "involves")
	check("speaker changed", "p2", "said by")
	c = m.Cards["q"].Clone()
	c.SpeakerID = "p"
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("q")
	check("speaker back", "p", "involves", "said by")

	// Clicking the line selects the quote; its menu offers only Edit.
	v := b.links["q"+data.QuoteLinkSep+"cites"].view
	x1, y1 := float64(v.line.Position1.X), float64(v.line.Position1.Y)
	x2, y2 := float64(v.line.Position2.X), float64(v.line.Position2.Y)
	at := fyne.NewPos(float32(x1+(x2-x1)*0.3), float32(y1+(y2-y1)*0.3)).Add(b.sc.world.Position())
	click(b, at, 0)
	if got := b.Selected(); strings.Join(got, ",") != "q" {
		t.Fatalf("a click on the quote's cites line selected %q", got)
	}
	if menu := b.contextMenu(at); len(menu.Items) != 1 || menu.Items[0].Label != "Edit" {
		t.Errorf("the cites line's menu: %d items", len(menu.Items))
	}

	// Deleting the speaker (which clears the quote's field) takes the link
	// away; undoing both brings it back.
	party := *m.Cards["p"]
	quote := *m.Cards["q"]
	involves := *m.Links["l2"]
	m.Apply(data.Change{DeleteCards: []string{"p"}})
	cleared := quote
	cleared.SpeakerID = ""
	m.Apply(data.Change{PutCards: []data.Card{cleared}})
	b.Changed("p", "q")
	if b.links["q"+data.QuoteLinkSep+"said by"] != nil {
		t.Fatal("the said-by link stays after the speaker was deleted")
	}
	m.Apply(data.Change{PutCards: []data.Card{party, quote}, PutLinks: []data.Link{involves}})
	b.Changed("p", "q", "l2")
	check("speaker back", "p", "involves", "said by")
}

// TestRightClickPicksLinkUnderPointer: a label is drawn above lines, so a
// click on a label picks its link even where another link's line passes
// nearer; elsewhere the line nearest the pointer is picked.
func TestRightClickPicksLinkUnderPointer(t *testing.T) {
	m := data.NewModel(data.Board{})
	m.Apply(data.Change{
		PutCards: []data.Card{
			{ID: "a", Kind: data.KindNote, Title: "A", X: 0, Y: 0, Width: 100, Height: 60},
			{ID: "b", Kind: data.KindNote, Title: "B", X: 600, Y: 0, Width: 100, Height: 60},
			{ID: "c", Kind: data.KindNote, Title: "C", X: 302, Y: -400, Width: 100, Height: 60},
			{ID: "d", Kind: data.KindNote, Title: "D", X: 302, Y: 200, Width: 100, Height: 60},
		},
		PutLinks: []data.Link{
			{ID: "across", From: "a", To: "b", Relation: "contradicts"},
			{ID: "down", From: "c", To: "d", Relation: "supports"},
		},
	})
	b, _ := show(t, m, 1000, 800)
	b.SetZoom(1)
	b.CenterOn("across")
	lr := b.links["across"].view.labelR
	if !lr.Has(352, 36) {
		t.Fatalf("the test expects the label of across over (352, 36); it is at %+v", lr)
	}
	for _, tc := range []struct {
		bx, by float64
		want   string
	}{
		{352, 36, "across"}, // on across's label, 0 from down's line, 6 from across's
		{352, 80, "down"},   // on down's line only
		{200, 32, "across"}, // 2 from across's line
		{352, 120, "down"},  // 0 from down's line
		{200, 50, ""},       // near nothing
		{356, -100, "down"}, // 4 from down's line (off its label, which is at the middle)
	} {
		p := b.ScreenPos(tc.bx, tc.by)
		b.ClearSelection()
		m := b.contextMenu(p)
		got := strings.Join(b.Selected(), ",")
		if got != tc.want {
			t.Errorf("right-click at (%v, %v) picked %q, want %q", tc.bx, tc.by, got, tc.want)
		}
		if tc.want == "" && (m == nil || !strings.HasPrefix(m.Items[0].Label, "New")) {
			t.Errorf("right-click on empty board at (%v, %v) gave no New menu", tc.bx, tc.by)
		}
	}
}

// TestLabelsClearOfCards: a link whose middle is under a card has its label
// moved along it to where no card covers it, and labels are drawn above
// the cards.
func TestLabelsClearOfCards(t *testing.T) {
	m := data.NewModel(data.Board{})
	m.Apply(data.Change{
		PutCards: []data.Card{
			{ID: "a", Kind: data.KindNote, Title: "A", X: 0, Y: 0, Width: 100, Height: 60},
			{ID: "b", Kind: data.KindNote, Title: "B", X: 800, Y: 0, Width: 100, Height: 60},
			{ID: "over", Kind: data.KindNote, Title: "In the way", X: 380, Y: -20, Width: 140, Height: 100},
		},
		PutLinks: []data.Link{{ID: "l", From: "a", To: "b", Relation: "supports"}},
	})
	b, _ := show(t, m, 1200, 600)
	b.SetZoom(1)
	b.CenterOn("l")
	v := b.links["l"].view
	if !v.labelOn || v.labelR.Intersects(cardRect(m.Cards["over"])) {
		t.Fatalf("label at %+v, under the card in the way", v.labelR)
	}
	objs := b.sc.world.Objects
	if objs[len(objs)-1] != b.sc.labelLayer {
		t.Error("the labels are not drawn above the cards")
	}
	// Moving the card onto the label moves the label away.
	c := m.Cards["over"].Clone()
	c.X, c.Y = v.labelR.X-10, -20
	m.Apply(data.Change{PutCards: []data.Card{c}})
	b.Changed("over")
	if !v.labelOn || v.labelR.Intersects(cardRect(m.Cards["over"])) {
		t.Fatalf("label at %+v stays under the card moved onto it", v.labelR)
	}
}
