package brief

// This file holds the cover: title, particulars, counts, contested points, how to read the brief.

import (
	"fmt"
	"strings"

	"evidenceboard/data"
)

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
		w := d.width(mk)
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
	row("Board as of", d.boardAsOf())
	if t := d.opts.ExportedAt; !t.IsZero() {
		row("Exported", stamp(t))
	} else {
		row("Exported", "time not recorded")
	}
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

	// A pointer to the note on how to read the brief, at the foot of the
	// page; the points at issue stop above it.
	aboutY := d.bottom() - 12

	// The points at issue, which is what a reader of a brief wants first.
	// It stops above "About this brief" at aboutY.
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
			d.para(fmt.Sprintf("evidence: %d for, %d against · alleged by %d, denied by %d · %s",
				len(ev.supports), len(ev.contradicts), len(ev.alleges), len(ev.denies),
				strings.ToLower(c.Status.Label())), stSmall, 6)
		}
	}

	// How to read the brief.
	pdf.SetY(aboutY)
	d.drawColor(rule)
	pdf.SetLineWidth(0.2)
	pdf.Line(marginL, pdf.GetY(), pageW-marginR, pdf.GetY())
	pdf.SetY(pdf.GetY() + 2)
	d.para("How this brief counts allegations, evidence and denials: see \"About this brief\" after the contents.",
		stSmall, 0)
}

// aboutText is the note on how to read the brief, with the rules that
// sort a claim's links (see roleOf; docs/BRIEF.md says the same).
func (d *doc) aboutText() string {
	return fmt.Sprintf("This brief sets out what is recorded on the board: the parties, the claims with what is "+
		"linked for and against each, the quotations and the sources. It reports the board; it does not weigh the "+
		"evidence beyond the status and grading recorded there. Quotations are reproduced verbatim. Numbers in square "+
		"brackets, such as [1], refer to the numbered list of sources in section %d.\n\n"+
		"A claim's links are sorted by the relation's meaning and the kind of card at the other end. A party's link "+
		"is its stated position — \"alleged by\" or \"denied by\" — whatever word it carries, for a party is not "+
		"evidence; so is any link that alleges or denies (\"alleges\", \"denies\" and their synonyms), "+
		"even from a quote. Other links for or against a claim from quotes, sources, events and other claims are "+
		"evidence: \"supported by\" or \"contradicted by\". Links with no stance (\"said by\", \"cites\") and "+
		"notes are neither. A contested point is a claim with evidence for it and evidence or a denial against it; a "+
		"claim that is only alleged is not one.", d.number["sources"])
}
