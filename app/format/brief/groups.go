package brief

import (
	"math"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// drawFrame draws a group as the board does, a labelled frame under the
// cards it holds (folded or not: on paper every card is shown). A group
// is not evidence: it appears in the board's picture and nowhere else.
func (d *doc) drawFrame(c *data.Card, r geom.Rect, v view, pt float64) {
	pdf := d.pdf
	x, y := v.pt(r.X, r.Y)
	w, h := r.W*v.s, r.H*v.s
	if w < 0.3 || h < 0.3 {
		return
	}
	fill := c.Kind.DefaultColor()
	if validColor(c.Color) {
		fill = c.Color
	}
	rad := math.Min(9*v.s, math.Min(w, h)/4)
	d.fillColor(fill)
	d.drawColor(c.Kind.AccentColor())
	pdf.SetLineWidth(clampF(1.2*v.s, 0.08, 0.35))
	pdf.SetDashPattern([]float64{1, 0.8}, 0)
	pdf.RoundedRect(x, y, w, h, rad, "1234", "FD")
	pdf.SetDashPattern(nil, 0)
	if pt < minTextPt || c.Title == "" {
		return
	}
	pt = math.Min(pt*1.1, 10)
	pad := 8 * v.s
	if w-2*pad < 2 {
		return
	}
	d.font("sans", "B", pt)
	d.color(ink)
	d.textIn(x+pad, y+pad*0.6, pt/ptPerMM*1.3, d.fit(d.cardName(c, maxTitle), w-2*pad))
}
