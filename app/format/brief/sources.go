package brief

// This file holds the numbered sources the citations refer to.

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"evidenceboard/app/format/source"
	"evidenceboard/data"
)

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
		d.sourceDocument(s, numW)
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

// sourceDocument prints, under a source stored in the board as a
// document, the document's facts (type, date, size, pages, SHA-256), its
// picture for an image, and the quotes taken from it with their locators,
// each marked verified or not.
func (d *doc) sourceDocument(s *data.Card, indent float64) {
	meta := d.cd.m.Documents[s.Document]
	if meta == nil {
		return
	}
	x, w := marginL+indent, bodyW-indent
	facts := []string{"Document in the board: " + strings.ToUpper(d.z.line(meta.Type, 20))}
	if meta.Type == source.TypePDF || meta.Pages > 1 {
		facts = append(facts, plural(meta.Pages, "page"))
	}
	facts = append(facts, source.HumanSize(meta.Size))
	if n := d.z.line(meta.Name, maxMeta); n != "" {
		facts = append(facts, n)
	}
	d.draw(d.wrap(strings.Join(facts, " · "), stSmall, w), x, w)
	if meta.Unreadable != "" {
		d.draw(d.wrap("Refused on opening: "+d.z.line(meta.Unreadable, maxMeta)+". Its quotes are not checked.", stSmallB, w), x, w)
	}
	d.draw(d.wrap("SHA-256 "+meta.ID, stSmall, w), x, w)
	if pic := d.opts.Images[meta.ID]; len(pic) > 0 {
		d.picture(meta.ID, pic, x, min(w, 70))
	}
	var taken []*data.Card
	for _, q := range d.cd.quotes {
		if q.SourceID == s.ID {
			taken = append(taken, q)
		}
	}
	if len(taken) == 0 {
		return
	}
	d.space(1)
	d.draw(d.wrap("Quotes taken from it:", stSmallB, w), x, w)
	for _, q := range taken {
		words := d.z.line(q.QuoteText, 90)
		line := "“" + words + "”"
		if loc := d.quoteLocator(q); loc != "" {
			line += " — " + loc
		}
		line += " — " + d.checkMark(q)
		d.draw(d.bullet(line, stSmall, 0), x, w)
	}
}

// quoteLocator is where a quote is in its source: where the check found
// it, else the locator recorded on the card.
func (d *doc) quoteLocator(q *data.Card) string {
	if c, ok := d.opts.Checks[q.ID]; ok && c.Verified && c.Locator != "" {
		return c.Locator
	}
	return d.z.line(q.Locator, maxMeta)
}

// checkMark says what checking a quote against its source found.
func (d *doc) checkMark(q *data.Card) string {
	c, ok := d.opts.Checks[q.ID]
	switch {
	case !ok:
		return "not checked (no document in the board)"
	case c.Verified:
		return "✓ verified in the document"
	case c.Exact != "":
		return "✗ NOT FOUND in the document; closest passage at " + c.Locator
	}
	return "✗ NOT FOUND in the document"
}

// picture draws an image source's picture, at most w wide and 60 mm
// high, keeping its proportions.
func (d *doc) picture(id string, png []byte, x, w float64) {
	name := "doc-" + id
	info := d.pdf.GetImageInfo(name)
	if info == nil {
		info = d.pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	}
	if info == nil || d.pdf.Err() {
		return
	}
	iw, ih := info.Width(), info.Height()
	if iw <= 0 || ih <= 0 {
		return
	}
	h := w * ih / iw
	if h > 60 {
		h, w = 60, 60*iw/ih
	}
	d.space(1)
	d.need(h + 2)
	y := d.pdf.GetY()
	d.pdf.ImageOptions(name, x, y, w, h, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	d.drawColor(rule)
	d.pdf.Rect(x, y, w, h, "D")
	d.pdf.SetY(y + h + 1)
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
