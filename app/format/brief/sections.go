package brief

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"evidenceboard/data"
)

// ---- cover ----

func (d *doc) cover() {
	d.newPage()
	pdf := d.pdf
	b := d.cd.m.Board

	// A band across the top with the kind of document and the marking.
	d.fillColor(ink)
	pdf.Rect(0, 0, pageW, 12, "F")
	d.font("sans", "B", 8)
	d.color("#ffffff")
	d.textAt(marginL, 7.6, "CASE BRIEF")
	if d.marking != "" {
		mk := d.fit(d.marking, bodyW-40)
		w := pdf.GetStringWidth(mk)
		d.color("#fbd38d")
		d.textAt(pageW-marginR-w, 7.6, mk)
	}
	// The kinds' colours as a thin strip: the board's palette.
	x := 0.0
	for _, k := range data.Kinds {
		d.fillColor(k.AccentColor())
		pdf.Rect(x, 12, pageW/float64(len(data.Kinds)), 1.6, "F")
		x += pageW / float64(len(data.Kinds))
	}

	pdf.SetY(50)
	d.use(stLabel)
	d.cellAt(marginL, 50, bodyW, 5, "CASE BRIEF", "L", "")
	pdf.SetY(58)
	title := d.z.line(b.Title, maxTitle)
	if title == "" {
		title = "Untitled board"
	}
	lines := d.wrap(title, style{"sans", "B", 26, 11.5, ink}, bodyW)
	if len(lines) > 6 {
		lines = lines[:6]
		lines[5].text = d.fitLine(lines[5].text+" …", lines[5].st, bodyW)
	}
	d.draw(lines, marginL, bodyW)
	if ref := d.z.line(b.CaseRef, maxTitle); ref != "" {
		pdf.SetY(pdf.GetY() + 3)
		rl := d.wrap(ref, style{"serif", "", 13, 6.5, muted}, bodyW)
		if len(rl) > 3 {
			rl = rl[:3]
			rl[2].text = d.fitLine(rl[2].text+" …", rl[2].st, bodyW)
		}
		d.draw(rl, marginL, bodyW)
	}
	y := pdf.GetY() + 8
	d.fillColor(ink)
	pdf.Rect(marginL, y, 22, 1.1, "F")

	// Particulars.
	y += 10
	row := func(k, v string) {
		d.font("sans", "B", 8)
		d.color(faint)
		d.cellAt(marginL, y, 38, 5.5, strings.ToUpper(k), "L", "")
		d.font("serif", "", 10.5)
		d.color(ink)
		d.cellAt(marginL+38, y, bodyW-38, 5.5, d.fit(v, bodyW-38), "L", "")
		y += 7.5
	}
	if ref := d.z.line(b.CaseRef, maxHeading); ref != "" {
		row("Case reference", ref)
	}
	author := d.z.line(b.Author, maxHeading)
	if author == "" {
		author = "—"
	}
	row("Author", author)
	row("Exported", exportDate(b))
	if d.marking != "" {
		row("Marking", d.marking)
	}

	// What the board holds.
	y += 8
	counts := []struct {
		k data.Kind
		n int
		l string
	}{
		{data.KindParty, len(d.cd.parties), "Parties"},
		{data.KindClaim, len(d.cd.claims), "Claims"},
		{data.KindQuote, len(d.cd.quotes), "Quotes"},
		{data.KindSource, len(d.cd.sources), "Sources"},
	}
	bw := (bodyW - 3*4) / 4
	for i, c := range counts {
		bx := marginL + float64(i)*(bw+4)
		d.fillColor(c.k.DefaultColor())
		pdf.Rect(bx, y, bw, 26, "F")
		d.fillColor(c.k.AccentColor())
		pdf.Rect(bx, y, bw, 1.2, "F")
		d.font("sans", "B", 22)
		d.color(c.k.AccentColor())
		d.cellAt(bx+4, y+5, bw-8, 10, thousands(c.n), "L", "")
		d.font("sans", "B", 8)
		d.color(muted)
		d.cellAt(bx+4, y+17, bw-8, 5, strings.ToUpper(c.l), "L", "")
	}
	y += 32
	d.font("sans", "", 8.5)
	d.color(muted)
	d.cellAt(marginL, y, bodyW, 5, fmt.Sprintf("and %s, %s and %s between the cards.",
		plural(len(d.cd.events), "event"), plural(len(d.cd.notes), "note"),
		plural(len(d.cd.links)+len(d.cd.dangling), "link")), "L", "")

	// The points at issue, which is what a reader of a brief wants first.
	// It stops above "About this brief" at aboutY.
	const aboutY = pageH - 62
	if n := len(d.cd.contested); n > 0 && y+14+30 < aboutY {
		pdf.SetY(y + 14)
		d.label("Contested points", contra, 0)
		for i, c := range d.cd.contested {
			spans := d.bullet(d.cardName(c, maxShort), stBody, 0)
			if len(spans) > 2 {
				spans = spans[:2]
				spans[1].text = d.fitLine(spans[1].text+" …", stBody, bodyW-6)
			}
			if i == 5 || pdf.GetY()+height(spans)+2*smallLead+4 > aboutY {
				d.para(fmt.Sprintf("and %d more (section %d)", n-i, d.number["contested"]), stSmall, 6)
				break
			}
			ev := d.cd.evidence[c.ID]
			d.draw(spans, marginL, bodyW)
			d.para(fmt.Sprintf("%s for, %s against · %s", plural(len(ev.supports), "item"),
				plural(len(ev.contradicts), "item"), strings.ToLower(c.Status.Label())), stSmall, 6)
		}
	}

	// How to read the brief.
	pdf.SetY(aboutY)
	d.drawColor(rule)
	pdf.SetLineWidth(0.2)
	pdf.Line(marginL, pdf.GetY(), pageW-marginR, pdf.GetY())
	pdf.SetY(pdf.GetY() + 4)
	src := d.number["sources"]
	d.para("About this brief", stSmallB, 0)
	d.para(fmt.Sprintf("This brief sets out what is recorded on the board: the parties, the claims with the evidence "+
		"linked for and against each, the quotations and the sources. It reports the board; it does not weigh the "+
		"evidence beyond the status and grading recorded there. Quotations are reproduced verbatim. Numbers in square "+
		"brackets, such as [1], refer to the numbered list of sources in section %d.", src), stSmall, 0)
}

// plural is "1 note", "2 notes", "1,000 notes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// fitLine shortens text to one line of width w in style st.
func (d *doc) fitLine(text string, st style, w float64) string {
	d.use(st)
	return d.fit(text, w)
}

// exportDate is the date on the cover: the board's last change.
func exportDate(b data.Board) string {
	if b.Updated.IsZero() && b.Created.IsZero() {
		return "undated"
	}
	t := boardTime(b)
	day := data.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	return fmt.Sprintf("%s, %s UTC (the board as last saved)", day.Human(), t.Format("15:04"))
}

// ---- contents ----

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
		tw := d.pdf.GetStringWidth(text)
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
}

// ---- parties ----

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

// divider draws a light rule between entries.
func (d *doc) divider() {
	d.space(3)
	d.need(20)
	y := d.pdf.GetY()
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(marginL, y, marginL+bodyW, y)
	d.pdf.SetY(y + 4)
}

// cardHeading draws a card's title as a heading with a swatch of its
// kind, kept together with the lines that follow it.
func (d *doc) cardHeading(c *data.Card, title, prefix string) {
	spans := d.wrap(prefix+title, stH2, bodyW-7)
	if len(spans) > 4 {
		spans = spans[:4]
		spans[3].text = d.fitLine(spans[3].text+" …", stH2, bodyW-7)
	}
	d.need(height(spans) + 3*bodyLead)
	y := d.pdf.GetY()
	d.kindSwatch(marginL, y+1.6, 3.2, c.Kind)
	d.draw(spans, marginL+7, bodyW-7)
	d.space(0.5)
}

// tagsLine lists a card's tags.
func (d *doc) tagsLine(c *data.Card) {
	var tags []string
	for _, t := range c.Tags {
		if s := d.z.line(t, 60); s != "" {
			tags = append(tags, s)
		}
		if len(tags) == 30 {
			tags = append(tags, "…")
			break
		}
	}
	if len(tags) > 0 {
		d.space(1)
		d.para("Tags: "+strings.Join(tags, ", "), stSmall, 0)
	}
}

// bullet lays out cleaned text as a hanging bullet item.
func (d *doc) bullet(text string, st style, indent float64) []span {
	spans := d.wrap(text, st, bodyW-indent-6)
	for i := range spans {
		spans[i].indent = indent + 6
	}
	if len(spans) > 0 {
		spans[0].gap = 0.8
		spans[0].mark = "•"
	}
	return spans
}

// otherEnd is the card at the other end of l from id.
func otherEnd(cd *caseData, l *data.Link, id string) *data.Card {
	if l.From == id {
		return cd.byID[l.To]
	}
	return cd.byID[l.From]
}

// relPhrase says how the card id relates through l: "alleges" when it is
// the link's source, "alleged by" style when it is the target.
func (d *doc) relPhrase(l *data.Link, id string) string {
	rel := d.z.line(l.Relation, 40)
	if rel == "" {
		rel = "linked to"
	}
	if l.Directed && l.To == id && l.From != id {
		switch strings.ToLower(rel) {
		case "said by":
			return "says"
		case "involves":
			return "involved in"
		}
		switch strings.ToLower(rel) {
		case "supports":
			return "supported by"
		case "contradicts":
			return "contradicted by"
		case "denies":
			return "denied by"
		case "alleges":
			return "alleged against by"
		case "cites":
			return "cited by"
		}
		return "“" + rel + "” from"
	}
	return rel
}

// claimRef names a claim with its number and status.
func (d *doc) claimRef(c *data.Card) string {
	s := d.cardName(c, maxTitle)
	if n := d.claimNo[c.ID]; n > 0 {
		s = fmt.Sprintf("claim %d, “%s”", n, s)
	}
	return s + " (" + strings.ToLower(c.Status.Label()) + ")" + d.citeSuffix(c)
}

// citeSuffix is " [1] [2]" for the sources a card rests on, or "".
func (d *doc) citeSuffix(c *data.Card) string {
	if ns := d.cd.citations(c); len(ns) > 0 {
		return " " + citeText(ns)
	}
	return ""
}

// quoteBrief lays out a quote in passing: its words shortened, speaker,
// source and citation.
func (d *doc) quoteBrief(q *data.Card, rel string) []span {
	words := d.z.line(q.QuoteText, maxShort)
	if words == "" {
		words = d.cardName(q, maxTitle)
	} else {
		words = "“" + words + "”"
	}
	spans := d.wrap(words, stQuote, bodyW-6)
	indentSpans(spans, 6, data.KindQuote.AccentColor())
	if len(spans) > 0 {
		spans[0].gap = 1.5
	}
	attr := d.wrap(d.attribution(q, rel), stSmall, bodyW-6)
	return append(spans, indentSpans(attr, 6, data.KindQuote.AccentColor())...)
}

// attribution is "— Speaker, Source [n], para. 7".
func (d *doc) attribution(q *data.Card, rel string) string {
	var parts []string
	if sp := d.cd.byID[q.SpeakerID]; sp != nil && q.SpeakerID != "" {
		parts = append(parts, d.cardName(sp, maxHeading))
	}
	if src := d.cd.byID[q.SourceID]; src != nil && q.SourceID != "" {
		s := d.cardName(src, maxHeading)
		if n := d.cd.sourceNo[src.ID]; n > 0 {
			s += " [" + strconv.Itoa(n) + "]"
		}
		parts = append(parts, s)
	} else if ns := d.cd.citations(q); len(ns) > 0 {
		parts = append(parts, citeText(ns))
	}
	if loc := d.z.line(q.Locator, maxMeta); loc != "" {
		parts = append(parts, loc)
	}
	s := "— " + strings.Join(parts, ", ")
	if len(parts) == 0 {
		s = "— speaker and source not recorded"
	}
	if rel != "" && rel != "said" {
		s += " · " + rel
	}
	return s
}

// ---- claims ----

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
		if len(ev.supports)+len(ev.contradicts) == 0 {
			d.space(1.5)
			d.para("No evidence is linked to this claim.", stNote, 0)
			continue
		}
		d.evidenceList("Supports", supports, ev.supports)
		d.evidenceList("Contradicts / denies", contra, ev.contradicts)
	}
}

// claimsSummary tables every claim with its status and how much evidence
// stands for and against it, before the claims are set out one by one.
func (d *doc) claimsSummary() {
	d.para(fmt.Sprintf("The board records %s. The table lists them with the evidence linked for and against "+
		"each; the pages after it set each one out with that evidence.", plural(len(d.cd.claims), "claim")), stNote, 0)
	d.space(3)
	cols := []tableCol{{"#", 9}, {"Claim", 96}, {"Status", 31}, {"For", 12}, {"Against", 14}}
	d.table(cols, len(d.cd.claims), func(i int) [][]span {
		c := d.cd.claims[i]
		ev := d.cd.evidence[c.ID]
		st := style{"sans", "B", 7, 4.3, c.Status.StatusColor()}
		return [][]span{
			d.wrap(strconv.Itoa(i+1), stTableSm, cols[0].w-2),
			d.wrap(d.cardName(c, maxHeading), stTable, cols[1].w-2),
			d.wrap(strings.ToUpper(c.Status.Label()), st, cols[2].w-2),
			d.wrap(strconv.Itoa(len(ev.supports)), stTableSm, cols[3].w-2),
			d.wrap(strconv.Itoa(len(ev.contradicts)), stTableSm, cols[4].w-2),
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

// evidenceList draws one side of a claim's evidence under its label.
func (d *doc) evidenceList(title, hex string, items []evItem) {
	d.space(1.5)
	d.label(title, hex, 0)
	if len(items) == 0 {
		d.para("None linked.", stNote, 6)
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
	text += ": " + d.cardName(c, maxTitle) + d.citeSuffix(c) + " — " + rel
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
		var links []span
		for _, l := range d.cd.linksByOther(q.ID) {
			o := otherEnd(d.cd, l, q.ID)
			if o == nil || o.ID == q.ID || (o.Kind == data.KindParty && o.ID == q.SpeakerID) {
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

func (d *doc) sourcesSection() {
	d.sectionStart("sources", "Sources", false)
	if len(d.cd.sources) == 0 {
		d.para("The board lists no sources.", stNote, 0)
		return
	}
	const numW = 11.0
	// Who cites what, in one sweep rather than one per source.
	citedBy := map[string]map[data.Kind]int{}
	for _, c := range d.cd.cards {
		if c.Kind == data.KindSource {
			continue
		}
		for _, n := range d.cd.citations(c) {
			id := d.cd.sources[n-1].ID
			if citedBy[id] == nil {
				citedBy[id] = map[data.Kind]int{}
			}
			citedBy[id][c.Kind]++
		}
	}
	for _, s := range d.cd.sources {
		n := d.cd.sourceNo[s.ID]
		title := d.wrap(d.cardName(s, maxTitle), stBold, bodyW-numW)
		d.need(height(title) + 2*smallLead)
		y := d.pdf.GetY()
		d.use(stBold)
		d.color(data.KindSource.AccentColor())
		d.cellAt(marginL, y, numW, bodyLead, "["+strconv.Itoa(n)+"]", "L", "")
		d.draw(title, marginL+numW, bodyW-numW)
		var meta []string
		if p := d.z.line(s.Publisher, maxMeta); p != "" {
			meta = append(meta, p)
		}
		if s.Date != "" {
			meta = append(meta, d.z.line(parseDate(s.Date).String(), maxMeta))
		}
		if g := s.Grading(); g != "" {
			meta = append(meta, "graded "+g)
		}
		if len(meta) > 0 {
			d.draw(d.wrap(strings.Join(meta, " · "), stSmall, bodyW-numW), marginL+numW, bodyW-numW)
		}
		if body := d.z.text(s.Body, maxShort); body != "" {
			d.draw(d.wrap(body, stNote, bodyW-numW), marginL+numW, bodyW-numW)
		}
		by := citedBy[s.ID]
		var parts []string
		for _, k := range data.Kinds {
			if n := by[k]; n > 0 {
				parts = append(parts, plural(n, strings.ToLower(kindLabel(k))))
			}
		}
		if len(parts) > 0 {
			d.draw(d.wrap("Cited by "+strings.Join(parts, ", ")+".", stSmall, bodyW-numW), marginL+numW, bodyW-numW)
		}
		if u := strings.TrimSpace(s.URL); u != "" {
			shown := d.z.line(u, maxURL)
			target := linkTarget(u)
			st := stSmall
			if target != "" {
				st.color = linkBlue
			}
			spans := d.wrap(shown, st, bodyW-numW)
			for i := range spans {
				spans[i].url = target
			}
			d.draw(spans, marginL+numW, bodyW-numW)
			if target == "" {
				d.draw(d.wrap("(not a web or mail address; not linked)", stNote, bodyW-numW), marginL+numW, bodyW-numW)
			}
		}
		d.space(3.5)
	}
}

// linkTarget is the URL a source may link to: what data.SafeURL allows,
// at most maxURL long, printable ASCII (non-ASCII is percent-encoded); ""
// when it must not be linked.
func linkTarget(raw string) string {
	if len(raw) > maxURL {
		return ""
	}
	u, err := data.SafeURL(raw)
	if err != nil {
		return ""
	}
	s := u.String()
	for _, r := range s {
		if r < 0x21 || r > 0x7e {
			return ""
		}
	}
	return s
}

// ---- appendix ----

// linkStatus is a link's status in the table: blank when not assessed.
func linkStatus(s data.Status) string {
	if s == data.StatusNone {
		return "—"
	}
	return strings.ToLower(s.Label())
}

func (d *doc) appendixSection() {
	d.sectionStart("appendix", "Appendix: links", false)
	all := append(append([]*data.Link(nil), d.cd.links...), d.cd.dangling...)
	// In reading order: by the first card, the relation, the second card.
	key := func(id string) string {
		if c := d.cd.byID[id]; c != nil {
			return c.Title + "\x00" + c.ID
		}
		return "\xff" + id
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if ka, kb := key(a.From), key(b.From); ka != kb {
			return ka < kb
		}
		if ra, rb := strings.ToLower(a.Relation), strings.ToLower(b.Relation); ra != rb {
			return ra < rb
		}
		return key(a.To) < key(b.To)
	})
	if len(all) == 0 {
		d.para("The board has no links.", stNote, 0)
		return
	}
	d.para("Every link on the board. An arrow (→) marks a link with a direction, from the first card to "+
		"the second; a dash (—) one without.", stNote, 0)
	d.space(3)
	cols := []tableCol{{"#", 9}, {"From", 53}, {"Relation", 28}, {"To", 50}, {"Status", 22}}
	name := func(id string) string {
		c := d.cd.byID[id]
		if c == nil {
			return "(missing card)"
		}
		return d.cardName(c, maxHeading) + " (" + strings.ToLower(kindLabel(c.Kind)) + ")"
	}
	d.table(cols, len(all), func(i int) [][]span {
		l := all[i]
		rel := d.z.line(l.Relation, maxHeading)
		if rel == "" {
			rel = "—"
		}
		arrow := "—"
		if l.Directed {
			arrow = "→"
		}
		cells := [][]span{
			d.wrap(strconv.Itoa(i+1), stTableSm, cols[0].w-2),
			d.wrap(name(l.From), stTable, cols[1].w-2),
			d.wrap(arrow+" "+rel, style{"sans", "", 8, 4.0, ink}, cols[2].w-2),
			d.wrap(name(l.To), stTable, cols[3].w-2),
			d.wrap(linkStatus(l.Status), stTableSm, cols[4].w-2),
		}
		if note := d.z.line(l.Note, maxShort); note != "" {
			cells[3] = append(cells[3], d.wrap("Note: "+note, stTableSm, cols[3].w-2)...)
		}
		return cells
	})
}

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
