package brief

// This file holds the quotes section.

import (
	"strings"

	"evidenceboard/data"
)

func (d *doc) quotesSection() {
	d.sectionStart("quotes", "Quotes", false)
	if len(d.cd.quotes) == 0 {
		d.para("The board holds no quotes.", stNote, 0)
		return
	}
	d.para("Quotations are reproduced verbatim as recorded on the board.", stNote, 0)
	d.space(2)
	for i, q := range d.cd.quotes {
		if i > 0 {
			d.divider()
		}
		words := d.z.text(q.QuoteText, maxQuote)
		// Keep a short quote on one page with its heading and attribution.
		est := height(d.wrap("“"+words+"”", stQuote, bodyW-8)) + 22
		d.need(min(est, 90))
		d.cardHeading(q, d.cardName(q, maxTitle), "")
		if words == "" {
			d.para("(no words recorded)", stNote, 6)
		} else {
			sp := d.wrap("“"+words+"”", stQuote, bodyW-8)
			d.draw(indentSpans(sp, 8, data.KindQuote.AccentColor()), marginL, bodyW)
		}
		d.space(1)
		d.draw(indentSpans(d.wrap(d.attribution(q, ""), stSmall, bodyW-8), 8, ""), marginL, bodyW)
		if c, ok := d.opts.Checks[q.ID]; ok {
			st := stSmall
			if !c.Verified {
				st = stSmallB
			}
			d.draw(indentSpans(d.wrap(d.checkMark(q), st, bodyW-8), 8, ""), marginL, bodyW)
			if d.opts.Context && c.Exact != "" {
				label := "In the document"
				if !c.Verified {
					label = "Closest passage in the document"
				}
				if c.Locator != "" {
					label += " (" + c.Locator + ")"
				}
				d.space(1)
				text := label + ": " + c.Before + "«" + c.Exact + "»" + c.After
				d.draw(indentSpans(d.wrap(d.z.text(text, maxQuote), stNote, bodyW-8), 8, ""), marginL, bodyW)
			}
		}
		var links []span
		for _, l := range d.cd.linksByOther(q.ID) {
			o := otherEnd(d.cd, l, q.ID)
			if o == nil || o.ID == q.ID || (o.Kind == data.KindParty && o.ID == q.SpeakerID) || (o.Kind == data.KindSource && o.ID == q.SourceID) {
				continue
			}
			t := d.relPhrase(l, q.ID) + " "
			if o.Kind == data.KindClaim {
				t += d.claimRef(o)
			} else {
				t += strings.ToLower(kindLabel(o.Kind)) + " " + d.cardName(o, maxTitle)
			}
			links = append(links, d.bullet(t, stSmall, 6)...)
		}
		if len(links) > 0 {
			d.space(1)
			d.draw(links, marginL, bodyW)
		}
	}
}

// ---- timeline ----
