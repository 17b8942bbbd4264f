package app

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/assets"
	"evidenceboard/board"
	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// TestPreviewThenBoard opens a board that is previewed (every board is,
// here): first what will be in view is drawn read-only under a shield,
// where the board was left or fitted as the open board will be; then the
// board replaces it, editable, with the view where the preview had it.
func TestPreviewThenBoard(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	was := previewMinBytes
	previewMinBytes = 0
	t.Cleanup(func() { previewMinBytes = was })
	dir := t.TempDir()
	path := filepath.Join(dir, "case"+data.Extension)
	st, err := data.CreateSample(path, assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	full, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	var first *data.Card
	for _, c := range full.SortedCards() {
		first = c
		break
	}
	for _, tc := range []struct {
		name string
		kept bool
	}{{"fitted, never seen here", false}, {"where it was left", true}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.kept {
				keepView(path, savedView{X: first.X + first.Width/2, Y: first.Y + first.Height/2, Zoom: 1.5})
			}
			a := test.NewTempApp(t)
			w := a.NewWindow("t")
			w.Resize(fyne.NewSize(1200, 800))
			s := NewShell(a, w)
			p := readPreview(path, s.previewSize())
			if p == nil {
				t.Fatal("no preview")
			}
			pm := p.prep.Model()
			if len(pm.Cards) == 0 || (!tc.kept && len(pm.Cards) != len(full.Cards)) {
				t.Fatalf("the preview holds %d of %d cards", len(pm.Cards), len(full.Cards))
			}
			if tc.kept && pm.Cards[first.ID] == nil {
				t.Fatalf("the card in the middle of the kept view is not in its preview")
			}
			painted := make(chan struct{})
			s.showPreview(path, p, widget.NewProgressBarInfinite(), painted)
			w.Canvas().Capture()
			select {
			case <-painted:
			case <-time.After(10 * time.Second):
				t.Fatal("the preview was drawn, and did not say so")
			}
			pb, ok := s.center.Objects[0].(*board.Board)
			if !ok || !pb.ReadOnly() {
				t.Fatalf("the preview is %T, read-only %v", s.center.Objects[0], ok && pb.ReadOnly())
			}
			if _, ok := s.center.Objects[2].(*shield); !ok {
				t.Fatalf("nothing stops a pan of the preview: %T", s.center.Objects[2])
			}
			px, py, pw, ph := pb.ViewRect()
			if tc.kept && (math.Abs(float64(pb.Zoom())-1.5) > 1e-6 || !(geom.Rect{X: px, Y: py, W: pw, H: ph}).Has(first.X+first.Width/2, first.Y+first.Height/2)) {
				t.Fatalf("the preview shows %v,%v %v×%v at %v, not the kept view", px, py, pw, ph, pb.Zoom())
			}
			done := make(chan error, 1)
			s.OpenPathInBackground(path, func(err error) { done <- err })
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("the board did not open")
			}
			if s.center.Objects[0] != s.board || s.board.ReadOnly() || s.board == pb {
				t.Fatal("the open board did not replace its preview")
			}
			bx, by, bw, bh := s.board.ViewRect()
			if math.Abs(bx-px) > 1e-6 || math.Abs(by-py) > 1e-6 || bw != pw || bh != ph {
				t.Errorf("the view jumped from the preview's %v,%v %v×%v to %v,%v %v×%v", px, py, pw, ph, bx, by, bw, bh)
			}
			s.closeBoard()
		})
	}
}

// TestNoPreviewOfASmallBoard: a board that opens at once is not previewed.
func TestNoPreviewOfASmallBoard(t *testing.T) {
	path := filepath.Join(t.TempDir(), "case"+data.Extension)
	st, err := data.CreateSample(path, assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if p := readPreview(path, fyne.NewSize(1200, 800)); p != nil {
		t.Errorf("the sample case (%d cards) was previewed", len(p.prep.Model().Cards))
	}
}
