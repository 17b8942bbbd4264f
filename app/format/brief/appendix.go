package brief

// This file holds the appendix of every link.

import (
	"sort"
	"strconv"
	"strings"

	"evidenceboard/data"
)

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
