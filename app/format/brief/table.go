package brief

// This file holds tables with a repeated heading.

import (
	"strings"
)

// tableCol is a column of a table: its heading and width.
type tableCol struct {
	t string
	w float64
}

// table draws n rows, made by row, under a shaded heading that is
// repeated on every page the table runs onto, with light rules between
// rows. A row is never split.
func (d *doc) table(cols []tableCol, n int, row func(i int) [][]span) {
	head := func() {
		y := d.pdf.GetY()
		x := marginL
		d.fillColor(paleFill)
		d.pdf.Rect(marginL, y, bodyW, 6, "F")
		d.use(stTableH)
		for _, c := range cols {
			d.cellAt(x+1, y+1, c.w-2, 4, strings.ToUpper(c.t), "L", "")
			x += c.w
		}
		d.pdf.SetY(y + 7)
	}
	d.need(16)
	head()
	room := d.bottom() - marginT - 10
	for i := 0; i < n; i++ {
		cells := row(i)
		h := 0.0
		for j, c := range cells {
			for len(c) > 1 && height(c) > room {
				c = c[:len(c)-1]
				cells[j] = c
			}
			h = max(h, height(c))
		}
		h += 2
		if d.pdf.GetY()+h > d.bottom() {
			d.newPage()
			head()
		}
		y := d.pdf.GetY()
		x := marginL
		for j, c := range cells {
			yy := y + 1
			for _, s := range c {
				d.drawSpan(s, x+1, yy, cols[j].w-2)
				yy += s.st.lead
			}
			x += cols[j].w
		}
		d.drawColor(rule)
		d.pdf.SetLineWidth(0.15)
		d.pdf.Line(marginL, y+h, marginL+bodyW, y+h)
		d.pdf.SetY(y + h)
	}
}
