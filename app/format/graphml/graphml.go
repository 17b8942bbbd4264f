// Package graphml reads and writes GraphML (graphml.graphdrawing.org), the
// graph format of yEd, Gephi, Cytoscape, NetworkX and igraph.
//
// Import reads nodes as cards and edges as links. Node data keys named as
// our fields (kind, title, status, …; see ingest.CardFields) or as other
// tools name them (label, name, description, url) fill the card; any other
// key is kept as a "name: value" line in the card's text. yEd's graphics
// give the position, size, fill colour and label. A yEd group node (a
// node holding a graph of its own) becomes a group card, folded when yEd
// has it closed (yfiles.foldertype="folder"), and the nodes of its graph
// its members; groups do not nest on a board, so a group inside a group
// is kept beside it, and the outer groups' labels become tags of the
// cards inside them. Every change of the kind is said in the report.
// Export writes every field of ours as a key, and yEd's graphics, so yEd
// shows the board as laid out.
//
// The file is read as a stream of tokens with encoding/xml, which does not
// expand entities other than XML's own five (no "billion laughs") and never
// fetches external ones; elements may nest at most MaxDepth deep.
package graphml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// FormatName is the format as a person reads it.
const FormatName = "GraphML"

// MaxDefaults is how many keys' default values are applied to each node:
// each costs a look-up per node.
const MaxDefaults = 100

// MaxDepth is how deep elements may nest: yEd's deepest is about 12, plus
// one graph and node level per nested group.
const MaxDepth = 256

// Sniff reports whether head (the start of a file) looks like GraphML.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t := bytes.TrimLeft(head, " \t\r\n")
	return len(t) > 0 && t[0] == '<' && bytes.Contains(head, []byte("<graphml"))
}

type key struct {
	forWhat string // node, edge, graph, all
	name    string // attr.name, lower case
	yfiles  string // yfiles.type
	def     string
	hasDef  bool
}

type nodeState struct {
	rgb    [3]int // Gephi's colour keys
	rgbSet int    // which of them were given, as bits
	id     string
	p      ingest.Pending
	seen   map[string]bool
	extra  []string
	label  string // yEd's label
	fill   string
	geo    [4]string // x, y, width, height from yEd's geometry
	hasGeo bool
	ourPos bool // x and y came from our own keys
	group  bool
	folder bool // yEd shows it closed: a folded group
	line   int
	tags   []string
	// members are the file ids of the nodes of a group's own graph that
	// were added as cards, in file order.
	members []string
	what    string
}

type edgeState struct {
	id, source, target string
	directedAttr       string
	edgeDefault        bool
	arrows             [2]string // source, target
	hasArrows          bool
	l                  data.Link
	hasRelation        bool
	label              string
	extra              []string
	line               int
}

type graphState struct {
	directed bool
}

// Import reads the GraphML file in r (name is its file name, for
// messages) and returns the change that adds its cards and links to into,
// which it only reads, and the report of what it skipped. An error means
// the file cannot be read; nothing is to be changed then.
func Import(r io.Reader, name string, into *data.Model) (data.Change, *ingest.Report, error) {
	raw, err := ingest.ReadAll(r)
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.Strict = true
	dec.CharsetReader = charsetReader
	b := ingest.NewBuilder(into, FormatName)
	fail := func(format string, args ...any) (data.Change, *ingest.Report, error) {
		line, _ := dec.InputPos()
		return data.Change{}, nil, ingest.Errorf(name, "line %d: %s", line, fmt.Sprintf(format, args...))
	}

	keys := map[string]*key{}
	var (
		stack     []string // local names of open elements
		graphs    []graphState
		nodes     []*nodeState
		edge      *edgeState
		edges     []*edgeState
		curKey    *key // the <key> being read
		inDefault bool // inside <key><default>
		dataKey   *key // the <data> being read, or nil
		dataDepth int  // len(stack) at <data>
		dataText  strings.Builder
		labelText *strings.Builder // a yEd label being read
		labelDone bool
		sawRoot   bool
		nodeCount int
		groups    []*nodeState // group nodes added as cards, in file order
		defaults  []*key       // node keys with a default, in file order
	)
	appendText := func(sb *strings.Builder, s []byte) {
		if sb.Len()+len(s) <= data.MaxTextLen {
			sb.Write(s)
		}
	}
	var defText strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail("%s", xmlErr(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			local := t.Name.Local
			if len(stack) >= MaxDepth {
				return fail("elements nested over %d deep", MaxDepth)
			}
			stack = append(stack, local)
			if !sawRoot {
				if local != "graphml" {
					return fail("not a GraphML file: it starts with <%s>", ingest.Clean(local, 40))
				}
				sawRoot = true
				continue
			}
			if dataKey != nil {
				// Inside a <data>: yEd's graphics.
				if err := readGraphics(t, nodes, edge, &labelText, labelDone); err != nil {
					return fail("%v", err)
				}
				continue
			}
			switch {
			case local == "key":
				k := &key{forWhat: "all"}
				var id string
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "id":
						id = a.Value
					case "for":
						k.forWhat = a.Value
					case "attr.name":
						k.name = strings.ToLower(strings.TrimSpace(a.Value))
					case "yfiles.type":
						k.yfiles = a.Value
					}
				}
				keys[id] = k
				curKey = k
			case local == "default" && curKey != nil:
				inDefault = true
				defText.Reset()
			case local == "graph":
				directed := true // yEd, Gephi and the spec's examples: directed unless said
				for _, a := range t.Attr {
					if a.Name.Local == "edgedefault" {
						directed = a.Value != "undirected"
					}
				}
				graphs = append(graphs, graphState{directed: directed})
				if len(nodes) > 0 {
					// A graph inside a node: the node is a group, the nodes
					// of the graph its members.
					nodes[len(nodes)-1].group = true
				}
			case local == "node":
				nodeCount++
				if nodeCount > data.MaxCards {
					return fail("over %d nodes, over a board's limit of cards", data.MaxCards)
				}
				line, _ := dec.InputPos()
				n := &nodeState{seen: map[string]bool{}, line: line}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "id":
						n.id = a.Value
					case "yfiles.foldertype":
						n.folder = a.Value == "folder"
					}
				}
				n.what = fmt.Sprintf("node %q (line %d)", ingest.Clean(n.id, 40), line)
				// The innermost group around it is its group; the labels of
				// any outer ones (groups do not nest on a board) its tags.
				var around []*nodeState
				for _, g := range nodes {
					if g.group {
						around = append(around, g)
					}
				}
				if len(around) > 0 {
					n.p.Group = around[len(around)-1].id
					for _, g := range around[:len(around)-1] {
						n.tags = append(n.tags, groupLabel(g))
					}
				}
				nodes = append(nodes, n)
			case local == "edge":
				if len(edges) >= data.MaxLinks {
					return fail("over %d edges, over a board's limit of links", data.MaxLinks)
				}
				line, _ := dec.InputPos()
				e := &edgeState{line: line, edgeDefault: true}
				if len(graphs) > 0 {
					e.edgeDefault = graphs[len(graphs)-1].directed
				}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "id":
						e.id = a.Value
					case "source":
						e.source = a.Value
					case "target":
						e.target = a.Value
					case "directed":
						e.directedAttr = a.Value
					}
				}
				edge = e
			case local == "hyperedge":
				line, _ := dec.InputPos()
				b.Report.Skip("hyperedge at line %d skipped: a link joins two cards", line)
			case local == "data":
				var id string
				for _, a := range t.Attr {
					if a.Name.Local == "key" {
						id = a.Value
					}
				}
				k := keys[id]
				if k == nil {
					k = &key{forWhat: "all", name: strings.ToLower(id)}
				}
				dataKey, dataDepth = k, len(stack)
				dataText.Reset()
				labelText, labelDone = nil, false
			}
		case xml.CharData:
			switch {
			case inDefault:
				appendText(&defText, t)
			case labelText != nil:
				appendText(labelText, t)
			case dataKey != nil && len(stack) == dataDepth:
				appendText(&dataText, t)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return fail("unexpected </%s>", ingest.Clean(t.Name.Local, 40))
			}
			local := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if dataKey != nil {
				if labelText != nil && isLabel(local) {
					if len(nodes) > 0 && edge == nil {
						n := nodes[len(nodes)-1]
						if n.label == "" {
							n.label = strings.TrimSpace(labelText.String())
						}
					} else if edge != nil && edge.label == "" {
						edge.label = strings.TrimSpace(labelText.String())
					}
					labelText, labelDone = nil, true
				}
				if len(stack) == dataDepth-1 && local == "data" {
					text := dataText.String()
					switch {
					case edge != nil:
						edge.apply(dataKey, text)
					case len(nodes) > 0:
						nodes[len(nodes)-1].apply(dataKey, text)
					}
					dataKey = nil
				}
				continue
			}
			switch local {
			case "default":
				if curKey != nil && inDefault {
					curKey.def, curKey.hasDef = defText.String(), true
					if f := curKey.forWhat; f == "node" || f == "all" {
						if len(defaults) < MaxDefaults {
							defaults = append(defaults, curKey)
						} else if len(defaults) == MaxDefaults {
							b.Report.Skip("keys with defaults beyond the first %d are not applied", MaxDefaults)
							defaults = append(defaults, nil) // reported once
						}
					}
				}
				inDefault = false
			case "key":
				curKey = nil
			case "graph":
				if len(graphs) > 0 {
					graphs = graphs[:len(graphs)-1]
				}
			case "node":
				if len(nodes) == 0 {
					continue
				}
				n := nodes[len(nodes)-1]
				nodes = nodes[:len(nodes)-1]
				n.finish(defaults, b.Report)
				if n.group {
					n.asGroup(b)
				}
				if !b.AddCard(n.id, n.what, n.p) {
					continue
				}
				if n.id == "" {
					if len(n.members) > 0 {
						b.Report.Skip("%s: a group with no id; the %d nodes inside it are left out of it", n.what, len(n.members))
					}
					continue
				}
				if n.group {
					groups = append(groups, n)
				}
				for i := len(nodes) - 1; i >= 0; i-- {
					if g := nodes[i]; g.group && g.id == n.p.Group {
						g.members = append(g.members, n.id)
						break
					}
				}
			case "edge":
				if edge != nil {
					edges = append(edges, edge)
					edge = nil
				}
			}
		case xml.Directive:
			// A DOCTYPE: its entities are never expanded (encoding/xml
			// knows only XML's own), so an entity it declares fails where
			// it is used, as an unknown entity.
		}
	}
	if !sawRoot {
		return data.Change{}, nil, ingest.Errorf(name, "not a GraphML file: no <graphml> element")
	}
	if len(stack) > 0 {
		return data.Change{}, nil, ingest.Errorf(name, "the file ends inside <%s>", stack[len(stack)-1])
	}
	for _, g := range groups {
		g.holdMembers(b)
	}
	for _, e := range edges {
		e.finish()
		what := fmt.Sprintf("edge %q (line %d)", ingest.Clean(e.id, 40), e.line)
		if e.id == "" {
			what = fmt.Sprintf("edge at line %d", e.line)
		}
		b.AddLink(e.id, what, e.source, e.target, e.l)
	}
	ch, rep, err := b.Change("Import " + path.Base(name))
	if err != nil {
		return data.Change{}, nil, ingest.Errorf(name, "%v", err)
	}
	return ch, rep, nil
}

// groupMargin is the space a group drawn around its members leaves about
// them, with room for its title above.
const groupMargin = 20

// asGroup makes the finished node n, which holds a graph, a group card:
// folded when yEd has it closed. A group without a usable geometry of its
// own is drawn around those of its members that have one.
func (n *nodeState) asGroup(b *ingest.Builder) {
	c := &n.p.Card
	if c.Kind != data.KindGroup && c.Kind != data.KindNote {
		b.Report.Skip("%s: it holds other nodes, so it is a group, not a card of kind %s", n.what, c.Kind)
	}
	c.Kind = data.KindGroup
	c.Folded = c.Folded || n.folder
	if n.p.Placed {
		return
	}
	var box geom.Rect
	found := false
	for _, id := range n.members {
		m := b.Pending(id)
		if m == nil || !m.Placed {
			continue
		}
		r := geom.Rect{X: m.Card.X, Y: m.Card.Y, W: m.Card.Width, H: m.Card.Height}
		if !found {
			box, found = r, true
		} else {
			box = box.Union(r)
		}
	}
	if !found {
		return
	}
	box = box.Grow(groupMargin)
	box.Y -= groupMargin
	box.H += groupMargin
	c.X, c.Y, c.Width, c.Height = box.X, box.Y, box.W, box.H
	n.p.Placed = true
}

// holdMembers keeps in the group g those of its members that its frame
// holds, as on a board a card is in the group whose frame holds it; any
// other (its geometry unreadable, or drawn outside the frame) is left out
// of the group with a line in the report. A group inside a group is left
// to the Builder, which says groups do not nest.
func (g *nodeState) holdMembers(b *ingest.Builder) {
	gp := b.Pending(g.id)
	if gp == nil {
		return
	}
	frame := geom.Rect{X: gp.Card.X, Y: gp.Card.Y, W: gp.Card.Width, H: gp.Card.Height}
	for _, id := range g.members {
		m := b.Pending(id)
		if m == nil || m.Card.Kind == data.KindGroup || m.Group != g.id {
			continue
		}
		r := geom.Rect{X: m.Card.X, Y: m.Card.Y, W: m.Card.Width, H: m.Card.Height}
		switch {
		case !m.Placed || !gp.Placed:
			b.Report.Skip("card %q: placed below the others, away from its group %q; left out of the group",
				ingest.TitleFrom(m.Card.Title), ingest.TitleFrom(gp.Card.Title))
		case !frame.Contains(r):
			b.Report.Skip("card %q lies outside the frame of its group %q; left out of the group",
				ingest.TitleFrom(m.Card.Title), ingest.TitleFrom(gp.Card.Title))
		default:
			continue
		}
		m.Group = ""
	}
}

func groupLabel(g *nodeState) string {
	if g.label != "" {
		return g.label
	}
	if g.p.Card.Title != "" {
		return g.p.Card.Title
	}
	return "group"
}

func isLabel(local string) bool {
	return local == "NodeLabel" || local == "EdgeLabel" || local == "Label.Text"
}

// readGraphics reads what yEd puts inside a <data>: geometry, fill, label,
// arrows.
func readGraphics(t xml.StartElement, nodes []*nodeState, e *edgeState, label **strings.Builder, labelDone bool) error {
	attr := func(names ...string) (string, bool) {
		for _, a := range t.Attr {
			for _, n := range names {
				if a.Name.Local == n {
					return a.Value, true
				}
			}
		}
		return "", false
	}
	local := t.Name.Local
	if isLabel(local) && !labelDone && *label == nil {
		*label = &strings.Builder{}
		return nil
	}
	if e != nil {
		if local == "Arrows" {
			e.arrows[0], _ = attr("source")
			e.arrows[1], _ = attr("target")
			e.hasArrows = true
		}
		return nil
	}
	if len(nodes) == 0 {
		return nil
	}
	n := nodes[len(nodes)-1]
	switch local {
	case "Geometry", "RectD":
		if n.hasGeo {
			return nil // a group's closed and open realizers: the first is shown
		}
		n.hasGeo = true
		n.geo[0], _ = attr("x", "X")
		n.geo[1], _ = attr("y", "Y")
		n.geo[2], _ = attr("width", "Width")
		n.geo[3], _ = attr("height", "Height")
	case "Fill":
		if n.fill == "" {
			n.fill, _ = attr("color")
		}
	default:
		if v, ok := attr("fill"); ok && n.fill == "" {
			n.fill = v
		}
	}
	return nil
}

// apply takes one <data> of a node.
func (n *nodeState) apply(k *key, text string) {
	if k.yfiles != "" || k.forWhat == "edge" || k.forWhat == "graph" {
		return
	}
	n.seen[k.name] = true
	if strings.TrimSpace(text) == "" {
		return
	}
	if k.name == "x" || k.name == "y" {
		n.ourPos = true
	}
	// Gephi writes a node's colour as three keys, r, g and b.
	if i := strings.Index("rgb", k.name); len(k.name) == 1 && i >= 0 {
		if v, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && v >= 0 && v <= 255 {
			n.rgb[i], n.rgbSet = v, n.rgbSet|1<<i
			return
		}
	}
	if !ingest.SetCardValue(&n.p, k.name, text) {
		n.extra = append(n.extra, k.name+": "+strings.TrimSpace(text))
	}
}

// finish applies key defaults, yEd's graphics, and the title of last
// resort, the node's id.
func (n *nodeState) finish(defaults []*key, rep *ingest.Report) {
	for _, k := range defaults {
		if k != nil && !n.seen[k.name] {
			n.apply(k, k.def)
		}
	}
	c := &n.p.Card
	if !n.ourPos && n.hasGeo {
		bad := false
		for i, dst := range []*float64{&c.X, &c.Y, &c.Width, &c.Height} {
			v, err := strconv.ParseFloat(strings.TrimSpace(n.geo[i]), 64)
			if _, ok := ingest.Number(v); err != nil || !ok {
				bad = true
				continue
			}
			if i >= 2 && !n.seen[[]string{"", "", "width", "height"}[i]] || i < 2 {
				*dst = v
			}
		}
		n.p.Placed = !bad
		if bad {
			rep.Skip("node %q (line %d): its geometry is not numbers; placed below the others", ingest.Clean(n.id, 40), n.line)
		}
	}
	if c.Title == "" {
		c.Title = n.label
	}
	if c.Title == "" {
		c.Title = n.id
	}
	// Our own files say the colour in "color" (none: the kind's); their
	// yEd fill is only for yEd's eyes.
	if c.Color == "" && n.rgbSet == 7 {
		c.Color = fmt.Sprintf("#%02x%02x%02x", n.rgb[0], n.rgb[1], n.rgb[2])
	}
	if c.Color == "" && n.fill != "" && !n.seen["kind"] {
		f := n.fill
		if len(f) == 9 && f[0] == '#' { // yFiles writes #AARRGGBB
			f = "#" + f[3:]
		}
		if col, ok := ingest.NormColor(f); ok {
			c.Color = col
		}
	}
	if len(n.extra) > 0 {
		c.Body = strings.TrimSpace(c.Body + "\n\n" + strings.Join(n.extra, "\n"))
	}
	c.Tags = append(c.Tags, n.tags...)
	if c.Kind == "" {
		c.Kind = data.KindNote
	}
}

// apply takes one <data> of an edge.
func (e *edgeState) apply(k *key, text string) {
	if k.yfiles != "" || k.forWhat == "node" || k.forWhat == "graph" {
		return
	}
	if strings.TrimSpace(text) == "" {
		return
	}
	if k.name == "relation" || k.name == "label" {
		e.hasRelation = true
	}
	if k.name == "directed" {
		e.directedAttr = strings.TrimSpace(text)
		return
	}
	if ingest.SetLinkValue(&e.l, k.name, text) {
		return
	}
	e.extra = append(e.extra, k.name+": "+strings.TrimSpace(text))
}

func (e *edgeState) finish() {
	directed := e.edgeDefault
	if e.hasArrows {
		src, dst := e.arrows[0] != "" && e.arrows[0] != "none", e.arrows[1] != "" && e.arrows[1] != "none"
		directed = src != dst
		if src && !dst {
			e.source, e.target = e.target, e.source
		}
	}
	if v, err := strconv.ParseBool(e.directedAttr); err == nil {
		directed = v
	}
	e.l.Directed = directed
	if !e.hasRelation && e.label != "" {
		e.l.Relation = ingest.Relation(e.label)
	}
	if len(e.extra) > 0 {
		e.l.Note = strings.TrimSpace(e.l.Note + "\n" + strings.Join(e.extra, "\n"))
	}
}

// xmlErr words an encoding/xml error for a person.
func xmlErr(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := se.Msg
		if strings.HasPrefix(msg, "invalid character entity") {
			msg += " (entities other than XML's own are not read)"
		}
		return msg
	}
	return strings.TrimPrefix(err.Error(), "xml: ")
}

// charsetReader reads the one legacy encoding GraphML writers use besides
// UTF-8: ISO-8859-1 (Latin-1), byte for character.
func charsetReader(charset string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "latin1", "latin-1", "l1", "iso_8859-1":
		return &latin1{r: in}, nil
	}
	return nil, fmt.Errorf("the encoding %q is not read; save the file as UTF-8", ingest.Clean(charset, 30))
}

type latin1 struct {
	r   io.Reader
	buf []byte
}

func (l *latin1) Read(p []byte) (int, error) {
	for len(l.buf) == 0 {
		tmp := make([]byte, 4096)
		n, err := l.r.Read(tmp)
		for _, c := range tmp[:n] {
			l.buf = utf8.AppendRune(l.buf, rune(c))
		}
		if err != nil && len(l.buf) == 0 {
			return 0, err
		}
		if n == 0 && err == nil {
			continue
		}
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}
