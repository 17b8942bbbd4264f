// Package gexf writes GEXF 1.2 (gexf.net), Gephi's own format: each card a
// node with its fields as attributes, its position, size and colour in the
// viz module, and, when it is dated, a spell over its date so that Gephi's
// timeline shows it from that day (or month, or year) on.
package gexf

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
)

// FormatName is the format as a person reads it.
const FormatName = "GEXF"

// attrType is the GEXF type of each of our fields.
func attrType(name string) string {
	switch name {
	case "x", "y", "width", "height":
		return "double"
	case "credibility":
		return "integer"
	case "directed", "folded":
		return "boolean"
	}
	return "string"
}

// Spell turns a card's date ("2018-04-06", "2018-04" or "2018") into the
// first and last day it covers; ok is false for any other text.
func Spell(date string) (start, end string, ok bool) {
	date = strings.TrimSpace(date)
	for _, f := range []struct {
		layout string
		add    func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if t, err := time.Parse(f.layout, date); err == nil {
			return t.Format("2006-01-02"), f.add(t).Format("2006-01-02"), true
		}
	}
	return "", "", false
}

// Export writes m as GEXF 1.2 to w. Gephi's y axis points up and ours
// down, so y is negated; positions are the cards' centres, as Gephi's are.
func Export(w io.Writer, m *data.Model) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	esc := func(s string) string {
		var sb strings.Builder
		xml.EscapeText(&sb, []byte(s))
		return sb.String()
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	modified := m.Board.Updated
	if modified.IsZero() {
		modified = m.Board.Created
	}
	p(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	p(`<gexf xmlns="http://gexf.net/1.2" xmlns:viz="http://gexf.net/1.2/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.2 http://gexf.net/1.2/gexf.xsd" version="1.2">` + "\n")
	p("  <meta")
	if !modified.IsZero() {
		p(` lastmodifieddate="%s"`, modified.UTC().Format("2006-01-02"))
	}
	p(">\n    <creator>Evidence Board</creator>\n    <description>%s</description>\n  </meta>\n", esc(m.Board.Title))
	p(`  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">` + "\n")
	p(`    <attributes class="node" mode="static">` + "\n")
	for _, f := range ingest.CardFields {
		p(`      <attribute id="%s" title="%s" type="%s"/>`+"\n", f, f, attrType(f))
	}
	p("    </attributes>\n")
	p(`    <attributes class="edge" mode="static">` + "\n")
	for _, f := range ingest.LinkFields {
		p(`      <attribute id="%s" title="%s" type="%s"/>`+"\n", f, f, attrType(f))
	}
	p("    </attributes>\n    <nodes>\n")
	for _, c := range m.SortedCards() {
		p(`      <node id="%s" label="%s"`, esc(c.ID), esc(c.Title))
		if start, end, ok := Spell(c.Date); ok {
			p(`>`+"\n"+`        <spells><spell start="%s" end="%s"/></spells>`+"\n", start, end)
		} else {
			p(">\n")
		}
		p("        <attvalues>\n")
		for _, f := range ingest.CardFields {
			if v := ingest.CardValue(c, f); v != "" {
				p(`          <attvalue for="%s" value="%s"/>`+"\n", f, escAttr(v))
			}
		}
		p("        </attvalues>\n")
		col := c.Color
		if col == "" {
			col = c.Kind.DefaultColor()
		}
		r, g, bl := rgb(col)
		p(`        <viz:color r="%d" g="%d" b="%d"/>`+"\n", r, g, bl)
		p(`        <viz:position x="%s" y="%s" z="0"/>`+"\n", num(c.X+c.Width/2), num(-(c.Y + c.Height/2)))
		p(`        <viz:size value="%s"/>`+"\n", num(c.Width/10))
		p(`        <viz:shape value="square"/>` + "\n")
		p("      </node>\n")
	}
	p("    </nodes>\n    <edges>\n")
	links := make([]*data.Link, 0, len(m.Links))
	for _, l := range m.Links {
		if m.Cards[l.From] != nil && m.Cards[l.To] != nil {
			links = append(links, l)
		}
	}
	sort.Slice(links, func(i, j int) bool { return links[i].ID < links[j].ID })
	for _, l := range links {
		typ := "directed"
		if !l.Directed {
			typ = "undirected"
		}
		p(`      <edge id="%s" source="%s" target="%s" type="%s" label="%s">`+"\n", esc(l.ID), esc(l.From), esc(l.To), typ, escAttr(l.Relation))
		p("        <attvalues>\n")
		for _, f := range ingest.LinkFields {
			if v := ingest.LinkValue(l, f); v != "" {
				p(`          <attvalue for="%s" value="%s"/>`+"\n", f, escAttr(v))
			}
		}
		p("        </attvalues>\n      </edge>\n")
	}
	p("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}

// escAttr escapes text for an attribute value; xml.EscapeText already
// escapes quotes, tabs and line breaks, so values keep them.
func escAttr(s string) string {
	var sb strings.Builder
	xml.EscapeText(&sb, []byte(s))
	return sb.String()
}

func rgb(hex string) (r, g, b uint8) {
	if len(hex) != 7 {
		return 128, 128, 128
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 128, 128, 128
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v)
}
