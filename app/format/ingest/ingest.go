// Package ingest is what every importer shares: the limits an imported
// file is held to, the Report a person reads before an import is applied,
// and the Builder that turns what a file names into cards and links that
// pass the board's own checks, placed where they belong.
//
// Importers read untrusted files. They never panic on them, stay within
// the limits below, and either return a Change that applies cleanly to the
// board it was made for or an error naming the file and the problem, in
// which case nothing is changed.
package ingest

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// Limits on one imported file. They bound time and memory whatever the
// file holds; docs/CSV_MAPPING.md and docs/FTM.md repeat them.
const (
	// MaxFileSize is the largest file an import reads (64 MiB).
	MaxFileSize = 64 << 20
	// MaxReportLines is how many skipped items a Report lists one by one;
	// the rest are counted.
	MaxReportLines = 200
	// MaxTitleLen is how long a title made from free text may be.
	MaxTitleLen = 200
)

// ErrTooBig is behind the error ReadAll gives for a file over MaxFileSize.
var ErrTooBig = fmt.Errorf("is over the import limit of %d MiB", MaxFileSize>>20)

// ReadAll reads r whole, refusing more than MaxFileSize bytes.
func ReadAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, ErrTooBig
	}
	return b, nil
}

// Report says what an import will add and what it leaves out, for the
// preview before it is applied and for the command line after.
type Report struct {
	// Format names the format the file was read as ("JSON Canvas").
	Format string
	Cards  int // cards the change adds
	Links  int // links the change adds
	// Skipped lists the items left out or changed, one line each, at most
	// MaxReportLines; More counts those not listed.
	Skipped []string
	More    int
}

// Skip records one item left out or changed.
func (r *Report) Skip(format string, args ...any) {
	if len(r.Skipped) >= MaxReportLines {
		r.More++
		return
	}
	r.Skipped = append(r.Skipped, Clean(fmt.Sprintf(format, args...), 300))
}

// Summary is the report in one line: "41 cards, 63 links; 2 skipped".
func (r *Report) Summary() string {
	s := fmt.Sprintf("%s, %s", plural(r.Cards, "card"), plural(r.Links, "link"))
	if n := len(r.Skipped) + r.More; n > 0 {
		s += fmt.Sprintf("; %d note(s)", n)
	}
	return s
}

// Lines is every skipped line, with a count of those not listed.
func (r *Report) Lines() []string {
	out := append([]string(nil), r.Skipped...)
	if r.More > 0 {
		out = append(out, fmt.Sprintf("and %d more", r.More))
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Clean makes s fit any text field: valid UTF-8, no C0 control but tab,
// newline and carriage return (the board's text rule), at most max bytes
// (cut on a character boundary); max <= 0 means data.MaxTextLen.
func Clean(s string, max int) string {
	if max <= 0 || max > data.MaxTextLen {
		max = data.MaxTextLen
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexFunc(s, badControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if badControl(r) {
				return -1
			}
			return r
		}, s)
	}
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

func badControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }

// TitleFrom makes a one-line title of free text: its first non-empty line,
// without Markdown heading marks, cut to MaxTitleLen.
func TitleFrom(s string) string {
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
		if line != "" {
			if len(line) > MaxTitleLen {
				return Clean(line, MaxTitleLen-3) + "..."
			}
			return line
		}
	}
	return ""
}

// Number reads a coordinate or size: ok is false for anything that is not
// a finite number.
func Number(v float64) (float64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// Pending is a card the Builder holds until Change: the card, whether the
// file gave it a position, and the file's names for the cards its speaker
// and source fields refer to.
type Pending struct {
	Card   data.Card
	Placed bool
	// HasX and HasY say which coordinates a format that gives them one
	// at a time has set (see SetCardValue).
	HasX, HasY bool
	// Speaker, Source and Group are the file's ids of the cards
	// Card.SpeakerID, Card.SourceID and Card.Group should point at,
	// resolved in Change.
	Speaker, Source, Group string
}

// Builder gathers the cards and links an importer reads, checks each, and
// makes the change that adds them to a board.
type Builder struct {
	// Placing tells Change that the caller places the cards itself (a
	// paste, at the view's centre): those the file placed are then not
	// moved clear of the board's cards.
	Placing bool

	into       *data.Model
	Report     *Report
	cards      []*Pending
	byFile     map[string]int // file id -> index in cards
	byID       map[string]int // our id -> index in cards
	used       map[string]bool
	links      []data.Link
	linkFile   map[string]bool
	errTooMany error
}

// NewBuilder starts an import into m (which it only reads; nil is an empty
// board), reporting as format.
func NewBuilder(into *data.Model, format string) *Builder {
	if into == nil {
		into = data.NewModel(data.Board{})
	}
	return &Builder{into: into, Report: &Report{Format: format}, byFile: map[string]int{},
		byID: map[string]int{}, used: map[string]bool{}, linkFile: map[string]bool{}}
}

// Into is the board the import is made for.
func (b *Builder) Into() *data.Model { return b.into }

// CardID is our id for the card the file calls fileID, or "".
func (b *Builder) CardID(fileID string) string {
	if i, ok := b.byFile[fileID]; ok {
		return b.cards[i].Card.ID
	}
	return ""
}

// Pending returns the card the file calls fileID, for an importer to
// amend (a group's tag), or nil.
func (b *Builder) Pending(fileID string) *Pending {
	if i, ok := b.byFile[fileID]; ok {
		return b.cards[i]
	}
	return nil
}

// Cards is every card added so far, in file order.
func (b *Builder) Cards() []*Pending { return b.cards }

// freshID keeps the file's id when it is a UUID not yet on the board or
// in this import, so that our own export comes back with the same ids;
// otherwise it makes a new one.
func (b *Builder) freshID(fileID string) string {
	if u, err := uuid.Parse(fileID); err == nil {
		id := u.String()
		if id == fileID && !b.used[id] && b.into.Cards[id] == nil && b.into.Links[id] == nil {
			return id
		}
	}
	for {
		id := data.NewID()
		if !b.used[id] && b.into.Cards[id] == nil && b.into.Links[id] == nil {
			return id
		}
	}
}

// AddCard adds p under the file's id fileID ("" for none: the card cannot
// then be linked to). It cleans the card's text, keeps its position and
// size within the board's limits, and skips it with a report line when
// the id is a duplicate or the card is still not valid; it reports
// whether the card was added. what names the item in report lines
// ("node 7").
func (b *Builder) AddCard(fileID, what string, p Pending) bool {
	if fileID != "" {
		if _, dup := b.byFile[fileID]; dup {
			b.Report.Skip("%s skipped: its id %q is used twice", what, Clean(fileID, 60))
			return false
		}
	}
	if len(b.cards)+len(b.into.Cards) >= data.MaxCards {
		if b.errTooMany == nil {
			b.errTooMany = fmt.Errorf("more than %d cards: over a board's limit", data.MaxCards)
		}
		return false
	}
	c := &p.Card
	c.ID = b.freshID(fileID)
	if !c.Kind.Valid() {
		c.Kind = data.KindNote
	}
	if !c.Status.Valid() {
		b.Report.Skip("%s: status %q is not one of ours; left unassessed", what, Clean(string(c.Status), 40))
		c.Status = data.StatusNone
	}
	if !validReliability(c.Reliability) {
		c.Reliability = ""
	}
	if c.Credibility < 0 || c.Credibility > 6 {
		c.Credibility = 0
	}
	if c.Color != "" {
		if col, ok := NormColor(c.Color); ok {
			c.Color = col
		} else {
			b.Report.Skip("%s: colour %q is not one we can show; the kind's colour is used", what, Clean(c.Color, 40))
			c.Color = ""
		}
	}
	for _, s := range []*string{&c.Title, &c.Body, &c.PartyType, &c.Role, &c.QuoteText, &c.Locator,
		&c.Date, &c.Publisher, &c.URL} {
		*s = Clean(*s, 0)
	}
	if c.URL != "" {
		if _, err := data.SafeURL(c.URL); err != nil {
			b.Report.Skip("%s: %v; kept in the card's text", what, err)
			c.Body = strings.TrimSpace(c.Body + "\n" + c.URL)
			c.URL = ""
		}
	}
	c.SpeakerID, c.SourceID, c.Group = "", "", ""
	c.Folded = c.Folded && c.Kind == data.KindGroup
	c.Tags = cleanTags(c.Tags)
	if p.Placed {
		beyond := false
		for _, v := range []*float64{&c.X, &c.Y} {
			if f, ok := Number(*v); !ok {
				p.Placed = false
				b.Report.Skip("%s: its position is not a number; placed below the others", what)
				beyond = false
				break
			} else if math.Abs(f) > data.MaxCoord {
				*v = math.Copysign(data.MaxCoord, f)
				beyond = true
			}
		}
		if beyond { // once, though both x and y were beyond it
			b.Report.Skip("%s: position beyond the board's edge; moved to the edge", what)
		}
	}
	dw, dh := data.DefaultSize(c.Kind)
	w, h := c.Width, c.Height
	c.Width = clampSize(c.Width, dw)
	c.Height = clampSize(c.Height, dh)
	if w > data.MaxCardSize || h > data.MaxCardSize {
		// A frame as wide as a country is cut to what a board holds;
		// what it holds changes with it, so the person is told.
		b.Report.Skip("%s: its size, %s × %s, is over a card's limit of %s; cut to %s × %s", what,
			num(w), num(h), num(data.MaxCardSize), num(c.Width), num(c.Height))
	}
	if !p.Placed {
		c.X, c.Y = 0, 0
	}
	if err := c.Validate(); err != nil {
		b.Report.Skip("%s skipped: %v", what, err)
		return false
	}
	b.used[c.ID] = true
	b.byID[c.ID] = len(b.cards)
	if fileID != "" {
		b.byFile[fileID] = len(b.cards)
	}
	b.cards = append(b.cards, &p)
	return true
}

// num writes a size for a report line: as short as it reads exactly.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func clampSize(v, def float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return def
	}
	return math.Max(data.MinCardSize, math.Min(data.MaxCardSize, v))
}

func validReliability(r string) bool {
	for _, v := range data.Reliabilities {
		if r == v {
			return true
		}
	}
	return false
}

func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		// One line: tags are shown on one line and travel one a line.
		t = data.OneLine(Clean(t, 200), 0)
		if t == "" || seen[t] || len(out) >= data.MaxTagsPerCard {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// NormColor reads "#rgb" or "#rrggbb" (any case) as "#rrggbb".
func NormColor(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) == 4 && s[0] == '#' {
		s = "#" + s[1:2] + s[1:2] + s[2:3] + s[2:3] + s[3:4] + s[3:4]
	}
	if len(s) != 7 || s[0] != '#' {
		return "", false
	}
	for _, r := range s[1:] {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return "", false
		}
	}
	return s, true
}

// AddLink adds a link between the cards the file calls from and to
// (either may be one already on the board, by our id). It skips the link
// with a report line when an end is missing.
func (b *Builder) AddLink(fileID, what, from, to string, l data.Link) bool {
	fromID, toID := b.resolve(from), b.resolve(to)
	if fromID == "" || toID == "" {
		b.Report.Skip("%s skipped: its end is missing", what)
		return false
	}
	if fileID != "" {
		if b.linkFile[fileID] {
			b.Report.Skip("%s skipped: its id %q is used twice", what, Clean(fileID, 60))
			return false
		}
	}
	if len(b.links)+len(b.into.Links) >= data.MaxLinks {
		if b.errTooMany == nil {
			b.errTooMany = fmt.Errorf("more than %d links: over a board's limit", data.MaxLinks)
		}
		return false
	}
	l.ID = b.freshID(fileID)
	l.From, l.To = fromID, toID
	l.Relation = strings.TrimSpace(Clean(l.Relation, 500))
	l.Note = Clean(l.Note, 0)
	if !l.Status.Valid() {
		b.Report.Skip("%s: status %q is not one of ours; left unassessed", what, Clean(string(l.Status), 40))
		l.Status = data.StatusNone
	}
	if err := l.Validate(); err != nil {
		b.Report.Skip("%s skipped: %v", what, err)
		return false
	}
	if fileID != "" {
		b.linkFile[fileID] = true
	}
	b.used[l.ID] = true
	b.links = append(b.links, l)
	return true
}

// resolve finds our id for a card the file names: one of this import's,
// or, failing that, a card already on the board by its id.
func (b *Builder) resolve(fileID string) string {
	if id := b.CardID(fileID); id != "" {
		return id
	}
	if fileID != "" && b.into.Cards[fileID] != nil {
		return fileID
	}
	return ""
}

// Gap is the space left between the board's cards and cards placed
// below them, and between placed cards.
const Gap = 40

// Change finishes the import: it resolves speaker and source references,
// places the cards the file gave no position clear of the board's cards
// (below them, in rows), and returns the change and the report. The
// error is the file's fault: over a board's limits.
func (b *Builder) Change(label string) (data.Change, *Report, error) {
	if b.errTooMany != nil {
		return data.Change{}, b.Report, b.errTooMany
	}
	for _, p := range b.cards {
		c := &p.Card
		if p.Speaker != "" {
			c.SpeakerID = b.ref(c, "speaker", p.Speaker, data.KindParty, "left out")
		}
		if p.Source != "" {
			c.SourceID = b.ref(c, "source", p.Source, data.KindSource, "left out")
		}
		if p.Group != "" {
			if id := b.resolve(p.Group); c.Kind == data.KindGroup && id != "" && id != c.ID && b.kindOf(id) == data.KindGroup {
				b.Report.Skip("card %q is a group, and groups do not nest; left out of the group %q", TitleFrom(c.Title), b.nameOf(id, Clean(p.Group, 40)))
			} else {
				c.Group = b.ref(c, "group", p.Group, data.KindGroup, "left out of any group")
			}
		}
	}
	if !b.Placing {
		b.clearOfBoard()
	}
	b.place()
	ch := data.Change{Label: label}
	ch.PutCards = make([]data.Card, 0, len(b.cards))
	for _, p := range b.cards {
		ch.PutCards = append(ch.PutCards, p.Card)
	}
	ch.PutLinks = b.links
	b.Report.Cards, b.Report.Links = len(ch.PutCards), len(ch.PutLinks)
	return ch, b.Report, nil
}

// ref is our id for the card the file calls fileID as card c's role
// ("speaker"), when that is a card of kind want; otherwise "" and a line
// in the report saying which of the ways it is not ("left out" ends it).
func (b *Builder) ref(c *data.Card, role, fileID string, want data.Kind, out string) string {
	id := b.resolve(fileID)
	name := Clean(fileID, 40)
	switch k := b.kindOf(id); {
	case id == "":
		b.Report.Skip("card %q: its %s %q is neither in the file nor on the board; %s", TitleFrom(c.Title), role, name, out)
	case id == c.ID:
		b.Report.Skip("card %q names itself as its %s; %s", TitleFrom(c.Title), role, out)
	case k != want:
		b.Report.Skip("card %q: its %s %q is a card of kind %s, not %s; %s", TitleFrom(c.Title), role, b.nameOf(id, name), k, article(want), out)
	default:
		return id
	}
	return ""
}

// article is "a KIND" or "an KIND".
func article(k data.Kind) string {
	if strings.ContainsRune("aeiou", rune(k[0])) {
		return "an " + string(k)
	}
	return "a " + string(k)
}

// nameOf names the card id (this import's or the board's) in a report
// line: its title, or else fileID, what the file calls it.
func (b *Builder) nameOf(id, fileID string) string {
	var t string
	if i, ok := b.byID[id]; ok {
		t = b.cards[i].Card.Title
	} else if c := b.into.Cards[id]; c != nil {
		t = c.Title
	}
	if t = TitleFrom(t); t != "" {
		return t
	}
	return fileID
}

func (b *Builder) kindOf(id string) data.Kind {
	if i, ok := b.byID[id]; ok {
		return b.cards[i].Card.Kind
	}
	if c := b.into.Cards[id]; c != nil {
		return c.Kind
	}
	return ""
}

// clearOfBoard moves the cards the file placed, together, below the
// board's cards when, where the file put them, one would cover a card
// already on the board: "placed as in the file" keeps their arrangement,
// not a spot that hides the board's own cards.
func (b *Builder) clearOfBoard() {
	var placed []*data.Card
	var box geom.Rect
	for _, p := range b.cards {
		if !p.Placed {
			continue
		}
		r := cardRect(&p.Card)
		if len(placed) == 0 {
			box = r
		} else {
			box = box.Union(r)
		}
		placed = append(placed, &p.Card)
	}
	if len(placed) == 0 || len(b.into.Cards) == 0 {
		return
	}
	var near []geom.Rect
	minX, maxY := math.Inf(1), math.Inf(-1)
	for _, c := range b.into.Cards {
		r := cardRect(c)
		minX, maxY = math.Min(minX, r.X), math.Max(maxY, r.Bottom())
		if r.Intersects(box) {
			near = append(near, r)
		}
	}
	covers := false
	if len(near)*len(placed) > 4_000_000 {
		covers = true // too many to compare one by one: assume they would
	} else {
		for _, c := range placed {
			r := cardRect(c)
			for _, n := range near {
				if r.Intersects(n) {
					covers = true
					break
				}
			}
			if covers {
				break
			}
		}
	}
	if !covers {
		return
	}
	dx, dy := minX-box.X, maxY+2*Gap-box.Y
	for _, c := range placed {
		c.X = math.Max(-data.MaxCoord, math.Min(data.MaxCoord, c.X+dx))
		c.Y = math.Max(-data.MaxCoord, math.Min(data.MaxCoord, c.Y+dy))
	}
	b.Report.Skip("the cards were placed below the board's own, in the file's arrangement: where the file put them they would have covered cards already on the board")
}

func cardRect(c *data.Card) geom.Rect { return geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height} }

// place lays the cards with no position in rows below everything on the
// board and everything placed by the file, from the left edge of it.
func (b *Builder) place() {
	minX, maxY, any := math.Inf(1), math.Inf(-1), false
	see := func(c *data.Card) {
		any = true
		minX = math.Min(minX, c.X)
		maxY = math.Max(maxY, c.Y+c.Height)
	}
	for _, c := range b.into.Cards {
		see(c)
	}
	unplaced := 0
	for _, p := range b.cards {
		if p.Placed {
			see(&p.Card)
		} else {
			unplaced++
		}
	}
	if unplaced == 0 {
		return
	}
	x0, y := 0.0, 0.0
	if any {
		x0, y = minX, maxY+2*Gap
	}
	// About as wide as tall: ceil(sqrt(n)) cards a row.
	perRow := int(math.Ceil(math.Sqrt(float64(unplaced))))
	x, rowH, n := x0, 0.0, 0
	for _, p := range b.cards {
		if p.Placed {
			continue
		}
		c := &p.Card
		if n == perRow {
			x, y, rowH, n = x0, y+rowH+Gap, 0, 0
		}
		c.X = math.Max(-data.MaxCoord, math.Min(data.MaxCoord, x))
		c.Y = math.Max(-data.MaxCoord, math.Min(data.MaxCoord, y))
		x += c.Width + Gap
		rowH = math.Max(rowH, c.Height)
		n++
	}
}

// Errorf makes the one-line error an importer gives for a file it cannot
// read: the file's name, then the place and the problem.
func Errorf(name, format string, args ...any) error {
	return &FileError{Name: name, Reason: fmt.Sprintf(format, args...)}
}

// FileError is an imported file that cannot be read.
type FileError struct {
	Name, Reason string
}

func (e *FileError) Error() string {
	if e.Name == "" {
		return e.Reason
	}
	return e.Name + ": " + e.Reason
}

// IsFileError reports whether err is the file's fault rather than ours.
func IsFileError(err error) bool {
	var fe *FileError
	return errors.As(err, &fe)
}
