package app

import (
	"context"
	"database/sql"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
	"evidenceboard/data/team"
	"evidenceboard/data/team/teamtest"
)

// teamCluster starts a throwaway PostgreSQL with the team schema, stopped
// when the test ends.
func teamCluster(t *testing.T) *teamtest.Cluster {
	t.Helper()
	if os.Getenv("EVIDENCEBOARD_NO_POSTGRES") == "1" {
		t.Skip("EVIDENCEBOARD_NO_POSTGRES=1: tests against PostgreSQL skipped")
	}
	c, err := teamtest.Start()
	if err != nil {
		t.Fatalf("this test needs PostgreSQL: %v", err)
	}
	t.Cleanup(c.Stop)
	if err := c.Setup(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := team.Init(ctx, c.URL("evb_owner")); err != nil {
		t.Fatal(err)
	}
	return c
}

// stopWatchers stops every watcher before the windows close.
func stopWatchers(t *testing.T) {
	t.Cleanup(func() {
		onUI(func() {
			for e, stop := range teamWatch {
				if stop != nil {
					stop()
				}
				delete(teamWatch, e)
			}
		})
	})
}

// Two windows on two copies of one case: a card moved in one moves in
// the other within two seconds.
func TestTeamWindowsStayInStep(t *testing.T) {
	c := teamCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s1, _, _ := openShell(t)
	stopWatchers(t)
	var err error
	if err := team.Publish(ctx, s1.Editor().Case(), c.URL("alice"), "Sample"); err != nil {
		t.Fatal(err)
	}
	if err := team.Grant(ctx, c.URL("alice"), "Sample", "newsroom"); err != nil {
		t.Fatal(err)
	}
	onUI(func() {
		delete(teamWatch, s1.Editor())
		s1.watchTeam()
	})
	clone := filepath.Join(t.TempDir(), "bob.evboard")
	cs, _, err := team.Clone(ctx, c.URL("bob"), "Sample", clone)
	if err != nil {
		t.Fatal(err)
	}
	cs.Close()
	w2 := test.NewTempWindow(t, nil)
	w2.Resize(fyne.NewSize(1300, 850))
	s2 := NewShell(fyne.CurrentApp(), w2)
	onUI(func() { err = s2.OpenPath(clone) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { onUI(s2.closeBoard) })
	var watched bool
	onUI(func() { watched = teamWatch[s2.Editor()] != nil })
	if !watched {
		t.Fatal("the linked board is not watched on opening")
	}
	// A move made through the editor, as a drag makes it.
	card := cardByTitle(t, s1.Editor().Model(), "The 50 Jane Does").Clone()
	card.X += 80
	moved := card.X
	onUI(func() {
		if err := s1.Editor().Do(data.Change{Label: "Move", PutCards: []data.Card{card}}); err != nil {
			t.Error(err)
		}
	})
	deadline := time.Now().Add(2 * time.Second)
	for {
		var got float64
		onUI(func() { got = s2.Editor().Model().Cards[card.ID].X })
		if got == moved {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the other window has x = %.1f, want %.1f, after 2 s", got, moved)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The status bar says so once the round is over.
	var text string
	for deadline = time.Now().Add(2 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		onUI(func() { text = s2.status.Text })
		if strings.Contains(text, "team: synced") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("status bar: %q", text)
		}
	}
	// With the server gone, an edit is kept and the status bar says so.
	if err := c.Kill(); err != nil {
		t.Fatal(err)
	}
	card.X += 80
	onUI(func() {
		if err := s1.Editor().Do(data.Change{Label: "Move", PutCards: []data.Card{card}}); err != nil {
			t.Error(err)
		}
	})
	deadline = time.Now().Add(5 * time.Second)
	for {
		onUI(func() { text = s1.status.Text })
		if strings.Contains(text, "team: offline — 1 changes kept") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("status bar with the server down: %q", text)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// holeServer is the address of a PostgreSQL server that accepts and never
// answers, with team.ConnectTimeout at a second for the test: what is
// still waiting for it when a call on the UI goroutine returns did not
// hold that goroutine.
func holeServer(t *testing.T) string {
	hole, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hole.Close() })
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := hole.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	was := team.ConnectTimeout
	team.ConnectTimeout = time.Second
	t.Cleanup(func() { team.ConnectTimeout = was })
	return "postgres://alice@" + hole.Addr().String() + "/evb?sslmode=disable"
}

// waitStatus waits up to within for the status bar's text to be what
// done says, and fails with what (a format for the text) if it is not.
func waitStatus(t *testing.T, s *Shell, within time.Duration, what string, done func(text string) bool) {
	t.Helper()
	var text string
	for deadline := time.Now().Add(within); ; time.Sleep(50 * time.Millisecond) {
		onUI(func() { text = s.status.Text })
		if done(text) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf(what, text)
		}
	}
}

// openShareDialog opens File → Share on a team server… and returns its
// two entries: the server's address and the case's name.
func openShareDialog(t *testing.T, s *Shell, w fyne.Window) []*dialogEntry {
	t.Helper()
	var entries []*dialogEntry
	onUI(func() {
		s.shareDialog()
		walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if e, ok := o.(*dialogEntry); ok {
				entries = append(entries, e)
			}
		})
	})
	if len(entries) != 2 {
		t.Fatalf("the share dialog has %d entries, want 2", len(entries))
	}
	return entries
}

// onUI runs f as the UI goroutine would, one at a time with the team
// watchers' rounds (see teamMu).
func onUI(f func()) {
	teamMu.Lock()
	defer teamMu.Unlock()
	fyne.DoAndWait(f)
}

// A sync round runs off the UI goroutine: asking for one against a server
// that never answers returns at once, a second asked for meanwhile waits
// for the first rather than running beside it, and the status bar says
// "offline" when the first gives up.
func TestTeamRoundOffUIThread(t *testing.T) {
	hole := holeServer(t)
	s, _, _ := openShell(t)
	e := s.Editor()
	err := e.Store().Tx(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO team_link (id, server, case_id, case_name, pulled_seq) VALUES (1, ?, ?, 'Hole', 0)`,
			hole, data.NewID())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	onUI(func() {
		s.syncTeam()
		s.syncTeam()
	})
	// The server has not answered, and cannot before ConnectTimeout: a
	// round that held the UI goroutine would have ended by now.
	var again bool
	onUI(func() { again = teamRuns[e] != nil && teamRuns[e].running && teamRuns[e].again })
	if !again {
		t.Error("the first round is over, or the second did not wait for it")
	}
	waitStatus(t, s, 5*time.Second, "status bar: %q", func(text string) bool { return strings.Contains(text, "team: offline") })
	// The second round runs after the first, and the window stays usable.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var done bool
		onUI(func() { done = teamRuns[e] == nil || !teamRuns[e].running })
		if done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the rounds did not end")
		}
	}
}

// A server that asks for a password none of the usual places give: the
// window asks for it, keeps it for the session, and the round goes on.
func TestTeamPasswordDialog(t *testing.T) {
	c := teamCluster(t)
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, w, _ := openShell(t)
	stopWatchers(t)
	if err := team.Publish(ctx, s.Editor().Case(), c.URL("alice"), "Locked"); err != nil {
		t.Fatal(err)
	}
	if err := team.Grant(ctx, c.URL("alice"), "Locked", "newsroom"); err != nil {
		t.Fatal(err)
	}
	clone := filepath.Join(t.TempDir(), "carol.evboard")
	withPw := strings.Replace(c.URL("carol"), "carol@", "carol:"+url.PathEscape(teamtest.CarolPassword)+"@", 1)
	cs, _, err := team.Clone(ctx, withPw, "Locked", clone)
	if err != nil {
		t.Fatal(err)
	}
	cs.Close()
	defer team.ForgetPassword(c.URL("carol"))
	onUI(s.closeBoard)
	onUI(func() { err = s.OpenPath(clone) })
	if err != nil {
		t.Fatal(err)
	}
	pw := waitPasswordEntry(t, w, 5*time.Second)
	var text string
	onUI(func() {
		text = s.status.Text
		test.Type(pw, teamtest.CarolPassword)
		tapButton(t, w.Canvas().Overlays().Top(), "Connect")
	})
	if !strings.Contains(text, "team: needs a password") {
		t.Errorf("status bar before the password: %q", text)
	}
	waitStatus(t, s, 5*time.Second, "status bar after the password: %q", func(text string) bool { return strings.Contains(text, "team: synced") })
	// Never in the board.
	raw, err := os.ReadFile(clone)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), teamtest.CarolPassword) {
		t.Error("the password is in the board file")
	}
}

// A conflict a round meets is kept; the dialog lists it, "Take theirs"
// flips it as an undoable edit, and Done marks it reviewed.
func TestTeamConflictsDialog(t *testing.T) {
	c := teamCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, w, _ := openShell(t)
	stopWatchers(t)
	if err := team.Publish(ctx, s.Editor().Case(), c.URL("alice"), "Disputed"); err != nil {
		t.Fatal(err)
	}
	if err := team.Grant(ctx, c.URL("alice"), "Disputed", "newsroom"); err != nil {
		t.Fatal(err)
	}
	bob, _, err := team.Clone(ctx, c.URL("bob"), "Disputed", filepath.Join(t.TempDir(), "bob.evboard"))
	if err != nil {
		t.Fatal(err)
	}
	defer bob.Close()
	card := cardByTitle(t, bob.Model(), "The 50 Jane Does").Clone()
	card.Title = "Bob's title"
	if _, _, err := bob.Apply(data.Change{Label: "Retitle", PutCards: []data.Card{card}}); err != nil {
		t.Fatal(err)
	}
	if _, err := team.Sync(ctx, bob); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	mine := card
	mine.Title = "Alice's title"
	onUI(func() {
		if err := s.Editor().Do(data.Change{Label: "Retitle", PutCards: []data.Card{mine}}); err != nil {
			t.Error(err)
		}
		s.syncTeam()
	})
	waitStatus(t, s, 10*time.Second, "status bar: %q", func(text string) bool { return strings.Contains(text, "team: conflicts: 1") })
	onUI(func() {
		for w.Canvas().Overlays().Top() != nil {
			w.Canvas().Overlays().Top().Hide()
			w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
		}
		s.teamConflictsDialog()
	})
	var radio *widget.RadioGroup
	onUI(func() {
		walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if r, ok := o.(*widget.RadioGroup); ok {
				radio = r
			}
		})
	})
	if radio == nil {
		t.Fatal("no conflict listed")
	}
	if radio.Selected != "Keep mine" {
		t.Errorf("the later edit, mine, should be kept; the dialog says %q", radio.Selected)
	}
	onUI(func() {
		radio.SetSelected("Take theirs")
		if got := s.Editor().Model().Cards[card.ID].Title; got != "Bob's title" {
			t.Errorf("after Take theirs the card is %q", got)
		}
		tapButton(t, w.Canvas().Overlays().Top(), "Done")
	})
	var text string
	onUI(func() { text = s.status.Text })
	if !strings.Contains(text, "team: synced") {
		t.Errorf("status bar after review: %q", text)
	}
	if st, err := team.ReadStatus(s.Editor().Store()); err != nil || st.Conflicts != 0 {
		t.Errorf("after review: %+v %v", st, err)
	}
}

// Sharing runs off the UI goroutine: to a server that never answers, the
// tap on Share returns with the board still being published.
func TestTeamShareOffUIThread(t *testing.T) {
	hole := holeServer(t)
	s, w, _ := openShell(t)
	stopWatchers(t)
	entries := openShareDialog(t, s, w)
	var text string
	onUI(func() {
		entries[0].SetText(hole)
		entries[1].SetText("Into the hole")
		tapButton(t, w.Canvas().Overlays().Top(), "Share")
		text = s.status.Text
	})
	if !strings.Contains(text, "publishing") {
		t.Fatalf("status bar after the tap: %q, want the publish under way", text)
	}
	waitStatus(t, s, 10*time.Second, "still publishing to a server that never answers: %q", func(text string) bool { return !strings.Contains(text, "publishing") })
}

// File → Share on a team server…: the publish runs off the UI goroutine,
// asks for the password the server wants, and links the board.
func TestTeamShareDialog(t *testing.T) {
	c := teamCluster(t)
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	defer team.ForgetPassword(c.URL("carol"))
	s, w, _ := openShell(t)
	stopWatchers(t)
	entries := openShareDialog(t, s, w)
	onUI(func() {
		entries[0].SetText(c.URL("carol"))
		entries[1].SetText("Shared from the window")
		tapButton(t, w.Canvas().Overlays().Top(), "Share")
	})
	pw := waitPasswordEntry(t, w, 10*time.Second)
	onUI(func() {
		test.Type(pw, teamtest.CarolPassword)
		tapButton(t, w.Canvas().Overlays().Top(), "Connect")
	})
	waitStatus(t, s, 10*time.Second, "status bar: %q", func(text string) bool { return strings.Contains(text, "team: synced") })
	l, err := team.ReadLink(s.Editor().Store())
	if err != nil || l == nil || l.CaseName != "Shared from the window" || strings.Contains(l.Server, "secret") {
		t.Fatalf("link %+v %v", l, err)
	}
	cases, err := team.Cases(context.Background(), c.URL("carol"))
	if err != nil || len(cases) != 1 || cases[0].Changes == 0 {
		t.Errorf("the server has %+v %v", cases, err)
	}
}

// waitPasswordEntry waits, up to within, for the password dialog over w
// and returns its entry; the window is looked at on the UI goroutine.
func waitPasswordEntry(t *testing.T, w fyne.Window, within time.Duration) *widget.Entry {
	t.Helper()
	var pw *widget.Entry
	for deadline := time.Now().Add(within); pw == nil; time.Sleep(50 * time.Millisecond) {
		onUI(func() {
			if o := w.Canvas().Overlays().Top(); o != nil {
				walk(o, func(o fyne.CanvasObject) {
					if e, ok := o.(*dialogEntry); ok && e.Password {
						pw = &e.Entry
					}
				})
			}
		})
		if time.Now().After(deadline) {
			t.Fatal("no password dialog")
		}
	}
	return pw
}
