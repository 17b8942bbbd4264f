// Package canvas reads and writes JSON Canvas 1.0 (jsoncanvas.org), the
// format of Obsidian's canvases.
//
// Import: text nodes become note cards (or, when the text is one of our
// own exports, the card it describes), link nodes source cards with their
// URL, file nodes source cards naming the file, group nodes group cards
// holding the cards that lie wholly inside them (the smallest group when
// several do), edges links. Export is the reverse; each card's
// fields are written both in its Markdown text, which Obsidian keeps, and
// in an "evidenceboard" key on the node, which Obsidian drops when it
// saves, so that our own export comes back exactly.
package canvas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// FormatName is the format as a person reads it.
const FormatName = "JSON Canvas"

// Presets are the colours JSON Canvas names "1" to "6" (red, orange,
// yellow, green, cyan, purple): the spec leaves their shade to the app;
// these are light enough to be a card's background.
var Presets = map[string]string{
	"1": "#ffd6d6", "2": "#ffe2c2", "3": "#fff3b0",
	"4": "#d6f5d6", "5": "#cdf3f3", "6": "#e6dcff",
}

// MaxGroups is how many group nodes of a canvas become groups.
const MaxGroups = 1000

// file is a canvas as read: every value raw, so that one bad node is
// skipped rather than the whole file refused.
type file struct {
	Nodes []json.RawMessage `json:"nodes"`
	Edges []json.RawMessage `json:"edges"`
}

type node struct {
	ID      json.RawMessage `json:"id"`
	Type    json.RawMessage `json:"type"`
	X       json.RawMessage `json:"x"`
	Y       json.RawMessage `json:"y"`
	Width   json.RawMessage `json:"width"`
	Height  json.RawMessage `json:"height"`
	Color   json.RawMessage `json:"color"`
	Text    json.RawMessage `json:"text"`
	File    json.RawMessage `json:"file"`
	Subpath json.RawMessage `json:"subpath"`
	URL     json.RawMessage `json:"url"`
	Label   json.RawMessage `json:"label"`
	Ours    json.RawMessage `json:"evidenceboard"`
}

type edge struct {
	ID       json.RawMessage `json:"id"`
	FromNode json.RawMessage `json:"fromNode"`
	ToNode   json.RawMessage `json:"toNode"`
	FromEnd  json.RawMessage `json:"fromEnd"`
	ToEnd    json.RawMessage `json:"toEnd"`
	Label    json.RawMessage `json:"label"`
	Ours     json.RawMessage `json:"evidenceboard"`
}

// ours is the "evidenceboard" key of a node: the card's fields as they
// are, positions and sizes unrounded.
type ours struct {
	Kind        string   `json:"kind"`
	Title       string   `json:"title,omitempty"`
	Body        string   `json:"body,omitempty"`
	Status      string   `json:"status,omitempty"`
	PartyType   string   `json:"partyType,omitempty"`
	Role        string   `json:"role,omitempty"`
	QuoteText   string   `json:"quote,omitempty"`
	Speaker     string   `json:"speaker,omitempty"`
	Source      string   `json:"source,omitempty"`
	Locator     string   `json:"locator,omitempty"`
	Reliability string   `json:"reliability,omitempty"`
	Credibility int      `json:"credibility,omitempty"`
	Date        string   `json:"date,omitempty"`
	Publisher   string   `json:"publisher,omitempty"`
	URL         string   `json:"url,omitempty"`
	Color       string   `json:"color,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Folded      bool     `json:"folded,omitempty"`
	X           *float64 `json:"x,omitempty"`
	Y           *float64 `json:"y,omitempty"`
	Width       *float64 `json:"width,omitempty"`
	Height      *float64 `json:"height,omitempty"`
}

type oursLink struct {
	Relation string `json:"relation"`
	Directed bool   `json:"directed"`
	Status   string `json:"status,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Sniff reports whether head (the start of a file) looks like a canvas: a
// JSON object that names "nodes" or "edges" early on.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	if len(head) > 4096 {
		head = head[:4096]
	}
	return bytes.Contains(head, []byte(`"nodes"`)) || bytes.Contains(head, []byte(`"edges"`))
}

// Import reads the canvas in r (name is its file name, for messages) and
// returns the change that adds its cards and links to into, which it only
// reads, and the report of what it skipped. An error means the file
// cannot be read at all; nothing is to be changed then.
func Import(r io.Reader, name string, into *data.Model) (data.Change, *ingest.Report, error) {
	raw, err := ingest.ReadAll(r)
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	nodes, edges, err := decode(raw)
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	if len(nodes) > data.MaxCards {
		return data.Change{}, nil, ingest.Errorf(name, "%d nodes, over a board's limit of %d cards", len(nodes), data.MaxCards)
	}
	if len(edges) > data.MaxLinks {
		return data.Change{}, nil, ingest.Errorf(name, "%d edges, over a board's limit of %d links", len(edges), data.MaxLinks)
	}
	b := ingest.NewBuilder(into, FormatName)
	groups := 0
	for i, n := range nodes {
		what := fmt.Sprintf("node %d", i+1)
		if n == nil {
			b.Report.Skip("%s skipped: not a JSON object", what)
			continue
		}
		id, _ := str(n.ID)
		if id != "" {
			what = fmt.Sprintf("node %q", ingest.Clean(id, 40))
		}
		typ, _ := str(n.Type)
		x, okx := num(n.X)
		y, oky := num(n.Y)
		w, okw := num(n.Width)
		h, okh := num(n.Height)
		if typ == "group" {
			// A group is a frame: without its box it holds nothing.
			if !(okx && oky && okw && okh) {
				b.Report.Skip("%s (a group) skipped: its position or size is not a number", what)
				continue
			}
			if groups++; groups > MaxGroups {
				continue
			}
		}
		p := ingest.Pending{Placed: okx && oky}
		if typ == "group" && (w <= 0 || h <= 0) {
			// A card is in a group when the group's area holds it; a
			// frame with none holds nothing, and would otherwise get a
			// card's size where it stands and take in what lies there.
			p.Placed = false
			b.Report.Skip("%s (a group) has no area (%s × %s), so it holds no cards; placed below the others", what, fmtNum(w), fmtNum(h))
		}
		c := &p.Card
		c.X, c.Y = x, y
		if okw {
			c.Width = w
		}
		if okh {
			c.Height = h
		}
		if (!okx || !oky) && (len(n.X) > 0 || len(n.Y) > 0) {
			b.Report.Skip("%s: its position is not a number; placed below the others", what)
		}
		if col, ok := str(n.Color); ok && col != "" {
			if hex, ok := Presets[col]; ok {
				c.Color = hex
			} else {
				c.Color = col
			}
		}
		switch typ {
		case "group":
			c.Kind = data.KindGroup
			label, _ := str(n.Label)
			c.Title = strings.TrimSpace(label)
		case "text":
			text, _ := str(n.Text)
			p.Speaker, p.Source = fromText(c, text)
		case "link":
			u, _ := str(n.URL)
			c.Kind, c.Title = data.KindSource, ingest.TitleFrom(u)
			if _, err := data.SafeURL(u); err == nil {
				c.URL = strings.TrimSpace(u)
			} else {
				c.Body = u
				b.Report.Skip("%s: %v; kept as text", what, err)
			}
		case "file":
			fp, _ := str(n.File)
			sub, _ := str(n.Subpath)
			c.Kind = data.KindSource
			c.Title = strings.TrimSuffix(path.Base(fp), path.Ext(fp))
			if c.Title == "" || c.Title == "." || c.Title == "/" {
				c.Title = fp
			}
			c.Body = "File: " + fp + sub
			c.Locator = strings.TrimPrefix(sub, "#")
		default:
			b.Report.Skip("%s skipped: unknown node type %q", what, ingest.Clean(typ, 40))
			continue
		}
		var o ours
		if len(n.Ours) > 0 && json.Unmarshal(n.Ours, &o) == nil && data.Kind(o.Kind).Valid() {
			p.Speaker, p.Source = o.apply(c)
		}
		b.AddCard(id, what, p)
	}
	if groups > MaxGroups {
		b.Report.Skip("%d groups beyond the first %d skipped", groups-MaxGroups, MaxGroups)
	}
	joinGroups(b.Cards())
	for i, e := range edges {
		what := fmt.Sprintf("edge %d", i+1)
		if e == nil {
			b.Report.Skip("%s skipped: not a JSON object", what)
			continue
		}
		id, _ := str(e.ID)
		if id != "" {
			what = fmt.Sprintf("edge %q", ingest.Clean(id, 40))
		}
		from, _ := str(e.FromNode)
		to, _ := str(e.ToNode)
		fromEnd, _ := str(e.FromEnd)
		toEnd, ok := str(e.ToEnd)
		if !ok {
			toEnd = "arrow" // the spec's default
		}
		label, _ := str(e.Label)
		l := data.Link{Relation: ingest.Relation(label)}
		switch {
		case toEnd == "arrow" && fromEnd != "arrow":
			l.Directed = true
		case fromEnd == "arrow" && toEnd != "arrow":
			l.Directed = true
			from, to = to, from
		}
		var o oursLink
		if len(e.Ours) > 0 && json.Unmarshal(e.Ours, &o) == nil {
			l.Relation, l.Directed, l.Status, l.Note = o.Relation, o.Directed, data.Status(o.Status), o.Note
		}
		b.AddLink(id, what, from, to, l)
	}
	ch, rep, err := b.Change("Import " + path.Base(name))
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	return ch, rep, nil
}

// joinGroups puts each placed card in the smallest group that wholly
// holds it (geom.Innermost), which is how a canvas says what is in a
// group. Groups do not nest, so a group joins none.
func joinGroups(cards []*ingest.Pending) {
	var frames []geom.Rect
	var ids []string
	for _, p := range cards {
		if c := &p.Card; p.Placed && c.Kind == data.KindGroup {
			frames = append(frames, geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height})
			ids = append(ids, c.ID)
		}
	}
	if len(frames) == 0 {
		return
	}
	for _, p := range cards {
		c := &p.Card
		if !p.Placed || c.Kind == data.KindGroup {
			continue
		}
		if i := geom.Innermost(geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height}, frames); i >= 0 {
			c.Group = ids[i]
		}
	}
}

// decode reads a canvas's nodes and edges. Most files decode in one pass;
// a file with an item that is not an object is read again item by item,
// so that the item is skipped (left nil) rather than the whole file.
func decode(raw []byte) (nodes []*node, edges []*edge, err error) {
	var fast struct {
		Nodes []*node `json:"nodes"`
		Edges []*edge `json:"edges"`
	}
	if json.Unmarshal(raw, &fast) == nil {
		nodes, edges = fast.Nodes, fast.Edges
		// null items decode as nil: skipped as not objects, as in the
		// slow path.
	} else {
		var f file
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, nil, fmt.Errorf("not a JSON Canvas file: %s", jsonErr(raw, err))
		}
		nodes, edges = make([]*node, len(f.Nodes)), make([]*edge, len(f.Edges))
		for i, r := range f.Nodes {
			var n node
			if len(r) > 0 && r[0] == '{' && json.Unmarshal(r, &n) == nil {
				nodes[i] = &n
			}
		}
		for i, r := range f.Edges {
			var e edge
			if len(r) > 0 && r[0] == '{' && json.Unmarshal(r, &e) == nil {
				edges[i] = &e
			}
		}
	}
	if nodes == nil && edges == nil && !bytes.Contains(raw, []byte(`"nodes"`)) {
		return nil, nil, fmt.Errorf("not a JSON Canvas file: it has no \"nodes\"")
	}
	return nodes, edges, nil
}

func addTag(tags []string, t string) []string {
	for _, have := range tags {
		if have == t {
			return tags
		}
	}
	out := append(tags, t)
	sort.Strings(out)
	return out
}

// apply puts the card fields of o on c, and returns the file's ids of the
// speaker and source. Position and size are taken from o only where they
// round to what the node says: a node moved in Obsidian keeps its move.
func (o *ours) apply(c *data.Card) (speaker, source string) {
	c.Kind = data.Kind(o.Kind)
	c.Title, c.Body, c.Status = o.Title, o.Body, data.Status(o.Status)
	c.PartyType, c.Role, c.QuoteText, c.Locator = o.PartyType, o.Role, o.QuoteText, o.Locator
	c.Reliability, c.Credibility, c.Date = o.Reliability, o.Credibility, o.Date
	c.Publisher, c.URL, c.Color = o.Publisher, o.URL, o.Color
	c.Tags = append(c.Tags, o.Tags...)
	c.Folded = o.Folded && c.Kind == data.KindGroup
	for _, f := range []struct {
		exact *float64
		node  *float64
	}{{o.X, &c.X}, {o.Y, &c.Y}, {o.Width, &c.Width}, {o.Height, &c.Height}} {
		if f.exact != nil && math.Abs(*f.exact-*f.node) <= 0.5 {
			*f.node = *f.exact
		}
	}
	return o.Speaker, o.Source
}

// str reads a JSON string; ok is false for anything else.
func str(raw json.RawMessage) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	// Most strings have no escapes: no second decoding needed (the file
	// was checked as JSON as a whole already).
	if inner := raw[1 : len(raw)-1]; bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 {
		return string(inner), true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// num reads a JSON number that is finite; ok is false for anything else
// (a string, null, or a number too large for a float64).
func num(raw json.RawMessage) (float64, bool) {
	if len(raw) == 0 || raw[0] == '"' || raw[0] == 'n' || raw[0] == '{' || raw[0] == '[' || raw[0] == 't' || raw[0] == 'f' {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return 0, false
	}
	return ingest.Number(v)
}

// jsonErr says where a JSON error is, as a line and column.
func jsonErr(raw []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		if te.Field != "" {
			return fmt.Sprintf("%q is not a list", te.Field)
		}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if off < 0 || off > int64(len(raw)) {
		return msg
	}
	if off > 0 {
		off-- // the offset is just past the byte at fault
	}
	line := bytes.Count(raw[:off], []byte("\n")) + 1
	col := off - int64(bytes.LastIndexByte(raw[:off], '\n'))
	return fmt.Sprintf("line %d, column %d: %s", line, col, msg)
}

// Export writes m as a canvas to w: every group card as a group node,
// first so that it lies behind the cards (a canvas draws its nodes in
// order, and says what a group holds by what lies inside it), then every
// other card as a text node (in data.Model.SortedCards order), every link
// as an edge. Sources become text
// nodes too, with their URL as a Markdown link, rather than link nodes,
// which would show the web page and nothing of the card.
func Export(w io.Writer, m *data.Model) error {
	cards := m.SortedCards()
	// Stable: the groups keep SortedCards' order among themselves.
	sort.SliceStable(cards, func(i, j int) bool {
		return cards[i].Kind == data.KindGroup && cards[j].Kind != data.KindGroup
	})
	type outNode struct {
		ID     string `json:"id"`
		Type   string `json:"type"`
		X      int64  `json:"x"`
		Y      int64  `json:"y"`
		Width  int64  `json:"width"`
		Height int64  `json:"height"`
		Color  string `json:"color,omitempty"`
		Text   string `json:"text,omitempty"`
		Label  string `json:"label,omitempty"`
		URL    string `json:"url,omitempty"`
		Ours   *ours  `json:"evidenceboard"`
	}
	type outEdge struct {
		ID       string    `json:"id"`
		FromNode string    `json:"fromNode"`
		ToNode   string    `json:"toNode"`
		ToEnd    string    `json:"toEnd,omitempty"`
		Label    string    `json:"label,omitempty"`
		Ours     *oursLink `json:"evidenceboard"`
	}
	out := struct {
		Nodes []outNode `json:"nodes"`
		Edges []outEdge `json:"edges"`
	}{Nodes: make([]outNode, 0, len(cards)), Edges: []outEdge{}}
	for _, c := range cards {
		n := outNode{ID: c.ID, Type: "text", X: round(c.X), Y: round(c.Y),
			Width: round(c.Width), Height: round(c.Height), Color: c.Color}
		x, y, cw, chh := c.X, c.Y, c.Width, c.Height
		n.Ours = &ours{Kind: string(c.Kind), Title: c.Title, Body: c.Body, Status: string(c.Status),
			PartyType: c.PartyType, Role: c.Role, QuoteText: c.QuoteText, Speaker: c.SpeakerID,
			Source: c.SourceID, Locator: c.Locator, Reliability: c.Reliability, Credibility: c.Credibility,
			Date: c.Date, Publisher: c.Publisher, URL: c.URL, Color: c.Color, Tags: c.Tags,
			Folded: c.Folded, X: &x, Y: &y, Width: &cw, Height: &chh}
		if c.Kind == data.KindGroup {
			n.Type, n.Label = "group", c.Title
		} else {
			n.Text = ToText(c)
		}
		out.Nodes = append(out.Nodes, n)
	}
	links := make([]*data.Link, 0, len(m.Links))
	for _, l := range m.Links {
		if m.Cards[l.From] != nil && m.Cards[l.To] != nil {
			links = append(links, l)
		}
	}
	sort.Slice(links, func(i, j int) bool { return links[i].ID < links[j].ID })
	for _, l := range links {
		e := outEdge{ID: l.ID, FromNode: l.From, ToNode: l.To, Label: l.Relation,
			Ours: &oursLink{Relation: l.Relation, Directed: l.Directed, Status: string(l.Status), Note: l.Note}}
		if !l.Directed {
			e.ToEnd = "none"
		}
		out.Edges = append(out.Edges, e)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// fmtNum writes a number of the file for a report line.
func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// round makes a coordinate the integer the spec asks for; the exact value
// travels in the "evidenceboard" key.
func round(v float64) int64 { return int64(math.Round(v)) }
