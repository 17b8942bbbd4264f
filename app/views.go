package app

import (
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"

	"evidenceboard/app/format"
	"evidenceboard/board"
)

// A board reopens where it was left: the view (the board point in the
// middle and the zoom) is kept per board file in the user's cache folder,
// beside the clean stamps, when the board is closed. Not in the board
// file: a pan is not an edit, and must not make the file differ from the
// copy a colleague has. Reopened, only what was in view is drawn first,
// which on a large board is a small part of it.

// savedView is the view kept for one board.
type savedView struct {
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Zoom float32 `json:"zoom"`
}

// maxViews bounds the record: the boards closed most recently.
const maxViews = 200

// maxViewCoord bounds a kept point: a board's cards lie far inside it.
const maxViewCoord = 1e9

var viewsMu sync.Mutex

// viewsFile is where the views are kept; "" when there is no cache folder.
func viewsFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "evidenceboard", "board-views.json")
}

// parseViews reads the record of views, keeping only the entries that
// are a view a board can show: the file is in the user's folder, but
// anything may have written it.
func parseViews(b []byte) map[string]savedView {
	out := map[string]savedView{}
	var m map[string]savedView
	if len(b) > 1<<20 || json.Unmarshal(b, &m) != nil {
		return out
	}
	for path, v := range m {
		if filepath.IsAbs(path) && v.valid() && len(out) < maxViews {
			out[path] = v
		}
	}
	return out
}

// valid reports whether v is a view a board can show as it is.
func (v savedView) valid() bool {
	z := float64(v.Zoom)
	return math.Abs(v.X) <= maxViewCoord && math.Abs(v.Y) <= maxViewCoord &&
		z >= board.MinZoom && z <= board.MaxZoom
}

func readViews() map[string]savedView {
	p := viewsFile()
	if p == "" {
		return map[string]savedView{}
	}
	b, _ := os.ReadFile(p)
	return parseViews(b)
}

// keptView returns the view kept for the board at path.
func keptView(path string) (savedView, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return savedView{}, false
	}
	viewsMu.Lock()
	defer viewsMu.Unlock()
	v, ok := readViews()[abs]
	return v, ok
}

// keepView records v as the view of the board at path. A record that
// cannot be written is no loss: the board then opens fitted.
func keepView(path string, v savedView) {
	abs, err := filepath.Abs(path)
	p := viewsFile()
	if err != nil || p == "" || !v.valid() {
		return
	}
	viewsMu.Lock()
	defer viewsMu.Unlock()
	m := readViews()
	if _, ok := m[abs]; !ok && len(m) >= maxViews {
		m = map[string]savedView{} // rare: start again rather than keep order
	}
	m[abs] = v
	b, err := json.Marshal(m)
	if err != nil || os.MkdirAll(filepath.Dir(p), 0o700) != nil {
		return
	}
	// Written beside and renamed into place, as every file we write: two
	// windows closing boards at once each put a whole record in place.
	format.WriteFile(format.Target{Path: p, Force: true}, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// keepBoardView records the open board's view, as it is closed.
func (s *Shell) keepBoardView() {
	if s.editor == nil || s.board == nil || s.board.Size().IsZero() {
		return // never laid out: its view is not one the person saw
	}
	x, y := s.board.ViewCenter()
	keepView(s.editor.Store().Origin(), savedView{X: x, Y: y, Zoom: s.board.Zoom()})
}

// showKeptView shows the board at path where it was left, or the whole
// board fitted into the window when no view was kept.
func (s *Shell) showKeptView(path string) {
	if v, ok := keptView(path); ok {
		s.board.SetView(v.X, v.Y, v.Zoom) // a view of no card fits instead
		return
	}
	s.board.FitAll()
}
