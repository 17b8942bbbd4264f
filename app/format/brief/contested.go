package brief

// This file holds the contested points, the two sides next to each other.

import (
	"fmt"
	"strconv"
	"strings"
)

func (d *doc) contestedSection() {
	d.sectionStart("contested", "Contested points", false)
	if len(d.cd.contested) == 0 {
		d.para("No claim on the board has evidence both for and against it.", stNote, 0)
		return
	}
	d.para("Each claim below has evidence linked for it and evidence or a denial against it. What supports it "+
		"is set out next to what contradicts it; below them, who alleges it next to who denies it. A claim that is "+
		"only alleged, even if denied, is not listed here.", stNote, 0)
	if n := len(d.cd.denied); n > 0 {
		var refs []string
		for _, c := range d.cd.denied {
			refs = append(refs, strconv.Itoa(d.claimNo[c.ID]))
		}
		d.space(1.5)
		d.para(fmt.Sprintf("%s alleged and denied with no evidence linked for %s: %s %s (section %d).",
			plural(n, "claim is"), map[bool]string{true: "it", false: "them"}[n == 1],
			map[bool]string{true: "claim", false: "claims"}[n == 1], strings.Join(refs, ", "), d.number["claims"]),
			stNote, 0)
	}
	for i, c := range d.cd.contested {
		d.space(4)
		if i > 0 {
			d.divider()
		}
		d.need(60) // the claim's heading stays with the first rows of its evidence
		d.claimHead(c, d.claimNo[c.ID], false)
		if body := d.z.line(c.Body, maxShort); body != "" {
			d.para(body, stBody, 0)
			d.space(2)
		}
		h := claimHeadings(d.cd.evidence[c.ID])
		d.sideBySide(h[1], h[2])
		if len(h[0].items)+len(h[3].items) > 0 {
			d.space(2)
			d.sideBySide(h[0], h[3])
		}
	}
}

// sideBySide sets two of a claim's lists next to each other, a row at a
// time, repeating their headings on every page they run onto.
func (d *doc) sideBySide(left, right heading) {
	const gutter = 8.0
	colW := (bodyW - gutter) / 2
	heads := func() {
		y := d.pdf.GetY()
		for j, h := range []heading{left, right} {
			x := marginL + float64(j)*(colW+gutter)
			d.fillColor(h.color)
			d.pdf.Rect(x, y, colW, 0.7, "F")
			st := stLabel
			st.color = h.color
			d.use(st)
			d.cellAt(x, y+1.5, colW, 4.5, strings.ToUpper(h.title), "L", "")
		}
		d.pdf.SetY(y + 7)
	}
	d.need(7 + 3*bodyLead)
	heads()
	rows := max(len(left.items), len(right.items), 1)
	for r := 0; r < rows; r++ {
		var cols [2][]span
		for j, h := range []heading{left, right} {
			switch {
			case r < len(h.items):
				cols[j] = d.evidenceSpans(h.items[r], colW)
			case r == 0:
				cols[j] = d.wrap(h.none, stNote, colW)
			}
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
