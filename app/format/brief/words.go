package brief

// This file holds small helpers for words and numbers in running text.

import (
	"fmt"
	"strconv"
	"strings"
)

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

// boardAsOf is the cover's "Board as of": the time of the last change in
// the file's history, or the board's own record when there is none.
func (d *doc) boardAsOf() string {
	b := d.cd.m.Board
	t, history := asOf(b, d.opts)
	switch {
	case history:
		return stamp(t)
	case b.Updated.IsZero() && b.Created.IsZero():
		return "undated"
	}
	return stamp(t) + " (board record, no history)"
}

// integrityNote closes the brief with what lets a reader tell whether it
// matches the board file they were sent: the file's SHA-256 at export,
// the number of changes in its history and the time of the last one.
func (d *doc) integrityNote() {
	if d.landscape {
		d.newPage()
	}
	o := d.opts
	d.space(6)
	d.need(40)
	d.mark("integrity", "Integrity", 0)
	d.label("Integrity", ink, 0)
	row := func(k, v string, st style) {
		spans := d.wrap(v, st, bodyW-42)
		d.need(height(spans))
		y := d.pdf.GetY()
		d.use(stSmallB)
		d.cellAt(marginL, y, 42, smallLead, k, "L", "")
		d.draw(spans, marginL+42, bodyW-42)
	}
	name := d.z.line(o.FileName, maxMeta)
	if name == "" {
		name = "not from a file"
	}
	row("Board file", name, stSmall)
	sum := o.FileSHA256
	if sum == "" {
		sum = "not computed"
	}
	row("SHA-256 at export", d.z.line(sum, 128), style{"sans", "", smallSize, smallLead, ink})
	if t, history := asOf(d.cd.m.Board, o); history {
		row("History", fmt.Sprintf("%s, the last at %s", plural(o.Changes, "change"), stamp(t)), stSmall)
	} else {
		row("History", "not read (the brief was made without the file's history)", stSmall)
	}
	if !o.ExportedAt.IsZero() {
		row("Exported", stamp(o.ExportedAt), stSmall)
	}
	d.space(1.5)
	d.para("A board file with another SHA-256 (sha256sum FILE) is not the file this brief was made from: "+
		"it was changed after the export, or it is another board. The number and time of the last change say "+
		"how far the board had got.", stNote, 0)
}
