package board

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// Link metrics.
const (
	linkWidth     = 1.5  // line width in pixels at zoom 1
	labelSize     = 10   // relation label text size at zoom 1
	labelPadX     = 5    // label background margin, board units
	labelPadY     = 2    //
	arrowLen      = 10   // arrowhead length in pixels at zoom 1
	arrowHalf     = 4.5  // arrowhead half width in pixels at zoom 1
	linkHitPixels = 5.0  // how near a link a click must be to hit it
	labelMinZoom  = 0.45 // below this zoom, links have no labels
)

// linkView is the set of canvas objects that draws one link: the line,
// an arrowhead and the relation label. Views are pooled like card views.
// The line and arrowhead (box) are drawn under the cards, the label
// (labelBox) above them, so that a card never hides what a link says.
type linkView struct {
	box      *fyne.Container
	line     *canvas.Line
	head     *canvas.ArbitraryPolygon
	labelBox *fyne.Container
	labelBg  *canvas.Rectangle
	label    *canvas.Text
	dot      *canvas.Circle // the link's status, in the label
	ent      *linkEnt

	// labelR is where the label is drawn, in board units, while labelOn:
	// what a click on the label hits.
	labelR  geom.Rect
	labelOn bool
}

func newLinkView() *linkView {
	v := &linkView{
		line:    canvas.NewLine(colLinkGrey),
		head:    canvas.NewArbitraryPolygon(make([]fyne.Position, 3), colLinkGrey),
		labelBg: canvas.NewRectangle(colLabelBg),
		label:   canvas.NewText("", colInkSoft),
		dot:     canvas.NewCircle(colLinkGrey),
	}
	v.labelBg.CornerRadius = 4
	v.labelBg.StrokeWidth = 1
	v.dot.Hide()
	v.box = &fyne.Container{Objects: []fyne.CanvasObject{v.line, v.head}}
	v.labelBox = &fyne.Container{Objects: []fyne.CanvasObject{v.labelBg, v.dot, v.label}}
	return v
}

// labelWidths caches the width of each relation's label at zoom 1.
var labelWidths = map[string]float64{}

func labelWidth(s string) float64 {
	if w, ok := labelWidths[s]; ok {
		return w
	}
	w := textWidth(s, labelSize, fyne.TextStyle{})
	if len(labelWidths) < 4096 {
		labelWidths[s] = w
	}
	return w
}

// linkState is how a link is drawn besides its geometry.
type linkState struct{ selected, dimmed bool }

// update draws link l as the segment (x1, y1)-(x2, y2) (board units; ok
// false when there is none) at zoom z, with (ax, ay) the board point at
// the world layer's origin; the label sits at fraction at of the way.
func (v *linkView) update(l *data.Link, x1, y1, x2, y2 float64, ok bool, at, ax, ay, z float64, st linkState) {
	v.labelOn = false
	if !ok {
		v.box.Hide()
		v.labelBox.Hide()
		return
	}
	v.box.Show()
	col := relationColor(l.Relation)
	width := float32(math.Max(1, linkWidth*math.Min(z, 1.5)))
	if st.selected {
		col = colSelect
		width += 1.5
	}
	switch {
	case st.dimmed:
		col = withAlpha(col, 0x48)
	case st.selected:
	case z < titleOnlyZoom: // zoomed far out, the cards matter more than the lines
		col = withAlpha(col, 0x80)
	case z < compactZoom:
		col = withAlpha(col, 0xb0)
	}
	sx := func(x float64) float32 { return float32((x - ax) * z) }
	sy := func(y float64) float32 { return float32((y - ay) * z) }
	p1 := fyne.NewPos(sx(x1), sy(y1))
	p2 := fyne.NewPos(sx(x2), sy(y2))
	length := math.Hypot(float64(p2.X-p1.X), float64(p2.Y-p1.Y))

	// The arrowhead's tip is at the To card's edge; the line stops at its base.
	if l.Directed && length > 4 && z >= titleOnlyZoom {
		k := math.Max(0.6, math.Min(z, 1.4))
		al, ah := arrowLen*k, arrowHalf*k
		if al > length*0.6 {
			al, ah = length*0.6, length*0.6*arrowHalf/arrowLen
		}
		ux, uy := float64(p2.X-p1.X)/length, float64(p2.Y-p1.Y)/length
		bx, by := float64(p2.X)-ux*al, float64(p2.Y)-uy*al
		pts := [3][2]float64{
			{float64(p2.X), float64(p2.Y)},
			{bx - uy*ah, by + ux*ah},
			{bx + uy*ah, by - ux*ah},
		}
		minX := math.Min(pts[0][0], math.Min(pts[1][0], pts[2][0]))
		minY := math.Min(pts[0][1], math.Min(pts[1][1], pts[2][1]))
		maxX := math.Max(pts[0][0], math.Max(pts[1][0], pts[2][0]))
		maxY := math.Max(pts[0][1], math.Max(pts[1][1], pts[2][1]))
		if len(v.head.Points) != 3 {
			v.head.Points = make([]fyne.Position, 3)
		}
		for i, p := range pts {
			v.head.Points[i] = fyne.NewPos(float32(p[0]-minX), float32(p[1]-minY))
		}
		v.head.FillColor = col
		v.head.Move(fyne.NewPos(float32(minX), float32(minY)))
		v.head.Resize(fyne.NewSize(float32(maxX-minX), float32(maxY-minY)))
		v.head.Show()
		v.head.Refresh()
		p2 = fyne.NewPos(float32(bx+ux*1), float32(by+uy*1))
	} else {
		v.head.Hide()
	}
	v.line.Position1, v.line.Position2 = p1, p2
	v.line.StrokeColor, v.line.StrokeWidth = col, width
	v.line.Refresh()

	// The label sits on the line (see labelAt), if there is room for it.
	lw := labelBoxText(l)
	if l.Relation == "" || z < labelMinZoom || !labelFits(lw, x2-x1, y2-y1) {
		v.labelBox.Hide()
		return
	}
	v.labelBox.Show()
	bx, by := x1+(x2-x1)*at, y1+(y2-y1)*at
	mx, my := sx(bx), sy(by)
	th := textHeight(labelSize, fyne.TextStyle{})
	v.labelR, v.labelOn = labelRect(lw, bx, by), true
	bw, bh := float32((lw+2*labelPadX)*z), float32((th+2*labelPadY)*z)
	v.labelBg.Move(fyne.NewPos(mx-bw/2, my-bh/2))
	v.labelBg.Resize(fyne.NewSize(bw, bh))
	v.labelBg.StrokeColor = withAlpha(col, 0x90)
	v.labelBg.FillColor = colLabelBg
	if st.dimmed {
		v.labelBg.FillColor = withAlpha(colLabelBg, 0x60)
	}
	v.labelBg.CornerRadius = float32(4 * z)
	v.labelBg.Show()
	v.labelBg.Refresh()
	tx := mx - bw/2 + float32(labelPadX*z)
	if l.Status != data.StatusNone {
		// The link's status: a dot of its colour before the relation.
		d := float32(statusDot * z)
		v.dot.FillColor = statusColor(l.Status)
		if st.dimmed {
			v.dot.FillColor = withAlpha(statusColor(l.Status), 0x60)
		}
		v.dot.Move(fyne.NewPos(tx, my-d/2))
		v.dot.Resize(fyne.NewSize(d, d))
		v.dot.Show()
		v.dot.Refresh()
		tx += float32((statusDot + statusGap) * z)
	} else {
		v.dot.Hide()
	}
	v.label.Move(fyne.NewPos(tx, my-bh/2+float32(labelPadY*z)))
	v.label.Show()
	ink, size := labelInk(col, st), pixelSize(labelSize, z)
	if v.label.Text != l.Relation || v.label.TextSize != size || v.label.Color != ink {
		// Only then: refreshing a text makes the driver render it again.
		v.label.Text, v.label.TextSize, v.label.Color = l.Relation, size, ink
		v.label.Refresh()
	}
}

// The status dot in a link's label, board units at zoom 1.
const (
	statusDot = 6
	statusGap = 4
)

// labelBoxText is the width of what a link's label holds, at zoom 1: the
// relation, and the status dot if the link has a status.
func labelBoxText(l *data.Link) float64 {
	w := labelWidth(l.Relation)
	if l.Status != data.StatusNone {
		w += statusDot + statusGap
	}
	return w
}

// labelFits reports whether a label holding text lw wide fits on a link
// running (dx, dy), all in board units: the label's extent along the line
// (its width on a level line, its height on an upright one) must leave
// room for the arrowhead and a little line.
func labelFits(lw, dx, dy float64) bool {
	l := math.Hypot(dx, dy)
	if l == 0 {
		return false
	}
	bw := lw + 2*labelPadX
	bh := textHeight(labelSize, fyne.TextStyle{}) + 2*labelPadY
	along := math.Abs(dx)/l*bw + math.Abs(dy)/l*bh
	return along+arrowLen+4 <= l
}

// labelRect is the rectangle of a label holding text lw wide centred on
// board point (mx, my), in board units.
func labelRect(lw, mx, my float64) geom.Rect {
	bw := lw + 2*labelPadX
	bh := textHeight(labelSize, fyne.TextStyle{}) + 2*labelPadY
	return geom.Rect{X: mx - bw/2, Y: my - bh/2, W: bw, H: bh}
}

// labelInk is the colour of a link's label text: the line's colour,
// moved towards the ink far enough to be read on the label.
func labelInk(line color.NRGBA, st linkState) color.Color {
	c := onFill(mix(line, colInk, 0.25), opaqueOn(colLabelBg, colBackground))
	if st.dimmed {
		c.A = 0x70
	}
	return c
}

// opaqueOn is the colour c, which may be translucent, drawn on bg.
func opaqueOn(c, bg color.NRGBA) color.NRGBA {
	out := mix(bg, c, float64(c.A)/255)
	out.A = 0xff
	return out
}
