package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data/team"
)

// The team server in the window (docs/TEAM.md): File → Share on a team
// server… publishes the open board as a case and links it; File → Sync
// with team server runs a round by hand. A linked board is kept live by
// team.Watch: each wake-up (a colleague's change, or the poll) runs a sync
// round on the UI thread, which owns the board's data.Case.

// teamPoll is how often a linked window syncs without a wake-up, so that
// its own edits go out soon after they are made.
const teamPoll = 3 * time.Second

// teamWatch remembers, per open board, whether it is linked and watched:
// the cancel of its watcher, or nil for a board that is not linked.
var teamWatch = map[*Editor]context.CancelFunc{}

// teamMu keeps the watchers' rounds one at a time. The app's driver does
// so already (fyne.Do runs them on the UI goroutine); the test driver runs
// fyne.Do where it is called, so under it two windows' rounds would run at
// once.
var teamMu sync.Mutex

// shareDialog asks for a server and a case name, publishes the board
// there and starts keeping it in step.
func (s *Shell) shareDialog() {
	e := s.editor
	if e == nil {
		return
	}
	addr := s.newEntry()
	addr.SetPlaceHolder("postgres://you@host/database?sslmode=verify-full")
	name := s.newEntry()
	name.SetText(e.Model().Board.Title)
	d := dialog.NewForm("Share on a team server", "Share", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Server", addr),
		widget.NewFormItem("Case name", name),
	}, func(ok bool) {
		if !ok || s.editor != e {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if err := team.Publish(ctx, e.Case(), addr.Text, name.Text); err != nil {
			s.showError(err)
			return
		}
		delete(teamWatch, e)
		s.watchTeam()
		s.teamStatus("synced")
	}, s.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	s.showDialog(d)
}

// syncTeam runs one round now and reports an error in a dialog.
func (s *Shell) syncTeam() { s.teamRound(s.editor, true) }

// teamRound runs one sync round on e's board, redraws what it pulled and
// says how it went in the status bar.
func (s *Shell) teamRound(e *Editor, report bool) {
	if e == nil || s.editor != e || e.Store().ReadOnly() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := team.Sync(ctx, e.Case())
	if len(res.Touched) > 0 || res.BoardChanged {
		s.changed(res.Touched, res.BoardChanged)
	}
	switch {
	case errors.Is(err, team.ErrUnreachable):
		s.teamOffline(e)
	case err != nil:
		if report {
			s.showError(err)
		}
		s.teamStatus("not synced")
	case res.Conflicts > 0:
		s.teamStatus(fmt.Sprintf("conflicts: %d", res.Conflicts))
	default:
		s.teamStatus("synced")
	}
}

// teamOffline says the server cannot be reached, and how many changes
// wait for it.
func (s *Shell) teamOffline(e *Editor) {
	if st, err := team.ReadStatus(e.Store()); err == nil && st.Waiting > 0 {
		s.teamStatus(fmt.Sprintf("offline — %d changes kept", st.Waiting))
		return
	}
	s.teamStatus("offline")
}

// teamStatus adds the team link's state to the status bar.
func (s *Shell) teamStatus(state string) {
	s.updateStatusWith("team: " + state)
}

// watchTeam starts the watcher of the open board if it is linked and not
// watched yet; the menus call it after every change, so it costs a map
// look-up once the board is known.
func (s *Shell) watchTeam() {
	e := s.editor
	if e == nil || e.Store().ReadOnly() {
		return
	}
	if _, known := teamWatch[e]; known {
		return
	}
	l, err := team.ReadLink(e.Store())
	if err != nil || l == nil {
		teamWatch[e] = nil
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	teamWatch[e] = cancel
	team.PollInterval = teamPoll
	wake := team.Watch(ctx, *l)
	// An edit made here goes out at once (after a short pause, so that a
	// burst of edits is one round): the editor says when it made one.
	local := make(chan struct{}, 1)
	prev := e.OnChanged
	e.OnChanged = func(ids []string, boardChanged bool) {
		if prev != nil {
			prev(ids, boardChanged)
		}
		select {
		case local <- struct{}{}:
		default:
		}
	}
	round := func() {
		// The round runs on the UI thread, which owns the board; whether
		// the server answers is found out here first, off it, so that a
		// window offline (a train in a tunnel) never waits on a timeout.
		pctx, pcancel := context.WithTimeout(ctx, 3*time.Second)
		conn, err := team.Connect(pctx, l.Server)
		pcancel()
		if err == nil {
			conn.Close(context.Background())
		}
		if errors.Is(err, team.ErrUnreachable) {
			fyne.Do(func() {
				teamMu.Lock()
				defer teamMu.Unlock()
				if s.editor == e {
					s.teamOffline(e)
				}
			})
			return
		}
		fyne.Do(func() {
			teamMu.Lock()
			defer teamMu.Unlock()
			if s.editor != e { // the board was closed
				cancel()
				delete(teamWatch, e)
				return
			}
			s.teamRound(e, false)
		})
	}
	go func() {
		for {
			select {
			case _, ok := <-wake:
				if !ok {
					return
				}
				round()
			case <-local:
				time.Sleep(150 * time.Millisecond)
				round()
			}
		}
	}()
}
