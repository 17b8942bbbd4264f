package brief

// This file holds the pieces every section draws a card with: headings, bullets, references, quotes in passing.

import (
	"fmt"
	"strconv"
	"strings"

	"evidenceboard/data"
)

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

// passives are the vocabulary's relations read from the other end: a
// matter of grammar, what they mean is data.RelationOf's.
var passives = map[string]string{"said by": "says", "involves": "involved in", "supports": "supported by",
	"contradicts": "contradicted by", "denies": "denied by", "alleges": "alleged by", "cites": "cited by"}

// relPhrase says how the card id relates through l: "alleges" when it is
// the link's source, "alleged by" style when it is the target.
func (d *doc) relPhrase(l *data.Link, id string) string {
	rel := d.z.line(l.Relation, 40)
	if rel == "" {
		rel = "linked to"
	}
	if l.Directed && l.To == id && l.From != id {
		// The passive of the vocabulary's relation the word means; the
		// word itself is kept when it is a synonym ("refutes").
		name := data.RelationOf(rel).Name
		if p, ok := passives[name]; ok {
			if !strings.EqualFold(name, rel) {
				p += " (“" + rel + "”)"
			}
			return p
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
