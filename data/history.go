package data

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// HistoryEntry is one row of the history kept inside the file: one card,
// link or the board's properties as one change left it.
type HistoryEntry struct {
	ID       int64 // the row's number; higher is later
	ChangeNo int64 // the change it belongs to; one change, one number
	At       time.Time
	Author   string
	Label    string // the change's name, e.g. "Move 3 cards"
	Action   string // "create", "update" or "delete"
	Entity   string // "card", "link" or "board"
	EntityID string
	Before   string // the value as JSON before the change; "" on create
	After    string // the value as JSON after it; "" on delete
	// Line is the entry as a person reads it, in local time: "Salesforce:
	// status alleged → disputed, by A. Reporter, 26 Nov 2026 14:03".
	Line string
	// What is Line without the author and time: "Salesforce: status
	// alleged → disputed".
	What string
}

// HistoryTimeLayout is how a history line writes its time.
const HistoryTimeLayout = "2 Jan 2006 15:04"

// History returns the history of one card or link (by ID), or of the
// whole board when entityID is "", newest first. Each entry carries a
// line a person can read, naming cards by their titles and describing
// what changed field by field.
func (s *Store) History(entityID string) ([]HistoryEntry, error) {
	return s.history(entityID, time.Local)
}

func (s *Store) history(entityID string, loc *time.Location) ([]HistoryEntry, error) {
	if s.db == nil {
		return nil, fileErr(s.path, "the board is closed")
	}
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return nil, fileErr(s.path, "%v", shortSQLiteErr(err))
	}
	if v < 2 {
		return nil, nil // schema 1 kept no history
	}
	q := `SELECT id, change_no, at, author, label, action, entity, entity_id,
		coalesce(before, ''), coalesce(after, '') FROM history`
	var args []any
	if entityID != "" {
		q += ` WHERE entity_id = ?`
		args = append(args, entityID)
	}
	q += ` ORDER BY id DESC`
	entries, err := readHistory(s.db, q, args...)
	if err != nil {
		return nil, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	names, err := s.cardNames()
	if err != nil {
		return nil, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	for i := range entries {
		e := &entries[i]
		e.What = e.describe(names)
		e.Line = e.What + e.byline(loc)
	}
	return entries, nil
}

func readHistory(q queryer, query string, args ...any) ([]HistoryEntry, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var e HistoryEntry
		var at string
		if err := rows.Scan(&e.ID, &e.ChangeNo, &at, &e.Author, &e.Label, &e.Action, &e.Entity,
			&e.EntityID, &e.Before, &e.After); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// cardNames maps card IDs to titles: the current ones, and for cards since
// deleted the last title the history knows, looked up (through the
// history_entity index) only for the cards a line names.
type cardNames struct {
	q     queryer
	cache map[string]string
}

func (s *Store) cardNames() (*cardNames, error) {
	n := &cardNames{q: s.db, cache: map[string]string{}}
	rows, err := s.db.Query(`SELECT id, title FROM cards`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, title string
		if err := rows.Scan(&id, &title); err != nil {
			return nil, err
		}
		n.cache[id] = title
	}
	return n, rows.Err()
}

// title is the card's title, or "" when neither the board nor the
// history knows one.
func (n *cardNames) title(id string) string {
	if n == nil {
		return ""
	}
	if t, ok := n.cache[id]; ok {
		return t
	}
	t := ""
	if n.q != nil {
		var js string
		if n.q.QueryRow(`SELECT coalesce(after, before) FROM history WHERE entity_id = ? AND entity = 'card'
			ORDER BY id DESC LIMIT 1`, id).Scan(&js) == nil {
			var c struct{ Title string }
			if json.Unmarshal([]byte(js), &c) == nil {
				t = c.Title
			}
		}
	}
	n.cache[id] = t
	return t
}

func (e *HistoryEntry) byline(loc *time.Location) string {
	var b strings.Builder
	if e.Author != "" {
		b.WriteString(", by " + clean(e.Author, 60))
	}
	if !e.At.IsZero() {
		if loc == nil {
			loc = time.Local
		}
		b.WriteString(", " + e.At.In(loc).Format(HistoryTimeLayout))
	}
	return b.String()
}

// describe is the entry's line without its byline.
func (e *HistoryEntry) describe(names *cardNames) string {
	before, after := decodeJSON(e.Before), decodeJSON(e.After)
	name := e.name(before, after, names)
	switch e.Action {
	case "create":
		what := "created"
		if e.Entity == "card" {
			what = "created (" + strings.ToLower(Kind(str(after["Kind"])).Label()) + ")"
		}
		return name + ": " + what
	case "delete":
		return name + ": deleted"
	}
	diffs := diffFields(e.Entity, before, after, names)
	if len(diffs) == 0 {
		return name + ": saved unchanged"
	}
	return name + ": " + strings.Join(diffs, "; ")
}

func (e *HistoryEntry) name(before, after map[string]any, names *cardNames) string {
	pick := func(k string) string {
		if v := str(after[k]); v != "" {
			return v
		}
		return str(before[k])
	}
	switch e.Entity {
	case "board":
		return "Board"
	case "link":
		from, to := cardName(pick("From"), names), cardName(pick("To"), names)
		rel := pick("Relation")
		if rel != "" {
			return fmt.Sprintf("Link %s → %s (%s)", from, to, clean(rel, 40))
		}
		return fmt.Sprintf("Link %s → %s", from, to)
	}
	if t := pick("Title"); t != "" {
		return clean(t, 60)
	}
	if t := names.title(e.EntityID); t != "" {
		return clean(t, 60)
	}
	return "Untitled " + strings.ToLower(Kind(pick("Kind")).Label())
}

func cardName(id string, names *cardNames) string {
	if id == "" {
		return "(none)"
	}
	if t := names.title(id); t != "" {
		return clean(t, 40)
	}
	return "card " + clean(id, 12)
}

type fieldLabel struct{ key, label string }

var (
	cardFields = []fieldLabel{{"Kind", "kind"}, {"Title", "title"}, {"Status", "status"},
		{"Body", "text"}, {"QuoteText", "quote"}, {"SpeakerID", "speaker"}, {"SourceID", "source"},
		{"Locator", "locator"}, {"PartyType", "party type"}, {"Role", "role"},
		{"Reliability", "reliability"}, {"Credibility", "credibility"}, {"Date", "date"},
		{"Publisher", "publisher"}, {"URL", "URL"}, {"Color", "colour"}, {"Tags", "tags"},
		{"X", "moved"}, {"Width", "resized"}}
	linkFields = []fieldLabel{{"Relation", "relation"}, {"From", "from"}, {"To", "to"},
		{"Status", "status"}, {"Directed", "arrow"}, {"Note", "note"}}
	boardFields = []fieldLabel{{"Title", "title"}, {"CaseRef", "case reference"},
		{"Author", "author"}, {"Marking", "marking"}}
)

// diffFields says, field by field, what changed between two versions.
func diffFields(entity string, before, after map[string]any, names *cardNames) []string {
	fields := cardFields
	switch entity {
	case "link":
		fields = linkFields
	case "board":
		fields = boardFields
	}
	var out []string
	for _, f := range fields {
		switch f.key {
		case "X":
			if num(before["X"]) != num(after["X"]) || num(before["Y"]) != num(after["Y"]) {
				out = append(out, fmt.Sprintf("moved to (%s, %s)", fmtNum(num(after["X"])), fmtNum(num(after["Y"]))))
			}
			continue
		case "Width":
			if num(before["Width"]) != num(after["Width"]) || num(before["Height"]) != num(after["Height"]) {
				out = append(out, fmt.Sprintf("resized to %s × %s", fmtNum(num(after["Width"])), fmtNum(num(after["Height"]))))
			}
			continue
		case "Tags":
			if d := diffTags(before["Tags"], after["Tags"]); d != "" {
				out = append(out, d)
			}
			continue
		case "Directed":
			if b, a := truth(before["Directed"]), truth(after["Directed"]); b != a {
				if a {
					out = append(out, "arrow added")
				} else {
					out = append(out, "arrow removed")
				}
			}
			continue
		case "Credibility":
			if b, a := num(before[f.key]), num(after[f.key]); b != a {
				out = append(out, fmt.Sprintf("credibility %s → %s", credText(b), credText(a)))
			}
			continue
		}
		b, a := str(before[f.key]), str(after[f.key])
		if b == a {
			continue
		}
		switch f.key {
		case "SpeakerID", "SourceID", "From", "To":
			out = append(out, fmt.Sprintf("%s %s → %s", f.label, cardName(b, names), cardName(a, names)))
		case "Status":
			out = append(out, fmt.Sprintf("status %s → %s", statusText(b), statusText(a)))
		case "Kind":
			out = append(out, fmt.Sprintf("kind %s → %s", Kind(b).Label(), Kind(a).Label()))
		default:
			if short(b) && short(a) {
				out = append(out, fmt.Sprintf("%s %s → %s", f.label, shown(b), shown(a)))
			} else {
				out = append(out, f.label+" edited")
			}
		}
	}
	return out
}

func statusText(s string) string {
	if s == "" {
		return "not assessed"
	}
	return clean(s, 30)
}

func credText(v float64) string {
	if v == 0 {
		return "ungraded"
	}
	return fmtNum(v)
}

func diffTags(before, after any) string {
	set := func(v any) map[string]bool {
		m := map[string]bool{}
		if l, ok := v.([]any); ok {
			for _, t := range l {
				m[str(t)] = true
			}
		}
		return m
	}
	b, a := set(before), set(after)
	var parts []string
	for _, t := range sortedKeys(a) {
		if !b[t] {
			parts = append(parts, "+"+clean(t, 30))
		}
	}
	for _, t := range sortedKeys(b) {
		if !a[t] {
			parts = append(parts, "−"+clean(t, 30))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "tags " + strings.Join(parts, " ")
}

func decodeJSON(s string) map[string]any {
	m := map[string]any{}
	if s != "" {
		json.Unmarshal([]byte(s), &m)
	}
	return m
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	case float64:
		return fmtNum(x)
	case bool:
		return fmt.Sprint(x)
	}
	return ""
}

func num(v any) float64 {
	if f, ok := v.(float64); ok {
		return f
	}
	return 0
}

func truth(v any) bool { b, _ := v.(bool); return b }

func fmtNum(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return fmt.Sprintf("%d", int64(f))
	}
	return fmt.Sprintf("%.1f", f)
}

// short reports whether a value is fit to show whole in a history line.
func short(s string) bool {
	return utf8.RuneCountInString(s) <= 40 && !strings.ContainsAny(s, "\n\r\t")
}

func shown(s string) string {
	if s == "" {
		return "(none)"
	}
	return clean(s, 40)
}

// clean makes text from a file fit for one line: valid UTF-8, no control
// characters, at most max runes.
func clean(s string, max int) string {
	s = strings.ToValidUTF8(s, "?")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return s
}

// historyOf reads every history entry of the given kind of entity, oldest
// first, grouped by ID; merge uses it to find the versions a card had.
func historyOf(q queryer, entity string) (map[string][]HistoryEntry, error) {
	entries, err := readHistory(q, `SELECT id, change_no, at, author, label, action, entity, entity_id,
		coalesce(before, ''), coalesce(after, '') FROM history WHERE entity = ? ORDER BY id`, entity)
	if err != nil {
		return nil, err
	}
	out := map[string][]HistoryEntry{}
	for _, e := range entries {
		out[e.EntityID] = append(out[e.EntityID], e)
	}
	return out, nil
}
