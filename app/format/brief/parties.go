package brief

// This file holds the parties section.

import (
	"strings"

	"evidenceboard/data"
)

func (d *doc) partiesSection() {
	d.sectionStart("parties", "Parties", false)
	if len(d.cd.parties) == 0 {
		d.para("The board names no parties.", stNote, 0)
		return
	}
	for i, p := range d.cd.parties {
		if i > 0 {
			d.divider()
		}
		d.need(40) // a party's heading with its first lines
		d.cardHeading(p, d.cardName(p, maxTitle), "")
		var meta []string
		if t := d.z.line(p.PartyType, maxMeta); t != "" {
			meta = append(meta, strings.ToUpper(t[:1])+t[1:])
		}
		if r := d.z.line(p.Role, maxMeta); r != "" {
			meta = append(meta, "role: "+r)
		}
		if len(meta) == 0 {
			meta = append(meta, "Type and role not recorded")
		}
		d.para(strings.Join(meta, " · "), stSmall, 0)
		d.space(1.5)
		if body := d.z.text(p.Body, maxBody); body != "" {
			d.para(body, stBody, 0)
		}
		d.tagsLine(p)

		// Claims the party is linked to, and quotes it spoke or is linked to.
		var claims, quotes, other []span
		seenQuote := map[string]bool{}
		for _, q := range d.cd.quotes {
			if q.SpeakerID == p.ID {
				seenQuote[q.ID] = true
				quotes = append(quotes, d.quoteBrief(q, "said")...)
			}
		}
		for _, l := range d.cd.linksByOther(p.ID) {
			o := otherEnd(d.cd, l, p.ID)
			if o == nil || o.ID == p.ID {
				continue
			}
			rel := d.relPhrase(l, p.ID)
			switch o.Kind {
			case data.KindClaim:
				claims = append(claims, d.bullet(rel+" "+d.claimRef(o), stBody, 0)...)
			case data.KindQuote:
				if !seenQuote[o.ID] {
					seenQuote[o.ID] = true
					quotes = append(quotes, d.quoteBrief(o, rel)...)
				}
			default:
				other = append(other, d.bullet(rel+" "+strings.ToLower(kindLabel(o.Kind))+": "+d.cardName(o, maxTitle)+
					d.citeSuffix(o), stBody, 0)...)
			}
		}
		if len(claims) > 0 {
			d.label("Claims", data.KindClaim.AccentColor(), 0)
			d.draw(claims, marginL, bodyW)
		}
		if len(quotes) > 0 {
			d.label("Quotes", data.KindQuote.AccentColor(), 0)
			d.draw(quotes, marginL, bodyW)
		}
		if len(other) > 0 {
			d.label("Other links", faint, 0)
			d.draw(other, marginL, bodyW)
		}
	}
}
