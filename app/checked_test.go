package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/assets"
	"evidenceboard/data"
	"evidenceboard/data/diskfault"
)

// A board shown before its check (one this app closed cleanly) whose
// check then fails turns the window read-only as soon as the verdict is
// in: a dialog and the banner name the file and the problem, the board,
// menus and inspector refuse edits, nothing is written, and the board is
// checked in full when next opened. A board that passes stays writable.
func TestFailedCheckMakesTheWindowReadOnly(t *testing.T) {
	for _, tc := range []struct {
		name    string
		damaged bool
	}{
		{"passes", false},
		{"fails", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("XDG_CACHE_HOME", t.TempDir()) // where boards closed cleanly are recorded
			path := filepath.Join(t.TempDir(), "case"+data.Extension)
			st, err := data.CreateSample(path, assets.Article)
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			if tc.damaged {
				// A page loading the board never reads, spoilt as by
				// the disk: the board is still known as closed cleanly
				// and opens before its check.
				if err := diskfault.SpoilIndexRoot(path, "links_from"); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(path)

			// The test is the UI thread: the watch hands its work to this
			// loop, which Fyne's test driver would run on the watch's own
			// goroutine.
			verdict, ui := make(chan error, 1), make(chan func())
			checkedHook = func(err error) { verdict <- err }
			checkOnUI = func(fn func()) {
				done := make(chan struct{})
				ui <- func() { fn(); close(done) }
				<-done
			}
			t.Cleanup(func() { checkedHook, checkOnUI = nil, fyne.DoAndWait })
			a := test.NewTempApp(t)
			w := test.NewTempWindow(t, nil)
			w.Resize(fyne.NewSize(1300, 850))
			s := NewShell(a, w)
			if err := s.OpenPath(path); err != nil {
				t.Fatalf("the board should show before its check: %v", err)
			}
			t.Cleanup(s.closeBoard)
			var got error
			timeout := time.After(20 * time.Second)
		wait:
			for {
				select {
				case fn := <-ui:
					fn()
				case got = <-verdict: // the window has acted on it
					break wait
				case <-timeout:
					t.Fatal("no verdict on the board's check")
				}
			}
			e := s.Editor()
			if !tc.damaged {
				if got != nil || e.Store().ReadOnly() || s.banner.Visible() || s.board.ReadOnly() {
					t.Fatalf("a sound board: verdict %v, read-only %v, banner %v", got, e.Store().ReadOnly(), s.banner.Visible())
				}
				if _, err := e.CreateCard(data.KindNote, 10, 10); err != nil {
					t.Fatalf("a sound board refused an edit: %v", err)
				}
				return
			}
			if got == nil || !strings.Contains(got.Error(), "damaged") {
				t.Fatalf("the check of a damaged board: %v", got)
			}
			if !e.Store().ReadOnly() || !errors.Is(e.Store().WhyReadOnly(), data.ErrFailedCheck) || !s.board.ReadOnly() {
				t.Fatalf("read-only: store %v (%v), board %v", e.Store().ReadOnly(), e.Store().WhyReadOnly(), s.board.ReadOnly())
			}
			if warn := s.warn.String(); !s.banner.Visible() || !strings.Contains(warn, "case"+data.Extension) || !strings.Contains(warn, "damaged") {
				t.Fatalf("the banner (shown %v): %q", s.banner.Visible(), warn)
			}
			o := w.Canvas().Overlays().Top()
			if o == nil {
				t.Fatal("no dialog says the board is damaged")
			}
			if txt := shownText(o); !strings.Contains(txt, path) || !strings.Contains(txt, "damaged") || !strings.Contains(txt, "read-only") {
				t.Fatalf("the dialog does not name the file and the problem: %q", txt)
			}
			if !strings.Contains(w.Title(), "read-only") {
				t.Fatalf("the window title %q", w.Title())
			}
			for _, it := range s.menu.needWrite {
				if !it.Disabled {
					t.Fatalf("the menu item %q is still enabled", it.Label)
				}
			}
			if _, err := e.CreateCard(data.KindNote, 10, 10); err == nil {
				t.Fatal("a damaged board took an edit")
			}
			s.closeBoard()
			if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
				t.Fatal("the damaged board was written")
			}
			if _, err := data.OpenCase(path); err == nil || !strings.Contains(err.Error(), "damaged") {
				t.Fatalf("opened again, the damaged board is not checked in full: %v", err)
			}
		})
	}
}
