package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSegmentDistance(t *testing.T) {
	tests := []struct {
		name                   string
		px, py, x1, y1, x2, y2 float64
		want                   float64
	}{
		{"beside the middle", 5, 3, 0, 0, 10, 0, 3},
		{"past the end", 13, 4, 0, 0, 10, 0, 5},
		{"before the start", -3, -4, 0, 0, 10, 0, 5},
		{"on it", 4, 4, 0, 0, 10, 10, 0},
		{"a point segment", 3, 4, 0, 0, 0, 0, 5},
		{"diagonal", 0, 10, 0, 0, 10, 10, math.Sqrt(50)},
	}
	for _, tc := range tests {
		if d := SegmentDistance(tc.px, tc.py, tc.x1, tc.y1, tc.x2, tc.y2); math.Abs(d-tc.want) > 1e-9 {
			t.Errorf("%s: %v, want %v", tc.name, d, tc.want)
		}
	}
}

func TestSegmentIntersectsRect(t *testing.T) {
	r := Rect{10, 10, 20, 10} // x 10..30, y 10..20
	tests := []struct {
		name           string
		x1, y1, x2, y2 float64
		want           bool
	}{
		{"through", 0, 15, 40, 15, true},
		{"inside", 12, 12, 14, 18, true},
		{"from inside out", 20, 15, 100, 100, true},
		{"diagonal through a corner", 0, 0, 40, 40, true},
		{"touching the top edge", 0, 10, 40, 10, true},
		{"ending on the edge", 0, 15, 10, 15, true},
		{"a point inside", 20, 15, 20, 15, true},
		{"a point outside", 5, 15, 5, 15, false},
		{"stopping short", 0, 15, 9, 15, false},
		{"above", 0, 5, 40, 5, false},
		{"vertical beside", 31, 0, 31, 40, false},
		{"diagonal missing the corner", 25, 0, 40, 15, false},
		{"diagonal cutting the corner", 20, 0, 40, 25, true},
	}
	for _, tc := range tests {
		if got := SegmentIntersectsRect(tc.x1, tc.y1, tc.x2, tc.y2, r); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if got := SegmentIntersectsRect(tc.x2, tc.y2, tc.x1, tc.y1, r); got != tc.want {
			t.Errorf("%s reversed: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestSegmentIntersectsRectAgreesWithSampling checks random segments
// against points taken along them: a sampled point inside the rectangle
// means the segment meets it.
func TestSegmentIntersectsRectAgreesWithSampling(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	r := Rect{-20, -10, 40, 20}
	for i := 0; i < 5000; i++ {
		x1, y1 := rnd.Float64()*200-100, rnd.Float64()*200-100
		x2, y2 := rnd.Float64()*200-100, rnd.Float64()*200-100
		sampled := false
		for k := 0; k <= 1000 && !sampled; k++ {
			f := float64(k) / 1000
			sampled = r.Has(x1+(x2-x1)*f, y1+(y2-y1)*f)
		}
		got := SegmentIntersectsRect(x1, y1, x2, y2, r)
		if sampled && !got {
			t.Fatalf("(%v,%v)-(%v,%v) passes through %v but was not found to", x1, y1, x2, y2, r)
		}
		// A miss by sampling is a miss unless the segment comes within a
		// sampling step of the rectangle.
		if !sampled && got && !grazes(x1, y1, x2, y2, r, math.Hypot(x2-x1, y2-y1)/1000) {
			t.Fatalf("(%v,%v)-(%v,%v) found to meet %v but misses it", x1, y1, x2, y2, r)
		}
	}
}

// grazes reports whether the segment passes within d of r's corners or
// edges, where sampling may step over it.
func grazes(x1, y1, x2, y2 float64, r Rect, d float64) bool {
	g := r.Grow(d)
	for k := 0; k <= 100000; k++ {
		f := float64(k) / 100000
		if g.Has(x1+(x2-x1)*f, y1+(y2-y1)*f) {
			return true
		}
	}
	return false
}
