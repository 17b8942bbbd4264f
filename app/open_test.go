package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// TestOpenInBackground opens a board off the UI thread: the window shows
// it once read, and a file that fails inspection leaves the open board.
func TestOpenInBackground(t *testing.T) {
	a := test.NewTempApp(t)
	s := NewShell(a, a.NewWindow("t"))
	dir := t.TempDir()
	path := filepath.Join(dir, "case"+data.Extension)
	st, err := data.CreateSample(path, assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	open := func(p string) error {
		done := make(chan error, 1)
		s.OpenPathInBackground(p, func(err error) { done <- err })
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatalf("no answer opening %s", p)
		}
		return nil
	}
	if err := open(path); err != nil {
		t.Fatal(err)
	}
	if s.Editor() == nil || s.Editor().Store().Path() != path || len(s.Editor().Model().Cards) == 0 {
		t.Fatal("the board is not shown")
	}
	if s.center.Objects[0] != s.board {
		t.Fatal("the progress is still shown")
	}
	bad := filepath.Join(dir, "bad"+data.Extension)
	if err := os.WriteFile(bad, []byte("not a board"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := open(bad); err == nil || !strings.Contains(err.Error(), "bad"+data.Extension) {
		t.Fatalf("opening junk: %v", err)
	}
	if s.Editor() == nil || s.Editor().Store().Path() != path || s.center.Objects[0] != s.board {
		t.Fatal("a refused file replaced the open board")
	}
}

// TestLastBoardAskedForIsShown opens a large board in the background and,
// before it is ready, a small one: the small one is shown, and stays, and
// the large one is closed (its lock let go) when it is ready.
func TestLastBoardAskedForIsShown(t *testing.T) {
	a := test.NewTempApp(t)
	s := NewShell(a, a.NewWindow("t"))
	dir := t.TempDir()
	large := filepath.Join(dir, "large"+data.Extension)
	cs, err := data.CreateGenerated(large, 3000, 7)
	if err != nil {
		t.Fatal(err)
	}
	cs.Close()
	small := filepath.Join(dir, "small"+data.Extension)
	st, err := data.CreateSample(small, assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	done := make(chan string, 2)
	s.OpenPathInBackground(large, func(err error) { done <- "large " + fmt.Sprint(err) })
	s.OpenPathInBackground(small, func(err error) { done <- "small " + fmt.Sprint(err) })
	for range 2 {
		select {
		case got := <-done:
			if !strings.HasSuffix(got, "<nil>") {
				t.Fatal(got)
			}
		case <-time.After(60 * time.Second):
			t.Fatal("an open gave no answer")
		}
	}
	if s.Editor() == nil || s.Editor().Store().Path() != small || s.center.Objects[0] != s.board {
		shown := "nothing"
		if s.Editor() != nil {
			shown = filepath.Base(s.Editor().Store().Path())
		}
		t.Fatalf("shown: %s, want the board asked for last (small)", shown)
	}
	cs, err = data.OpenCase(large)
	if err != nil {
		t.Fatalf("the large board is still held: %v", err)
	}
	if cs.Store().ReadOnly() {
		t.Errorf("the large board is still locked by the open that was not wanted: %v", cs.Store().WhyReadOnly())
	}
	cs.Close()
}
