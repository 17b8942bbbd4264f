package timeline

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
)

// Zoom limits, in pixels per day: from ten thousand years across a wide
// window to a day as wide as the window.
const (
	MinZoom = 1e-4
	MaxZoom = 2000
)

const day = 86400.0 // seconds

// The years a date can have (data.Date: 1 to 9999), in seconds: the view
// does not pan far past them.
var (
	firstSecond = float64(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
	lastSecond  = float64(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
)

// view is where the timeline looks: the time at the plot's left edge, the
// scale, and how far down the rows it is scrolled.
type view struct {
	left   float64 // seconds since 1970 UTC at the plot's left edge
	pps    float64 // pixels per second
	top    float32 // the content pixel at the plot's top
	size   fyne.Size
	fitted bool // fitted to a model once; later models keep the view
	// fitDue: FitAll was asked for before the widget had room, or was the
	// last thing done to the view: it fits again when the size changes,
	// until the person pans or zooms.
	fitDue bool
}

func newView() view {
	// Before any model: the last two years to today.
	now := float64(time.Now().Unix())
	return view{left: now - 2*365*day, pps: 0.5 / day}
}

func (v *view) clampTop(content, plotH float32) {
	v.top = max(0, min(v.top, content-plotH+laneH))
}

// plotSize is the size of the area the items are drawn in.
func (t *Timeline) plotSize() fyne.Size {
	w := t.v.size.Width - gutterW
	if t.ud.shown() {
		w -= undatedW
	}
	return fyne.NewSize(max(0, w), max(0, t.v.size.Height-axisH))
}

// xOf is the widget x at which time s is drawn.
func (t *Timeline) xOf(s float64) float32 { return gutterW + float32((s-t.v.left)*t.v.pps) }

// timeAt is the time drawn at widget x.
func (t *Timeline) timeAt(x float32) float64 { return t.v.left + float64(x-gutterW)/t.v.pps }

// Zoom is the scale in pixels per day.
func (t *Timeline) Zoom() float64 { return t.v.pps * day }

// SetZoom sets the scale to z pixels per day (clamped to MinZoom–MaxZoom),
// keeping the time in the middle of the plot where it is.
func (t *Timeline) SetZoom(z float64) {
	t.ZoomAt(z, gutterW+t.plotSize().Width/2)
}

// ZoomBy multiplies the scale by f around the middle of the plot.
func (t *Timeline) ZoomBy(f float64) { t.SetZoom(t.Zoom() * f) }

// ZoomAt sets the scale to z pixels per day, keeping the time under widget
// x where it is.
func (t *Timeline) ZoomAt(z float64, x float32) {
	if math.IsNaN(z) || math.IsInf(z, 0) {
		return
	}
	z = max(MinZoom, min(MaxZoom, z))
	if z == t.Zoom() {
		return
	}
	t.v.fitDue = false
	at := t.timeAt(x)
	t.v.pps = z / day
	t.v.left = at - float64(x-gutterW)/t.v.pps
	t.clampLeft()
	t.sc.rebuild()
}

// PanBy moves the view by dx, dy pixels: right in time, down the rows.
func (t *Timeline) PanBy(dx, dy float32) {
	if (dx == 0 && dy == 0) || math.IsNaN(float64(dx+dy)) || math.IsInf(float64(dx+dy), 0) {
		return
	}
	t.v.fitDue = false
	t.v.left += float64(dx) / t.v.pps
	t.clampLeft()
	t.v.top += dy
	t.v.clampTop(t.contentHeight(), t.plotSize().Height)
	t.sc.panned()
}

func (t *Timeline) clampLeft() {
	w := float64(t.plotSize().Width) / t.v.pps
	t.v.left = max(firstSecond-w/2, min(t.v.left, lastSecond-w/2))
}

// FitAll zooms and pans so that every dated card is in view, and scrolls
// to the first row. Called before the widget has a size, it fits once it
// has one.
func (t *Timeline) FitAll() {
	if t.plotSize().Width < 60 || t.plotSize().Height < 10 {
		// Not laid out yet (or laid out at its minimum size, as a window
		// first does): fit when there is room.
		t.v.fitDue = true
		t.sc.rebuild()
		return
	}
	t.v.fitDue = true
	t.v.top = 0
	if len(t.tl.Dated) == 0 {
		t.sc.rebuild()
		return
	}
	t.v.fitted = true
	from, to := math.Inf(1), math.Inf(-1)
	for _, e := range t.tl.Dated {
		from = min(from, float64(e.Date.Start().Unix()))
		to = max(to, float64(e.Date.End().Unix()))
	}
	span := max(to-from, 7*day)
	// Room on the right for the last card's label.
	const padL, padR = 24, 24 + labelRoomMax/2
	w := float64(t.plotSize().Width)
	t.v.pps = max(MinZoom/day, min(MaxZoom/day, (w-padL-padR)/span))
	t.v.left = from - padL/t.v.pps
	t.clampLeft()
	t.sc.rebuild()
}

// CenterOn pans so that card id's first item is in the middle of the view.
func (t *Timeline) CenterOn(id string) {
	its := t.byCard[id]
	if len(its) == 0 {
		return
	}
	it := its[0]
	ps := t.plotSize()
	t.PanBy(t.xOf((it.start+it.end)/2)-gutterW-ps.Width/2,
		it.row.y+rowPad+float32(it.lane)*laneH-t.v.top-ps.Height/2)
}

// ViewRange returns the times at the plot's left and right edges.
func (t *Timeline) ViewRange() (from, to time.Time) {
	sec := func(s float64) time.Time { return time.Unix(int64(s), 0).UTC() }
	return sec(t.v.left), sec(t.v.left + float64(t.plotSize().Width)/t.v.pps)
}

// VisibleItemCount is the number of items that have canvas objects now:
// those in view and in the margin around it.
func (t *Timeline) VisibleItemCount() int { return len(t.sc.live) }

// CardScreenRect returns where card id is drawn (on its first row that
// is drawn), in widget coordinates; ok is false when it is not drawn now.
func (t *Timeline) CardScreenRect(id string) (pos fyne.Position, size fyne.Size, ok bool) {
	for _, it := range t.byCard[id] {
		if v := it.view; v != nil {
			return v.bar.Position().Add(t.sc.world.Position()), v.bar.Size(), true
		}
	}
	return pos, size, false
}
