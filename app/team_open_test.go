package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data/team"
)

// File → Open from team server…: the cases the role may see are listed,
// and the one chosen is copied, opened and kept in step.
func TestOpenFromTeamServer(t *testing.T) {
	c := teamCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s1, _, _ := openShell(t)
	stopWatchers(t)
	if err := team.Publish(ctx, s1.Editor().Case(), c.URL("alice"), "Shared sample"); err != nil {
		t.Fatal(err)
	}
	if err := team.Grant(ctx, c.URL("alice"), "Shared sample", "newsroom"); err != nil {
		t.Fatal(err)
	}
	w2 := test.NewTempWindow(t, nil)
	w2.Resize(fyne.NewSize(1300, 850))
	s2 := NewShell(fyne.CurrentApp(), w2)
	t.Cleanup(func() { onUI(s2.closeBoard) })

	onUI(func() { s2.listTeamCases(c.URL("bob")) })
	var pick *dialogSelect
	for deadline := time.Now().Add(20 * time.Second); pick == nil; time.Sleep(50 * time.Millisecond) {
		onUI(func() {
			if o := w2.Canvas().Overlays().Top(); o != nil {
				walk(o, func(o fyne.CanvasObject) {
					if sel, ok := o.(*dialogSelect); ok {
						pick = sel
					}
				})
			}
		})
		if time.Now().After(deadline) {
			t.Fatal("no list of cases")
		}
	}
	var chosen string
	onUI(func() { chosen = pick.Selected })
	if chosen != "Shared sample" {
		t.Fatalf("the list offers %q first, want the shared case", chosen)
	}

	path := filepath.Join(t.TempDir(), "bob's copy.evboard")
	onUI(func() {
		w2.Canvas().Overlays().Top().Hide()
		s2.cloneTeamCase(c.URL("bob"), chosen, path)
	})
	var open string
	var watched bool
	for deadline := time.Now().Add(30 * time.Second); open != path || !watched; time.Sleep(50 * time.Millisecond) {
		onUI(func() {
			if e := s2.Editor(); e != nil {
				open, watched = e.Store().Path(), teamWatch[e] != nil
			}
		})
		if time.Now().After(deadline) {
			t.Fatalf("the copy was not opened and watched (open %q, watched %v)", open, watched)
		}
	}
	var n1, n2 int
	onUI(func() { n1, n2 = len(s1.Editor().Model().Cards), len(s2.Editor().Model().Cards) })
	if n1 != n2 {
		t.Fatalf("the copy has %d cards, the case %d", n2, n1)
	}
	l, err := team.ReadLink(s2.Editor().Store())
	if err != nil || l == nil || l.CaseName != "Shared sample" {
		t.Fatalf("the copy is not linked to the case: %+v %v", l, err)
	}
}
