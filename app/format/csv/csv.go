// Package csv reads spreadsheets (CSV) into cards and links through a
// column Mapping, and writes a board as one CSV table of its cards and
// links, which it reads back without a mapping.
//
// Spreadsheets come from everywhere: a byte-order mark, ";" or tab
// delimiters, quoted line breaks, rows shorter or longer than the header
// and Latin-1 text are all read. A file is read whole, up to
// ingest.MaxFileSize.
package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
)

// FormatName is the format as a person reads it.
const FormatName = "CSV"

// Sniff reports whether head (the start of a file) looks like a CSV
// table: text whose first line holds a delimiter, not JSON or XML.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 || t[0] == '{' || t[0] == '[' || t[0] == '<' || bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	line, _, _ := bytes.Cut(t, []byte("\n"))
	return bytes.ContainsAny(line, ",;\t")
}

// Table is a CSV file read: its header and rows, each row as long as the
// header (short rows padded, long rows cut, and counted).
type Table struct {
	Header []string
	Rows   [][]string
	// Lines is the file line each row starts on, for messages.
	Lines []int
	// Delimiter is the delimiter used.
	Delimiter rune
	// Latin1 says the file was not UTF-8 and was read as Latin-1.
	Latin1 bool
	// Ragged counts rows that were shorter or longer than the header.
	Ragged int
}

// Read reads a CSV file. delim is ',', ';', '\t' or '|', or 0 to find it
// from the first line.
func Read(raw []byte, delim rune) (*Table, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	t := &Table{}
	if !utf8.Valid(raw) {
		// Spreadsheets saved on Windows are often Latin-1 (Windows-1252):
		// read them as that rather than as replacement characters.
		var b strings.Builder
		b.Grow(len(raw) + len(raw)/8)
		for _, c := range raw {
			b.WriteRune(rune(c))
		}
		raw = []byte(b.String())
		t.Latin1 = true
	}
	if delim == 0 {
		delim = detect(raw)
	}
	t.Delimiter = delim
	r := stdcsv.NewReader(bytes.NewReader(raw))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *stdcsv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %v", pe.Line, pe.Err)
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if t.Header == nil {
			t.Header = rec
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(t.Header) {
			t.Ragged++
			for len(rec) < len(t.Header) {
				rec = append(rec, "")
			}
			rec = rec[:len(t.Header)]
		}
		if len(t.Rows) >= maxRows {
			return nil, fmt.Errorf("over %d rows, more than a board can hold", maxRows)
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	if t.Header == nil {
		return nil, fmt.Errorf("the file is empty")
	}
	return t, nil
}

// maxRows bounds the rows read: each gives at most two cards.
const maxRows = data.MaxCards

// detect finds the delimiter of the first line: the most frequent of
// comma, semicolon, tab and bar outside quotes.
func detect(raw []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, c := range string(raw[:min(len(raw), 64<<10)]) {
		if c == '"' {
			inQuote = !inQuote
		}
		if c == '\n' && !inQuote {
			break
		}
		if !inQuote && (c == ',' || c == ';' || c == '\t' || c == '|') {
			counts[c]++
		}
	}
	best := ','
	for _, d := range []rune{';', '\t', '|'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// Preview reads the header and up to n rows, for a mapping dialog.
func Preview(raw []byte, n int) (*Table, error) {
	t, err := Read(raw, 0)
	if err != nil {
		return nil, err
	}
	if len(t.Rows) > n {
		t.Rows, t.Lines = t.Rows[:n], t.Lines[:n]
	}
	return t, nil
}

// ErrNeedMapping is behind the error Import gives for a spreadsheet that is
// not one of our own exports and comes with no mapping.
var ErrNeedMapping = errors.New("a spreadsheet needs a column mapping (--map MAPPING.json; see docs/CSV_MAPPING.md)")

// Import reads the CSV file in r (name is its file name, for messages)
// through mapping m into a change that adds its cards and links to into,
// which it only reads. With m nil, the file must be one of our own CSV
// exports.
func Import(r io.Reader, name string, into *data.Model, m *Mapping) (data.Change, *ingest.Report, error) {
	raw, err := ingest.ReadAll(r)
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	var delim rune
	if m != nil && m.Delimiter != "" {
		delim = []rune(m.Delimiter)[0]
	}
	t, err := Read(raw, delim)
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	b := ingest.NewBuilder(into, FormatName)
	if t.Latin1 {
		b.Report.Skip("the file is not UTF-8; read as Latin-1")
	}
	if t.Ragged > 0 {
		b.Report.Skip("%d row(s) not as long as the header; missing cells read as empty, extra cells left out", t.Ragged)
	}
	if m == nil {
		if !isOurs(t.Header) {
			return data.Change{}, nil, ingest.Errorf(name, "%v; its columns: %s", ErrNeedMapping, headerList(t.Header, false))
		}
		err = importOurs(t, b)
	} else {
		err = importMapped(t, m, b)
	}
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	ch, rep, err := b.Change("Import " + path.Base(name))
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	return ch, rep, nil
}

// importMapped makes each row's cards and link through m. Cards of the
// same kind and title (in any case and spacing) are one card, also with
// one already on the board.
func importMapped(t *Table, m *Mapping, b *ingest.Builder) error {
	cols, err := m.columns(t.Header)
	if err != nil {
		return err
	}
	existing := map[string]string{}
	for _, c := range b.Into().SortedCards() {
		k := matchKey(c.Kind, c.Title)
		if _, ok := existing[k]; !ok {
			existing[k] = c.ID
		}
	}
	made := map[string]bool{}
	cell := func(row []string, col string) string {
		if i, ok := cols[col]; ok && col != "" {
			return row[i]
		}
		return ""
	}
	for ri, row := range t.Rows {
		line := t.Lines[ri]
		ends := map[string]string{}
		for _, cm := range m.Cards {
			p := ingest.Pending{}
			p.Card.Kind = data.Kind(cm.Kind)
			if cm.KindColumn != "" {
				if k := data.Kind(strings.ToLower(strings.TrimSpace(cell(row, cm.KindColumn)))); k.Valid() {
					p.Card.Kind = k
				}
			}
			for f, v := range cm.Fixed {
				ingest.SetCardValue(&p, f, v)
			}
			for f, col := range cm.Columns {
				if v := strings.TrimSpace(cell(row, col)); v != "" && !ingest.SetCardValue(&p, f, v) {
					b.Report.Skip("line %d: %q is not a %s; left out", line, ingest.Clean(v, 40), f)
				}
			}
			p.Card.Title = strings.Join(strings.Fields(p.Card.Title), " ")
			if p.Card.Title == "" {
				continue
			}
			key := matchKey(p.Card.Kind, p.Card.Title)
			if id, ok := existing[key]; ok {
				ends[cm.Name] = id
				continue
			}
			if !made[key] {
				made[key] = true
				b.AddCard(key, fmt.Sprintf("line %d", line), p)
			}
			ends[cm.Name] = key
		}
		if l := m.Link; l != nil {
			from, to := ends[l.From], ends[l.To]
			if from == "" || to == "" {
				continue // a row with one card only (a company with no officer): nothing to join
			}
			link := data.Link{Relation: l.Relation, Directed: !l.Undirected, Status: data.Status(l.Status)}
			if v := strings.TrimSpace(cell(row, l.RelationColumn)); v != "" {
				link.Relation = ingest.Relation(v)
			}
			link.Note = cell(row, l.NoteColumn)
			b.AddLink("", fmt.Sprintf("line %d", line), from, to, link)
		}
	}
	return nil
}

func matchKey(k data.Kind, title string) string {
	return string(k) + "\x00" + strings.ToLower(strings.Join(strings.Fields(title), " "))
}
