package app

import (
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
// does not hold), the board is read again instead.

// followEvery is how often a read-only board looks for the writer's
// changes.
const followEvery = 500 * time.Millisecond

// follower is the watch on one read-only board.
type follower struct {
	e     *Editor
	stop  chan struct{}
	stamp data.Stamp
	// seen is the last change made here; the next catch-up reads it again
	// too, since typing into a field amends the newest change in place.
	seen int64
}

// follow starts following the open board, when it is read-only.
func (s *Shell) follow() {
	s.stopFollowing()
	e := s.editor
	if e == nil || !e.Store().ReadOnly() {
		return
	}
	f := &follower{e: e, stop: make(chan struct{})}
	var err error
	if f.stamp, err = e.Store().Stamp(); err != nil {
		return // a file that cannot be stat'ed will not be written either
	}
	if f.seen, err = e.Store().LastChangeNo(); err != nil {
		return
	}
	s.following = f
	go func() {
		tick := time.NewTicker(followEvery)
		defer tick.Stop()
		for {
			select {
			case <-f.stop:
				return
			case <-tick.C:
			}
			st, err := e.Store().Stamp()
			if err != nil || st == f.stamp {
				continue
			}
			fyne.DoAndWait(func() {
				if s.following == f {
					s.catchUp(f, st)
				}
			})
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

// catchUp makes here the changes the writer committed since the last
// look, and takes st as the file's stamp once they are made.
func (s *Shell) catchUp(f *follower, st data.Stamp) {
	e := f.e
	logs, err := e.Store().ChangesSince(f.seen - 1)
	if err != nil {
		return // the writer may be committing: look again at the next tick
	}
	m := e.Model()
	var ids []string
	boardChanged := false
	for _, cl := range logs {
		ch, err := m.Replay(cl)
		if err != nil || addsDocument(cl) {
			s.reread(f, st)
			return
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
		f.seen = max(f.seen, cl.No)
	}
	f.stamp = st
	if len(ids) > 0 || boardChanged {
		s.changed(ids, boardChanged)
	}
	if caughtUp != nil {
		caughtUp()
	}
}

// caughtUp, when set (by tests), is called after each catch-up.
var caughtUp func()

// addsDocument reports whether cl stores a document, which the history
// names but does not hold.
func addsDocument(cl data.ChangeLog) bool {
	for _, r := range cl.Records {
		if r.Entity == data.EntityDocument && r.Action == "create" {
			return true
		}
	}
	return false
}

// reread reads the whole board again and shows it where the view was,
// with what was selected still selected.
func (s *Shell) reread(f *follower, st data.Stamp) {
	e := f.e
	no, err := e.Store().LastChangeNo()
	if err != nil {
		return
	}
	m, err := e.Store().Load()
	if err != nil {
		return // caught mid-commit, or refused: look again at the next tick
	}
	f.seen, f.stamp = no, st
	sel := s.board.SelectedInOrder()
	zoom := s.board.Zoom()
	cx, cy := s.board.ViewCenter()
	e.cs = data.NewCase(e.Store(), m)
	hidden := s.board.Hidden()
	s.board.SetModel(m)
	s.refilter(hidden) // filters.go
	s.board.SetZoom(zoom)
	nx, ny := s.board.ViewCenter()
	s.board.PanBy(cx-nx, cy-ny)
	s.board.Select(sel...)
	s.inspector.show(s.board.Selected())
	s.updateTitle()
	s.menu.refresh()
}
