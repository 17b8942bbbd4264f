package graphml

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
)

// keyType is the GraphML attr.type of each of our fields.
func keyType(name string) string {
	switch name {
	case "x", "y", "width", "height":
		return "double"
	case "credibility":
		return "int"
	case "directed", "folded":
		return "boolean"
	}
	return "string"
}

// Export writes m as GraphML to w: one key per field of ours ("n_kind",
// "e_relation", …), yEd's node and edge graphics, and every card and link
// with the fields that are not empty. Coordinates are written in full, so
// that our own import gets them back exactly.
func Export(w io.Writer, m *data.Model) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	esc := func(s string) string {
		var sb strings.Builder
		xml.EscapeText(&sb, []byte(s))
		return sb.String()
	}
	p(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	p(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">` + "\n")
	p("  <!-- Written by Evidence Board: %s -->\n", strings.ReplaceAll(esc(m.Board.Title), "--", "- -"))
	for _, f := range ingest.CardFields {
		p(`  <key id="n_%s" for="node" attr.name="%s" attr.type="%s"/>`+"\n", f, f, keyType(f))
	}
	p(`  <key id="ng" for="node" yfiles.type="nodegraphics"/>` + "\n")
	for _, f := range ingest.LinkFields {
		p(`  <key id="e_%s" for="edge" attr.name="%s" attr.type="%s"/>`+"\n", f, f, keyType(f))
	}
	p(`  <key id="eg" for="edge" yfiles.type="edgegraphics"/>` + "\n")
	p(`  <graph id="G" edgedefault="directed">` + "\n")
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, c := range m.SortedCards() {
		p(`    <node id="%s">`+"\n", esc(c.ID))
		for _, f := range ingest.CardFields {
			if v := ingest.CardValue(c, f); v != "" {
				p(`      <data key="n_%s">%s</data>`+"\n", f, esc(v))
			}
		}
		fill := c.Color
		if fill == "" {
			fill = c.Kind.DefaultColor()
		}
		p(`      <data key="ng"><y:ShapeNode><y:Geometry x="%s" y="%s" width="%s" height="%s"/>`+
			`<y:Fill color="%s" transparent="false"/><y:BorderStyle color="%s" type="line" width="1.0"/>`+
			`<y:NodeLabel>%s</y:NodeLabel><y:Shape type="roundrectangle"/></y:ShapeNode></data>`+"\n",
			num(c.X), num(c.Y), num(c.Width), num(c.Height), fill, c.Kind.AccentColor(), esc(c.Title))
		p("    </node>\n")
	}
	links := make([]*data.Link, 0, len(m.Links))
	for _, l := range m.Links {
		if m.Cards[l.From] != nil && m.Cards[l.To] != nil {
			links = append(links, l)
		}
	}
	sort.Slice(links, func(i, j int) bool { return links[i].ID < links[j].ID })
	for _, l := range links {
		p(`    <edge id="%s" source="%s" target="%s" directed="%t">`+"\n", esc(l.ID), esc(l.From), esc(l.To), l.Directed)
		for _, f := range ingest.LinkFields {
			if v := ingest.LinkValue(l, f); v != "" {
				p(`      <data key="e_%s">%s</data>`+"\n", f, esc(v))
			}
		}
		target := "none"
		if l.Directed {
			target = "standard"
		}
		p(`      <data key="eg"><y:PolyLineEdge><y:Arrows source="none" target="%s"/><y:EdgeLabel>%s</y:EdgeLabel></y:PolyLineEdge></data>`+"\n",
			target, esc(l.Relation))
		p("    </edge>\n")
	}
	p("  </graph>\n</graphml>\n")
	return bw.Flush()
}
