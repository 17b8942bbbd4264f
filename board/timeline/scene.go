package timeline

import (
	"image/color"
	"math"
	"sort"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// cullMargin is the margin around the plot, as a share of its width and
// height on each side, within which items keep their objects: the items
// are found again only once the view has left the area last culled, so
// most pan steps only move four containers.
const cullMargin = 0.3

// bucketPx: of the items of one lane that start within the same bucketPx
// pixels, only the first is drawn (and any selected one): zoomed out over
// ten thousand cards, a lane is a row of dots, not ten thousand objects.
const bucketPx = 4

// labelRoomMax is the widest a label is drawn; labelRoomMin the narrowest
// worth drawing.
const (
	labelRoomMax = 260
	labelRoomMin = 24
)

// itemView is the canvas objects of one item in view.
type itemView struct {
	bar    *canvas.Rectangle
	label  *canvas.Text
	marker bool // a day drawn as a dot, filled
}

// scene holds the timeline's canvas objects and decides which items have
// them.
type scene struct {
	t *Timeline

	bg       *canvas.Rectangle
	stripes  *fyne.Container // moves with the rows (y only)
	grid     *fyne.Container // moves with time (x only)
	world    *fyne.Container // the items: moves with both
	axisBg   *canvas.Rectangle
	axisRule *canvas.Rectangle
	axis     *fyne.Container // tick labels: x only
	sticky   *canvas.Text    // the month or year at the axis's left edge
	gutBg    *canvas.Rectangle
	gutRule  *canvas.Rectangle
	gutter   *fyne.Container // row labels: y only
	corner   *canvas.Rectangle
	buttons  *fyne.Container
	empty    *canvas.Text
	objects  []fyne.CanvasObject

	// The world layer's origin is time ax at content y 0: items are placed
	// relative to it, so a pan moves the layer and nothing else.
	ax float64
	u  unit

	// The area whose items have objects: times cA–cB, content y yA–yB.
	cA, cB    float64
	yA, yB    float32
	hasCulled bool
	epoch     uint32

	live     []*item
	free     []*itemView
	tickObjs []*canvas.Rectangle
	tickText []*canvas.Text
	majors   []*canvas.Text // the tick labels naming a month or a year, in use
	rowObjs  []*canvas.Rectangle
	rowText  []*canvas.Text

	col palette
}

// palette is the theme's colours as the timeline uses them, read again
// when the theme changes.
type palette struct {
	bg, fg, faint, sep, stripe, header, primary color.Color
}

func (s *scene) readPalette() {
	w := fyne.Widget(s.t)
	c := func(n fyne.ThemeColorName) color.Color { return theme.ColorForWidget(n, w) }
	fg := c(theme.ColorNameForeground)
	r, g, b, _ := fg.RGBA()
	s.col = palette{
		bg: c(theme.ColorNameBackground), fg: fg, faint: c(theme.ColorNamePlaceHolder),
		sep:     color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x30},
		stripe:  color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x0c},
		header:  c(theme.ColorNameHeaderBackground),
		primary: c(theme.ColorNamePrimary),
	}
}

func newScene(t *Timeline) *scene {
	s := &scene{
		t:        t,
		bg:       canvas.NewRectangle(color.Transparent),
		stripes:  &fyne.Container{},
		grid:     &fyne.Container{},
		world:    &fyne.Container{},
		axisBg:   canvas.NewRectangle(color.Transparent),
		axisRule: canvas.NewRectangle(color.Transparent),
		axis:     &fyne.Container{},
		sticky:   canvas.NewText("", color.Black),
		gutBg:    canvas.NewRectangle(color.Transparent),
		gutRule:  canvas.NewRectangle(color.Transparent),
		gutter:   &fyne.Container{},
		corner:   canvas.NewRectangle(color.Transparent),
		empty:    canvas.NewText("No card on this board has a date: give an event a date in the inspector", color.Black),
	}
	s.sticky.TextStyle.Bold = true
	s.sticky.TextSize = labelSize
	s.empty.TextSize = 13
	s.empty.Alignment = fyne.TextAlignCenter
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { t.ZoomBy(1 / 1.5) })
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { t.ZoomBy(1.5) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), t.FitAll)
	for _, b := range []*widget.Button{zoomOut, zoomIn, fit} {
		b.Importance = widget.LowImportance
	}
	s.buttons = container.NewHBox(zoomOut, zoomIn, fit)
	return s
}

// renderer is the timeline's fyne.WidgetRenderer; the objects live in the
// scene, so a renderer made again draws the same ones.
type renderer struct{ t *Timeline }

func (r *renderer) Destroy() {}

// MinSize is room for the row labels and a little time: the undated list
// is left out below its own width and the plot's, so the timeline never
// makes the window wider.
func (r *renderer) MinSize() fyne.Size { return fyne.NewSize(gutterW+80, axisH+laneH+2*rowPad) }

func (r *renderer) Objects() []fyne.CanvasObject {
	s := r.t.sc
	if s.objects == nil {
		s.objects = []fyne.CanvasObject{s.bg, s.stripes, s.grid, s.world, s.axisBg, s.axis, s.axisRule,
			s.sticky, s.gutBg, s.gutter, s.gutRule, s.corner, s.buttons, s.empty, r.t.ud.object()}
		s.objects = append(s.objects, r.t.tip.objects()...)
	}
	return s.objects
}

// Layout fits the scene to the widget's new size.
func (r *renderer) Layout(size fyne.Size) {
	t := r.t
	if size == t.v.size && t.sc.hasCulled {
		return
	}
	t.v.size = size
	t.sc.layout()
}

// layout places the fixed parts (axis, gutter, undated list) for the
// widget's size and draws the rest again.
func (s *scene) layout() {
	t := s.t
	size := t.v.size
	ps := t.plotSize()
	s.bg.Resize(size)
	s.axisBg.Move(fyne.NewPos(gutterW, 0))
	s.axisBg.Resize(fyne.NewSize(ps.Width, axisH))
	s.axisRule.Move(fyne.NewPos(gutterW, axisH-1))
	s.axisRule.Resize(fyne.NewSize(ps.Width, 1))
	s.sticky.Move(fyne.NewPos(gutterW+4, 3))
	s.gutBg.Move(fyne.NewPos(0, axisH))
	s.gutBg.Resize(fyne.NewSize(gutterW, ps.Height))
	s.gutRule.Move(fyne.NewPos(gutterW-1, 0))
	s.gutRule.Resize(fyne.NewSize(1, size.Height))
	s.corner.Resize(fyne.NewSize(gutterW-1, axisH-1))
	bs := s.buttons.MinSize()
	s.buttons.Resize(bs)
	s.buttons.Move(fyne.NewPos(4, (axisH-bs.Height)/2))
	s.empty.Move(fyne.NewPos(gutterW, axisH+ps.Height/2-10))
	s.empty.Resize(fyne.NewSize(ps.Width, 20))
	t.ud.layout(fyne.NewPos(size.Width-undatedW, 0), fyne.NewSize(undatedW, size.Height))
	if t.v.fitDue && len(t.tl.Dated) > 0 {
		t.FitAll()
		return
	}
	t.v.clampTop(t.contentHeight(), ps.Height)
	s.rebuild()
}

// Refresh draws everything again in the theme's colours.
func (r *renderer) Refresh() {
	r.t.sc.rebuild()
	r.t.ud.refresh()
}

// rebuild places every object again after the zoom, the size, the model
// or the theme changed.
func (s *scene) rebuild() {
	t := s.t
	if t.v.size.IsZero() {
		return
	}
	s.readPalette()
	s.bg.FillColor = s.col.bg
	s.axisBg.FillColor, s.gutBg.FillColor, s.corner.FillColor = s.col.header, s.col.header, s.col.header
	s.axisRule.FillColor, s.gutRule.FillColor = s.col.sep, s.col.sep
	s.sticky.Color = s.col.fg
	s.empty.Color = s.col.faint
	s.empty.Hidden = len(t.tl.Dated) > 0
	for _, o := range []fyne.CanvasObject{s.bg, s.axisBg, s.gutBg, s.corner, s.axisRule, s.gutRule, s.sticky, s.empty} {
		o.Refresh()
	}
	s.u = unitFor(t.v.pps)
	s.ax = t.v.left - float64(t.plotSize().Width)*cullMargin/t.v.pps
	s.cull(true)
	for _, it := range s.live {
		s.place(it)
	}
	s.moveLayers()
}

// panned moves the layers after the view moved, and finds the items that
// came into view once the view leaves the area last culled.
func (s *scene) panned() {
	t := s.t
	if t.v.size.IsZero() {
		return
	}
	if math.Abs((s.ax-t.v.left)*t.v.pps) > 1e6 { // keep float32 positions small
		s.rebuild()
		return
	}
	s.cull(false)
	s.moveLayers()
}

func (s *scene) moveLayers() {
	t := s.t
	x := t.xOf(s.ax)
	y := axisH - t.v.top
	s.world.Move(fyne.NewPos(x, y))
	s.grid.Move(fyne.NewPos(x, axisH))
	s.axis.Move(fyne.NewPos(x, 0))
	s.stripes.Move(fyne.NewPos(0, y))
	s.gutter.Move(fyne.NewPos(0, y))
	s.updateSticky()
	t.tip.hide() // the card under the pointer has moved away
}

// updateSticky names the month (or year) at the axis's left edge, unless
// the label of the next one is about to take its place; a period's own
// label cut by the row labels is hidden, so no half word shows.
func (s *scene) updateSticky() {
	t := s.t
	base := t.xOf(s.ax)
	label := majorOf(s.u, t.v.left)
	reach := gutterW + float32(len(label))*8 + 16
	for _, tx := range s.majors {
		x := base + tx.Position().X
		if cut := x < gutterW+2; cut != tx.Hidden {
			tx.Hidden = cut
			tx.Refresh()
		}
		if !tx.Hidden && x < reach {
			label = ""
		}
	}
	if s.sticky.Text != label {
		s.sticky.Text = label
		s.sticky.Refresh()
	}
}

// cull gives objects to the items that meet the view plus the margin and
// takes them back from those that left it. Unless force is set, it does
// nothing while the view is still inside the area last culled.
func (s *scene) cull(force bool) {
	t := s.t
	ps := t.plotSize()
	right := t.v.left + float64(ps.Width)/t.v.pps
	if !force && s.hasCulled && t.v.left >= s.cA && right <= s.cB &&
		t.v.top >= s.yA && t.v.top+ps.Height <= s.yB {
		return
	}
	mx := float64(ps.Width) * cullMargin / t.v.pps
	my := ps.Height * cullMargin
	s.cA, s.cB = t.v.left-mx, right+mx
	s.yA, s.yB = t.v.top-my, t.v.top+ps.Height+my
	s.hasCulled = true
	s.epoch++
	ep := s.epoch
	// An item starting a little before the area may still reach into it
	// with its label.
	from := s.cA - labelRoomMax/t.v.pps
	bucket := bucketPx / t.v.pps
	first := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].y+t.rows[i].h >= s.yA })
	for ri := first; ri < len(t.rows) && t.rows[ri].y <= s.yB; ri++ {
		for _, lane := range t.rows[ri].lanes {
			i := sort.Search(len(lane), func(i int) bool { return lane[i].end >= from })
			for ; i < len(lane) && lane[i].start <= s.cB; i++ {
				it := lane[i]
				if i > 0 && math.Floor(lane[i-1].start/bucket) == math.Floor(it.start/bucket) && !t.sel[it.e.Card.ID] {
					continue // drawn by the item before it
				}
				it.seen = ep
				if it.view == nil {
					s.acquire(it)
				}
			}
		}
	}
	for i := 0; i < len(s.live); {
		if it := s.live[i]; it.seen != ep {
			s.release(it, i)
			continue
		}
		i++
	}
	s.drawTicks()
	s.drawRows(first)
}

// acquire gives item it objects from the pool and places them.
func (s *scene) acquire(it *item) {
	var v *itemView
	if n := len(s.free); n > 0 {
		v, s.free = s.free[n-1], s.free[:n-1]
	} else {
		v = &itemView{bar: canvas.NewRectangle(color.Transparent), label: canvas.NewText("", color.Black)}
		v.label.TextSize = labelSize
		s.world.Objects = append(s.world.Objects, v.bar, v.label)
	}
	it.view = v
	s.live = append(s.live, it)
	s.place(it)
}

// release takes item it's objects back; it is live item i.
func (s *scene) release(it *item, i int) {
	v := it.view
	v.bar.Hide()
	v.label.Hide()
	it.view = nil
	s.free = append(s.free, v)
	last := len(s.live) - 1
	s.live[i] = s.live[last]
	s.live = s.live[:last]
}

// releaseAll takes every item's objects back, before the items are made
// again from a new model.
func (s *scene) releaseAll() {
	for len(s.live) > 0 {
		s.release(s.live[len(s.live)-1], len(s.live)-1)
	}
	s.hasCulled = false
}

// geometry is where item it is drawn, relative to the world layer: its
// bar or marker, and where its label starts.
func (s *scene) geometry(it *item) (pos fyne.Position, size fyne.Size, labelX float32, marker bool) {
	pps := s.t.v.pps
	x0 := float32((it.start - s.ax) * pps)
	x1 := float32((it.end - s.ax) * pps)
	y := it.row.y + rowPad + float32(it.lane)*laneH
	if it.day && x1-x0 < markerW+2 {
		mid := (x0 + x1) / 2
		return fyne.NewPos(mid-markerW/2, y+(laneH-markerW)/2), fyne.NewSize(markerW, markerW), mid + markerW/2 + 4, true
	}
	w := max(x1-x0, markerW)
	const barH = laneH - 6
	pos, size = fyne.NewPos(x0, y+(laneH-barH)/2), fyne.NewSize(w, barH)
	if w >= 60 {
		return pos, size, x0 + 6, false
	}
	return pos, size, x0 + w + 4, false
}

// place draws item it where it belongs, in its colours.
func (s *scene) place(it *item) {
	v := it.view
	pos, size, lx, marker := s.geometry(it)
	v.bar.Move(pos)
	v.bar.Resize(size)
	v.marker = marker
	if marker {
		v.bar.CornerRadius = markerW / 2
	} else {
		v.bar.CornerRadius = 3
	}
	// The label runs to the next item in the lane.
	room := float32(labelRoomMax)
	lane := it.row.lanes[it.lane]
	if i := sort.Search(len(lane), func(i int) bool { return lane[i].start > it.start }); i < len(lane) {
		room = min(room, float32((lane[i].start-s.ax)*s.t.v.pps)-lx-6)
	}
	v.label.Move(fyne.NewPos(lx, pos.Y+size.Height/2-labelSize*0.65))
	v.label.Text = ""
	if room >= labelRoomMin {
		v.label.Text = fit(shown(it.e.Card.Title), room)
	}
	v.bar.Show()
	v.label.Hidden = v.label.Text == ""
	s.restyle(it)
}

// restyle colours item it by its kind and whether it is selected.
func (s *scene) restyle(it *item) {
	v := it.view
	if v == nil {
		return
	}
	accent := data.ColorOr(it.e.Card.Kind.AccentColor(), "#5f6368")
	if v.marker {
		v.bar.FillColor = accent
	} else {
		v.bar.FillColor = color.NRGBA{R: accent.R, G: accent.G, B: accent.B, A: 0x60}
	}
	v.bar.StrokeColor, v.bar.StrokeWidth = accent, 1
	v.label.Color = s.col.fg
	v.label.TextStyle.Bold = false
	if s.t.sel[it.e.Card.ID] {
		// The bar says it is selected; the label stays in the text colour
		// (the primary colour over a kind's colour reads poorly) but bold.
		v.bar.StrokeColor, v.bar.StrokeWidth = s.col.primary, 2.5
		v.label.TextStyle.Bold = true
	}
	v.bar.Refresh()
	v.label.Refresh()
}

// rebuildIfHidden culls again when a card newly selected has an item in
// the area that is not drawn (one of many in a few pixels): a selected
// item is always drawn.
func (s *scene) rebuildIfHidden(ids []string) {
	for _, id := range ids {
		for _, it := range s.t.byCard[id] {
			if it.view == nil && s.t.sel[id] && it.end >= s.cA && it.start <= s.cB &&
				it.row.y+it.row.h >= s.yA && it.row.y <= s.yB {
				s.cull(true)
				return
			}
		}
	}
}

// shown is a card's text as a label shows it: at most a few hundred bytes
// of it (a title may hold a megabyte, and a label shows a line), with
// controls marked (data.Visible).
func shown(s string) string {
	const most = 400
	if len(s) > most {
		cut := most
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return data.Visible(s)
}

// fit cuts text to about room pixels at labelSize, with an ellipsis: an
// estimate from the character count, as measuring every label of a pan
// would cost more than drawing it.
func fit(text string, room float32) string {
	const charW = labelSize * 0.56
	n := int(room / charW)
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	if n < 2 {
		return ""
	}
	i, count := 0, 0
	for j := range text {
		if count == n-1 {
			i = j
			break
		}
		count++
	}
	return text[:i] + "…"
}

// drawTicks makes the axis's ticks and grid lines over the culled area.
func (s *scene) drawTicks() {
	t := s.t
	ts := ticks(s.u, s.cA, s.cB)
	h := t.plotSize().Height
	for len(s.tickObjs) < len(ts) {
		r := canvas.NewRectangle(color.Transparent)
		major := canvas.NewText("", color.Black)
		minor := canvas.NewText("", color.Black)
		major.TextSize, minor.TextSize = labelSize, labelSize-1
		major.TextStyle.Bold = true
		s.tickObjs = append(s.tickObjs, r)
		s.tickText = append(s.tickText, major, minor)
		s.grid.Objects = append(s.grid.Objects, r)
		s.axis.Objects = append(s.axis.Objects, major, minor)
	}
	s.majors = s.majors[:0]
	for i, r := range s.tickObjs {
		major, minor := s.tickText[2*i], s.tickText[2*i+1]
		if i >= len(ts) {
			r.Hide()
			major.Hide()
			minor.Hide()
			continue
		}
		tk := ts[i]
		x := float32((tk.at - s.ax) * t.v.pps)
		r.Move(fyne.NewPos(x, 0))
		r.Resize(fyne.NewSize(1, h))
		r.FillColor = s.col.sep
		if tk.major {
			r.Resize(fyne.NewSize(1.5, h))
		}
		r.Show()
		r.Refresh()
		minor.Text, minor.Color = tk.label, s.col.faint
		minor.Move(fyne.NewPos(x+3, axisH-labelSize-8))
		minor.Show()
		minor.Refresh()
		major.Text, major.Color = tk.majorLabel, s.col.fg
		major.Move(fyne.NewPos(x+3, 3))
		major.Hidden = !tk.major
		if tk.major {
			s.majors = append(s.majors, major)
		}
		major.Refresh()
	}
}

// drawRows makes the stripes, theme lines and labels of the rows in the
// culled area, from row first on.
func (s *scene) drawRows(first int) {
	t := s.t
	n := 0
	partyAccent := data.ColorOr(data.KindParty.AccentColor(), "#5f6368")
	w := t.v.size.Width
	for ri := first; ri < len(t.rows) && t.rows[ri].y <= s.yB; ri++ {
		r := t.rows[ri]
		if len(s.rowObjs) < 2*(n+1) {
			stripe, line := canvas.NewRectangle(color.Transparent), canvas.NewRectangle(color.Transparent)
			label := canvas.NewText("", color.Black)
			label.TextSize = labelSize
			s.rowObjs = append(s.rowObjs, stripe, line)
			s.rowText = append(s.rowText, label)
			s.stripes.Objects = append(s.stripes.Objects, stripe, line)
			s.gutter.Objects = append(s.gutter.Objects, label)
		}
		stripe, line, label := s.rowObjs[2*n], s.rowObjs[2*n+1], s.rowText[n]
		stripe.Move(fyne.NewPos(0, r.y))
		stripe.Resize(fyne.NewSize(w, r.h))
		stripe.FillColor = color.Transparent
		if ri%2 == 1 {
			stripe.FillColor = s.col.stripe
		}
		lineY := r.y + rowPad + laneH/2 - 1
		line.Move(fyne.NewPos(gutterW, lineY))
		line.Resize(fyne.NewSize(w-gutterW, 2))
		label.Text = fit(r.label, gutterW-20)
		label.Move(fyne.NewPos(10, r.y+rowPad+(laneH-labelSize)/2-2))
		if r.party != nil {
			line.FillColor = color.NRGBA{R: partyAccent.R, G: partyAccent.G, B: partyAccent.B, A: 0x70}
			label.Color, label.TextStyle.Italic = s.col.fg, false
		} else {
			line.FillColor = s.col.sep
			label.Color, label.TextStyle.Italic = s.col.faint, true
		}
		for _, o := range []fyne.CanvasObject{stripe, line, label} {
			o.Show()
			o.Refresh()
		}
		n++
	}
	for i := n; i < len(s.rowText); i++ {
		s.rowObjs[2*i].Hide()
		s.rowObjs[2*i+1].Hide()
		s.rowText[i].Hide()
	}
}
