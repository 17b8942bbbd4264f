package geom

import "testing"

func TestInnermost(t *testing.T) {
	big := Rect{0, 0, 1000, 1000}
	small := Rect{100, 100, 300, 300}
	twin := Rect{500, 500, 300, 300}
	same := Rect{100, 100, 300, 300}
	for _, tt := range []struct {
		name   string
		r      Rect
		frames []Rect
		want   int
	}{
		{"no frames", Rect{1, 1, 1, 1}, nil, -1},
		{"outside all", Rect{2000, 0, 10, 10}, []Rect{big, small}, -1},
		{"across an edge", Rect{950, 10, 100, 10}, []Rect{big}, -1},
		{"inside the big only", Rect{10, 10, 50, 50}, []Rect{big, small}, 0},
		{"the smaller wins", Rect{150, 150, 50, 50}, []Rect{big, small}, 1},
		{"order does not matter", Rect{150, 150, 50, 50}, []Rect{small, big}, 0},
		{"a tie goes to the first", Rect{150, 150, 50, 50}, []Rect{big, same, small}, 1},
		{"edges belong to the frame", Rect{500, 500, 300, 300}, []Rect{big, twin}, 1},
	} {
		if got := Innermost(tt.r, tt.frames); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}
