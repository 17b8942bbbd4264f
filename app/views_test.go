package app

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/assets"
	"evidenceboard/board"
	"evidenceboard/data"
)

// TestBoardReopensWhereItWasLeft pans and zooms a board, closes it and
// opens it again: it shows the same view, another board opens fitted,
// and the board file is not changed by the pan.
func TestBoardReopensWhereItWasLeft(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	w.Resize(fyne.NewSize(1200, 800))
	s := NewShell(a, w)
	dir := t.TempDir()
	var paths []string
	for _, name := range []string{"left", "other"} {
		p := filepath.Join(dir, name+data.Extension)
		st, err := data.CreateSample(p, assets.Article)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		paths = append(paths, p)
	}
	open := func(p string) {
		t.Helper()
		if err := s.OpenPath(p); err != nil {
			t.Fatal(err)
		}
	}
	open(paths[1])
	fx, fy := s.Board().ViewCenter()
	fz := s.Board().Zoom()
	open(paths[0])
	before, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	var card *data.Card
	for _, c := range s.Editor().Model().SortedCards() {
		card = c
		break
	}
	cx, cy := card.X+card.Width/2, card.Y+card.Height/2
	s.Board().SetView(cx, cy, 1.5)
	open(paths[1]) // closes the first
	if x, y := s.Board().ViewCenter(); x != fx || y != fy || s.Board().Zoom() != fz {
		t.Fatalf("the other board opened at (%v,%v) %v, not fitted at (%v,%v) %v", x, y, s.Board().Zoom(), fx, fy, fz)
	}
	after, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("panning and closing the board changed its file")
	}
	open(paths[0])
	x, y := s.Board().ViewCenter()
	if math.Abs(x-cx) > 0.01 || math.Abs(y-cy) > 0.01 || s.Board().Zoom() != 1.5 {
		t.Fatalf("reopened at (%v,%v) %v, left at (%v,%v) 1.5", x, y, s.Board().Zoom(), cx, cy)
	}
}

func TestParseViews(t *testing.T) {
	good := savedView{X: 10, Y: -20, Zoom: 1}
	tests := []struct {
		name string
		in   string
		want map[string]savedView
	}{
		{"a view", `{"/b/x.evboard":{"x":10,"y":-20,"zoom":1}}`, map[string]savedView{"/b/x.evboard": good}},
		{"not JSON", `{"/b/x.evboard":`, map[string]savedView{}},
		{"not an object", `[1,2]`, map[string]savedView{}},
		{"a relative path", `{"x.evboard":{"x":10,"y":-20,"zoom":1}}`, map[string]savedView{}},
		{"zoom out of range", `{"/b/x.evboard":{"x":10,"y":-20,"zoom":90}}`, map[string]savedView{}},
		{"no zoom", `{"/b/x.evboard":{"x":10,"y":-20}}`, map[string]savedView{}},
		{"far out", `{"/b/x.evboard":{"x":1e300,"y":0,"zoom":1}}`, map[string]savedView{}},
		{"one good one bad", `{"/b/x.evboard":{"x":10,"y":-20,"zoom":1},"/b/y.evboard":{"x":"no","zoom":1}}`, map[string]savedView{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := parseViews([]byte(tc.in))
			if len(got) != len(tc.want) {
				t.Fatalf("%d views, want %d: %v", len(got), len(tc.want), got)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Fatalf("view of %s: %v, want %v", k, got[k], v)
				}
			}
		})
	}
}

// TestKeepViewBounded checks that the record of views stays bounded and
// that a view a board cannot show is not kept.
func TestKeepViewBounded(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for i := 0; i < maxViews+5; i++ {
		keepView(filepath.Join("/boards", string(rune('a'+i%26))+string(rune('a'+i/26))+data.Extension), savedView{X: float64(i), Zoom: 1})
	}
	keepView("/boards/nan"+data.Extension, savedView{X: math.NaN(), Zoom: 1})
	b, err := os.ReadFile(viewsFile())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]savedView
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(m) == 0 || len(m) > maxViews {
		t.Fatalf("%d views kept, want 1 to %d", len(m), maxViews)
	}
	if _, ok := keptView("/boards/nan" + data.Extension); ok {
		t.Fatal("a view of no number was kept")
	}
	if v, ok := keptView(filepath.Join("/boards", string(rune('a'+(maxViews+4)%26))+string(rune('a'+(maxViews+4)/26))+data.Extension)); !ok || v.X != maxViews+4 {
		t.Fatalf("the last view kept is %v (%v)", v, ok)
	}
}

// FuzzParseViews: whatever the record holds, parsing it neither panics
// nor returns a view a board cannot show.
func FuzzParseViews(f *testing.F) {
	f.Add([]byte(`{"/b/x.evboard":{"x":10,"y":-20,"zoom":1}}`))
	f.Add([]byte(`{"/b/x.evboard":{"x":1e308,"y":-1e308,"zoom":0.1}}`))
	f.Add([]byte(`{"":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for path, v := range parseViews(b) {
			z := float64(v.Zoom)
			if !filepath.IsAbs(path) || math.IsNaN(v.X+v.Y) || math.Abs(v.X) > maxViewCoord || math.Abs(v.Y) > maxViewCoord || z < board.MinZoom || z > board.MaxZoom {
				t.Fatalf("parsed a view no board can show: %q %v", path, v)
			}
		}
	})
}
