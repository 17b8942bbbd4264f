package geom

import "math"

// EdgePoint returns where the ray from r's centre towards (tx, ty) leaves
// r. A target inside r is returned as it is; a target at the centre gives
// the centre.
func EdgePoint(r Rect, tx, ty float64) (float64, float64) {
	cx, cy := r.Centre()
	dx, dy := tx-cx, ty-cy
	if dx == 0 && dy == 0 {
		return cx, cy
	}
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, (r.W/2)/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, (r.H/2)/math.Abs(dy))
	}
	if t > 1 { // the target is inside r
		t = 1
	}
	return cx + dx*t, cy + dy*t
}

// LinkEnds returns the segment drawn for a link between two cards: the
// centre-to-centre line clipped to each card's edge. ok is false when the
// cards overlap so much that there is nothing to draw (an end of the
// segment lies inside the other card).
func LinkEnds(a, b Rect) (x1, y1, x2, y2 float64, ok bool) {
	acx, acy := a.Centre()
	bcx, bcy := b.Centre()
	x1, y1 = EdgePoint(a, bcx, bcy)
	x2, y2 = EdgePoint(b, acx, acy)
	if b.Has(x1, y1) || a.Has(x2, y2) {
		return x1, y1, x2, y2, false
	}
	return x1, y1, x2, y2, true
}

// LinkEndsOffset is LinkEnds for the k-th (from 0) of n links between the
// same two cards: the segment is moved sideways so that the n links run
// side by side, gap apart, each still ending on the cards' edges (the
// offset is limited so that every line stays inside both cards). The side
// is taken from a to b in the order given, so callers pass the cards in
// one order (say, by ID) for every link of the pair.
func LinkEndsOffset(a, b Rect, k, n int, gap float64) (x1, y1, x2, y2 float64, ok bool) {
	if n <= 1 {
		return LinkEnds(a, b)
	}
	acx, acy := a.Centre()
	bcx, bcy := b.Centre()
	dx, dy := bcx-acx, bcy-acy
	l := math.Hypot(dx, dy)
	if l == 0 {
		return 0, 0, 0, 0, false
	}
	off := (float64(k) - float64(n-1)/2) * gap
	lim := 0.45 * math.Min(math.Min(a.W, a.H), math.Min(b.W, b.H))
	off = math.Max(-lim, math.Min(lim, off))
	nx, ny := -dy/l*off, dx/l*off
	x1, y1 = ExitPoint(a, acx+nx, acy+ny, dx, dy)
	x2, y2 = ExitPoint(b, bcx+nx, bcy+ny, -dx, -dy)
	if b.Has(x1, y1) || a.Has(x2, y2) {
		return x1, y1, x2, y2, false
	}
	return x1, y1, x2, y2, true
}

// ExitPoint returns where the ray from (px, py), inside r, in direction
// (dx, dy) leaves r. With no direction, or from a point outside r that
// the ray moves away from, it returns (px, py).
func ExitPoint(r Rect, px, py, dx, dy float64) (float64, float64) {
	t := math.Inf(1)
	if dx > 0 {
		t = math.Min(t, (r.Right()-px)/dx)
	} else if dx < 0 {
		t = math.Min(t, (r.X-px)/dx)
	}
	if dy > 0 {
		t = math.Min(t, (r.Bottom()-py)/dy)
	} else if dy < 0 {
		t = math.Min(t, (r.Y-py)/dy)
	}
	if math.IsInf(t, 1) || t < 0 {
		return px, py
	}
	return px + dx*t, py + dy*t
}
