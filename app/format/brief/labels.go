package brief

// This file places the labels of the board's links on free space: never
// over a card (and so never over its text) nor over another label. A label
// that finds no room by its link is replaced by a small number, and the
// numbers are explained in a legend after the drawing.

import (
	"fmt"
	"math"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// labelPad is the room either side of a label's text, in millimetres.
const labelPad = 0.8

// labelGap is the least free space kept between a label and a card or
// another label, in millimetres.
const labelGap = 0.3

// linkSeg is a link as drawn in one view: page coordinates of its ends.
type linkSeg struct {
	link           *data.Link
	x0, y0, x1, y1 float64
	col            string
	drawn          bool // the ends are outside each other's card: a line is drawn
	neutral        bool // dashed: a relation with no stance
}

// placedLabel is a label, or the number standing for it, where it is drawn.
type placedLabel struct {
	r      geom.Rect // on the page, in millimetres
	text   string
	col    string
	size   float64 // points
	number int     // > 0: a legend number, not the label
}

// legendEntry is a label that did not fit by its link.
type legendEntry struct {
	number int
	view   string // "overview", "part A1"
	link   *data.Link
	placed bool // its number is on the drawing
}

// diagramLayout is what placeLabels decided for one view, kept so that a
// test can check the layout the renderer computed.
type diagramLayout struct {
	view   string
	area   geom.Rect
	cards  []geom.Rect
	labels []placedLabel
}

// labelBox is a label or card rectangle filed in a grid.
type labelBox struct{ geom.Spot }

// SpotOf lets a grid file a labelBox.
func (b *labelBox) SpotOf() *geom.Spot { return &b.Spot }

// candidates are where along its link (as a fraction from the start) a
// label is tried, the middle first, and how far to either side of the line
// (in label heights).
var (
	alongLink  = []float64{0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82}
	besideLink = []float64{0, -0.9, 0.9, -1.8, 1.8}
)

// placeLabels finds room for each link's label in the drawing area, off
// every card and every label placed before it; a label that finds none is
// tried as a legend number, which is smaller. size is the labels' size in
// points.
func (d *doc) placeLabels(segs []linkSeg, cards []geom.Rect, ar geom.Rect, size float64, view string) []placedLabel {
	hh := size / ptPerMM * 1.25
	grid := geom.NewGrid[*labelBox](math.Max(8, hh*6))
	for _, c := range cards {
		grid.Insert(&labelBox{}, c)
	}
	free := func(r geom.Rect) bool {
		if !ar.Contains(r) {
			return false
		}
		return grid.QueryUntil(r.Grow(labelGap), func(*labelBox) bool { return false })
	}
	// A legend number, being small, is looked for more widely: all along
	// the link, in the gaps between the cards it passes under.
	var fineAlong []float64
	for t := 0.02; t < 1; t += 0.02 {
		fineAlong = append(fineAlong, t)
	}
	fineBeside := append(append([]float64(nil), besideLink...), -2.7, 2.7, -3.6, 3.6)
	// try looks for room for a box w wide by the segment; ok false if none.
	try := func(sg linkSeg, w float64, fine bool) (geom.Rect, bool) {
		along, beside := alongLink, besideLink
		if fine {
			along, beside = fineAlong, fineBeside
		}
		dx, dy := sg.x1-sg.x0, sg.y1-sg.y0
		n := math.Hypot(dx, dy)
		nx, ny := 0.0, 1.0
		if n > 1e-9 {
			nx, ny = -dy/n, dx/n
		}
		for _, off := range beside {
			for _, t := range along {
				cx := sg.x0 + dx*t + nx*off*hh
				cy := sg.y0 + dy*t + ny*off*hh
				r := geom.Rect{X: cx - w/2, Y: cy - hh/2, W: w, H: hh}
				if free(r) {
					return r, true
				}
			}
		}
		return geom.Rect{}, false
	}
	d.font("sans", "", size)
	out := []placedLabel{}
	for _, sg := range segs {
		text := d.z.line(sg.link.Relation, 40)
		if text == "" {
			continue
		}
		// Only a link whose middle is in this view is labelled here.
		mx, my := (sg.x0+sg.x1)/2, (sg.y0+sg.y1)/2
		if !ar.Has(mx, my) {
			continue
		}
		text = d.fit(text, 40)
		lb := placedLabel{text: text, col: sg.col, size: size}
		r, ok := try(sg, d.width(text)+2*labelPad, false)
		if !ok {
			n := len(d.legend) + 1
			lb.number, lb.text = n, fmt.Sprint(n)
			r, ok = try(sg, d.width(lb.text)+2*labelPad, true)
			d.legend = append(d.legend, legendEntry{number: n, view: view, link: sg.link, placed: ok})
		}
		if !ok {
			continue
		}
		lb.r = r
		grid.Insert(&labelBox{}, r)
		out = append(out, lb)
	}
	d.diagrams = append(d.diagrams, diagramLayout{view: view, area: ar, cards: cards, labels: out})
	return out
}

// labelLegend lists, after the drawing, the links whose labels did not
// fit by them: each under the number drawn in its place.
func (d *doc) labelLegend() {
	if len(d.legend) == 0 {
		return
	}
	d.newLandscape()
	w, _ := d.pageSize()
	y := d.pdf.GetY() - 6
	d.font("sans", "B", 11)
	d.color(ink)
	d.cellAt(marginL, y, w-marginL-marginR, 6, "The board: labels that did not fit", "L", "")
	d.pdf.SetY(y + 9)
	d.para("Where there was no free space by a link for its label, the drawing shows a framed number instead; "+
		"the numbers are explained here. No label is drawn over a card.", stNote, 0)
	d.space(2)
	name := func(id string) string { return d.cardName(d.cd.byID[id], maxShort/4) }
	for _, e := range d.legend {
		l := e.link
		arrow := "—"
		if l.Directed {
			arrow = "→"
		}
		text := fmt.Sprintf("%d  (%s)  %s: %s %s %s", e.number, e.view, d.z.line(l.Relation, 40), name(l.From),
			arrow, name(l.To))
		if !e.placed {
			text += " — no room for the number either"
		}
		d.para(text, stSmall, 0)
	}
}
