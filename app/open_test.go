package app

import (
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
