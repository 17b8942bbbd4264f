package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
	"evidenceboard/data/layout"
)

// backgroundTidy is the number of cards on the board from which the
// layout is computed off the UI thread (and the change written there, as
// DoInBackground does): a tidy of a few hundred cards takes milliseconds,
// of tens of thousands seconds.
var backgroundTidy = 2000

// TidyInBackground lays out the cards only names (the whole board when
// only is nil) as layout.Tidy does and makes the result one change
// labelled "Tidy", one undo step. From backgroundTidy cards on the board,
// the layout is computed and written off the UI thread, and meanwhile
// every other change is refused with ErrBusy; done is called on the UI
// thread with what was done.
func (e *Editor) TidyInBackground(only []string, byDate bool, done func(layout.Result, error)) {
	if e.busy {
		done(layout.Result{}, ErrBusy)
		return
	}
	cards, links := layout.Cards(e.Model())
	opt := layout.Options{Only: only, ByDate: byDate}
	if len(cards) < backgroundTidy {
		res := layout.Tidy(cards, links, opt)
		done(res, e.Do(res.Change(e.Model())))
		return
	}
	// The layout reads copies; the change is built from the model as it
	// is when the layout is ready, so a card deleted meanwhile is left
	// out rather than brought back.
	e.busy = true
	go func() {
		res := layout.Tidy(cards, links, opt)
		fyne.Do(func() {
			e.busy = false
			e.DoInBackground(res.Change(e.Model()), func(err error) { done(res, err) })
		})
	}()
}

// SetPinned pins or unpins cards, as one change: a pinned card stays
// where it is when the board is tidied.
func (e *Editor) SetPinned(ids []string, pinned bool) error {
	label := "Pin"
	if !pinned {
		label = "Unpin"
	}
	ch := data.Change{}
	for _, id := range ids {
		c := e.Model().Cards[id]
		if c == nil || c.Pinned == pinned {
			continue
		}
		cc := c.Clone()
		cc.Pinned = pinned
		ch.PutCards = append(ch.PutCards, cc)
	}
	ch.Label = plural(len(ch.PutCards), label+" card", label+" %d cards")
	return e.Do(ch)
}

// arrangeMenu is Arrange: tidy the board (or the selection), by date,
// and pin or unpin the selected cards. item and write are newMenus' own
// helpers, so these items behave as every other.
func (s *Shell) arrangeMenu(item func(string, fyne.Shortcut, func()) *fyne.MenuItem, write func(*fyne.MenuItem) *fyne.MenuItem) *fyne.Menu {
	return fyne.NewMenu("Arrange",
		write(item("Tidy", nil, func() { s.tidy(false) })),
		write(item("Tidy by date", nil, func() { s.tidy(true) })),
		fyne.NewMenuItemSeparator(),
		write(item("Pin or unpin selected cards", nil, s.togglePin)),
	)
}

// selectedCards is the selection's cards (not its links).
func (s *Shell) selectedCards() []string {
	var ids []string
	for _, id := range s.board.Selected() {
		if s.editor.Model().Cards[id] != nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// tidy lays out the selected cards, or the whole board when no card is
// selected, and says in the status bar what moved.
func (s *Shell) tidy(byDate bool) {
	if !s.writable() || s.board == nil {
		return
	}
	only := s.selectedCards()
	if len(only) == 0 {
		only = nil
	}
	e := s.editor
	if len(e.Model().Cards) >= backgroundTidy {
		s.status.SetText(fmt.Sprintf("Tidying %d cards…", len(e.Model().Cards)))
	}
	e.TidyInBackground(only, byDate, func(res layout.Result, err error) {
		if s.editor != e || !s.report(err) {
			return
		}
		s.updateStatus()
		s.status.SetText("Tidy: " + res.Summary() + "  ·  " + s.status.Text)
	})
}

// togglePin pins the selected cards, or unpins them when all of them are
// pinned already.
func (s *Shell) togglePin() {
	if !s.writable() || s.board == nil {
		return
	}
	ids := s.selectedCards()
	if len(ids) == 0 {
		s.showError(errors.New("select the cards to pin or unpin"))
		return
	}
	pin := false
	for _, id := range ids {
		if !s.editor.Model().Cards[id].Pinned {
			pin = true
		}
	}
	s.report(s.editor.SetPinned(ids, pin))
}
