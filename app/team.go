package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
	"evidenceboard/data/team"
)

// The team server in the window (docs/TEAM.md): File → Share on a team
// server… publishes the open board as a case and links it; File → Sync
// with team server runs a round by hand. A linked board is kept live by
// team.Watch: each wake-up (a colleague's change, or the poll) starts a
// sync round (startRound), which runs off the UI goroutine and applies
// what it pulls on it.

// teamPoll is how often a linked window syncs without a wake-up, so that
// its own edits go out soon after they are made.
const teamPoll = 3 * time.Second

// setTeamPoll sets team.PollInterval to teamPoll once.
var setTeamPoll sync.Once

// teamWatch remembers, per open board, whether it is linked and watched:
// the cancel of its watcher, or nil for a board that is not linked.
var teamWatch = map[*Editor]context.CancelFunc{}

// teamMu keeps the rounds' turns on the UI goroutine one at a time. The
// app's driver does so already (fyne.DoAndWait runs them on the UI
// goroutine); the test driver runs fyne.DoAndWait where it is called, so
// under it two windows' turns would run at once. Only goroutines other
// than the UI's take it.
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
		s.publish(e, addr.Text, name.Text)
	}, s.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	s.showDialog(d)
}

// publish publishes e's board off the UI goroutine (team.PublishOn reads
// the board on it), asking for a password when the server wants one,
// then starts keeping the board in step.
func (s *Shell) publish(e *Editor, addr, name string) {
	s.teamStatus("publishing…")
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		err := team.PublishOn(ctx, e.Case(), addr, name, func(fn func()) {
			onUIThread(func() {
				if s.editor != e {
					cancel()
					return
				}
				fn()
			})
		})
		onUIThread(func() {
			if s.editor != e {
				return
			}
			switch {
			case errors.Is(err, team.ErrPassword):
				s.teamStatus("needs a password")
				s.askPassword(addr, err, func() { s.publish(e, addr, name) })
			case err != nil:
				s.updateStatus()
				s.showError(err)
			default:
				delete(teamWatch, e)
				s.watchTeam()
				s.teamStatus("synced")
			}
		})
	}()
}

// syncTeam runs one round now and reports an error in a dialog.
func (s *Shell) syncTeam() { s.startRound(s.editor, true) }

// teamRun is the state of a board's sync rounds, touched only on the UI
// goroutine: a round runs off it, one at a time per board; one asked for
// while another runs follows it.
type teamRun struct {
	running, again, report bool
}

// teamRuns holds the rounds' state per open board.
var teamRuns = map[*Editor]*teamRun{}

// startRound starts a sync round on e's board in a goroutine, unless one
// is running: then another follows it. Call it on the UI goroutine.
func (s *Shell) startRound(e *Editor, report bool) {
	if e == nil || s.editor != e || e.Store().ReadOnly() {
		return
	}
	r := teamRuns[e]
	if r == nil {
		r = &teamRun{}
		teamRuns[e] = r
	}
	if r.running {
		r.again, r.report = true, r.report || report
		return
	}
	r.running = true
	go s.runRound(e, r, report)
}

// runRound runs one round off the UI goroutine: connecting, pushing and
// fetching here, so that a slow or unreachable server never freezes the
// window; resolving and applying the pulled changes (the board's model is
// the UI goroutine's) in short turns on it (team.SyncOn). At the end it
// redraws what was pulled, says how it went in the status bar, and starts
// the round asked for meanwhile.
func (s *Shell) runRound(e *Editor, r *teamRun, report bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cs := e.Case()
	res, err := team.SyncOn(ctx, cs, func(fn func()) {
		onUIThread(func() {
			if s.editor != e { // closed meanwhile: the round stops
				cancel()
				return
			}
			fn()
		})
	})
	onUIThread(func() {
		r.running = false
		if s.editor != e {
			delete(teamRuns, e)
			return
		}
		if len(res.Touched) > 0 || res.BoardChanged {
			s.changed(res.Touched, res.BoardChanged)
		}
		switch {
		case errors.Is(err, team.ErrUnreachable):
			s.teamOffline(e)
		case errors.Is(err, team.ErrPassword):
			s.teamStatus("needs a password")
			if l, lerr := team.ReadLink(e.Store()); lerr == nil && l != nil {
				s.askPassword(l.Server, err, func() { s.startRound(e, true) })
			}
		case err != nil:
			if report {
				s.showError(err)
			}
			s.teamStatus("not synced")
		default:
			s.teamSynced(e)
			if report && res.Conflicts > 0 {
				s.teamConflictsDialog()
			}
		}
		if r.again {
			again := r.report
			r.again, r.report = false, false
			s.startRound(e, again)
		}
	})
}

// onUIThread runs f on the UI goroutine and waits for it. teamMu keeps
// such turns one at a time under the test driver too, which runs
// fyne.DoAndWait where it is called.
func onUIThread(f func()) {
	teamMu.Lock()
	defer teamMu.Unlock()
	fyne.DoAndWait(f)
}

// teamSynced says the board is in step, or how many conflicts it keeps
// for review.
func (s *Shell) teamSynced(e *Editor) {
	if st, err := team.ReadStatus(e.Store()); err == nil && st.Conflicts > 0 {
		s.teamStatus(fmt.Sprintf("conflicts: %d", st.Conflicts))
		return
	}
	s.teamStatus("synced")
}

// teamConflictsDialog lists the conflicts the board keeps from its syncs
// (team.Conflicts): for each, what both sides did and which was kept, with
// "Keep mine" and "Take theirs" to flip it, as an undoable change that the
// next round sends to the others. Done marks them all reviewed.
func (s *Shell) teamConflictsDialog() {
	e := s.editor
	if e == nil {
		return
	}
	conflicts, err := team.Conflicts(e.Store())
	if !s.report(err) {
		return
	}
	if len(conflicts) == 0 {
		s.showInfo("Team conflicts", "No conflicts to review: every sync so far agreed.")
		return
	}
	rows := container.NewVBox()
	for _, c := range conflicts {
		c := c
		kept := "Keep mine"
		if c.KeptTheirs {
			kept = "Take theirs"
		}
		choice := widget.NewRadioGroup([]string{"Keep mine", "Take theirs"}, nil)
		choice.Horizontal = true
		choice.SetSelected(kept)
		choice.OnChanged = func(v string) {
			if v == "" || s.editor != e {
				return
			}
			ch, err := c.ResolveIn(e.Model(), v == "Take theirs")
			if s.report(err) && s.report(e.Do(ch)) {
				c.KeptTheirs = v == "Take theirs"
			}
		}
		title := widget.NewLabelWithStyle(screenText(data.OneLine(c.Title, 80)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		rows.Add(title)
		rows.Add(wrapped(screenText(c.Describe(time.Local))))
		if d := conflictDiff(c); d != "" {
			rows.Add(wrapped(screenText(d)))
		}
		rows.Add(choice)
		rows.Add(widget.NewSeparator())
	}
	d := dialog.NewCustom(fmt.Sprintf("%d team %s to review", len(conflicts), plural(len(conflicts), "conflict", "conflicts")),
		"Done", container.NewVScroll(rows), s.win)
	d.SetOnClosed(func() {
		if s.editor != e {
			return
		}
		s.report(team.Reviewed(e.Store(), conflicts))
		s.teamSynced(e)
	})
	d.Resize(fyne.NewSize(640, 480))
	s.showDialog(d)
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
	// Set once, before the first watcher reads it: watchers already
	// running read it on every poll.
	setTeamPoll.Do(func() { team.PollInterval = teamPoll })
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
		onUIThread(func() {
			if s.editor != e { // the board was closed
				cancel()
				delete(teamWatch, e)
				return
			}
			s.startRound(e, false)
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

// askingPassword is set while the password dialog is up, so that the
// watcher's rounds do not stack one dialog on another.
var askingPassword bool

// askPassword asks for the password the team server at addr wants (why
// says so) when the address, PGPASSWORD and ~/.pgpass give none, keeps it
// in memory for the session (team.RememberPassword; never in the board)
// and calls then.
func (s *Shell) askPassword(addr string, why error, then func()) {
	if askingPassword {
		return
	}
	askingPassword = true
	pw := s.newEntry()
	pw.Password = true
	note := widget.NewLabel("Kept in memory until you quit; never written into the board.\n" +
		"To be asked no more, put it in ~/.pgpass.")
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Team server password", "Connect", "Cancel", []*widget.FormItem{
		widget.NewFormItem("", widget.NewLabel(data.OneLine(why.Error(), 90))),
		widget.NewFormItem("Password", pw),
		widget.NewFormItem("", note),
	}, func(ok bool) {
		askingPassword = false
		if !ok || pw.Text == "" {
			return
		}
		if err := team.RememberPassword(addr, pw.Text); err != nil {
			s.showError(err)
			return
		}
		then()
	}, s.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	s.showDialog(d)
	s.win.Canvas().Focus(pw)
}

// conflictDiff says what differs between the two versions of a conflict,
// a few fields at most: "title: mine “A”, theirs “B”".
func conflictDiff(c data.MergeConflict) string {
	var mine, theirs map[string]any
	switch {
	case c.MineCard != nil && c.TheirsCard != nil:
		mine, theirs = data.CardValues(c.MineCard), data.CardValues(c.TheirsCard)
	case c.MineLink != nil && c.TheirsLink != nil:
		mine, theirs = data.LinkValues(c.MineLink), data.LinkValues(c.TheirsLink)
	default:
		return ""
	}
	var parts []string
	for _, f := range slices.Sorted(maps.Keys(mine)) {
		if f == "updated" || f == "created" {
			continue
		}
		a, b := fmt.Sprint(mine[f]), fmt.Sprint(theirs[f])
		if a == b {
			continue
		}
		if len(parts) == 3 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s: mine “%s”, theirs “%s”", strings.ReplaceAll(f, "_", " "), data.OneLine(a, 40), data.OneLine(b, 40)))
	}
	return strings.Join(parts, "; ")
}
