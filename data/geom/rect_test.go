package geom

import "testing"

func TestRectPredicates(t *testing.T) {
	r := Rect{10, 20, 100, 50} // x 10..110, y 20..70
	tests := []struct {
		name                  string
		o                     Rect
		intersects, contained bool
	}{
		{"inside", Rect{20, 30, 10, 10}, true, true},
		{"itself", r, true, true},
		{"overlapping corner", Rect{100, 60, 50, 50}, true, false},
		{"touching right edge", Rect{110, 20, 10, 10}, true, false},
		{"touching bottom edge", Rect{10, 70, 10, 10}, true, false},
		{"left of it", Rect{-50, 20, 59, 50}, false, false},
		{"below it", Rect{10, 70.5, 100, 50}, false, false},
		{"around it", Rect{0, 0, 200, 200}, true, false},
		{"a point on the edge", Rect{10, 45, 0, 0}, true, true},
	}
	for _, tc := range tests {
		if got := r.Intersects(tc.o); got != tc.intersects {
			t.Errorf("%s: Intersects = %v, want %v", tc.name, got, tc.intersects)
		}
		if got := tc.o.Intersects(r); got != tc.intersects {
			t.Errorf("%s: Intersects is not symmetric", tc.name)
		}
		if got := r.Contains(tc.o); got != tc.contained {
			t.Errorf("%s: Contains = %v, want %v", tc.name, got, tc.contained)
		}
	}
}

func TestRectHas(t *testing.T) {
	r := Rect{0, 0, 10, 5}
	tests := []struct {
		x, y float64
		want bool
	}{
		{5, 2, true}, {0, 0, true}, {10, 5, true}, {10.01, 5, false}, {-0.01, 2, false}, {5, 5.5, false},
	}
	for _, tc := range tests {
		if got := r.Has(tc.x, tc.y); got != tc.want {
			t.Errorf("Has(%v, %v) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
}

func TestRectDerived(t *testing.T) {
	tests := []struct {
		name      string
		got, want Rect
	}{
		{"grow", Rect{10, 10, 20, 30}.Grow(5), Rect{5, 5, 30, 40}},
		{"shrink", Rect{10, 10, 20, 30}.Grow(-5), Rect{15, 15, 10, 20}},
		{"union apart", Rect{0, 0, 10, 10}.Union(Rect{20, -5, 10, 10}), Rect{0, -5, 30, 15}},
		{"union inside", Rect{0, 0, 100, 100}.Union(Rect{20, 20, 10, 10}), Rect{0, 0, 100, 100}},
		{"points in order", RectFromPoints(1, 2, 11, 22), Rect{1, 2, 10, 20}},
		{"points reversed", RectFromPoints(11, 22, 1, 2), Rect{1, 2, 10, 20}},
		{"points crossed", RectFromPoints(11, 2, 1, 22), Rect{1, 2, 10, 20}},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	r := Rect{10, 20, 30, 40}
	if r.Right() != 40 || r.Bottom() != 60 {
		t.Errorf("right %v bottom %v, want 40 60", r.Right(), r.Bottom())
	}
	if x, y := r.Centre(); x != 25 || y != 40 {
		t.Errorf("centre (%v, %v), want (25, 40)", x, y)
	}
}
