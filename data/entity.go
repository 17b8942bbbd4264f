package data

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// EntityKind names a kind of thing a board holds that a change can put or
// delete. It is what the history's entity column and the tombstones say.
type EntityKind string

// The kinds of entity a board holds.
const (
	EntityBoard EntityKind = "board"
	EntityCard  EntityKind = "card"
	EntityLink  EntityKind = "link"
)

// field is one stored field of an entity of type T. Its name is at once
// the SQL column and the key under which the history records it, so the
// file's two spellings of a field cannot drift apart; it never follows a
// Go field's name (docs/FILE_FORMAT.md lists them).
type field[T any] struct {
	name string
	// get gives the value as JSON holds it: string, float64, bool or
	// []string.
	get func(*T) any
	// set takes a value decoded from JSON (a string, float64, bool or
	// []any); a value of the wrong type sets the zero value.
	set func(*T, any)
	// column is false for a field kept outside the entity's table (a
	// card's tags).
	column bool
	// pair names a field recorded together with this one whenever either
	// changes, so a history line can say "moved to (x, y)".
	pair string
	// since is the schema version that added the field's column; a file
	// older than that has none (its value is the zero value).
	since int
}

// added marks f as a column schema step v added.
func added[T any](v int, f field[T]) field[T] {
	f.since = v
	return f
}

// entityDef is everything the writer, the history and replay need to know
// of one kind of entity. A new kind (source documents) is a table, a
// struct, its validation and one entityDef: the writer, inverse, history,
// replay and merge work through this and need no edit.
type entityDef[T any] struct {
	kind   EntityKind
	table  string
	fields []field[T]
	// stamp returns where the entity keeps its Created and Updated times,
	// which the writer sets.
	stamp func(*T) (created, updated *time.Time)
	// sqlValue turns a field's JSON value into what its column stores
	// (NULL for an empty reference).
	sqlValue func(name string, v any) any
}

func str(v any) string  { s, _ := v.(string); return s }
func num(v any) float64 { f, _ := v.(float64); return f }
func truth(v any) bool  { b, _ := v.(bool); return b }
func strs(v any) []string {
	switch x := v.(type) {
	case []string:
		return append([]string(nil), x...)
	case []any:
		var out []string
		for _, t := range x {
			if s, ok := t.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func textField[T any](name string, p func(*T) *string) field[T] {
	return field[T]{name: name, column: true,
		get: func(t *T) any { return *p(t) }, set: func(t *T, v any) { *p(t) = str(v) }}
}

func numField[T any](name, pair string, p func(*T) *float64) field[T] {
	return field[T]{name: name, column: true, pair: pair,
		get: func(t *T) any { return *p(t) }, set: func(t *T, v any) { *p(t) = num(v) }}
}

func boolField[T any](name string, p func(*T) *bool) field[T] {
	return field[T]{name: name, column: true,
		get: func(t *T) any { return *p(t) }, set: func(t *T, v any) { *p(t) = truth(v) }}
}

func timeField[T any](name string, p func(*T) *time.Time) field[T] {
	return field[T]{name: name, column: true,
		get: func(t *T) any { return fmtTime(*p(t)) }, set: func(t *T, v any) { *p(t) = parseTime(str(v)) }}
}

var cardDef = &entityDef[Card]{
	kind:  EntityCard,
	table: "cards",
	fields: []field[Card]{
		{name: "kind", column: true, get: func(c *Card) any { return string(c.Kind) }, set: func(c *Card, v any) { c.Kind = Kind(str(v)) }},
		textField("title", func(c *Card) *string { return &c.Title }),
		textField("body", func(c *Card) *string { return &c.Body }),
		numField("x", "y", func(c *Card) *float64 { return &c.X }),
		numField("y", "x", func(c *Card) *float64 { return &c.Y }),
		numField("width", "height", func(c *Card) *float64 { return &c.Width }),
		numField("height", "width", func(c *Card) *float64 { return &c.Height }),
		textField("color", func(c *Card) *string { return &c.Color }),
		timeField("created", func(c *Card) *time.Time { return &c.Created }),
		textField("party_type", func(c *Card) *string { return &c.PartyType }),
		textField("role", func(c *Card) *string { return &c.Role }),
		textField("quote_text", func(c *Card) *string { return &c.QuoteText }),
		textField("speaker_id", func(c *Card) *string { return &c.SpeakerID }),
		textField("source_id", func(c *Card) *string { return &c.SourceID }),
		textField("locator", func(c *Card) *string { return &c.Locator }),
		{name: "status", column: true, get: func(c *Card) any { return string(c.Status) }, set: func(c *Card, v any) { c.Status = Status(str(v)) }},
		textField("reliability", func(c *Card) *string { return &c.Reliability }),
		{name: "credibility", column: true, get: func(c *Card) any { return float64(c.Credibility) },
			set: func(c *Card, v any) { c.Credibility = int(clampInt(num(v))) }},
		textField("date", func(c *Card) *string { return &c.Date }),
		textField("publisher", func(c *Card) *string { return &c.Publisher }),
		textField("url", func(c *Card) *string { return &c.URL }),
		added(4, textField("document", func(c *Card) *string { return &c.Document })),
		added(4, textField("selector", func(c *Card) *string { return &c.Selector })),
		added(6, textField("group_id", func(c *Card) *string { return &c.Group })),
		added(6, boolField("folded", func(c *Card) *bool { return &c.Folded })),
		added(6, boolField("pinned", func(c *Card) *bool { return &c.Pinned })),
		{name: "tags", get: func(c *Card) any { return normTags(c.Tags) }, set: func(c *Card, v any) { c.Tags = normTags(strs(v)) }},
	},
	stamp: func(c *Card) (*time.Time, *time.Time) { return &c.Created, &c.Updated },
	sqlValue: func(name string, v any) any {
		switch name {
		case "speaker_id", "source_id", "group_id":
			if v == "" {
				return nil
			}
		case "credibility":
			return int64(num(v))
		case "folded", "pinned":
			return sqlBool(v)
		}
		return v
	},
}

// sqlBool is a JSON boolean as SQLite stores it.
func sqlBool(v any) int64 {
	if truth(v) {
		return 1
	}
	return 0
}

var linkDef = &entityDef[Link]{
	kind:  EntityLink,
	table: "links",
	fields: []field[Link]{
		textField("from", func(l *Link) *string { return &l.From }),
		textField("to", func(l *Link) *string { return &l.To }),
		textField("relation", func(l *Link) *string { return &l.Relation }),
		{name: "directed", column: true, get: func(l *Link) any { return l.Directed }, set: func(l *Link, v any) { l.Directed = truth(v) }},
		{name: "status", column: true, get: func(l *Link) any { return string(l.Status) }, set: func(l *Link, v any) { l.Status = Status(str(v)) }},
		textField("note", func(l *Link) *string { return &l.Note }),
		timeField("created", func(l *Link) *time.Time { return &l.Created }),
	},
	stamp: func(l *Link) (*time.Time, *time.Time) { return &l.Created, &l.Updated },
	sqlValue: func(name string, v any) any {
		if name == "directed" {
			return sqlBool(v)
		}
		return v
	},
}

var boardDef = &entityDef[Board]{
	kind:  EntityBoard,
	table: "board",
	fields: []field[Board]{
		textField("title", func(b *Board) *string { return &b.Title }),
		textField("case_ref", func(b *Board) *string { return &b.CaseRef }),
		textField("author", func(b *Board) *string { return &b.Author }),
		textField("marking", func(b *Board) *string { return &b.Marking }),
		added(6, field[Board]{name: "tag_colors", column: true,
			get: func(b *Board) any { return encodeTagColors(b.TagColors) },
			set: func(b *Board, v any) { b.TagColors = decodeTagColors(str(v)) }}),
	},
	stamp:    func(b *Board) (*time.Time, *time.Time) { return &b.Created, &b.Updated },
	sqlValue: func(_ string, v any) any { return v },
}

// encodeTagColors is a board's tag colours as its column and history
// store them: a JSON object with sorted keys, or "" for none.
func encodeTagColors(m map[string]string) string {
	if len(m) == 0 {
		return ""
	}
	b, err := json.Marshal(m)
	if err != nil {
		return ""
	}
	return string(b)
}

// decodeTagColors reads what encodeTagColors wrote; anything else is no
// colours (Board.Validate then judges each colour).
func decodeTagColors(s string) map[string]string {
	if s == "" {
		return nil
	}
	var m map[string]string
	if json.Unmarshal([]byte(s), &m) != nil || len(m) == 0 {
		return nil
	}
	return m
}

// column is the SQL column of a field: its name, but for the two whose
// names SQL would not take plainly.
func column(name string) string {
	switch name {
	case "from":
		return "from_card"
	case "to":
		return "to_card"
	}
	return name
}

func clampInt(f float64) int64 {
	if math.IsNaN(f) {
		return 0
	}
	return int64(math.Max(-1<<31, math.Min(1<<31, f)))
}

// normTags is a card's tags as stored: sorted, each once; nil when none.
func normTags(t []string) []string {
	if len(t) == 0 {
		return nil
	}
	out := slices.Clone(t)
	slices.Sort(out)
	return slices.Compact(out)
}

// values is every field of v, by name.
func (d *entityDef[T]) values(v *T) map[string]any {
	out := make(map[string]any, len(d.fields))
	for _, f := range d.fields {
		out[f.name] = f.get(v)
	}
	return out
}

// diff is the fields that differ between old and new, each with its
// value before and after; a field's pair goes with it.
func (d *entityDef[T]) diff(old, new *T) (before, after map[string]any) {
	changed := map[string]bool{}
	for _, f := range d.fields {
		if !same(f.get(old), f.get(new)) {
			changed[f.name] = true
			if f.pair != "" {
				changed[f.pair] = true
			}
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	before, after = map[string]any{}, map[string]any{}
	for _, f := range d.fields {
		if changed[f.name] {
			before[f.name], after[f.name] = f.get(old), f.get(new)
		}
	}
	return before, after
}

// set overlays vals on v, field by field; names it does not know are
// ignored (a file from a newer version may record more).
func (d *entityDef[T]) set(v *T, vals map[string]any) {
	for _, f := range d.fields {
		if x, ok := vals[f.name]; ok {
			f.set(v, x)
		}
	}
}

func same(a, b any) bool {
	switch x := a.(type) {
	case []string:
		y, _ := b.([]string)
		return slices.Equal(x, y)
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || (math.IsNaN(x) && math.IsNaN(y)))
	}
	return a == b
}

// legacyNames maps the keys of history rows written by schema 2, which
// used Go's field names, to the stable names: those rows stay readable.
var legacyNames = map[string]string{
	"ID": "id", "Kind": "kind", "Title": "title", "Body": "body", "X": "x", "Y": "y",
	"Width": "width", "Height": "height", "Color": "color", "Created": "created",
	"Updated": "updated", "Tags": "tags", "PartyType": "party_type", "Role": "role",
	"QuoteText": "quote_text", "SpeakerID": "speaker_id", "SourceID": "source_id",
	"Locator": "locator", "Status": "status", "Reliability": "reliability",
	"Credibility": "credibility", "Date": "date", "Publisher": "publisher", "URL": "url",
	"From": "from", "To": "to", "Relation": "relation", "Directed": "directed", "Note": "note",
	"CaseRef": "case_ref", "Author": "author", "Marking": "marking",
}

// decodeValues reads a history value: a JSON object of fields by name,
// in either spelling. Anything that is not such an object is empty.
func decodeValues(s string) map[string]any {
	m := map[string]any{}
	if s == "" || json.Unmarshal([]byte(s), &m) != nil {
		return map[string]any{}
	}
	for k, v := range m {
		if n, ok := legacyNames[k]; ok {
			delete(m, k)
			m[n] = v
		}
	}
	return m
}

// encodeValues writes fields as the history stores them: a JSON object
// with sorted keys, or NULL for none. HTML is not escaped: "<", ">" and
// "&" would take six bytes each ("\u003c"), and a record must fit under
// LimitLength (see maxRecordText).
func encodeValues(m map[string]any) (any, error) {
	if m == nil {
		return nil, nil
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// insertSQL inserts a whole entity; updateSQL sets the named fields.
func (d *entityDef[T]) insertSQL() string {
	var cols, marks []string
	for _, f := range d.fields {
		if f.column {
			cols = append(cols, column(f.name))
			marks = append(marks, "?")
		}
	}
	return fmt.Sprintf("INSERT INTO %s (id, %s, updated) VALUES (?, %s, ?)", d.table,
		strings.Join(cols, ", "), strings.Join(marks, ", "))
}

func (d *entityDef[T]) updateSQL(names []string) string {
	var sets []string
	for _, n := range names {
		sets = append(sets, column(n)+" = ?")
	}
	sets = append(sets, "updated = ?")
	return fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", d.table, strings.Join(sets, ", "))
}
