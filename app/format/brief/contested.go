package brief

// This file holds the contested points, the two sides next to each other.

import (
	"strings"
)

func (d *doc) contestedSection() {
	d.sectionStart("contested", "Contested points", false)
	if len(d.cd.contested) == 0 {
		d.para("No claim on the board has evidence both for and against it.", stNote, 0)
		return
	}
	d.para("Each claim below has evidence linked both for it and against it. The two sides are set out "+
		"next to each other.", stNote, 0)
	const gutter = 8.0
	colW := (bodyW - gutter) / 2
	for i, c := range d.cd.contested {
		d.space(4)
		if i > 0 {
			d.divider()
		}
		d.claimHead(c, d.claimNo[c.ID], false)
		if body := d.z.line(c.Body, maxShort); body != "" {
			d.para(body, stBody, 0)
			d.space(2)
		}
		ev := d.cd.evidence[c.ID]
		heads := func() {
			y := d.pdf.GetY()
			for j, h := range []struct{ t, c string }{{"Supports / alleges", supports}, {"Contradicts / denies", contra}} {
				x := marginL + float64(j)*(colW+gutter)
				d.fillColor(h.c)
				d.pdf.Rect(x, y, colW, 0.7, "F")
				st := stLabel
				st.color = h.c
				d.use(st)
				d.cellAt(x, y+1.5, colW, 4.5, strings.ToUpper(h.t), "L", "")
			}
			d.pdf.SetY(y + 7)
		}
		d.need(7 + 3*bodyLead)
		heads()
		rows := max(len(ev.supports), len(ev.contradicts))
		for r := 0; r < rows; r++ {
			var cols [2][]span
			if r < len(ev.supports) {
				cols[0] = d.evidenceSpans(ev.supports[r], colW)
			}
			if r < len(ev.contradicts) {
				cols[1] = d.evidenceSpans(ev.contradicts[r], colW)
			}
			// A row taller than a page is cut to a page.
			room := d.bottom() - marginT - 10
			for j := range cols {
				for height(cols[j]) > room && len(cols[j]) > 1 {
					cols[j] = cols[j][:len(cols[j])-1]
				}
				if n := len(cols[j]); n > 0 && height(cols[j]) >= room-bodyLead {
					cols[j][n-1].text = d.fitLine(cols[j][n-1].text+" […]", cols[j][n-1].st, colW-cols[j][n-1].indent)
				}
			}
			h := max(height(cols[0]), height(cols[1]))
			if d.pdf.GetY()+h > d.bottom() {
				d.newPage()
				heads()
			}
			y0 := d.pdf.GetY()
			for j := range cols {
				y := y0
				x := marginL + float64(j)*(colW+gutter)
				for _, s := range cols[j] {
					y += s.gap
					d.drawSpan(s, x, y, colW)
					y += s.st.lead
				}
			}
			d.pdf.SetY(y0 + h + 2.5)
		}
	}
}

// ---- quotes ----
