package brief

// This file holds the contents page.

import (
	"fmt"
	"strconv"
)

// maxContentsClaims is how many claims the contents list by name; the
// outline lists them all.
const maxContentsClaims = 120

func (d *doc) contents() {
	d.newPage()
	d.mark("contents", "Contents", 0)
	d.font("sans", "B", 19)
	d.color(ink)
	d.cellAt(marginL, d.pdf.GetY(), bodyW, 9, "Contents", "L", "")
	y := d.pdf.GetY() + 11
	d.fillColor(ink)
	d.pdf.Rect(marginL, y, 14, 0.9, "F")
	d.pdf.SetY(y + 8)

	entry := func(num, title, anchor string, level int) {
		st := style{"sans", "B", 10.5, 7.5, ink}
		indent := 0.0
		if level > 0 {
			st = style{"serif", "", 9, 5, muted}
			indent = 10
		}
		d.need(st.lead)
		y := d.pdf.GetY()
		pg := "—"
		if p := d.pageOf(anchor); p > 0 {
			pg = strconv.Itoa(p)
		}
		d.use(st)
		pw := 12.0
		text := title
		if num != "" {
			d.cellAt(marginL+indent, y, 10, st.lead, num, "L", "")
		}
		tx := marginL + indent + 10
		if level > 0 {
			tx = marginL + indent + 10
		}
		avail := bodyW - (tx - marginL) - pw - 4
		text = d.fit(text, avail)
		d.cellAt(tx, y, avail, st.lead, text, "L", "")
		// Dotted leader from the title to the page number.
		tw := d.width(text)
		d.fillColor(rule)
		for dx := tx + tw + 2; dx < marginL+bodyW-pw-1; dx += 1.6 {
			d.pdf.Rect(dx, y+st.lead*0.62, 0.35, 0.35, "F")
		}
		d.use(st)
		d.cellAt(marginL+bodyW-pw, y, pw, st.lead, pg, "R", "")
		d.pdf.SetY(y + st.lead)
	}
	for _, s := range d.sections {
		entry(strconv.Itoa(d.number[s.anchor]), s.title, s.anchor, 0)
		if s.anchor == "claims" {
			for i, c := range d.cd.claims {
				if i == maxContentsClaims {
					d.use(stNote)
					d.need(5)
					d.cellAt(marginL+20, d.pdf.GetY(), bodyW-20, 5,
						fmt.Sprintf("and %d more claims (see the PDF outline)", len(d.cd.claims)-i), "L", "")
					d.pdf.SetY(d.pdf.GetY() + 5)
					break
				}
				entry("", fmt.Sprintf("%d. %s", i+1, d.cardName(c, maxHeading)), "claim:"+c.ID, 1)
			}
			d.space(2)
		}
	}
	entry("", "Integrity: the board file's SHA-256 and history", "integrity", 0)

	// How to read the brief, with the rules that sort a claim's links.
	d.space(10)
	about := d.wrap(d.aboutText(), stBody, bodyW)
	d.need(min(height(about)+10, d.bottom()-marginT))
	d.label("About this brief", ink, 0)
	d.draw(about, marginL, bodyW)
}
