// Package geom is the board's plane geometry, written once: rectangles in
// board units, where a link between two cards starts and ends, distances
// and intersections of segments, and a uniform grid that finds what lies
// in an area without looking at everything. The board widget, merge's
// placement of new cards and the brief's diagram all use it, so a card's
// box, a link's ends and "what overlaps what" mean the same everywhere.
// It knows nothing of Fyne, SQL or cards.
package geom

import "math"

// Rect is an axis-aligned rectangle: top-left corner (X, Y) and size
// (W, H), y growing downwards as on the board. Edges belong to the
// rectangle: two rectangles that only touch intersect.
type Rect struct{ X, Y, W, H float64 }

// Right is the x of r's right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the y of r's bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Centre returns the middle of r.
func (r Rect) Centre() (float64, float64) { return r.X + r.W/2, r.Y + r.H/2 }

// Intersects reports whether r and o overlap; touching edges count.
func (r Rect) Intersects(o Rect) bool {
	return r.X <= o.Right() && o.X <= r.Right() && r.Y <= o.Bottom() && o.Y <= r.Bottom()
}

// Contains reports whether o lies wholly inside r (edges included).
func (r Rect) Contains(o Rect) bool {
	return o.X >= r.X && o.Y >= r.Y && o.Right() <= r.Right() && o.Bottom() <= r.Bottom()
}

// Has reports whether the point (x, y) is inside r or on its edge.
func (r Rect) Has(x, y float64) bool {
	return x >= r.X && x <= r.Right() && y >= r.Y && y <= r.Bottom()
}

// Grow returns r enlarged by d on every side (shrunk if d < 0).
func (r Rect) Grow(d float64) Rect { return Rect{r.X - d, r.Y - d, r.W + 2*d, r.H + 2*d} }

// Union returns the smallest rectangle holding r and o.
func (r Rect) Union(o Rect) Rect {
	x, y := math.Min(r.X, o.X), math.Min(r.Y, o.Y)
	return Rect{x, y, math.Max(r.Right(), o.Right()) - x, math.Max(r.Bottom(), o.Bottom()) - y}
}

// RectFromPoints returns the rectangle spanned by two opposite corners,
// given in any order (a rubber band dragged up and to the left).
func RectFromPoints(x1, y1, x2, y2 float64) Rect {
	return Rect{math.Min(x1, x2), math.Min(y1, y2), math.Abs(x2 - x1), math.Abs(y2 - y1)}
}
