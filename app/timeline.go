package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"evidenceboard/board/timeline"
	"evidenceboard/data"
)

// prefTimeline remembers whether the timeline is shown.
const prefTimeline = "timeline"

// timelinePane is the timeline below the board (View → Timeline,
// Ctrl+Shift+T), in a split the person can resize. It follows the open
// board's changes and its selection, and selecting on it selects on the
// board.
type timelinePane struct {
	s     *Shell
	tl    *timeline.Timeline
	split *container.Split
	item  *fyne.MenuItem
	m     *data.Model
	// stale: the board changed while the timeline was hidden; it is read
	// again when shown, so a hidden timeline costs nothing per edit.
	stale bool
	due   *time.Timer // the refresh of a large board, after the edits stop
}

// newTimelinePane puts the timeline below boardArea (the board, or the
// welcome page when no board is open).
func newTimelinePane(s *Shell, boardArea fyne.CanvasObject) *timelinePane {
	p := &timelinePane{s: s, tl: timeline.New()}
	p.split = container.NewVSplit(boardArea, p.tl)
	p.split.Offset = 0.66
	p.tl.Hide()
	p.tl.OnSelect = func(ids []string) {
		if s.board == nil || s.editor == nil {
			return
		}
		s.board.Select(ids...) // the board tells the inspector and us (follow)
		if len(ids) == 1 {
			p.bringIntoView(ids[0])
		}
	}
	if s.app.Preferences().Bool(prefTimeline) {
		p.tl.Show()
	}
	return p
}

// object is the board area with the timeline below it.
func (p *timelinePane) object() fyne.CanvasObject { return p.split }

// menuItem keeps View → Timeline, to tick it while the timeline is shown.
func (p *timelinePane) menuItem(it *fyne.MenuItem) *fyne.MenuItem {
	p.item = it
	it.Checked = p.tl.Visible()
	return it
}

// shown reports whether the timeline is on screen.
func (p *timelinePane) shown() bool { return p.tl.Visible() }

// toggle shows or hides the timeline.
func (p *timelinePane) toggle() {
	if p.tl.Visible() {
		p.tl.Hide()
	} else {
		p.tl.Show()
		p.refresh()
	}
	p.s.app.Preferences().SetBool(prefTimeline, p.tl.Visible())
	if p.item != nil {
		p.item.Checked = p.tl.Visible()
		p.s.menu.main.Refresh()
	}
	p.split.Refresh()
}

// setModel shows the timeline of a newly opened board (nil when the board
// is closed).
func (p *timelinePane) setModel(m *data.Model) {
	if m != p.m {
		p.tl = p.replace()
	}
	p.m = m
	p.stale = true
	p.refresh()
	if p.s.board != nil && m != nil {
		p.tl.SetSelected(p.s.board.Selected())
	}
}

// replace gives a new board a new timeline, fitted to it, rather than the
// view of the one before.
func (p *timelinePane) replace() *timeline.Timeline {
	old := p.tl
	tl := timeline.New()
	tl.OnSelect = old.OnSelect
	tl.Hidden = old.Hidden
	p.split.Trailing = tl
	p.split.Refresh()
	return tl
}

// lazyCards is the board size from which the timeline is read again a
// moment after the edits stop rather than after each one: reading 10,000
// cards costs tens of milliseconds, and typing a title is an edit a key.
const lazyCards = 2000

// lazyDelay is that moment.
const lazyDelay = 250 * time.Millisecond

// changed is told of every change the editor made.
func (p *timelinePane) changed() {
	p.stale = true
	if p.m == nil || len(p.m.Cards) < lazyCards {
		p.refresh()
		return
	}
	if p.due != nil {
		p.due.Reset(lazyDelay)
		return
	}
	p.due = time.AfterFunc(lazyDelay, func() {
		fyne.Do(func() {
			p.due = nil
			p.refresh()
		})
	})
}

// refresh reads the board again if it changed and the timeline is shown.
func (p *timelinePane) refresh() {
	if p.stale && p.tl.Visible() {
		p.stale = false
		p.tl.SetModel(p.m)
	}
}

// bringIntoView centres the board on card id when it is not in view: a
// card picked on the timeline may be anywhere on the board.
func (p *timelinePane) bringIntoView(id string) {
	b := p.s.board
	pos, size, ok := b.CardScreenRect(id)
	view := b.Size()
	if ok && (pos.X+size.Width < 0 || pos.Y+size.Height < 0 || pos.X > view.Width || pos.Y > view.Height) {
		b.CenterOn(id)
	}
}

// follow draws the board's selection on the timeline.
func (p *timelinePane) follow(ids []string) { p.tl.SetSelected(ids) }
