package brief

// This file holds the open questions: every note card and every card
// tagged as a question or something to check, so that nothing on the
// board is missing from the text.

import (
	"strings"

	"evidenceboard/data"
)

func (d *doc) questionsSection() {
	d.sectionStart("questions", "Open questions", false)
	if len(d.cd.questions) == 0 {
		d.para("The board holds no notes and no card tagged as a question or to check.", stNote, 0)
		return
	}
	d.para("The investigator's notes, and every card tagged as a question, \"to check\" or \"todo\", with "+
		"the cards they are linked to. They are not evidence and are counted nowhere else.", stNote, 0)
	d.space(2)
	for i, c := range d.cd.questions {
		if i > 0 {
			d.divider()
		}
		prefix := ""
		if c.Kind != data.KindNote {
			prefix = kindLabel(c.Kind) + ": "
		}
		d.cardHeading(c, d.cardName(c, maxTitle), prefix)
		var meta []string
		if c.Date != "" {
			meta = append(meta, "dated "+d.z.line(parseDate(c.Date).String(), maxMeta))
		}
		if c.Kind == data.KindClaim {
			meta = append(meta, "claim "+strings.TrimSpace(d.claimRefShort(c)))
		}
		if len(meta) > 0 {
			d.para(strings.Join(meta, " · "), stSmall, 0)
		}
		if body := d.z.text(c.Body, maxBody); body != "" {
			d.para(body, stBody, 0)
		}
		if c.Kind == data.KindQuote {
			if words := d.z.text(c.QuoteText, maxShort); words != "" {
				d.draw(indentSpans(d.wrap("“"+words+"”", stQuote, bodyW-8), 8, data.KindQuote.AccentColor()), marginL, bodyW)
			}
		}
		d.tagsLine(c)
		var links []span
		for _, l := range d.cd.linksByOther(c.ID) {
			o := otherEnd(d.cd, l, c.ID)
			if o == nil || o.ID == c.ID {
				continue
			}
			t := d.relPhrase(l, c.ID) + " "
			if o.Kind == data.KindClaim {
				t += d.claimRef(o)
			} else {
				t += strings.ToLower(kindLabel(o.Kind)) + " " + d.cardName(o, maxTitle)
			}
			links = append(links, d.bullet(t, stSmall, 6)...)
		}
		if len(links) > 0 {
			d.space(1)
			d.label("Linked to", faint, 0)
			d.draw(links, marginL, bodyW)
		}
	}
}
