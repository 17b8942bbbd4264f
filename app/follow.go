package app

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
)

// A board opened read-only — because another Evidence Board is writing it
// — follows that writer: twice a second the file's stamp is read
// (data.Store.Stamp: a stat and four bytes, no query), and when it moved
// the changes committed since are read from the file's history and made
// in memory, each as the writer made it (data.Model.Replay), so the board
// redraws only what changed and keeps its view and selection. When a
// change cannot be replayed (a document added, whose bytes the history
// does not hold), the board is read again instead. Reading, which grows
// with the board, is done on the follower's own goroutine (data.Store.
// Follow); only what was read is handed to the UI thread, so a large
// board does not freeze the window at each look.

// followEvery is how often a read-only board looks for the writer's
// changes. A variable so that tests can drive the follower by hand
// (follower.poll) with no ticker racing them.
var followEvery = 500 * time.Millisecond

// followOnUI runs fn on the UI thread and waits until it has run. Tests
// replace it with a UI loop of their own: Fyne's test driver runs
// fyne.DoAndWait on the calling goroutine, which would make the follower's
// goroutine the UI thread. Like the two hooks below, a follower takes it
// when it starts, so that a test sets it before opening the board.
var followOnUI = fyne.DoAndWait

// followReading, when set (by tests), is called each time the follower
// reads the file for changes.
var followReading func()

// caughtUp, when set (by tests), is called on the UI thread after each
// catch-up.
var caughtUp func()

// follower is the watch on one read-only board.
type follower struct {
	s    *Shell
	e    *Editor
	stop chan struct{}
	// stamp and seen belong to the goroutine that polls.
	stamp data.Stamp
	// seen is the last change made here; the next catch-up reads it again
	// too, since typing into a field amends the newest change in place.
	seen int64
	// The hooks, as they were when the follower started.
	onUI     func(func())
	reading  func()
	caughtUp func()
}

// follow starts following the open board, when it is read-only because
// someone else may write it. A board shown without its unfinished change
// is a copy no one writes (data.OpenWithoutJournal), and one made
// read-only by a failed check is written by no one: neither is followed.
func (s *Shell) follow() {
	s.stopFollowing()
	e := s.editor
	if e == nil || !e.Store().ReadOnly() {
		return
	}
	if why := e.Store().WhyReadOnly(); errors.Is(why, data.ErrHotJournal) || errors.Is(why, data.ErrFailedCheck) {
		return
	}
	f := &follower{s: s, e: e, stop: make(chan struct{}),
		onUI: followOnUI, reading: followReading, caughtUp: caughtUp}
	// Taken here, before anything else can commit unseen: a stat, four
	// bytes and the top of an index.
	var err error
	if f.stamp, err = e.Store().Stamp(); err != nil {
		return // a file that cannot be stat'ed will not be written either
	}
	if f.seen, err = e.Store().LastChangeNo(); err != nil {
		return
	}
	s.following = f
	every := followEvery
	go func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-f.stop:
				return
			case <-tick.C:
			}
			f.poll()
		}
	}()
}

// stopFollowing ends the watch, if any.
func (s *Shell) stopFollowing() {
	if s.following != nil {
		close(s.following.stop)
		s.following = nil
	}
}

// poll looks once, off the UI thread: when the file's stamp moved, it
// reads what the writer committed since and has the UI thread make it
// (catchUp). A change that cannot be replayed there gets the board read
// again whole, here. It reports whether the stamp moved.
func (f *follower) poll() bool {
	st, err := f.e.Store().Stamp()
	if err != nil || st == f.stamp {
		return false
	}
	for _, whole := range []bool{false, true} {
		if f.reading != nil {
			f.reading()
		}
		up, err := f.e.Store().Follow(f.seen, whole)
		if err != nil {
			return true // the writer may be committing: look again at the next tick
		}
		gone, made := false, false
		f.onUI(func() {
			if gone = f.s.following != f; !gone {
				made = f.s.catchUp(f, up)
			}
		})
		if gone {
			return true
		}
		if made {
			f.seen, f.stamp = up.Last, st
			return true
		}
	}
	return true
}

// catchUp makes here, on the UI thread, what the follower read: the
// writer's changes, or the board read again. It reports false when a
// change could not be replayed; the changes before it are then made and
// shown, and the board must be read again whole.
func (s *Shell) catchUp(f *follower, up *data.Catchup) bool {
	if up.Model != nil {
		s.reread(f, up.Model)
	} else {
		e := f.e
		m := e.Model()
		var ids []string
		boardChanged, made := false, true
		for _, cl := range up.Changes {
			ch, err := m.Replay(cl)
			if err != nil {
				made = false
				break
			}
			m.Apply(ch)
			for _, c := range ch.PutCards {
				ids = append(ids, c.ID)
			}
			for _, l := range ch.PutLinks {
				ids = append(ids, l.ID)
			}
			ids = append(append(ids, ch.DeleteCards...), ch.DeleteLinks...)
			boardChanged = boardChanged || ch.Board != nil
		}
		if len(ids) > 0 || boardChanged {
			s.changed(ids, boardChanged)
		}
		if !made {
			return false
		}
	}
	if f.caughtUp != nil {
		f.caughtUp()
	}
	return true
}

// reread shows m, the board read again, where the view was, with what was
// selected still selected.
func (s *Shell) reread(f *follower, m *data.Model) {
	e := f.e
	sel := s.board.SelectedInOrder()
	zoom := s.board.Zoom()
	cx, cy := s.board.ViewCenter()
	e.cs = data.NewCase(e.Store(), m)
	hidden := s.board.Hidden()
	s.board.SetModel(m)
	s.refilter(hidden) // filters.go
	s.timeline.reread(m)
	s.reader.changed()
	s.board.SetZoom(zoom)
	nx, ny := s.board.ViewCenter()
	s.board.PanBy(cx-nx, cy-ny)
	s.board.Select(sel...)
	s.inspector.show(s.board.Selected())
	s.updateTitle()
	s.menu.refresh()
}
