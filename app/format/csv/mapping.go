package csv

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
)

// Mapping says how the rows of a spreadsheet become cards and links: each
// row gives one or two cards, and optionally a link between them. It is
// read from JSON; docs/CSV_MAPPING.md describes it with an example.
type Mapping struct {
	// Delimiter is ",", ";" or "\t"; "" finds it from the first line.
	Delimiter string `json:"delimiter,omitempty"`
	// NoHeader says the first row is data; columns are then named by
	// number, "1" for the first.
	NoHeader bool `json:"no_header,omitempty"`
	// Cards are the one or two cards each row gives.
	Cards []CardMap `json:"cards"`
	// Link, if set, joins the row's two cards.
	Link *LinkMap `json:"link,omitempty"`
}

// CardMap is one card of a row.
type CardMap struct {
	// Name is what Link calls this card ("company", "officer").
	Name string `json:"name"`
	// Kind is the card's kind; KindColumn, if set, names a column whose
	// value is the kind where it is one of ours (Kind otherwise).
	Kind       string `json:"kind"`
	KindColumn string `json:"kind_column,omitempty"`
	// Columns maps a card field (title, body, date, role, party_type,
	// url, publisher, status, tags, …; see ingest.CardFields) to the
	// column it is read from. Title is required.
	Columns map[string]string `json:"columns"`
	// Fixed gives fields a value for every row ("party_type":
	// "organisation").
	Fixed map[string]string `json:"fixed,omitempty"`
}

// LinkMap is the link between a row's two cards.
type LinkMap struct {
	From string `json:"from"` // a CardMap's Name
	To   string `json:"to"`
	// Relation is fixed text; RelationColumn, if set, names a column
	// whose value is used instead where it is not empty.
	Relation       string `json:"relation,omitempty"`
	RelationColumn string `json:"relation_column,omitempty"`
	// Undirected makes a plain line; links are arrows from From to To
	// otherwise.
	Undirected bool   `json:"undirected,omitempty"`
	Status     string `json:"status,omitempty"`
	NoteColumn string `json:"note_column,omitempty"`
}

// MaxMappingSize is the largest mapping file read (64 KiB).
const MaxMappingSize = 64 << 10

// ParseMapping reads a mapping from JSON and checks what it can without
// the file: kinds, field names, the link's ends.
func ParseMapping(b []byte) (*Mapping, error) {
	if len(b) > MaxMappingSize {
		return nil, fmt.Errorf("the mapping is over %d KiB", MaxMappingSize>>10)
	}
	var m Mapping
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("the mapping is not valid: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if len(m.Cards) == 0 || len(m.Cards) > 2 {
		return nil, fmt.Errorf("the mapping must name one or two cards a row, not %d", len(m.Cards))
	}
	switch m.Delimiter {
	case "", ",", ";", "\t", "|":
	default:
		return nil, fmt.Errorf("the mapping's delimiter %q is not one of , ; | or a tab", ingest.Clean(m.Delimiter, 10))
	}
	names := map[string]bool{}
	for i, c := range m.Cards {
		what := fmt.Sprintf("card %d", i+1)
		if c.Name != "" {
			what = fmt.Sprintf("card %q", ingest.Clean(c.Name, 40))
		}
		if names[c.Name] {
			return nil, fmt.Errorf("the mapping names two cards %q", c.Name)
		}
		names[c.Name] = true
		if !data.Kind(c.Kind).Valid() {
			return nil, fmt.Errorf("the mapping's %s: kind %q is not one of %s", what, ingest.Clean(c.Kind, 40), kindList())
		}
		if c.Columns["title"] == "" {
			return nil, fmt.Errorf("the mapping's %s: say which column gives its title (\"columns\": {\"title\": …})", what)
		}
		for _, set := range []map[string]string{c.Columns, c.Fixed} {
			for f := range set {
				if !knownField(f) {
					return nil, fmt.Errorf("the mapping's %s: %q is not a card field (fields: %s)", what, ingest.Clean(f, 40), strings.Join(ingest.CardFields, ", "))
				}
			}
		}
	}
	if l := m.Link; l != nil {
		if len(m.Cards) != 2 || !names[l.From] || !names[l.To] || l.From == l.To {
			return nil, fmt.Errorf("the mapping's link must join the row's two cards by their names")
		}
		if !data.Status(l.Status).Valid() {
			return nil, fmt.Errorf("the mapping's link status %q is not one of ours", ingest.Clean(l.Status, 40))
		}
	}
	return &m, nil
}

func knownField(f string) bool {
	for _, k := range ingest.CardFields {
		if f == k && f != "x" && f != "y" && f != "speaker" && f != "source" {
			return true
		}
	}
	return false
}

func kindList() string {
	var s []string
	for _, k := range data.Kinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// columns finds each column name the mapping uses in the header, and says
// which is missing.
func (m *Mapping) columns(header []string) (map[string]int, error) {
	index := map[string]int{}
	for i, h := range header {
		key := normHeader(h)
		if _, dup := index[key]; !dup {
			index[key] = i
		}
	}
	if m.NoHeader {
		index = map[string]int{}
		for i := range header {
			index[strconv.Itoa(i+1)] = i
		}
	}
	out := map[string]int{}
	need := func(col string) error {
		if col == "" {
			return nil
		}
		i, ok := index[normHeader(col)]
		if !ok {
			return fmt.Errorf("the mapping's column %q is not in the file (its columns: %s)", ingest.Clean(col, 60), headerList(header, m.NoHeader))
		}
		out[col] = i
		return nil
	}
	for _, c := range m.Cards {
		for _, col := range c.Columns {
			if err := need(col); err != nil {
				return nil, err
			}
		}
		if err := need(c.KindColumn); err != nil {
			return nil, err
		}
	}
	if l := m.Link; l != nil {
		for _, col := range []string{l.RelationColumn, l.NoteColumn} {
			if err := need(col); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func normHeader(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func headerList(header []string, numbered bool) string {
	var s []string
	for i, h := range header {
		if i == 30 {
			s = append(s, "…")
			break
		}
		if numbered {
			h = strconv.Itoa(i + 1)
		}
		s = append(s, strconv.Quote(ingest.Clean(h, 40)))
	}
	return strings.Join(s, ", ")
}
