package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
)

// timelineItem is View → Timeline.
func timelineItem(t *testing.T, s *Shell) *fyne.MenuItem {
	t.Helper()
	for _, m := range s.menu.main.Items {
		for _, it := range m.Items {
			if it.Label == "Timeline" {
				return it
			}
		}
	}
	t.Fatal("no View → Timeline")
	return nil
}

func TestTimelinePane(t *testing.T) {
	s, w, _ := openShell(t)
	it := timelineItem(t, s)
	if sc, ok := it.Shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyT ||
		sc.Modifier != fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift {
		t.Errorf("View → Timeline has shortcut %v, want Ctrl+Shift+T", it.Shortcut)
	}
	if s.timeline.shown() {
		t.Fatal("the timeline is shown before it was asked for")
	}
	boardH := s.Board().Size().Height
	it.Action()
	if !s.timeline.shown() || !it.Checked {
		t.Fatal("View → Timeline did not show it")
	}
	if s.Board().Size().Height >= boardH {
		t.Errorf("the board kept its height %v with the timeline below it", boardH)
	}
	tl := s.timeline.tl
	m := s.Editor().Model()
	filed := cardByTitle(t, m, "50 Jane Does sue Salesforce")
	shut := cardByTitle(t, m, "Backpage shuts down after guilty plea")
	if rows := tl.Rows(); !slices.Contains(rows, "The 50 Jane Does") {
		t.Fatalf("rows %q have no theme line for the plaintiffs", rows)
	}

	// Timeline → board: a click on the timeline selects on the board.
	pos, size, ok := tl.CardScreenRect(filed.ID)
	if !ok {
		t.Fatal("the filing is not drawn")
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(tl)
	test.TapCanvas(w.Canvas(), abs.Add(pos).AddXY(size.Width/2, size.Height/2))
	if got := s.Board().Selected(); !slices.Equal(got, []string{filed.ID}) {
		t.Fatalf("board selection %v after a click on the timeline, want the filing", got)
	}
	// A card picked on the timeline that is out of the board's view is
	// brought into it.
	s.Board().PanBy(5000, 5000)
	pos, size, _ = tl.CardScreenRect(shut.ID)
	test.TapCanvas(w.Canvas(), abs.Add(pos).AddXY(size.Width/2, size.Height/2))
	bp, bs, _ := s.Board().CardScreenRect(shut.ID)
	if view := s.Board().Size(); bp.X < 0 || bp.Y < 0 || bp.X+bs.Width > view.Width || bp.Y+bs.Height > view.Height {
		t.Errorf("the card picked on the timeline is at %v on a board of %v", bp, view)
	}

	// Board → timeline.
	s.Board().Select(shut.ID)
	if got := tl.Selected(); !slices.Equal(got, []string{shut.ID}) {
		t.Fatalf("timeline selection %v, want the board's", got)
	}

	// A change on the board reaches the timeline: an event added without a
	// date is listed aside, and goes on the timeline once it has one.
	onTimeline := func(id string) (date string) {
		for i := range tl.Rows() {
			if slices.Contains(tl.RowCards(i), id) {
				return "yes"
			}
		}
		return ""
	}
	undated := data.Card{ID: "new-event", Kind: data.KindEvent, Title: "A new event", Width: 220, Height: 90}
	if err := s.Editor().Do(data.Change{Label: "Add", PutCards: []data.Card{undated}}); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(tl.Undated(), "new-event") {
		t.Error("an event added without a date is not listed as undated")
	}
	undated.Date = "2019-03-25"
	if err := s.Editor().Do(data.Change{Label: "Date", PutCards: []data.Card{undated}}); err != nil {
		t.Fatal(err)
	}
	if onTimeline("new-event") == "" || slices.Contains(tl.Undated(), "new-event") {
		t.Error("the event given a date is not on the timeline")
	}

	// Hidden, it does not read the board on every change; shown again, it
	// is up to date.
	it.Action()
	if s.timeline.shown() || it.Checked {
		t.Fatal("View → Timeline did not hide it")
	}
	if err := s.Editor().Delete([]string{"new-event"}); err != nil {
		t.Fatal(err)
	}
	if !s.timeline.stale || onTimeline("new-event") == "" {
		t.Error("the hidden timeline was read again")
	}
	it.Action()
	if onTimeline("new-event") != "" {
		t.Error("shown again, the timeline still has a deleted card")
	}
}
