package board

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// grouped is a board with group g holding a and b, and c and d outside
// it; a and b both link to c (so that folding g lays the two links on one
// line), a links to b (inside the group) and d to g itself.
func grouped() *data.Model {
	m := data.NewModel(data.Board{Title: "groups"})
	m.Apply(data.Change{
		PutCards: []data.Card{
			{ID: "g", Kind: data.KindGroup, Title: "Payments", X: 0, Y: 0, Width: 560, Height: 200},
			{ID: "a", Kind: data.KindClaim, Title: "Alpha", X: 20, Y: 60, Width: 200, Height: 100, Group: "g"},
			{ID: "b", Kind: data.KindNote, Title: "Beta", X: 320, Y: 60, Width: 200, Height: 100, Group: "g"},
			{ID: "c", Kind: data.KindParty, Title: "Gamma", X: 100, Y: 400, Width: 200, Height: 100},
			{ID: "d", Kind: data.KindNote, Title: "Delta", X: 700, Y: 40, Width: 200, Height: 100},
		},
		PutLinks: []data.Link{
			{ID: "la", From: "a", To: "c", Relation: "supports", Directed: true},
			{ID: "lb", From: "b", To: "c", Relation: "supports", Directed: true},
			{ID: "lab", From: "a", To: "b", Relation: "involves"},
			{ID: "ld", From: "d", To: "g", Relation: "involves"},
		},
	})
	if err := m.Validate(); err != nil {
		panic(err)
	}
	return m
}

// setFolded folds or unfolds group id as the app does: a change to the
// model, then Changed with the group's ID alone.
func setFolded(b *Board, m *data.Model, id string, folded bool) {
	g := m.Cards[id].Clone()
	g.Folded = folded
	m.Apply(data.Change{PutCards: []data.Card{g}})
	b.Changed(id)
}

func TestFoldHidesMembersAndDrawsTheirLinksToTheGroup(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	drawn := func() map[string]bool {
		out := map[string]bool{}
		for _, e := range b.sc.liveCards {
			out[e.id] = true
		}
		for _, e := range b.sc.liveLinks {
			out[e.id] = true
		}
		return out
	}
	all := map[string]bool{"g": true, "a": true, "b": true, "c": true, "d": true, "la": true, "lb": true, "lab": true, "ld": true}
	if got := drawn(); !reflect.DeepEqual(got, all) {
		t.Fatalf("unfolded, drawn %v, want %v", got, all)
	}
	aPos, bPos := centreOf(t, b, "a"), centreOf(t, b, "b")

	setFolded(b, m, "g", true)
	want := map[string]bool{"g": true, "c": true, "d": true, "la": true, "ld": true}
	if got := drawn(); !reflect.DeepEqual(got, want) {
		t.Errorf("folded, drawn %v, want %v (members, the link inside and the second link to c hidden)", got, want)
	}
	for _, id := range []string{"a", "b"} {
		if !b.IsFoldedAway(id) || b.cards[id].view != nil {
			t.Errorf("card %s is still shown in the folded group", id)
		}
	}
	if from, to, ok := b.LinkShown("la"); !ok || from != "g" || to != "c" {
		t.Errorf("link a→c drawn from %q to %q (%v), want from the folded group", from, to, ok)
	}
	if _, _, ok := b.LinkShown("lb"); ok {
		t.Error("link b→c is drawn on top of a→c")
	}
	// The drawn line starts at the folded group's edge, not at a.
	fold := groupRect(m.Cards["g"])
	if fold.W != foldedW || fold.H != foldedH {
		t.Fatalf("folded group is %v", fold)
	}
	lv := b.links["la"].view
	x1, y1 := b.toBoard(lv.line.Position1.Add(b.sc.world.Position()))
	if !fold.Grow(2).Has(x1, y1) {
		t.Errorf("link a→c starts at (%.0f, %.0f), not on the folded group %v", x1, y1, fold)
	}
	// What was b's place is now empty board: nothing is hit there.
	if h := b.hitTest(bPos); h.kind != hitNone {
		t.Errorf("a press where b was hits %+v", h)
	}
	if h := b.hitTest(centreOf(t, b, "g")); h.kind != hitCard || h.card.id != "g" {
		t.Errorf("a press on the folded group hits %+v", h)
	}
	if v := b.grp.views[b.cards["g"]]; v == nil || !v.box.Visible() || v.count.Text != "2 cards" || v.title.Text != "Payments" {
		t.Errorf("the folded group is not drawn with its title and count")
	}

	setFolded(b, m, "g", false)
	if got := drawn(); !reflect.DeepEqual(got, all) {
		t.Errorf("unfolded again, drawn %v, want %v", got, all)
	}
	if p := centreOf(t, b, "a"); p != aPos {
		t.Errorf("a drawn at %v after unfolding, want %v", p, aPos)
	}
	if from, to, ok := b.LinkShown("lb"); !ok || from != "b" || to != "c" {
		t.Errorf("after unfolding, b→c drawn %q→%q (%v)", from, to, ok)
	}
}

func TestDragGroupMovesItsMembers(t *testing.T) {
	for _, folded := range []bool{false, true} {
		m := grouped()
		b, _ := show(t, m, 1000, 700)
		if folded {
			setFolded(b, m, "g", true)
		}
		apply(b, m)
		var calls []moveCall
		inner := b.OnMove
		b.OnMove = func(ids []string, dx, dy float64) {
			calls = append(calls, moveCall{ids, dx, dy})
			inner(ids, dx, dy)
		}
		// Take the frame by its title band (folded: anywhere on it).
		grab := b.ScreenPos(300, 12)
		if folded {
			grab = centreOf(t, b, "g")
		}
		drag(b, grab, 40, 80, desktop.MouseButtonPrimary, 0)
		want := []moveCall{{[]string{"a", "b", "g"}, 40, 80}}
		if !reflect.DeepEqual(calls, want) {
			t.Fatalf("folded=%v: OnMove calls %v, want %v", folded, calls, want)
		}
		if m.Cards["a"].X != 60 || m.Cards["b"].Y != 140 || m.Cards["g"].X != 40 {
			t.Errorf("folded=%v: after the move a.x=%v b.y=%v g.x=%v", folded, m.Cards["a"].X, m.Cards["b"].Y, m.Cards["g"].X)
		}
	}
}

func TestPressInsideAFrameIsNotTheFrame(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	inside := b.ScreenPos(270, 180) // between a and b, under the band
	if h := b.hitTest(inside); h.kind != hitNone {
		t.Fatalf("a press inside the frame hits %+v, want empty board", h)
	}
	if h := b.hitTest(b.ScreenPos(300, 10)); h.kind != hitCard || h.card.id != "g" {
		t.Errorf("a press on the title band hits %+v, want the group", h)
	}
	if h := b.hitTest(centreOf(t, b, "a")); h.kind != hitCard || h.card.id != "a" {
		t.Errorf("a press on a card in the frame hits %+v, want the card", h)
	}
	// A rubber band inside the frame takes the cards, not the frame.
	var moved bool
	b.OnMove = func([]string, float64, float64) { moved = true }
	drag(b, b.ScreenPos(10, 50), 530, 130, desktop.MouseButtonPrimary, 0)
	if got := b.Selected(); moved || !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("band inside the frame selected %v (moved %v), want [a b]", got, moved)
	}
	// A band round the whole frame takes it too.
	drag(b, b.ScreenPos(-20, -20), 620, 260, desktop.MouseButtonPrimary, 0)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"a", "b", "g"}) {
		t.Errorf("band round the frame selected %v, want [a b g]", got)
	}
}

func TestDragIntoAFrameShowsTheDrop(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	g := b.cards["g"]
	start := centreOf(t, b, "d")
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start}, Button: desktop.MouseButtonPrimary})
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(-50, 0)}, Dragged: fyne.NewDelta(-50, 0)})
	if b.grp.drop != nil {
		t.Error("a card half over the frame shows a drop")
	}
	// d (200 wide at x=700) moved to x=340, y=40..140: wholly in g? g is
	// 0..560 × 0..200, so yes.
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(-360, 0)}, Dragged: fyne.NewDelta(-310, 0)})
	if b.grp.drop != g {
		t.Errorf("a card wholly over the frame shows drop %v, want the group", b.grp.drop)
	}
	if v := b.grp.views[g]; v == nil || v.bg.StrokeColor != colSelect {
		t.Error("the frame to drop into is not drawn as a target")
	}
	b.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(-360, 0)}, Button: desktop.MouseButtonPrimary})
	b.DragEnd()
	if b.grp.drop != nil {
		t.Error("the drop is still shown after the drag")
	}
	if v := b.grp.views[g]; v.bg.StrokeColor == colSelect {
		t.Error("the frame is still drawn as a target after the drag")
	}
}

func TestDoubleClickOnTitleBandFolds(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	var folds [][]string
	var edits []string
	b.OnFold = func(ids []string) { folds = append(folds, ids) }
	b.OnEdit = func(id string) { edits = append(edits, id) }
	b.DoubleTapped(&fyne.PointEvent{Position: b.ScreenPos(300, 12)})
	b.DoubleTapped(&fyne.PointEvent{Position: centreOf(t, b, "a")})
	if !reflect.DeepEqual(folds, [][]string{{"g"}}) || !reflect.DeepEqual(edits, []string{"a"}) {
		t.Errorf("folds %v edits %v, want the band to fold g and the card to edit a", folds, edits)
	}
	menu := b.contextMenu(b.ScreenPos(300, 12))
	var labels []string
	for _, it := range menu.Items {
		labels = append(labels, it.Label)
	}
	if !reflect.DeepEqual(labels, []string{"Edit", "Fold group", "", "Delete"}) {
		t.Errorf("the group's menu is %q", labels)
	}
	menu.Items[1].Action()
	if len(folds) != 2 {
		t.Error("the menu's Fold group did not ask to fold")
	}
	setFolded(b, m, "g", true)
	if menu := b.contextMenu(centreOf(t, b, "g")); menu.Items[1].Label != "Unfold group" {
		t.Errorf("a folded group's menu offers %q", menu.Items[1].Label)
	}
}

func TestGroupRectFolded(t *testing.T) {
	for _, tt := range []struct {
		c    data.Card
		want geom.Rect
	}{
		{data.Card{Kind: data.KindGroup, X: 5, Y: 6, Width: 800, Height: 500}, geom.Rect{X: 5, Y: 6, W: 800, H: 500}},
		{data.Card{Kind: data.KindGroup, X: 5, Y: 6, Width: 800, Height: 500, Folded: true}, geom.Rect{X: 5, Y: 6, W: foldedW, H: foldedH}},
		{data.Card{Kind: data.KindGroup, X: 5, Y: 6, Width: 100, Height: 60, Folded: true}, geom.Rect{X: 5, Y: 6, W: 100, H: 60}},
	} {
		if got := cardRect(&tt.c); got != tt.want {
			t.Errorf("%+v drawn at %v, want %v", tt.c, got, tt.want)
		}
	}
}

// Deleting a folded group (as Ungroup does: the group goes, its cards
// lose their Group in the same change) shows its cards again.
func TestDeleteFoldedGroupShowsItsCards(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	setFolded(b, m, "g", true)
	ch := m.Expand(data.Change{DeleteCards: []string{"g"}})
	m.Apply(ch)
	ids := []string{"g"}
	for _, c := range ch.PutCards {
		ids = append(ids, c.ID)
	}
	b.Changed(ids...)
	for _, id := range []string{"a", "b"} {
		if b.IsFoldedAway(id) || b.cards[id].view == nil {
			t.Errorf("card %s is still hidden after its group was deleted", id)
		}
	}
	for _, id := range []string{"la", "lb", "lab"} {
		if le := b.links[id]; le == nil || le.view == nil {
			t.Errorf("link %s is not drawn after the group was deleted", id)
		}
	}
	if len(b.grp.views) != 0 {
		t.Errorf("%d frames still drawn", len(b.grp.views))
	}
}

// A frame is resized by its grip, as a card is; a folded group is not.
func TestResizeFrameByItsGrip(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	var got []float64
	b.OnResize = func(id string, w, h float64) {
		if id == "g" {
			got = append(got, w, h)
		}
	}
	b.Select("g")
	grip := b.ScreenPos(560-3, 200-3) // the frame's bottom-right corner
	if h := b.hitTest(grip); h.kind != hitResize || h.card.id != "g" {
		t.Fatalf("the frame's corner hits %+v, want its grip", h)
	}
	drag(b, grip, 100, 60, desktop.MouseButtonPrimary, 0)
	if !reflect.DeepEqual(got, []float64{660, 260}) {
		t.Errorf("OnResize got %v, want [660 260]", got)
	}
	setFolded(b, m, "g", true)
	b.Select("g")
	var moved bool
	b.OnMove = func([]string, float64, float64) { moved = true }
	corner := b.ScreenPos(foldedW-3, foldedH-3)
	drag(b, corner, 50, 50, desktop.MouseButtonPrimary, 0)
	if len(got) != 2 || !moved {
		t.Errorf("a drag from a folded group's corner resized it (%v) or did not move it (%v)", got, moved)
	}
}

// A rubber band over a folded group takes the group, not the cards
// folded away in it.
func TestBandSkipsCardsFoldedAway(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	setFolded(b, m, "g", true)
	drag(b, b.ScreenPos(-20, -20), 960, 560, desktop.MouseButtonPrimary, 0)
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"c", "d", "g"}) {
		t.Errorf("band selected %v, want [c d g]", got)
	}
}

// Centring on a card folded away (a search hit) shows its folded group.
func TestCenterOnCardFoldedAway(t *testing.T) {
	m := grouped()
	m.Apply(data.Change{PutCards: []data.Card{{ID: "far", Kind: data.KindNote, Title: "Far", X: 5000, Y: 5000, Width: 200, Height: 100}}})
	b, _ := show(t, m, 1000, 700)
	setFolded(b, m, "g", true)
	b.CenterOn("far")
	b.CenterOn("b")
	gx, gy := groupRect(m.Cards["g"]).Centre()
	if vx, vy := b.ViewCenter(); vx != gx || vy != gy {
		t.Errorf("view centred on (%v, %v), want the folded group's centre (%v, %v)", vx, vy, gx, gy)
	}
}

// SetModel forgets what the groups made of the board before.
func TestSetModelForgetsGroups(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	setFolded(b, m, "g", true)
	if got := b.Members("g"); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Fatalf("members %v", got)
	}
	// The same model, changed behind the board's back (as a reload
	// does), shown again: nothing of the old cache may survive.
	c := m.Cards["b"].Clone()
	c.Group = ""
	g := m.Cards["g"].Clone()
	g.Folded = false
	m.Apply(data.Change{PutCards: []data.Card{c, g}})
	b.SetModel(m)
	if got := b.Members("g"); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("after SetModel, members %v, want [a]", got)
	}
	if b.IsFoldedAway("a") || b.cards["a"].view == nil {
		t.Error("a card of the new, unfolded group is hidden")
	}
}

func TestFoldRule(t *testing.T) {
	m := grouped()
	b, _ := show(t, m, 1000, 700)
	if hidesFolded(b, b.cards["a"]) || len(foldDependents(b, b.cards["a"])) != 0 {
		t.Error("an unfolded group's card is hidden, or a card has dependents")
	}
	setFolded(b, m, "g", true)
	deps := foldDependents(b, b.cards["g"])
	if !hidesFolded(b, b.cards["a"]) || hidesFolded(b, b.cards["g"]) || len(deps) != 2 || deps[0].id != "a" || deps[1].id != "b" {
		t.Errorf("folded: a hidden %v, g hidden %v, g's dependents %v", hidesFolded(b, b.cards["a"]), hidesFolded(b, b.cards["g"]), deps)
	}
}
