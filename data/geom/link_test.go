package geom

import (
	"math"
	"testing"
)

// onEdge reports whether (x, y) lies on r's border.
func onEdge(r Rect, x, y float64) bool {
	const eps = 1e-9
	edge := math.Abs(x-r.X) < eps || math.Abs(x-r.Right()) < eps || math.Abs(y-r.Y) < eps || math.Abs(y-r.Bottom()) < eps
	return r.Grow(eps).Has(x, y) && edge
}

func TestEdgePoint(t *testing.T) {
	r := Rect{0, 0, 100, 50} // centre (50, 25)
	tests := []struct {
		name           string
		tx, ty, wx, wy float64
	}{
		{"right", 500, 25, 100, 25},
		{"left", -500, 25, 0, 25},
		{"up", 50, -300, 50, 0},
		{"down", 50, 300, 50, 50},
		{"corner diagonal", 150, 75, 100, 50},
		{"shallow", 250, 75, 100, 37.5},
		{"target inside", 60, 30, 60, 30},
		{"target at the centre", 50, 25, 50, 25},
	}
	for _, tc := range tests {
		x, y := EdgePoint(r, tc.tx, tc.ty)
		if math.Abs(x-tc.wx) > 1e-9 || math.Abs(y-tc.wy) > 1e-9 {
			t.Errorf("%s: (%v, %v), want (%v, %v)", tc.name, x, y, tc.wx, tc.wy)
		}
	}
}

func TestLinkEnds(t *testing.T) {
	a := Rect{0, 0, 100, 50}
	tests := []struct {
		name  string
		b     Rect
		ok    bool
		want  [4]float64 // checked when exact is set
		exact bool
	}{
		{"side by side", Rect{300, 0, 100, 50}, true, [4]float64{100, 25, 300, 25}, true},
		{"stacked", Rect{0, 200, 100, 50}, true, [4]float64{50, 50, 50, 200}, true},
		{"diagonal", Rect{400, 400, 100, 50}, true, [4]float64{}, false},
		{"overlapping", Rect{10, 10, 100, 50}, false, [4]float64{}, false},
		{"same place", a, false, [4]float64{}, false},
	}
	for _, tc := range tests {
		x1, y1, x2, y2, ok := LinkEnds(a, tc.b)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v, want %v", tc.name, ok, tc.ok)
			continue
		}
		if tc.exact && [4]float64{x1, y1, x2, y2} != tc.want {
			t.Errorf("%s: (%v,%v)-(%v,%v), want %v", tc.name, x1, y1, x2, y2, tc.want)
		}
		if ok && (!onEdge(a, x1, y1) || !onEdge(tc.b, x2, y2)) {
			t.Errorf("%s: ends (%v,%v)-(%v,%v) are not on the edges", tc.name, x1, y1, x2, y2)
		}
	}
}

func TestLinkEndsOffset(t *testing.T) {
	a := Rect{0, 0, 100, 60}
	tests := []struct {
		name string
		b    Rect
		n    int
		full bool // room for the full gap
	}{
		{"two across", Rect{300, 0, 100, 60}, 2, true},
		{"three diagonal", Rect{300, 300, 100, 60}, 3, true},
		{"five stacked, limited to the card", Rect{0, 300, 100, 60}, 5, false},
	}
	const gap = 14
	for _, tc := range tests {
		acx, acy := a.Centre()
		bcx, bcy := tc.b.Centre()
		dx, dy := bcx-acx, bcy-acy
		l := math.Hypot(dx, dy)
		// side is the signed distance of (x, y) from the centres' line.
		side := func(x, y float64) float64 { return ((x-acx)*-dy + (y-acy)*dx) / l }
		var offs []float64
		for k := 0; k < tc.n; k++ {
			x1, y1, x2, y2, ok := LinkEndsOffset(a, tc.b, k, tc.n, gap)
			if !ok {
				t.Fatalf("%s: link %d not drawable", tc.name, k)
			}
			if !onEdge(a, x1, y1) || !onEdge(tc.b, x2, y2) {
				t.Errorf("%s: link %d ends (%v,%v)-(%v,%v) are not on the cards' edges", tc.name, k, x1, y1, x2, y2)
			}
			o1, o2 := side(x1, y1), side(x2, y2)
			if math.Abs(o1-o2) > 1e-9 {
				t.Errorf("%s: link %d is not parallel to the centres' line", tc.name, k)
			}
			offs = append(offs, o1)
		}
		// Side by side in order, at most gap apart (closer only when the
		// cards are too small), centred on the centres' line.
		sum := 0.0
		for k, o := range offs {
			sum += o
			if k > 0 && (o-offs[k-1] <= 0 || o-offs[k-1] > gap+1e-9) {
				t.Errorf("%s: links %d and %d are %v apart", tc.name, k-1, k, o-offs[k-1])
			}
		}
		if math.Abs(sum) > 1e-9 {
			t.Errorf("%s: links are not centred: offsets %v", tc.name, offs)
		}
		if tc.full && math.Abs(offs[1]-offs[0]-gap) > 1e-9 {
			t.Errorf("%s: links %v apart, want %v", tc.name, offs[1]-offs[0], gap)
		}
	}
	// One link is LinkEnds.
	x1, y1, x2, y2, ok := LinkEndsOffset(a, Rect{300, 0, 100, 60}, 0, 1, gap)
	if w1, w2, w3, w4, wok := LinkEnds(a, Rect{300, 0, 100, 60}); [4]float64{x1, y1, x2, y2} != [4]float64{w1, w2, w3, w4} || ok != wok {
		t.Error("a single link is not LinkEnds")
	}
}

func TestExitPoint(t *testing.T) {
	r := Rect{0, 0, 100, 50}
	tests := []struct {
		name                   string
		px, py, dx, dy, wx, wy float64
	}{
		{"right", 10, 10, 1, 0, 100, 10},
		{"up-left", 50, 25, -2, -1, 0, 0},
		{"down", 10, 10, 0, 3, 10, 50},
		{"no direction", 10, 10, 0, 0, 10, 10},
		{"outside, moving away", 200, 10, 1, 0, 200, 10},
	}
	for _, tc := range tests {
		x, y := ExitPoint(r, tc.px, tc.py, tc.dx, tc.dy)
		if math.Abs(x-tc.wx) > 1e-9 || math.Abs(y-tc.wy) > 1e-9 {
			t.Errorf("%s: (%v, %v), want (%v, %v)", tc.name, x, y, tc.wx, tc.wy)
		}
	}
}
