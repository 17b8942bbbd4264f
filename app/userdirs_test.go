package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// New boards are offered the user's documents folder, never the hidden
// folder the sample case lives in.
func TestDocumentsDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows asks the system for its Documents folder")
	}
	_, xdg := exec.LookPath("xdg-user-dir")
	for _, tc := range []struct {
		name     string
		make     []string // folders made under HOME
		userDirs string   // user-dirs.dirs, when not ""
		want     string   // under HOME
		needXDG  bool
	}{
		{"no documents folder: home", nil, "", "", false},
		{"~/Documents", []string{"Documents"}, "", "Documents", false},
		{"XDG's documents folder", []string{"Documents", "Dokumente"}, `XDG_DOCUMENTS_DIR="$HOME/Dokumente"` + "\n", "Dokumente", true},
		{"XDG's folder missing: ~/Documents", []string{"Documents"}, `XDG_DOCUMENTS_DIR="$HOME/Gone"` + "\n", "Documents", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needXDG && xdg != nil {
				t.Skip("no xdg-user-dir here")
			}
			home, cfg := t.TempDir(), t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("XDG_CONFIG_HOME", cfg)
			for _, d := range tc.make {
				if err := os.Mkdir(filepath.Join(home, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if tc.userDirs != "" {
				if err := os.WriteFile(filepath.Join(cfg, "user-dirs.dirs"), []byte(tc.userDirs), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got, want := documentsDir(), filepath.Join(home, tc.want); got != want {
				t.Fatalf("documents folder %s, want %s", got, want)
			}
		})
	}
}

// With the sample case open (in the app's hidden data folder), New board
// and Save a copy start in the documents folder; with a board of one's own
// open, Save a copy starts beside it.
func TestSaveDialogsStartInDocuments(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1300, 850))
	s := NewShell(a, w)
	if err := s.OpenDefault(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.closeBoard)
	if !strings.HasPrefix(s.Editor().Store().Path(), filepath.Join(home, ".local")) {
		t.Fatalf("the sample is at %s", s.Editor().Store().Path())
	}
	where := func() string {
		t.Helper()
		var found string
		for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
			if l, ok := o.(*widget.Label); ok && filepath.IsAbs(l.Text) {
				found = l.Text
			}
		}
		pressKey(w, fyne.KeyEscape)
		return found
	}
	s.newBoardDialog()
	s.dialogs[0].d.(interface{ Submit() }).Submit()
	if got := where(); got != docs {
		t.Errorf("New board offers %q, want %q", got, docs)
	}
	s.saveCopyDialog()
	if got := where(); got != docs {
		t.Errorf("Save a copy of the sample offers %q, want %q", got, docs)
	}
	own := filepath.Join(home, "cases")
	if err := os.Mkdir(own, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := s.Editor().Store().SaveCopy(filepath.Join(own, "mine.evboard")); err != nil {
		t.Fatal(err)
	}
	if err := s.OpenPath(filepath.Join(own, "mine.evboard")); err != nil {
		t.Fatal(err)
	}
	s.saveCopyDialog()
	if got := where(); got != own {
		t.Errorf("Save a copy of one's own board offers %q, want %q", got, own)
	}
	s.newBoardDialog()
	s.dialogs[0].d.(interface{ Submit() }).Submit()
	if got := where(); got != docs {
		t.Errorf("New board offers %q, want %q", got, docs)
	}
}
