package brief

// This file holds the timeline of dated cards.

import (
	"strings"
)

func (d *doc) timelineSection() {
	d.sectionStart("timeline", "Timeline", false)
	if len(d.cd.dated) == 0 {
		d.para("No card on the board carries a date.", stNote, 0)
		return
	}
	d.para("Dated cards in date order. A date given as a year or a month comes before the days within it.", stNote, 0)
	d.space(3)
	const dateW, kindW = 34.0, 20.0
	textW := bodyW - dateW - kindW
	for _, dc := range d.cd.dated {
		c := dc.card
		date := d.z.line(dc.date.String(), 40)
		if !dc.date.ok {
			date += " (?)"
		}
		title := d.wrap(d.cardName(c, maxTitle)+d.citeSuffix(c), stBold, textW)
		body := d.wrap(d.z.line(c.Body, maxShort), stSmall, textW)
		dl := d.wrap(date, stSmallB, dateW-3)
		h := max(height(title)+height(body), height(dl)) + 3
		if h > d.bottom()-marginT {
			h = d.bottom() - marginT
		}
		d.need(h)
		y := d.pdf.GetY()
		yy := y + 1
		for _, s := range dl {
			d.drawSpan(s, marginL, yy, dateW-3)
			yy += s.st.lead
		}
		d.fillColor(c.Kind.DefaultColor())
		d.pdf.RoundedRect(marginL+dateW, y+1.3, kindW-4, 4, 1.2, "1234", "F")
		d.font("sans", "B", 6.5)
		d.color(c.Kind.AccentColor())
		d.cellAt(marginL+dateW, y+1.3, kindW-4, 4, strings.ToUpper(kindLabel(c.Kind)), "C", "")
		yy = y + 1
		for _, s := range append(title, body...) {
			if yy+s.st.lead > y+h {
				break
			}
			d.drawSpan(s, marginL+dateW+kindW, yy, textW)
			yy += s.st.lead
		}
		d.drawColor(rule)
		d.pdf.SetLineWidth(0.15)
		d.pdf.Line(marginL, y+h, marginL+bodyW, y+h)
		d.pdf.SetY(y + h + 0.5)
	}
}

// ---- sources ----
