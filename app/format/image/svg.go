package image

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"evidenceboard/data"
)

// SVG writes m as an SVG picture to w, in board units (1 unit = 1 px at
// 100%).
func SVG(w io.Writer, m *data.Model) error {
	if err := loadFonts(); err != nil {
		return err
	}
	drawMu.Lock()
	defer drawMu.Unlock()
	lay := newLayout(m)
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	n := func(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
	esc := func(s string) string {
		var sb strings.Builder
		xml.EscapeText(&sb, []byte(s))
		return sb.String()
	}
	p(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="%s %s %s %s" font-family="DejaVu Sans, Verdana, sans-serif">`+"\n",
		n(lay.w), n(lay.h), n(lay.minX), n(lay.minY), n(lay.w), n(lay.h))
	p("<title>%s</title>\n", esc(m.Board.Title))
	p(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", n(lay.minX), n(lay.minY), n(lay.w), n(lay.h), background)
	p(`<g id="groups">` + "\n")
	for _, c := range lay.frames {
		svgCard(p, n, esc, c)
	}
	p("</g>\n")
	p(`<g id="links" stroke-width="1.5" fill="none">` + "\n")
	for _, l := range lay.links {
		dash := ""
		if l.dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"%s/>`+"\n", n(l.x0), n(l.y0), n(l.x1), n(l.y1), l.color, dash)
		if l.directed {
			pts := arrow(l.x0, l.y0, l.x1, l.y1, 10)
			p(`<polygon points="%s,%s %s,%s %s,%s" fill="%s" stroke="none"/>`+"\n",
				n(pts[0]), n(pts[1]), n(pts[2]), n(pts[3]), n(pts[4]), n(pts[5]), l.color)
		}
	}
	p("</g>\n<g id=\"cards\">\n")
	for _, c := range lay.cards {
		svgCard(p, n, esc, c)
	}
	p("</g>\n<g id=\"labels\">\n")
	for _, l := range lay.links {
		if l.label == "" {
			continue
		}
		tw := width(l.label, false, labelSize)
		mx, my := (l.x0+l.x1)/2, (l.y0+l.y1)/2
		h := labelSize * 1.4
		p(`<rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="#ffffff" fill-opacity="0.9"/>`, n(mx-tw/2-3), n(my-h/2), n(tw+6), n(h), n(h/3))
		p(`<text x="%s" y="%s" font-size="%s" fill="%s" text-anchor="middle">%s</text>`+"\n", n(mx), n(my+labelSize*0.35), n(labelSize), l.color, esc(l.label))
	}
	p("</g>\n</svg>\n")
	return bw.Flush()
}

// arrow is the triangle of an arrow head at (x1, y1) pointing away from
// (x0, y0): tip, then the two back corners.
func arrow(x0, y0, x1, y1, size float64) [6]float64 {
	dx, dy := x1-x0, y1-y0
	d := math.Hypot(dx, dy)
	if d < 1e-9 {
		return [6]float64{x1, y1, x1, y1, x1, y1}
	}
	ux, uy := dx/d, dy/d
	bx, by := x1-ux*size, y1-uy*size
	px, py := -uy*size*0.45, ux*size*0.45
	return [6]float64{x1, y1, bx + px, by + py, bx - px, by - py}
}

// svgCard writes a card (or a group's frame) with its text.
func svgCard(p func(string, ...any), n func(float64) string, esc func(string) string, c cardShape) {
	r := math.Min(radius, math.Min(c.w, c.h)/4)
	p(`<g><rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s" stroke="%s" stroke-width="1.2"/>`,
		n(c.x), n(c.y), n(c.w), n(c.h), n(r), c.fill, c.accent)
	p(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, n(c.x+r*0.6), n(c.y), n(math.Max(0, c.w-r*1.2)), n(strip), c.accent)
	for _, t := range c.lines {
		weight := ""
		if t.bold {
			weight = ` font-weight="bold"`
		}
		p(`<text x="%s" y="%s" font-size="%s"%s fill="%s">%s</text>`, n(t.x), n(t.y), n(t.size), weight, t.color, esc(t.text))
	}
	p("</g>\n")
}
