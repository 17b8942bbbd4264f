package data

import (
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
	q := historyQuery(v)
	var args []any
	if entityID != "" {
		// A card's own records, and the move records that name it (see
		// moveRecord.go); readHistory keeps only its part of those.
		q += ` WHERE h.entity_id IN (?, '') AND (h.entity_id != '' OR instr(h.before, ?) > 0)`
		args = append(args, entityID, entityID)
	}
	q += ` ORDER BY h.id DESC`
	entries, err := readHistory(s.db, entityID, q, args...)
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

// historyQuery selects history rows with their change's time, author and
// label: from the changes table since schema 3, from the row itself in a
// schema 2 file (one opened read-only is not stepped up).
func historyQuery(version int) string {
	if version < 3 {
		return `SELECT h.id, h.change_no, h.at, h.author, h.label, h.action, h.entity, h.entity_id,
		coalesce(h.before, ''), coalesce(h.after, '') FROM history AS h`
	}
	return `SELECT h.id, h.change_no, coalesce(nullif(h.at, ''), c.at, ''), coalesce(nullif(h.author, ''), c.author, ''),
		coalesce(nullif(h.label, ''), c.label, ''), h.action, h.entity, h.entity_id,
		coalesce(h.before, ''), coalesce(h.after, '') FROM history AS h LEFT JOIN changes AS c ON c.no = h.change_no`
}

// readHistory reads the history rows query selects (see historyQuery),
// with each move record expanded into the update records of its cards;
// with only set, just the entries of that entity.
func readHistory(q queryer, only string, query string, args ...any) ([]HistoryEntry, error) {
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
		if isMoveRecord(e.Action, e.Entity, e.EntityID) {
			for _, mc := range expandMove(e.Before, e.After) {
				if only != "" && mc.id != only {
					continue
				}
				ce := e
				ce.EntityID = mc.id
				ce.Before, ce.After = mc.json()
				out = append(out, ce)
			}
			continue
		}
		if only != "" && e.EntityID != only {
			continue
		}
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
		// The newest record that names a title: since schema 3 a record
		// holds only the fields its change touched.
		if rows, err := n.q.Query(`SELECT coalesce(after, ''), coalesce(before, '') FROM history
			WHERE entity_id = ? AND entity = 'card' ORDER BY id DESC LIMIT 1000`, id); err == nil {
			for t == "" && rows.Next() {
				var a, b string
				if rows.Scan(&a, &b) != nil {
					break
				}
				t = str(decodeValues(a)["title"])
				if t == "" {
					t = str(decodeValues(b)["title"])
				}
			}
			rows.Close()
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
	before, after := decodeValues(e.Before), decodeValues(e.After)
	name := e.name(before, after, names)
	switch e.Action {
	case "create":
		what := "created"
		if e.Entity == "card" {
			what = "created (" + strings.ToLower(Kind(str(after["kind"])).Label()) + ")"
		}
		return name + ": " + what
	case "delete":
		return name + ": deleted"
	}
	diffs := diffFields(e.Entity, before, after, names)
	if len(diffs) == 0 {
		if e.Label == RecoveredLabel { // a record with no diff of its own (see Recover)
			return name + ": " + strings.ToLower(RecoveredLabel[:1]) + RecoveredLabel[1:]
		}
		return name + ": saved unchanged"
	}
	return name + ": " + strings.Join(diffs, "; ")
}

func (e *HistoryEntry) name(before, after map[string]any, names *cardNames) string {
	pick := func(k string) string {
		if v := shownValue(after[k]); v != "" {
			return v
		}
		return shownValue(before[k])
	}
	switch e.Entity {
	case "board":
		return "Board"
	case "document":
		t := pick("title")
		if t == "" {
			t = pick("name")
		}
		if t == "" {
			t = clean(e.EntityID, 12)
		}
		return "Document " + clean(t, 60)
	case "link":
		from, to := cardName(pick("from"), names), cardName(pick("to"), names)
		rel := pick("relation")
		if rel != "" {
			return fmt.Sprintf("Link %s → %s (%s)", from, to, clean(rel, 40))
		}
		return fmt.Sprintf("Link %s → %s", from, to)
	}
	if t := pick("title"); t != "" {
		return clean(t, 60)
	}
	if t := names.title(e.EntityID); t != "" {
		return clean(t, 60)
	}
	return "Untitled " + strings.ToLower(Kind(pick("kind")).Label())
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
	cardFields = []fieldLabel{{"kind", "kind"}, {"title", "title"}, {"status", "status"},
		{"body", "text"}, {"quote_text", "quote"}, {"speaker_id", "speaker"}, {"source_id", "source"},
		{"locator", "locator"}, {"party_type", "party type"}, {"role", "role"},
		{"reliability", "reliability"}, {"credibility", "credibility"}, {"date", "date"},
		{"publisher", "publisher"}, {"url", "URL"}, {"color", "colour"}, {"tags", "tags"},
		{"group_id", "group"}, {"folded", "folded"}, {"pinned", "pinned"},
		{"x", "moved"}, {"width", "resized"}}
	linkFields = []fieldLabel{{"relation", "relation"}, {"from", "from"}, {"to", "to"},
		{"status", "status"}, {"directed", "arrow"}, {"note", "note"}}
	boardFields = []fieldLabel{{"title", "title"}, {"case_ref", "case reference"},
		{"author", "author"}, {"marking", "marking"}, {"tag_colors", "tag colours"}}
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
		case "x":
			if num(before["x"]) != num(after["x"]) || num(before["y"]) != num(after["y"]) {
				out = append(out, fmt.Sprintf("moved to (%s, %s)", fmtNum(num(after["x"])), fmtNum(num(after["y"]))))
			}
			continue
		case "width":
			if num(before["width"]) != num(after["width"]) || num(before["height"]) != num(after["height"]) {
				out = append(out, fmt.Sprintf("resized to %s × %s", fmtNum(num(after["width"])), fmtNum(num(after["height"]))))
			}
			continue
		case "tags":
			if d := diffTags(before["tags"], after["tags"]); d != "" {
				out = append(out, d)
			}
			continue
		case "directed", "folded", "pinned":
			if b, a := truth(before[f.key]), truth(after[f.key]); b != a {
				out = append(out, boolWords[f.key][btoi(a)])
			}
			continue
		case "credibility":
			if b, a := num(before[f.key]), num(after[f.key]); b != a {
				out = append(out, fmt.Sprintf("credibility %s → %s", credText(b), credText(a)))
			}
			continue
		}
		b, a := shownValue(before[f.key]), shownValue(after[f.key])
		if b == a {
			continue
		}
		switch f.key {
		case "speaker_id", "source_id", "group_id", "from", "to":
			out = append(out, fmt.Sprintf("%s %s → %s", f.label, cardName(b, names), cardName(a, names)))
		case "status":
			out = append(out, fmt.Sprintf("status %s → %s", statusText(b), statusText(a)))
		case "kind":
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

// boolWords says what turning a yes/no field off ([0]) or on ([1]) did.
var boolWords = map[string][2]string{
	"directed": {"arrow removed", "arrow added"},
	"folded":   {"unfolded", "folded"},
	"pinned":   {"unpinned", "pinned"},
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
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

// shownValue is a recorded value as text: numbers as a person writes
// them, true and false as words.
func shownValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return fmtNum(x)
	case bool:
		return fmt.Sprint(x)
	}
	return ""
}

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
