package csv

import (
	stdcsv "encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
)

// ourColumns is the header of our own CSV: a "record" column saying
// "card" or "link", the id, every card field, then the link's ends and
// fields ("status" serves both), then the card fields that came later
// (ingest.LaterCardFields: a group's id, folded), so that a file written
// before them is still ours.
func ourColumns() []string {
	first := len(ingest.CardFields) - ingest.LaterCardFields
	cols := append([]string{"record", "id"}, ingest.CardFields[:first]...)
	cols = append(cols, "from", "to", "relation", "directed", "note")
	return append(cols, ingest.CardFields[first:]...)
}

// isOurs reports whether header is our CSV's, with or without the card
// fields that came later.
func isOurs(header []string) bool {
	want := ourColumns()
	if len(header) >= len(want) {
		header = header[:len(want)]
	} else {
		want = want[:len(want)-ingest.LaterCardFields]
	}
	if len(header) < len(want) {
		return false
	}
	for i, c := range want {
		if normHeader(header[i]) != c {
			return false
		}
	}
	return true
}

// formulaStart are the first characters that make a spreadsheet read a
// cell as a formula: a card someone else wrote must not run one.
const formulaStart = "=+-@\t\r"

// defuse keeps a spreadsheet from reading text as a formula, with a
// leading apostrophe (which spreadsheets show as text and do not show);
// numbers are left alone.
func defuse(s string) string {
	if s == "" {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	if strings.ContainsRune(formulaStart, rune(s[0])) ||
		s[0] == '\'' && len(s) > 1 && strings.ContainsRune(formulaStart+"'", rune(s[1])) {
		return "'" + s
	}
	return s
}

// undefuse reverses defuse.
func undefuse(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStart+"'", rune(s[1])) {
		return s[1:]
	}
	return s
}

// Export writes m to w as one CSV table (UTF-8 with a byte-order mark, so
// that spreadsheets read it as UTF-8): a row per card, then a row per
// link. Text that a spreadsheet would run as a formula is written with a
// leading apostrophe, which Import removes.
func Export(w io.Writer, m *data.Model) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := stdcsv.NewWriter(w)
	cols := ourColumns()
	if err := cw.Write(cols); err != nil {
		return err
	}
	row := make([]string, len(cols))
	index := map[string]int{}
	for i, c := range cols {
		index[c] = i
	}
	for _, c := range m.SortedCards() {
		clear(row)
		row[0], row[1] = "card", c.ID
		for _, f := range ingest.CardFields {
			row[index[f]] = defuse(ingest.CardValue(c, f))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	links := make([]*data.Link, 0, len(m.Links))
	for _, l := range m.Links {
		if m.Cards[l.From] != nil && m.Cards[l.To] != nil {
			links = append(links, l)
		}
	}
	sort.Slice(links, func(i, j int) bool { return links[i].ID < links[j].ID })
	for _, l := range links {
		clear(row)
		row[0], row[1] = "link", l.ID
		row[index["from"]], row[index["to"]] = l.From, l.To
		row[index["relation"]] = defuse(l.Relation)
		row[index["directed"]] = strconv.FormatBool(l.Directed)
		row[index["status"]] = string(l.Status)
		row[index["note"]] = defuse(l.Note)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// importOurs reads one of our own CSV exports.
func importOurs(t *Table, b *ingest.Builder) error {
	cols := ourColumns()
	index := map[string]int{}
	for i, c := range cols {
		index[c] = i
	}
	type linkRow struct {
		id, from, to, what string
		l                  data.Link
	}
	var links []linkRow
	for ri, row := range t.Rows {
		what := fmt.Sprintf("line %d", t.Lines[ri])
		get := func(i int) string {
			if i >= len(row) || i >= len(t.Header) { // a file from before the later fields
				return ""
			}
			return undefuse(row[i])
		}
		switch strings.TrimSpace(row[0]) {
		case "card":
			p := ingest.Pending{}
			for _, f := range ingest.CardFields {
				if v := get(index[f]); v != "" && !ingest.SetCardValue(&p, f, v) {
					b.Report.Skip("%s: %q is not a %s; left out", what, ingest.Clean(v, 40), f)
				}
			}
			b.AddCard(row[1], what, p)
		case "link":
			var lr linkRow
			lr.id, lr.what = row[1], what
			for i, c := range cols {
				v := get(i)
				switch c {
				case "from":
					lr.from = v
				case "to":
					lr.to = v
				case "relation", "directed", "note", "status":
					if v != "" || c == "note" {
						ingest.SetLinkValue(&lr.l, c, v)
					}
				}
			}
			links = append(links, lr)
		default:
			b.Report.Skip("%s skipped: its record is %q, not card or link", what, ingest.Clean(row[0], 20))
		}
	}
	// Links after every card: a link row may come before its cards.
	for _, lr := range links {
		b.AddLink(lr.id, lr.what, lr.from, lr.to, lr.l)
	}
	return nil
}
