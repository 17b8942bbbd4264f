package board

import (
	"math"
	"testing"
)

func TestLinkEndsMeetEdges(t *testing.T) {
	a := rect{0, 0, 100, 50}
	b := rect{300, 0, 100, 50}
	x1, y1, x2, y2, ok := linkEnds(a, b)
	if !ok || x1 != 100 || y1 != 25 || x2 != 300 || y2 != 25 {
		t.Fatalf("side by side: (%v,%v)-(%v,%v) ok=%v", x1, y1, x2, y2, ok)
	}
	c := rect{0, 200, 100, 50}
	x1, y1, x2, y2, _ = linkEnds(a, c)
	if x1 != 50 || y1 != 50 || x2 != 50 || y2 != 200 {
		t.Fatalf("stacked: (%v,%v)-(%v,%v)", x1, y1, x2, y2)
	}
	d := rect{400, 400, 100, 50}
	x1, y1, x2, y2, _ = linkEnds(a, d)
	onEdge := func(r rect, x, y float64) bool {
		in := r.has(x, y)
		edge := math.Abs(x-r.x) < 1e-9 || math.Abs(x-r.right()) < 1e-9 || math.Abs(y-r.y) < 1e-9 || math.Abs(y-r.bottom()) < 1e-9
		return in && edge
	}
	if !onEdge(a, x1, y1) || !onEdge(d, x2, y2) {
		t.Fatalf("diagonal ends (%v,%v)-(%v,%v) not on the edges", x1, y1, x2, y2)
	}
	if _, _, _, _, ok := linkEnds(a, rect{10, 10, 100, 50}); ok {
		t.Error("overlapping cards gave a segment")
	}
}

func TestSegmentDistance(t *testing.T) {
	if d := segmentDistance(5, 3, 0, 0, 10, 0); d != 3 {
		t.Errorf("distance %v, want 3", d)
	}
	if d := segmentDistance(13, 4, 0, 0, 10, 0); d != 5 {
		t.Errorf("distance past the end %v, want 5", d)
	}
}

func TestLinkEndsOffsetRunSideBySide(t *testing.T) {
	a := rect{0, 0, 100, 60}
	b := rect{300, 0, 100, 60}
	_, ya, _, _, ok0 := linkEndsOffset(a, b, 0, 2)
	_, yb, _, _, ok1 := linkEndsOffset(a, b, 1, 2)
	if !ok0 || !ok1 || math.Abs(ya-yb) != pairGap || math.Abs((ya+yb)/2-30) > 1e-9 {
		t.Fatalf("two links at y=%v and y=%v; want %v apart around 30", ya, yb, pairGap)
	}
	x1, y1, x2, y2, _ := linkEndsOffset(a, rect{300, 300, 100, 60}, 2, 3)
	if !a.has(x1, y1) || !(rect{300, 300, 100, 60}).has(x2, y2) {
		t.Fatalf("offset link ends (%v,%v)-(%v,%v) are not on the cards", x1, y1, x2, y2)
	}
}
