package board

import "math"

// rect is an axis-aligned rectangle in board units: top-left corner and size.
type rect struct{ x, y, w, h float64 }

func (r rect) right() float64  { return r.x + r.w }
func (r rect) bottom() float64 { return r.y + r.h }

// centre returns the middle of r.
func (r rect) centre() (float64, float64) { return r.x + r.w/2, r.y + r.h/2 }

// intersects reports whether r and o overlap (touching edges count).
func (r rect) intersects(o rect) bool {
	return r.x <= o.right() && o.x <= r.right() && r.y <= o.bottom() && o.y <= r.bottom()
}

// contains reports whether o lies wholly inside r.
func (r rect) contains(o rect) bool {
	return o.x >= r.x && o.y >= r.y && o.right() <= r.right() && o.bottom() <= r.bottom()
}

// has reports whether the point (x, y) is inside r.
func (r rect) has(x, y float64) bool {
	return x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom()
}

// grow returns r enlarged by d on every side.
func (r rect) grow(d float64) rect { return rect{r.x - d, r.y - d, r.w + 2*d, r.h + 2*d} }

// union returns the smallest rectangle holding r and o.
func (r rect) union(o rect) rect {
	x, y := math.Min(r.x, o.x), math.Min(r.y, o.y)
	return rect{x, y, math.Max(r.right(), o.right()) - x, math.Max(r.bottom(), o.bottom()) - y}
}

// rectFromPoints returns the rectangle spanned by two corner points.
func rectFromPoints(x1, y1, x2, y2 float64) rect {
	return rect{math.Min(x1, x2), math.Min(y1, y2), math.Abs(x2 - x1), math.Abs(y2 - y1)}
}

// edgePoint returns where the ray from r's centre towards (tx, ty) leaves
// r. If the target is the centre itself, the centre is returned.
func edgePoint(r rect, tx, ty float64) (float64, float64) {
	cx, cy := r.centre()
	dx, dy := tx-cx, ty-cy
	if dx == 0 && dy == 0 {
		return cx, cy
	}
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, (r.w/2)/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, (r.h/2)/math.Abs(dy))
	}
	if t > 1 { // the target is inside r
		t = 1
	}
	return cx + dx*t, cy + dy*t
}

// linkEnds returns the segment of a link between two cards: the
// centre-to-centre line clipped to each card's edge. ok is false when the
// cards overlap so much that there is nothing to draw.
func linkEnds(a, b rect) (x1, y1, x2, y2 float64, ok bool) {
	acx, acy := a.centre()
	bcx, bcy := b.centre()
	x1, y1 = edgePoint(a, bcx, bcy)
	x2, y2 = edgePoint(b, acx, acy)
	if b.has(x1, y1) || a.has(x2, y2) {
		return x1, y1, x2, y2, false
	}
	return x1, y1, x2, y2, true
}

// segmentDistance returns the distance from (px, py) to the segment
// (x1, y1)-(x2, y2).
func segmentDistance(px, py, x1, y1, x2, y2 float64) float64 {
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

// pairGap is the distance, in board units, between links that join the
// same two cards, so that each can be seen and clicked.
const pairGap = 14

// linkEndsOffset is linkEnds for the k-th of n links between the same two
// cards: the segment is moved sideways so that the n links run side by
// side, pairGap apart, each still ending on the cards' edges. The side is
// taken from a to b in the order given, so callers pass the cards in one
// order (say, by ID) for every link of the pair.
func linkEndsOffset(a, b rect, k, n int) (x1, y1, x2, y2 float64, ok bool) {
	if n <= 1 {
		return linkEnds(a, b)
	}
	acx, acy := a.centre()
	bcx, bcy := b.centre()
	dx, dy := bcx-acx, bcy-acy
	l := math.Hypot(dx, dy)
	if l == 0 {
		return 0, 0, 0, 0, false
	}
	off := (float64(k) - float64(n-1)/2) * pairGap
	// Keep the shifted line inside both cards.
	lim := 0.45 * math.Min(math.Min(a.w, a.h), math.Min(b.w, b.h))
	off = math.Max(-lim, math.Min(lim, off))
	nx, ny := -dy/l*off, dx/l*off
	x1, y1 = exitPoint(a, acx+nx, acy+ny, dx, dy)
	x2, y2 = exitPoint(b, bcx+nx, bcy+ny, -dx, -dy)
	if b.has(x1, y1) || a.has(x2, y2) {
		return x1, y1, x2, y2, false
	}
	return x1, y1, x2, y2, true
}

// exitPoint returns where the ray from (px, py), inside r, in direction
// (dx, dy) leaves r.
func exitPoint(r rect, px, py, dx, dy float64) (float64, float64) {
	t := math.Inf(1)
	if dx > 0 {
		t = math.Min(t, (r.right()-px)/dx)
	} else if dx < 0 {
		t = math.Min(t, (r.x-px)/dx)
	}
	if dy > 0 {
		t = math.Min(t, (r.bottom()-py)/dy)
	} else if dy < 0 {
		t = math.Min(t, (r.y-py)/dy)
	}
	if math.IsInf(t, 1) || t < 0 {
		return px, py
	}
	return px + dx*t, py + dy*t
}
