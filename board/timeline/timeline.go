// Package timeline is the timeline view of a board: its dated cards along
// a time axis that zooms (years, months, days) and pans, one row per party
// ("theme lines", as i2 Analyst's Notebook calls them) with the cards
// linked to that party on it, a row for the cards linked to no party, and
// the undated events listed aside.
//
// What goes on the timeline, in what order and on which rows, is
// data.TimelineOf: this package only draws it. Like the board, it reads a
// *data.Model and never changes it, and only what meets the view (plus a
// margin) has canvas objects, pooled and reused, so a pan step costs the
// cards in view, not the cards on the board.
//
// The files:
//
//	timeline.go  the widget, its rows and items, selection
//	view.go      zoom, pan, fit, time ⇄ pixel
//	axis.go      the ticks of the time axis at each zoom
//	scene.go     the canvas objects: culling, pools, colours
//	input.go     pointer: click, shift-click, drag, wheel
//	undated.go   the list of undated cards; hover.go  the note over a card
package timeline

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// Timeline is the timeline widget. Create it with New and give it a model
// with SetModel. Like every Fyne widget it is used from the app's main
// goroutine only.
type Timeline struct {
	widget.BaseWidget

	// OnSelect is called when a person clicks a card on the timeline or in
	// the undated list, with the whole new selection: the card alone, or
	// with Shift (or Ctrl) held the selection so far with the card added
	// (removed, when it was selected). A click on empty timeline selects
	// nothing. SetSelected does not call it.
	OnSelect func(ids []string)

	m    *data.Model
	tl   *data.Timeline
	rows []*row
	// byCard lists the items that draw each card: one per row it is on.
	byCard map[string][]*item
	sel    map[string]bool

	v   view
	sc  *scene
	ud  *undated
	tip *tip

	mods fyne.KeyModifier // held at the last press (the test driver reports none)
}

// row is one horizontal band: a party's theme line, or the cards linked to
// no party.
type row struct {
	party *data.Card // nil for the row of cards linked to no party
	label string
	y, h  float32 // top and height in content pixels
	// lanes hold the row's items, each lane in time order and without
	// overlaps, so a lane's ends are in order too and a time range is
	// found by binary search.
	lanes [][]*item
}

// item is one card drawn on one row.
type item struct {
	e          *data.TimelineCard
	order      int // the card's place in data's date order
	row        *row
	lane       int
	start, end float64 // seconds since 1970 UTC: the date's span
	day        bool    // a date to the day: a marker, not a bar, while a day is narrow
	view       *itemView
	seen       uint32
}

// Layout of the widget, in pixels.
const (
	gutterW   = 180 // the row labels on the left
	axisH     = 44  // the time axis on top
	undatedW  = 220 // the undated cards on the right, when there are any
	laneH     = 24
	rowPad    = 8
	markerW   = 10
	labelSize = 12
)

// New returns an empty timeline.
func New() *Timeline {
	t := &Timeline{sel: map[string]bool{}}
	t.v = newView()
	t.sc = newScene(t)
	t.ud = newUndated(t)
	t.tip = newTip()
	t.ExtendBaseWidget(t)
	t.SetModel(nil)
	return t
}

// CreateRenderer is part of fyne.Widget.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer { return &renderer{t: t} }

// SetModel shows m's timeline (nil shows an empty one). Call it again
// after m changed: the view stays where it is, the selection keeps the
// cards still there, and the first model with dated cards is fitted into
// the view.
func (t *Timeline) SetModel(m *data.Model) {
	if m == nil {
		m = data.NewModel(data.Board{})
	}
	t.m = m
	t.tl = data.TimelineOf(m)
	t.tip.hide()
	t.build()
	for id := range t.sel {
		if m.Cards[id] == nil {
			delete(t.sel, id)
		}
	}
	if !t.v.fitted && len(t.tl.Dated) > 0 {
		t.FitAll()
	} else {
		t.v.clampTop(t.contentHeight(), t.plotSize().Height)
		t.sc.rebuild()
	}
	t.ud.refresh()
}

// build makes the rows and items of t.tl: a row per theme line in
// data's order, then the row of cards linked to no party, and each dated
// card on every row it belongs to.
func (t *Timeline) build() {
	t.sc.releaseAll()
	t.rows = t.rows[:0]
	t.byCard = make(map[string][]*item, len(t.tl.Dated))
	rowOf := make(map[*data.Card]*row, len(t.tl.Parties))
	for _, p := range t.tl.Parties {
		r := &row{party: p, label: shown(p.Title)}
		if r.label == "" {
			r.label = "(untitled party)"
		}
		rowOf[p] = r
		t.rows = append(t.rows, r)
	}
	none := &row{label: "No party"}
	items := make([]item, 0, len(t.tl.Dated)+len(t.tl.Dated)/2) // few allocations for many cards
	put := func(i int, r *row) {
		e := &t.tl.Dated[i]
		items = append(items, item{e: e, order: i, row: r, start: float64(e.Date.Start().Unix()),
			end: float64(e.Date.End().Unix()), day: e.Date.Day != 0})
	}
	for i := range t.tl.Dated {
		e := &t.tl.Dated[i]
		placed := false
		if e.Card.Kind == data.KindParty && rowOf[e.Card] != nil {
			put(i, rowOf[e.Card])
			placed = true
		}
		for _, p := range e.Parties {
			put(i, rowOf[p])
			placed = true
		}
		if !placed {
			put(i, none)
		}
	}
	if slices.ContainsFunc(items, func(it item) bool { return it.row == none }) {
		t.rows = append(t.rows, none)
	}
	// Items come in date order: each goes into the first lane free at its
	// start, so lanes stay sorted and without overlaps.
	var laneEnd = map[*row][]float64{}
	for i := range items {
		it := &items[i]
		ends := laneEnd[it.row]
		lane := 0
		for lane < len(ends) && ends[lane] > it.start {
			lane++
		}
		if lane == len(ends) {
			ends = append(ends, 0)
			it.row.lanes = append(it.row.lanes, nil)
		}
		ends[lane] = it.end
		laneEnd[it.row] = ends
		it.lane = lane
		it.row.lanes[lane] = append(it.row.lanes[lane], it)
		t.byCard[it.e.Card.ID] = append(t.byCard[it.e.Card.ID], it)
	}
	var y float32
	for _, r := range t.rows {
		r.y = y
		r.h = float32(max(1, len(r.lanes)))*laneH + 2*rowPad
		y += r.h
	}
}

// contentHeight is the height of all rows.
func (t *Timeline) contentHeight() float32 {
	if len(t.rows) == 0 {
		return 0
	}
	last := t.rows[len(t.rows)-1]
	return last.y + last.h
}

// SetSelected makes ids the selection drawn (the board's, say); IDs that
// are not on the timeline are kept, so a shift-click adds to the whole
// selection. It does not call OnSelect.
func (t *Timeline) SetSelected(ids []string) {
	next := make(map[string]bool, len(ids))
	for _, id := range ids {
		next[id] = true
	}
	var diff []string
	for id := range t.sel {
		if !next[id] {
			diff = append(diff, id)
		}
	}
	for id := range next {
		if !t.sel[id] {
			diff = append(diff, id)
		}
	}
	if len(diff) == 0 {
		return
	}
	t.sel = next
	for _, id := range diff {
		for _, it := range t.byCard[id] {
			t.sc.restyle(it)
		}
	}
	t.sc.rebuildIfHidden(diff)
	t.ud.refresh()
}

// Selected returns the selection, sorted.
func (t *Timeline) Selected() []string {
	out := make([]string, 0, len(t.sel))
	for id := range t.sel {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// clicked selects card id (nil for none) as a click with mods does, and
// tells OnSelect.
func (t *Timeline) clicked(id string, mods fyne.KeyModifier) {
	var next []string
	switch {
	case id == "":
		if len(t.sel) == 0 {
			return
		}
	case mods&(fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		for s := range t.sel {
			if s != id {
				next = append(next, s)
			}
		}
		if !t.sel[id] {
			next = append(next, id)
		}
		slices.Sort(next)
	default:
		next = []string{id}
	}
	t.SetSelected(next)
	if t.OnSelect != nil {
		t.OnSelect(t.Selected())
	}
}

// Rows returns the rows' labels, top to bottom.
func (t *Timeline) Rows() []string {
	out := make([]string, len(t.rows))
	for i, r := range t.rows {
		out[i] = r.label
	}
	return out
}

// RowCards returns the IDs of the cards on row i, in date order.
func (t *Timeline) RowCards(i int) []string {
	if i < 0 || i >= len(t.rows) {
		return nil
	}
	var its []*item
	for _, l := range t.rows[i].lanes {
		its = append(its, l...)
	}
	slices.SortFunc(its, func(a, b *item) int { return a.order - b.order })
	out := make([]string, len(its))
	for j, it := range its {
		out[j] = it.e.Card.ID
	}
	return out
}

// Undated returns the IDs of the undated cards listed aside, in order.
func (t *Timeline) Undated() []string {
	out := make([]string, len(t.tl.Undated))
	for i, e := range t.tl.Undated {
		out[i] = e.Card.ID
	}
	return out
}
