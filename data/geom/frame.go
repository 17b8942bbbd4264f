package geom

// Innermost returns the index of the smallest of frames (by area) that
// wholly contains r, or -1 when none does; between frames of the same
// area the first wins. This is how a card finds the group it sits in,
// on the board, in a JSON Canvas file and after a move: one rule, so a
// board exported and read back keeps its groups.
func Innermost(r Rect, frames []Rect) int {
	best, area := -1, 0.0
	for i, f := range frames {
		if !f.Contains(r) {
			continue
		}
		if a := f.W * f.H; best < 0 || a < area {
			best, area = i, a
		}
	}
	return best
}
