package board

import (
	"testing"

	"evidenceboard/data"
)

func TestLinkViewArrowAndLabel(t *testing.T) {
	m := twoCards()
	m.Apply(data.Change{PutLinks: []data.Link{{ID: "l3", From: "a", To: "c", Relation: "involves"}}})
	b, _ := show(t, m, 900, 600)
	directed, plain := b.links["l1"].view, b.links["l3"].view
	if !directed.head.Visible() || plain.head.Visible() {
		t.Fatal("arrowhead drawn wrong: a directed link needs one, a plain one none")
	}
	// The arrowhead's tip is on the To card's left edge.
	tip := directed.head.Position().Add(directed.head.Points[0])
	want := b.ScreenPos(400, 50).Subtract(b.sc.world.Position())
	if d := tip.Subtract(want); d.X*d.X+d.Y*d.Y > 0.01 {
		t.Fatalf("arrow tip at %v, want %v", tip, want)
	}
	if !directed.labelBox.Visible() || directed.label.Text != "alleges" || !directed.labelBg.Visible() {
		t.Fatal("no relation label")
	}
	if directed.line.StrokeColor != relationColor("alleges") {
		t.Errorf("alleges drawn in %v", directed.line.StrokeColor)
	}
	b.Select("l1")
	if directed.line.StrokeColor != colSelect {
		t.Error("a selected link is not highlighted")
	}
	b.SetZoom(0.2)
	if directed.labelBox.Visible() || directed.head.Visible() {
		t.Error("label or arrowhead drawn at 20%")
	}
	// Cards that overlap have no line between them.
	m.Cards["b"].X = 50
	b.Changed("b")
	if b.links["l1"].view != nil && b.links["l1"].view.box.Visible() {
		t.Error("a link between overlapping cards is drawn")
	}
}

func TestLinkStatusDot(t *testing.T) {
	m := twoCards()
	m.Links["l1"].Status = data.StatusRefuted
	m.Apply(data.Change{PutLinks: []data.Link{{ID: "l3", From: "a", To: "c", Relation: "involves"}}})
	b, _ := show(t, m, 900, 600)
	v := b.links["l1"].view
	if !v.dot.Visible() || v.dot.FillColor != statusColor(data.StatusRefuted) {
		t.Fatal("a refuted link shows no red status dot")
	}
	if b.links["l3"].view.dot.Visible() {
		t.Error("a link with no status shows a dot")
	}
	if v.label.Position().X <= v.dot.Position().X {
		t.Error("the relation is not after the dot")
	}
}
