package brief

// This file holds the numbered sources the citations refer to.

import (
	"strconv"
	"strings"

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
