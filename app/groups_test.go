package app

import (
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// groupEditor is a board of four cards in a row, 300 apart, none in a
// group, with a link from a to d.
func groupEditor(t *testing.T) (*Editor, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "groups.evboard")
	s, err := data.Create(path, data.Board{Title: "Groups"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEditor(s, m)
	var cards []data.Card
	for i, id := range []string{"a", "b", "c", "d"} {
		cards = append(cards, data.Card{ID: id, Kind: data.KindNote, Title: strings.ToUpper(id),
			X: float64(i) * 300, Y: 0, Width: 200, Height: 100})
	}
	if err := e.Do(data.Change{Label: "Set up", PutCards: cards,
		PutLinks: []data.Link{{ID: "l", From: "a", To: "d", Relation: "involves"}}}); err != nil {
		t.Fatal(err)
	}
	return e, path
}

// where is each card's position and group, as the file has them.
func where(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for id, c := range reload(t, path).Cards {
		out[id] = strings.TrimSpace(strings.Join([]string{ftoa(c.X), ftoa(c.Y), ftoa(c.Width), ftoa(c.Height), "in", c.Group}, " "))
	}
	return out
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func TestGroupSelectedThenUngroup(t *testing.T) {
	e, path := groupEditor(t)
	before := where(t, path)
	// a and c: the frame round them holds b as well, which lies between.
	g, err := e.GroupCards([]string{"a", "c"})
	if err != nil {
		t.Fatal(err)
	}
	disk := reload(t, path)
	got := disk.Cards[g.ID]
	if got == nil || got.Kind != data.KindGroup || got.X != -groupMargin || got.Y != -groupTop ||
		got.Width != 800+2*groupMargin || got.Height != 100+groupMargin+groupTop {
		t.Fatalf("group in the file: %+v", got)
	}
	for id, want := range map[string]string{"a": g.ID, "b": g.ID, "c": g.ID, "d": ""} {
		if disk.Cards[id].Group != want {
			t.Errorf("card %s in %q, want %q", id, disk.Cards[id].Group, want)
		}
	}
	// One step: one undo takes the group and the memberships back.
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	if now := where(t, path); !reflect.DeepEqual(now, before) {
		t.Fatalf("after undo the file has %v, want %v", now, before)
	}
	if err := e.Redo(); err != nil {
		t.Fatal(err)
	}
	// Ungroup: a member selected is enough; the cards stay where they are.
	if err := e.Ungroup([]string{"b"}); err != nil {
		t.Fatal(err)
	}
	if now := where(t, path); !reflect.DeepEqual(now, before) {
		t.Errorf("after ungroup the file has %v, want %v", now, before)
	}
	if _, err := e.GroupCards([]string{"l"}); err == nil {
		t.Error("grouping a link alone made a group")
	}
	if err := e.Ungroup([]string{"a"}); err == nil {
		t.Error("ungrouping a card in no group said nothing")
	}
}

func TestMoveIntoAndOutOfAGroup(t *testing.T) {
	e, path := groupEditor(t)
	g, err := e.GroupCards([]string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	// The frame is a's box and the margins: 260 wide. Make it room for two.
	if err := e.ResizeCard(g.ID, 600, g.Height); err != nil {
		t.Fatal(err)
	}
	if got := reload(t, path).Cards["b"].Group; got != g.ID {
		t.Fatalf("b, under the widened frame, is in %q", got)
	}
	// c moves wholly into the frame: it joins, in the move's own step.
	if err := e.MoveCards([]string{"c"}, -270, 0); err != nil { // c at x 330..530, frame -30..570
		t.Fatal(err)
	}
	if got := reload(t, path).Cards["c"].Group; got != g.ID {
		t.Errorf("c moved into the frame is in %q", got)
	}
	// Half out: it leaves.
	if err := e.MoveCards([]string{"b"}, 0, 100); err != nil {
		t.Fatal(err)
	}
	if got := reload(t, path).Cards["b"].Group; got != "" {
		t.Errorf("b moved half out of the frame is still in %q", got)
	}
	// One undo puts b back in place and in the group.
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	if b := reload(t, path).Cards["b"]; b.Group != g.ID || b.Y != 0 {
		t.Errorf("after undo b is at y=%v in %q", b.Y, b.Group)
	}
}

func TestMoveGroupMovesMembersAndOneUndoRestores(t *testing.T) {
	e, path := groupEditor(t)
	g, err := e.GroupCards([]string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	before := where(t, path)
	// The group alone, as an arrow-key nudge names it: its cards go too.
	if err := e.MoveCards([]string{g.ID}, 10, 1000); err != nil {
		t.Fatal(err)
	}
	disk := reload(t, path)
	for _, id := range []string{"a", "b"} {
		if c := disk.Cards[id]; c.Y != 1000 || c.Group != g.ID {
			t.Errorf("member %s at y=%v in %q after its group moved", id, c.Y, c.Group)
		}
	}
	if c := disk.Cards["c"]; c.Y != 0 {
		t.Errorf("c, not in the group, moved to y=%v", c.Y)
	}
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	if now := where(t, path); !reflect.DeepEqual(now, before) {
		t.Errorf("one undo left %v, want %v", now, before)
	}
}

func TestGroupsThroughTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "A. Reporter")
	e, path := groupEditor(t)
	e.Store().Close()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1300, 850))
	s := NewShell(a, w)
	if err := s.OpenPath(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.closeBoard)
	b := s.Board()
	b.SetZoom(1)
	b.Select("a", "b")
	s.groupSelected()
	sel := b.Selected()
	if len(sel) != 1 {
		t.Fatalf("after grouping, the selection is %v", sel)
	}
	gid := sel[0]
	if got := reload(t, path).Cards[gid]; got == nil || got.Kind != data.KindGroup {
		t.Fatalf("no group in the file: %+v", got)
	}
	// The inspector shows the group with its title and what it holds.
	var texts []string
	walk(s.inspector.object(), func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			texts = append(texts, o.Text)
		case *widget.Entry:
			texts = append(texts, "entry:"+o.Text)
		}
	})
	all := strings.Join(texts, "|")
	if !strings.Contains(all, "Group|") || !strings.Contains(all, "entry:Group") || !strings.Contains(all, "Holds 2 cards.") {
		t.Errorf("the inspector shows %q", all)
	}

	// Drag the frame by its title band: the group and its cards move in
	// one step.
	before := where(t, path)
	pos, _, _ := b.CardScreenRect(gid)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	test.Drag(w.Canvas(), abs.Add(pos).AddXY(150, 10), 40, 200)
	disk := reload(t, path)
	for _, id := range []string{"a", "b"} {
		if c := disk.Cards[id]; c.Y != 200 || c.Group != gid {
			t.Errorf("member %s at y=%v in %q after the frame was dragged", id, c.Y, c.Group)
		}
	}
	s.undo()
	if now := where(t, path); !reflect.DeepEqual(now, before) {
		t.Errorf("one undo left %v, want %v", now, before)
	}

	// Fold: the members are hidden, the link from a is drawn to the group.
	s.foldSelected()
	if !reload(t, path).Cards[gid].Folded || !b.IsFoldedAway("a") || !b.IsFoldedAway("b") {
		t.Fatal("folding did not fold the group or hide its cards")
	}
	if from, to, ok := b.LinkShown("l"); !ok || from != gid || to != "d" {
		t.Errorf("the link from a is drawn %q→%q (%v)", from, to, ok)
	}
	s.foldSelected()
	if reload(t, path).Cards[gid].Folded || b.IsFoldedAway("a") {
		t.Error("unfolding did not show the cards again")
	}
	// Ungroup through the menu's action keeps the cards.
	s.ungroupSelected()
	disk = reload(t, path)
	if disk.Cards[gid] != nil || disk.Cards["a"].Group != "" {
		t.Error("ungroup left the group or a card in it")
	}
	ids := []string{}
	for id := range disk.Cards {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if !reflect.DeepEqual(ids, []string{"a", "b", "c", "d"}) {
		t.Errorf("cards after ungroup: %v", ids)
	}
}

// Edit has the three group commands, on their keys, and they act on the
// selection.
func TestGroupMenuItems(t *testing.T) {
	s, _, path := openShell(t)
	want := map[string]string{"Group selected cards": "G", "Ungroup": "G+shift", "Fold or unfold group": "."}
	items := map[string]*fyne.MenuItem{}
	for _, m := range s.menu.main.Items {
		for _, it := range m.Items {
			if _, ok := want[it.Label]; ok {
				items[it.Label] = it
			}
		}
	}
	for label, key := range want {
		it := items[label]
		if it == nil {
			t.Fatalf("no menu item %q", label)
		}
		sc, ok := it.Shortcut.(*desktop.CustomShortcut)
		got := ""
		if ok {
			got = string(sc.KeyName)
			if sc.Modifier&fyne.KeyModifierShift != 0 {
				got += "+shift"
			}
		}
		if got != key {
			t.Errorf("%q is on %q, want %q", label, got, key)
		}
	}
	m := s.Editor().Model()
	a, b := cardByTitle(t, m, "Salesforce"), cardByTitle(t, m, "Backpage")
	s.Board().Select(a.ID, b.ID)
	items["Group selected cards"].Action()
	g := s.Board().Selected()
	if len(g) != 1 || reload(t, path).Cards[g[0]].Kind != data.KindGroup {
		t.Fatalf("Group selected cards left the selection %v", g)
	}
	items["Fold or unfold group"].Action()
	if !reload(t, path).Cards[g[0]].Folded {
		t.Error("Fold or unfold group did not fold the selected group")
	}
	items["Ungroup"].Action()
	if reload(t, path).Cards[g[0]] != nil {
		t.Error("Ungroup left the group")
	}
}
