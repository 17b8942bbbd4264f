package brief

// This file holds the claims section: the summary table and each claim with its evidence.

import (
	"fmt"
	"strconv"
	"strings"

	"evidenceboard/data"
)

func (d *doc) claimsSection() {
	d.sectionStart("claims", "Claims", false)
	if len(d.cd.claims) == 0 {
		d.para("The board holds no claims.", stNote, 0)
		return
	}
	d.claimsSummary()
	for i, c := range d.cd.claims {
		if i > 0 {
			d.divider()
		} else {
			d.space(6)
		}
		d.claimHead(c, i+1, true)
		if body := d.z.text(c.Body, maxBody); body != "" {
			d.para(body, stBody, 0)
		}
		d.tagsLine(c)
		ev := d.cd.evidence[c.ID]
		if len(ev.alleges)+len(ev.supports)+ev.against()+len(ev.notes) == 0 {
			d.space(1.5)
			d.para("Nobody is recorded alleging or denying this claim, and no evidence is linked to it.", stNote, 0)
			continue
		}
		// Positions and evidence under headings of their own: who says
		// so is not what shows it (see roleOf).
		for _, h := range claimHeadings(ev) {
			d.evidenceList(h.title, h.color, h.items, h.none)
		}
		if len(ev.notes) > 0 {
			d.evidenceList("Notes and open questions", data.KindNote.AccentColor(), ev.notes, "")
		}
	}
}

// heading is one of the four lists a claim's links are sorted into.
type heading struct {
	title, color string
	items        []evItem
	none         string // what to print when the list is empty
}

// claimHeadings are a claim's four lists in reading order: the positions
// for and the evidence for, then the evidence against and the positions
// against.
func claimHeadings(ev *evidence) []heading {
	return []heading{
		{"Alleged by", data.RelationOf("alleges").Color, ev.alleges, "No party is recorded alleging it."},
		{"Supported by", data.RelationOf("supports").Color, ev.supports, "No evidence for it is linked."},
		{"Contradicted by", data.RelationOf("contradicts").Color, ev.contradicts, "No evidence against it is linked."},
		{"Denied by", data.RelationOf("denies").Color, ev.denies, "No party is recorded denying it."},
	}
}

// claimsSummary tables every claim with its status and how much evidence
// stands for and against it, before the claims are set out one by one.
func (d *doc) claimsSummary() {
	d.para(fmt.Sprintf("The board records %s. The table counts, for each, the parties who allege it, the evidence "+
		"for it, the evidence against it and the parties who deny it — an allegation is not counted as evidence. "+
		"The pages after it set each claim out.", plural(len(d.cd.claims), "claim")), stNote, 0)
	d.space(3)
	cols := []tableCol{{"#", 8}, {"Claim", 62}, {"Status", 28}, {"Alleged", 16}, {"For", 16}, {"Against", 16}, {"Denied", 16}}
	d.table(cols, len(d.cd.claims), func(i int) [][]span {
		c := d.cd.claims[i]
		ev := d.cd.evidence[c.ID]
		st := style{"sans", "B", 7, 4.3, c.Status.StatusColor()}
		return [][]span{
			d.wrap(strconv.Itoa(i+1), stTableSm, cols[0].w-2),
			d.wrap(d.cardName(c, maxHeading), stTable, cols[1].w-2),
			d.wrap(strings.ToUpper(c.Status.Label()), st, cols[2].w-2),
			d.wrap(strconv.Itoa(len(ev.alleges)), stTableSm, cols[3].w-2),
			d.wrap(strconv.Itoa(len(ev.supports)), stTableSm, cols[4].w-2),
			d.wrap(strconv.Itoa(len(ev.contradicts)), stTableSm, cols[5].w-2),
			d.wrap(strconv.Itoa(len(ev.denies)), stTableSm, cols[6].w-2),
		}
	})
}

// claimHead draws a claim's numbered title, status and grading.
func (d *doc) claimHead(c *data.Card, n int, bookmark bool) {
	title := d.cardName(c, maxTitle)
	spans := d.wrap(fmt.Sprintf("%d. %s", n, title), stH2, bodyW-7)
	if len(spans) > 4 {
		spans = spans[:4]
		spans[3].text = d.fitLine(spans[3].text+" …", stH2, bodyW-7)
	}
	d.need(height(spans) + 6 + 3*bodyLead)
	if bookmark {
		d.mark("claim:"+c.ID, fmt.Sprintf("%d. %s", n, d.cardName(c, maxHeading)), 1)
	}
	y := d.pdf.GetY()
	d.kindSwatch(marginL, y+1.6, 3.2, c.Kind)
	d.draw(spans, marginL+7, bodyW-7)
	y = d.pdf.GetY() + 1.2
	x := marginL + 7
	x += d.pill(x, y, strings.ToUpper(c.Status.Label()), c.Status.StatusColor(), "#ffffff", 7) + 3
	var meta []string
	if g := c.Grading(); g != "" {
		meta = append(meta, "Grading "+g)
	} else {
		meta = append(meta, "ungraded")
	}
	if c.Date != "" {
		meta = append(meta, "dated "+d.z.line(parseDate(c.Date).String(), maxMeta))
	}
	if cites := d.citeSuffix(c); cites != "" {
		meta = append(meta, "sources"+cites)
	}
	if len(meta) > 0 {
		d.use(stSmall)
		d.cellAt(x, y, marginL+bodyW-x, 3.85, d.fit(strings.Join(meta, " · "), marginL+bodyW-x), "L", "")
	}
	d.pdf.SetY(y + 3.85 + 3)
}

// evidenceList draws one of a claim's lists under its label; an empty
// list is left out when none is "", else said to be empty.
func (d *doc) evidenceList(title, hex string, items []evItem, none string) {
	if len(items) == 0 && none == "" {
		return
	}
	d.space(1.5)
	d.label(title, hex, 0)
	if len(items) == 0 {
		d.para(none, stNote, 6)
		return
	}
	for _, it := range items {
		spans := d.evidenceSpans(it, bodyW-6)
		indentSpans(spans, 6, "")
		d.need(min(height(spans), 60)) // a short item is not split
		d.draw(spans, marginL, bodyW)
		d.space(1.2)
	}
}

// evidenceSpans lays out one piece of evidence to width w: a quote
// verbatim with its speaker and source, a party with what it does, a
// claim with its status; each with its citations.
func (d *doc) evidenceSpans(it evItem, w float64) []span {
	c := it.card
	rel := strings.ToLower(d.z.line(it.link.Relation, 40))
	switch c.Kind {
	case data.KindQuote:
		words := d.z.text(c.QuoteText, maxQuote)
		var spans []span
		if words != "" {
			spans = d.wrap("“"+words+"”", stQuote, w-4)
		} else {
			spans = d.wrap(d.cardName(c, maxTitle), stBold, w-4)
		}
		spans = append(spans, d.wrap(d.attribution(c, rel), stSmall, w-4)...)
		return indentSpans(spans, 4, data.KindQuote.AccentColor())
	case data.KindParty:
		who := d.cardName(c, maxTitle)
		var meta []string
		if t := d.z.line(c.PartyType, maxMeta); t != "" {
			meta = append(meta, t)
		}
		if r := d.z.line(c.Role, maxMeta); r != "" {
			meta = append(meta, r)
		}
		if len(meta) > 0 {
			who += " (" + strings.Join(meta, ", ") + ")"
		}
		spans := d.wrap(who+" "+rel+" this."+d.citeSuffix(c), stBody, w-4)
		if note := d.z.line(it.link.Note, maxShort); note != "" {
			spans = append(spans, d.wrap(note, stSmall, w-4)...)
		}
		return indentSpans(spans, 4, data.KindParty.AccentColor())
	case data.KindClaim:
		spans := d.wrap("Claim "+d.claimRefShort(c)+" — "+rel, stBody, w-4)
		return indentSpans(spans, 4, data.KindClaim.AccentColor())
	}
	text := kindLabel(c.Kind)
	if c.Date != "" {
		text += ", " + d.z.line(parseDate(c.Date).String(), maxMeta)
	}
	text += ": " + d.cardName(c, maxTitle) + d.citeSuffix(c)
	if rel != "" {
		text += " — " + rel
	}
	spans := d.wrap(text, stBody, w-4)
	if body := d.z.line(c.Body, maxShort); body != "" {
		spans = append(spans, d.wrap(body, stSmall, w-4)...)
	}
	return indentSpans(spans, 4, c.Kind.AccentColor())
}

// claimRefShort is "3, “title” (alleged) [1]".
func (d *doc) claimRefShort(c *data.Card) string {
	s := "“" + d.cardName(c, maxTitle) + "”"
	if n := d.claimNo[c.ID]; n > 0 {
		s = strconv.Itoa(n) + ", " + s
	}
	return s + " (" + strings.ToLower(c.Status.Label()) + ")" + d.citeSuffix(c)
}

// ---- contested points ----
