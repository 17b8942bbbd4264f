package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
	"evidenceboard/data/team"
	"evidenceboard/data/team/teamtest"
)

// Two windows on two copies of one case: a card moved in one moves in
// the other within two seconds.
func TestTeamWindowsStayInStep(t *testing.T) {
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
	s1, _, _ := openShell(t)
	// Before the windows close: stop every watcher.
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

// onUI runs f as the UI goroutine would, one at a time with the team
// watchers' rounds (see teamMu).
func onUI(f func()) {
	teamMu.Lock()
	defer teamMu.Unlock()
	fyne.DoAndWait(f)
}
