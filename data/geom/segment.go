package geom

import "math"

// SegmentDistance returns the distance from (px, py) to the segment
// (x1, y1)-(x2, y2); a segment of no length is its one point.
func SegmentDistance(px, py, x1, y1, x2, y2 float64) float64 {
	dx, dy := x2-x1, y2-y1
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = ((px-x1)*dx + (py-y1)*dy) / l2
		t = math.Max(0, math.Min(1, t))
	}
	ex, ey := x1+t*dx-px, y1+t*dy-py
	return math.Hypot(ex, ey)
}

// SegmentIntersectsRect reports whether the segment (x1, y1)-(x2, y2)
// meets r: passes through it, touches its edge, or lies inside it. It
// clips the segment's parameter range against each pair of edges in turn
// (Liang–Barsky), so it needs no special case for a segment along an edge
// or of no length.
func SegmentIntersectsRect(x1, y1, x2, y2 float64, r Rect) bool {
	t0, t1 := 0.0, 1.0
	// clip keeps the part of [t0, t1] where p*t <= q.
	clip := func(p, q float64) bool {
		switch {
		case p == 0:
			return q >= 0 // parallel to this edge: wholly on one side
		case p < 0:
			if t := q / p; t > t0 {
				t0 = t
			}
		default:
			if t := q / p; t < t1 {
				t1 = t
			}
		}
		return t0 <= t1
	}
	dx, dy := x2-x1, y2-y1
	return clip(-dx, x1-r.X) && clip(dx, r.Right()-x1) &&
		clip(-dy, y1-r.Y) && clip(dy, r.Bottom()-y1)
}
