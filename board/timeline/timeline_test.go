package timeline

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// centre is the middle of the marker or bar of card id on row r.
func centre(t *testing.T, tl *Timeline, id string, r int) fyne.Position {
	t.Helper()
	pos, size, ok := screenRect(tl, itemOf(tl, id, r))
	if !ok {
		t.Fatalf("card %s is not drawn on row %d", id, r)
	}
	return pos.Add(fyne.NewPos(size.Width/2, size.Height/2))
}

// click is a click as the desktop driver delivers it.
func click(tl *Timeline, p fyne.Position, mods fyne.KeyModifier) {
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	tl.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	tl.Tapped(&fyne.PointEvent{Position: p})
}

func TestPartyRowsAndOrder(t *testing.T) {
	tl, _ := show(t, sampleLike(), 1100, 400)
	wantRows := []string{"Backpage", "Salesforce", "The 50 Jane Does", "No party"}
	if got := tl.Rows(); !slices.Equal(got, wantRows) {
		t.Fatalf("rows %q, want %q", got, wantRows)
	}
	cases := []struct {
		row  int
		want []string
	}{
		{0, []string{"e3", "e4", "e1"}}, // 2013, April 2018, 6 April 2018
		{1, []string{"e3", "e2", "s1"}}, // an event on two parties is on both rows
		{2, []string{"p3", "e2"}},       // a dated party sits on its own line
		{3, []string{"e5"}},
	}
	for _, tc := range cases {
		got := tl.RowCards(tc.row)
		if !slices.Equal(got, tc.want) {
			t.Errorf("row %d: %v, want %v", tc.row, got, tc.want)
		}
		// and they start left to right in that order: a bar at its left
		// end, a day's marker at its centre
		start := func(id string) fyne.Position {
			it := itemOf(tl, id, tc.row)
			p, size, _ := screenRect(tl, it)
			if it.view.marker {
				p.X += size.Width / 2
			}
			return p
		}
		for i := 1; i < len(got); i++ {
			a, b := start(got[i-1]), start(got[i])
			if a.X > b.X {
				t.Errorf("row %d: %s drawn at x=%.0f, not left of %s at %.0f", tc.row, got[i-1], a.X, got[i], b.X)
			}
		}
	}
	if got := tl.Undated(); !slices.Equal(got, []string{"e6"}) {
		t.Errorf("undated %v", got)
	}
	// Rows are stacked top to bottom in that order.
	y := func(id string, r int) float32 { return centre(t, tl, id, r).Y }
	if !(y("e1", 0) < y("e2", 1) && y("e2", 1) < y("e2", 2) && y("e2", 2) < y("e5", 3)) {
		t.Error("rows are not drawn in order")
	}
}

// Partial dates are spans as long as the year or month they name; a day is
// a marker while a day is narrow, and a bar a day long when it is wide.
func TestSpans(t *testing.T) {
	tl, _ := show(t, sampleLike(), 1100, 400)
	cases := []struct {
		zoom     float64 // pixels per day
		id       string
		row      int
		wantW    float32
		toleranc float32
	}{
		{4, "e4", 0, 30 * 4, 1},     // April 2018: 30 days
		{4, "e1", 0, markerW, 0.01}, // a day at 4 px: a marker
		{0.5, "e3", 0, 365 * 0.5, 1},
		{40, "e1", 0, 40, 0.5}, // a day at 40 px: a day-long bar
		{40, "s1", 1, 31 * 40, 1},
	}
	for _, tc := range cases {
		tl.SetZoom(tc.zoom)
		tl.CenterOn(tc.id)
		_, size, ok := screenRect(tl, itemOf(tl, tc.id, tc.row))
		if !ok {
			t.Fatalf("%s not drawn at zoom %v", tc.id, tc.zoom)
		}
		if d := size.Width - tc.wantW; d > tc.toleranc || d < -tc.toleranc {
			t.Errorf("%s at %v px/day: %.1f px wide, want %.1f", tc.id, tc.zoom, size.Width, tc.wantW)
		}
	}
	// A month starts where its first day starts.
	tl.SetZoom(10)
	tl.CenterOn("e1")
	month, _, _ := screenRect(tl, itemOf(tl, "e4", 0))
	first := tl.xOf(float64(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC).Unix()))
	if d := month.X - first; d > 0.5 || d < -0.5 {
		t.Errorf("April 2018 starts at x=%.1f, 1 April at %.1f", month.X, first)
	}
}

func TestSelectionBothWays(t *testing.T) {
	tl, _ := show(t, sampleLike(), 1100, 400)
	var got [][]string
	tl.OnSelect = func(ids []string) { got = append(got, ids) }

	// From the timeline: a click, a shift-click that adds, one that takes
	// away, a click on empty timeline.
	click(tl, centre(t, tl, "e1", 0), 0)
	click(tl, centre(t, tl, "e2", 1), fyne.KeyModifierShift)
	click(tl, centre(t, tl, "e1", 0), fyne.KeyModifierShift)
	click(tl, fyne.NewPos(gutterW+5, tl.v.size.Height-5), 0)
	want := [][]string{{"e1"}, {"e1", "e2"}, {"e2"}, nil}
	if len(got) != len(want) {
		t.Fatalf("OnSelect calls %v, want %v", got, want)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("call %d: %v, want %v", i, got[i], want[i])
		}
	}

	// From the board: SetSelected draws the selection, on every row the
	// card is on, keeps IDs not on the timeline, and tells no one.
	got = nil
	tl.SetSelected([]string{"e2", "link-1"})
	if got != nil {
		t.Error("SetSelected called OnSelect")
	}
	primary := theme.Color(theme.ColorNamePrimary)
	for _, r := range []int{1, 2} {
		if v := itemOf(tl, "e2", r).view; v.bar.StrokeColor != primary || !v.label.TextStyle.Bold {
			t.Errorf("e2 on row %d not drawn selected", r)
		}
	}
	if v := itemOf(tl, "e1", 0).view; v.bar.StrokeColor == primary {
		t.Error("e1 still drawn selected")
	}
	click(tl, centre(t, tl, "e1", 0), fyne.KeyModifierShift)
	if !slices.Equal(got[0], []string{"e1", "e2", "link-1"}) {
		t.Errorf("shift-click added to %v", got[0])
	}

	// The undated list selects too.
	got = nil
	row := newUndatedRow(tl.ud)
	row.show(&tl.tl.Undated[0])
	row.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	row.Tapped(&fyne.PointEvent{})
	if len(got) != 1 || !slices.Equal(got[0], []string{"e1", "e2", "e6", "link-1"}) {
		t.Errorf("undated shift-click: %v", got)
	}
}

// A card selected on the board is drawn even where many cards share a
// few pixels and only the first is drawn.
func TestSelectedDrawnInACrowd(t *testing.T) {
	var cards []string
	for i := range 20 {
		cards = append(cards, fmt.Sprintf("%c event 2018-04-%02d Day %d", 'a'+i, i+1, i))
	}
	tl, _ := show(t, model(cards, nil), 900, 600)
	tl.SetZoom(0.01) // 4 px is more than a year: one dot for the twenty days
	if n := tl.VisibleItemCount(); n >= 20 {
		t.Fatalf("%d of 20 items drawn in one bucket", n)
	}
	tl.SetSelected([]string{"t"})
	if it := itemOf(tl, "t", 0); it.view == nil {
		t.Fatal("the selected card is not drawn")
	}
}

// Only the items that meet the view and its margin have objects, however
// far and long the view pans, and each of those does.
func TestCulling(t *testing.T) {
	tl, _ := show(t, datedModel(10000), 1280, 800)
	tl.SetZoom(4)
	tl.CenterOn(tl.tl.Dated[5000].Card.ID)
	check := func(when string) {
		t.Helper()
		n := tl.VisibleItemCount()
		if n == 0 || n > 2000 {
			t.Fatalf("%s: %d items drawn of %d", when, n, len(tl.tl.Dated))
		}
		s := tl.sc
		ps := tl.plotSize()
		right := tl.v.left + float64(ps.Width)/tl.v.pps
		for _, it := range s.live {
			if it.end < s.cA-labelRoomMax/tl.v.pps || it.start > s.cB || it.row.y+it.row.h < s.yA || it.row.y > s.yB {
				t.Fatalf("%s: item of %s drawn outside the area", when, it.e.Card.ID)
			}
		}
		// Every item in view is drawn, or its lane's item just before it
		// in the same few pixels is.
		for _, r := range tl.rows {
			if r.y+r.h < tl.v.top || r.y > tl.v.top+ps.Height {
				continue
			}
			for _, lane := range r.lanes {
				for i, it := range lane {
					if it.end < tl.v.left || it.start > right || it.view != nil {
						continue
					}
					if i == 0 || lane[i-1].view == nil && !(lane[i-1].start >= tl.v.left-1e6) {
						t.Fatalf("%s: item of %s in view has no objects", when, it.e.Card.ID)
					}
				}
			}
		}
	}
	check("start")
	for i := range 2000 {
		dir := float32(1)
		if i/400%2 == 1 {
			dir = -1
		}
		tl.PanBy(dir*15, dir*7)
	}
	check("after panning")
	tl.ZoomBy(0.25)
	check("after zooming out")
}

func TestAxisUnits(t *testing.T) {
	cases := []struct {
		zoom float64 // px per day
		want string  // the labels of the first ticks from 2018-03-30
	}{
		{40, "30 31 1 2"},
		{8, "29 1 8 15"}, // weeks restart at each month
		{2, "Mar Apr May Jun"},
		{0.5, "Jan Apr Jul Oct"},
		{0.3, "Jan Jul Jan Jul"},
		{0.15, "2018 2019 2020 2021"},
		{0.1, "2018 2020 2022 2024"},
		{0.002, "2000 2100 2200 2300"},
	}
	from := float64(time.Date(2018, 3, 30, 0, 0, 0, 0, time.UTC).Unix())
	for _, tc := range cases {
		u := unitFor(tc.zoom / day)
		var labels []string
		for i, tk := range ticks(u, from, from+400*365*day) {
			if i == 4 {
				break
			}
			labels = append(labels, tk.label)
		}
		if got := joinSpace(labels); got != tc.want {
			t.Errorf("at %v px/day: %q, want %q", tc.zoom, got, tc.want)
		}
	}
	// A month among days, a year among months, is a major tick named.
	ts := ticks(unitFor(40/day), from, from+5*day)
	if !ts[2].major || ts[2].majorLabel != "April 2018" || ts[0].major {
		t.Errorf("day ticks: %+v", ts[:3])
	}
	if got := majorOf(unitFor(40/day), from); got != "March 2018" {
		t.Errorf("majorOf = %q", got)
	}
}

func joinSpace(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

// Zoom and pan by wheel: Ctrl zooms around the pointer, the wheel alone
// scrolls the rows, Shift moves in time.
func TestWheelAndButtons(t *testing.T) {
	tl, w := show(t, datedModel(500), 1000, 500)
	tl.SetZoom(4)
	z := tl.Zoom()
	tl.ZoomBy(2)
	if tl.Zoom() != 2*z {
		t.Fatalf("zoom %v after doubling %v", tl.Zoom(), z)
	}
	// The zoom-out button.
	test.Tap(tl.sc.buttons.Objects[0].(fyne.Tappable))
	if tl.Zoom() >= 2*z {
		t.Errorf("zoom-out button left the zoom at %v", tl.Zoom())
	}
	top := tl.v.top
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(400, 200)}, Scrolled: fyne.NewDelta(0, -60)})
	if tl.v.top != top+60 {
		t.Errorf("wheel scrolled the rows from %v to %v", top, tl.v.top)
	}
	// Ctrl+wheel zooms in around the pointer: the time under it stays.
	tl.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierControl}) // the test driver reports no keys held
	z, under := tl.Zoom(), tl.timeAt(600)
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(600, 200)}, Scrolled: fyne.NewDelta(0, 120)})
	if tl.Zoom() <= z || math.Abs(tl.timeAt(600)-under) > 60 {
		t.Errorf("Ctrl+wheel: zoom %v → %v, time under the pointer moved by %v s", z, tl.Zoom(), tl.timeAt(600)-under)
	}
	tl.DragEnd()
	left := tl.v.left
	test.Drag(w.Canvas(), fyne.NewPos(500, 300), 100, 0)
	if tl.v.left >= left {
		t.Errorf("dragging right did not move back in time")
	}
	tl.FitAll()
	from, to := tl.ViewRange()
	if from.Year() > 2010 || to.Year() < 2024 {
		t.Errorf("fit shows %v to %v", from, to)
	}
}

// Colours follow the theme: light and dark.
func TestThemeColours(t *testing.T) {
	tl, _ := show(t, sampleLike(), 900, 400)
	for _, th := range []fyne.Theme{test.Theme(), test.NewTheme()} {
		fyne.CurrentApp().Settings().SetTheme(th)
		tl.Refresh()
		if tl.sc.bg.FillColor != th.Color(theme.ColorNameBackground, theme.VariantDark) &&
			tl.sc.bg.FillColor != th.Color(theme.ColorNameBackground, theme.VariantLight) {
			t.Errorf("background %v is not the theme's", tl.sc.bg.FillColor)
		}
		if tl.sc.rowText[0].Color != th.Color(theme.ColorNameForeground, theme.VariantDark) &&
			tl.sc.rowText[0].Color != th.Color(theme.ColorNameForeground, theme.VariantLight) {
			t.Errorf("row label %v is not the theme's foreground", tl.sc.rowText[0].Color)
		}
	}
}

func TestLabelText(t *testing.T) {
	long := strings.Repeat("é", 1<<19) // a megabyte
	cases := []struct {
		name, in string
		room     float32
		want     string
	}{
		{"fits", "Raid", 200, "Raid"},
		{"cut with an ellipsis", "Backpage shuts down after guilty plea", 60, "Backpag…"},
		{"no room", "Raid", 5, ""},
		{"controls marked", "a\u202eb", 200, "a⟨U+202E⟩b"},
		{"a megabyte cut to a line", long, 100, strings.Repeat("é", 13) + "…"},
	}
	for _, tc := range cases {
		if got := fit(shown(tc.in), tc.room); got != tc.want {
			t.Errorf("%s: %q", tc.name, got)
		}
	}
}

// The undated list stands aside only where the plot keeps room beside it.
func TestUndatedListMakesRoom(t *testing.T) {
	tl, w := show(t, sampleLike(), 1100, 400)
	if !tl.ud.pane.Visible() || tl.plotSize().Width != 1100-gutterW-undatedW {
		t.Fatalf("wide: list shown %v, plot %v", tl.ud.pane.Visible(), tl.plotSize())
	}
	w.Resize(fyne.NewSize(500, 400))
	if tl.ud.pane.Visible() || tl.plotSize().Width != 500-gutterW {
		t.Fatalf("narrow: list shown %v, plot %v", tl.ud.pane.Visible(), tl.plotSize())
	}
	if min := tl.MinSize().Width; min > 300 {
		t.Errorf("the timeline asks for %v pixels of width", min)
	}
	tl.SetModel(model([]string{"e event 2018 Dated"}, nil))
	w.Resize(fyne.NewSize(1100, 400))
	if tl.ud.pane.Visible() {
		t.Error("an empty list is shown")
	}
}

// Hovering a card shows its date, kind and whole title.
func TestHoverNote(t *testing.T) {
	m := sampleLike()
	long := "FBI seizes Backpage and charges its founders with facilitating prostitution"
	m.Cards["e1"].Title = long
	tl, _ := show(t, m, 1100, 400)
	tl.SetZoom(2)
	tl.CenterOn("e1")
	tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: centre(t, tl, "e1", 0)}})
	if !tl.tip.bg.Visible() || tl.tip.head.Text != "6 April 2018 · Event" || tl.tip.body.Text != long {
		t.Fatalf("note %v %q %q", tl.tip.bg.Visible(), tl.tip.head.Text, tl.tip.body.Text)
	}
	if p := tl.tip.bg.Position(); p.X+tl.tip.bg.Size().Width > 1100 || p.X < 0 {
		t.Errorf("the note at %v runs out of the widget", p)
	}
	tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(gutterW+3, 395)}})
	if tl.tip.bg.Visible() {
		t.Error("the note stays over empty timeline")
	}
	tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: centre(t, tl, "e1", 0)}})
	tl.PanBy(30, 0)
	if tl.tip.bg.Visible() {
		t.Error("the note stays after a pan")
	}
}
