package app

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
	"evidenceboard/data/view"
)

// tagCards tags two cards of the open sample case, as a person would in
// the inspector: one undoable change each.
func tagCards(t *testing.T, s *Shell, tags map[string][]string) {
	t.Helper()
	for title, tt := range tags {
		c := cardByTitle(t, s.Editor().Model(), title).Clone()
		c.Tags = tt
		if err := s.Editor().Do(data.Change{Label: "tag", PutCards: []data.Card{c}}); err != nil {
			t.Fatal(err)
		}
	}
}

// wantShown checks the board and the status bar against what f shows of
// the model, computed by data/view alone.
func wantShown(t *testing.T, s *Shell, what string) []string {
	t.Helper()
	f := s.Board().Hidden()
	ids, total := f.Shown(s.Editor().Model())
	shown, n := s.Board().Shown()
	if shown != len(ids) || n != total {
		t.Fatalf("%s: the board shows %d of %d, the filter %d of %d", what, shown, n, len(ids), total)
	}
	for _, id := range ids {
		if s.Board().IsHidden(id) {
			t.Fatalf("%s: %s hidden", what, id)
		}
	}
	status := s.status.Text
	say := fmt.Sprintf("showing %d of %d", len(ids), total)
	if f.IsZero() {
		if strings.Contains(status, "showing") {
			t.Fatalf("%s: the status bar speaks of a filter: %q", what, status)
		}
	} else if !strings.Contains(status, say) || s.filters.count.Text != say {
		t.Fatalf("%s: status %q, panel %q, want %q", what, status, s.filters.count.Text, say)
	}
	return ids
}

func TestFilterPanelHides(t *testing.T) {
	s, w, _ := openShell(t)
	m := s.Editor().Model()
	tagCards(t, s, map[string][]string{"The 50 Jane Does": {"plaintiffs"}, "Salesforce": {"defence", "plaintiffs"}})
	s.toggleFilters()
	p := s.filters
	if p.pop == nil || !p.pop.Visible() {
		t.Fatal("View → Filter… showed no panel")
	}
	wantShown(t, s, "nothing filtered")

	// Kinds: untick the parties.
	p.kinds.SetSelected([]string{"Claims", "Quotes", "Sources", "Events", "Notes"})
	ids := wantShown(t, s, "no parties")
	for _, id := range ids {
		if m.Cards[id].Kind == data.KindParty {
			t.Fatalf("party %s still shown", id)
		}
	}
	if len(ids) == len(m.Cards) {
		t.Fatal("the sample has no party to hide")
	}
	// Unticking every kind keeps one: a board showing nothing helps no one.
	p.kinds.SetSelected(nil)
	if f := s.Board().Hidden(); !reflect.DeepEqual(f.Kinds, []data.Kind{data.Kinds[0]}) {
		t.Fatalf("kinds after unticking all: %v", f.Kinds)
	}
	p.kinds.SetSelected(p.kinds.Options)
	if f := s.Board().Hidden(); f.Kinds != nil {
		t.Fatalf("every kind ticked should be no criterion: %v", f.Kinds)
	}

	// Claim status and grades.
	p.statuses.SetSelected([]string{data.StatusSubstantiated.Label()})
	wantShown(t, s, "substantiated claims")
	p.statuses.SetSelected(p.statuses.Options)
	p.rel.SetSelected([]string{"A", "B"})
	p.cred.SetSelected([]string{"1", "2", "ungraded"})
	if f := s.Board().Hidden(); !reflect.DeepEqual(f.Reliabilities, []string{"A", "B"}) || !reflect.DeepEqual(f.Credibilities, []int{1, 2, 0}) {
		t.Fatalf("grades: %v %v", f.Reliabilities, f.Credibilities)
	}
	wantShown(t, s, "grades")
	p.rel.SetSelected(p.rel.Options)
	p.cred.SetSelected(p.cred.Options)

	// Dates: partial bounds apply; what cannot be read says so and leaves
	// the bound before.
	test.Type(p.from, "2019")
	if f := s.Board().Hidden(); f.From != data.MustDate("2019") {
		t.Fatalf("from: %v", f.From)
	}
	wantShown(t, s, "from 2019")
	p.to.SetText("6/4/2019")
	if f := s.Board().Hidden(); !f.To.IsZero() || !strings.HasPrefix(p.dateMsg.Text, "To: ") {
		t.Fatalf("an unreadable bound was taken (%v) or not said (%q)", f.To, p.dateMsg.Text)
	}
	p.to.SetText("April 2019")
	if f := s.Board().Hidden(); f.To != data.MustDate("2019-04") || p.dateMsg.Text != "2019 to the end of April 2019" {
		t.Fatalf("to: %v, said %q", f.To, p.dateMsg.Text)
	}
	wantShown(t, s, "2019 to April 2019")
	p.from.SetText("")
	p.to.SetText("")

	// Linked to a party.
	party := cardByTitle(t, m, "Salesforce")
	p.party.SetSelected("Salesforce")
	if f := s.Board().Hidden(); f.Party != party.ID {
		t.Fatalf("party %q, want Salesforce's %q", f.Party, party.ID)
	}
	ids = wantShown(t, s, "linked to Salesforce")
	if len(ids) < 2 || len(ids) == len(m.Cards) {
		t.Fatalf("linked to Salesforce: %d of %d shown", len(ids), len(m.Cards))
	}
	p.party.SetSelectedIndex(0)

	// Tags: a card on a strand still shown stays.
	p.tagShown["plaintiffs"].SetChecked(false)
	jane, sf := cardByTitle(t, m, "The 50 Jane Does").ID, party.ID
	if !s.Board().IsHidden(jane) || s.Board().IsHidden(sf) {
		t.Fatal("hiding the plaintiffs' strand hid the wrong cards")
	}
	wantShown(t, s, "plaintiffs hidden")

	// Ctrl+A selects what is shown.
	s.selectAll()
	for _, id := range s.Board().Selected() {
		if s.Board().IsHidden(id) {
			t.Fatalf("select all took hidden card %s", id)
		}
	}
	if len(s.Board().Selected()) != len(m.Cards)-1 {
		t.Fatalf("select all took %d of %d shown", len(s.Board().Selected()), len(m.Cards)-1)
	}

	// The filter outlives an edit and its undo.
	before := s.Board().Hidden()
	c := cardByTitle(t, m, "Salesforce").Clone()
	c.Tags = []string{"plaintiffs"}
	if err := s.Editor().Do(data.Change{Label: "retag", PutCards: []data.Card{c}}); err != nil {
		t.Fatal(err)
	}
	if !s.Board().IsHidden(sf) {
		t.Fatal("a card retagged onto a hidden strand is shown")
	}
	s.undo()
	if f := s.Board().Hidden(); !f.Equal(&before) || s.Board().IsHidden(sf) || !s.Board().IsHidden(jane) {
		t.Fatal("undo lost the filter or its effect")
	}
	wantShown(t, s, "after undo")

	// The search counts only what is shown.
	s.toolbar.filter("jane")
	matches := s.Board().Matches()
	if s.toolbar.found.Text != fmt.Sprintf("%d found", len(matches)) || slicesHas(matches, jane) {
		t.Fatalf("search over hidden cards: %q, %v", s.toolbar.found.Text, matches)
	}
	s.toolbar.showNext()
	if sel := s.Board().Selected(); len(sel) != 1 || s.Board().IsHidden(sel[0]) {
		t.Fatalf("Enter in the search box went to %v", sel)
	}
	p.tagShown["plaintiffs"].SetChecked(true) // the count follows the filter without typing
	if s.toolbar.found.Text != fmt.Sprintf("%d found", len(matches)+1) {
		t.Fatalf("with nothing hidden: %q", s.toolbar.found.Text)
	}
	p.tagShown["plaintiffs"].SetChecked(false)
	s.toolbar.filter("")

	// Clear filters shows every card and the status bar stops saying so.
	test.Tap(p.clearAll)
	if f := s.Board().Hidden(); !f.IsZero() {
		t.Fatalf("clear left %+v", f)
	}
	wantShown(t, s, "cleared")
	_ = w
}

func TestFilterPanelTagColours(t *testing.T) {
	s, _, path := openShell(t)
	tagCards(t, s, map[string][]string{"The 50 Jane Does": {"plaintiffs", "Fraud"}, "Salesforce": {"defence"}})
	s.toggleFilters()
	p := s.filters
	var tags []string
	for tag := range p.tagShown {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	if !reflect.DeepEqual(tags, []string{"Fraud", "defence", "plaintiffs"}) {
		t.Fatalf("the panel lists tags %v", tags)
	}
	if _, ok := p.tagSwatch["Fraud"].Color(); ok {
		t.Fatal("a tag without a colour is drawn with one")
	}
	test.Tap(p.tagSwatch["Fraud"])
	if len(p.palette) != len(data.TagPalette) {
		t.Fatalf("the palette offers %d colours", len(p.palette))
	}
	test.Tap(p.palette[2])
	if got := s.Editor().Model().Board.TagColors["Fraud"]; got != data.TagPalette[2] {
		t.Fatalf("Fraud's colour is %q", got)
	}
	if got := reload(t, path).Board.TagColors["Fraud"]; got != data.TagPalette[2] {
		t.Fatalf("the file holds %q", got)
	}
	if c, ok := s.Board().TagColor("Fraud"); !ok || c != data.ColorOr(data.TagPalette[2], "") {
		t.Fatal("the board does not draw the tag in its colour")
	}
	if c, ok := p.tagSwatch["Fraud"].Color(); !ok || c != data.ColorOr(data.TagPalette[2], "") {
		t.Fatal("the swatch does not show the colour chosen")
	}
	// One undo step takes it off again.
	if ok, label := s.Editor().CanUndo(); !ok || !strings.Contains(label, "Fraud") {
		t.Fatalf("undo offers %q", label)
	}
	s.undo()
	if _, ok := s.Editor().Model().Board.TagColors["Fraud"]; ok {
		t.Fatal("undo left the colour")
	}
	if _, ok := reload(t, path).Board.TagColors["Fraud"]; ok {
		t.Fatal("undo left the colour in the file")
	}
	// Hiding a tag from the panel, and showing it again.
	p.tagShown["defence"].SetChecked(false)
	if f := s.Board().Hidden(); !reflect.DeepEqual(f, view.Filter{HiddenTags: []string{"defence"}}) {
		t.Fatalf("filter %+v", f)
	}
	p.tagShown["defence"].SetChecked(true)
	if f := s.Board().Hidden(); !f.IsZero() {
		t.Fatalf("filter %+v", f)
	}
}

func slicesHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// View → Filter… is on Ctrl+Shift+F, which nothing else uses, and opens
// and closes the panel.
func TestFilterMenuItem(t *testing.T) {
	s, _, _ := openShell(t)
	var item *fyne.MenuItem
	for _, m := range s.menu.main.Items {
		for _, it := range m.Items {
			if it.Label == "Filter…" {
				if m.Label != "View" {
					t.Errorf("Filter… is in %s", m.Label)
				}
				item = it
			} else if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && sc.KeyName == fyne.KeyF && sc.Modifier&fyne.KeyModifierShift != 0 {
				t.Errorf("%q is on Ctrl+Shift+F too", it.Label)
			}
		}
	}
	if item == nil {
		t.Fatal("no Filter… menu item")
	}
	if sc, ok := item.Shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyF || sc.Modifier != fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift {
		t.Fatalf("Filter… is on %v", item.Shortcut)
	}
	item.Action()
	if p := s.filters; p == nil || p.pop == nil || !p.pop.Visible() {
		t.Fatal("Filter… did not open the panel")
	}
	item.Action()
	if s.filters.pop != nil {
		t.Fatal("Filter… again did not close the panel")
	}
}

// After the panel was used and closed by a click outside it (Fyne hides
// the pop-up and tells nobody), the board has the keyboard again.
func TestFilterPanelLeavesTheBoardTheKeyboard(t *testing.T) {
	s, w, _ := openShell(t)
	s.toggleFilters()
	p := s.filters
	test.Tap(p.kinds.checks[0]) // untick parties
	w.Canvas().Focus(p.from)
	test.Type(p.from, "2018")
	if f := s.Board().Hidden(); len(f.Kinds) == 0 || f.From != data.MustDate("2018") {
		t.Fatal("the panel did not change the filter")
	}
	p.pop.Hide() // what a click outside does
	if w.Canvas().Focused() != s.Board() {
		t.Fatalf("after the panel closed the keyboard is with %T", w.Canvas().Focused())
	}
}

// Opening another board clears the filter, and closes a panel made for
// the board before.
func TestFilterClearedByAnotherBoard(t *testing.T) {
	s, _, _ := openShell(t)
	s.toggleFilters()
	s.filters.kinds.SetSelected([]string{"Claims"})
	if shown, total := s.Board().Shown(); shown == total {
		t.Fatal("nothing hidden")
	}
	_, other := sampleEditor(t)
	if err := s.OpenPath(other); err != nil {
		t.Fatal(err)
	}
	if f := s.Board().Hidden(); !f.IsZero() || s.filters.pop != nil || strings.Contains(s.status.Text, "showing") {
		t.Fatalf("another board kept the filter (%+v), the panel or the count (%q)", f, s.status.Text)
	}
}

// A read-only window that reads the board afresh (the writer added a
// document) keeps its filter and its search.
func TestFilterSurvivesAFollowersReread(t *testing.T) {
	writer, s, _ := followPair(t, hand)
	f := view.Filter{Kinds: []data.Kind{data.KindClaim, data.KindSource}}
	s.board.SetHidden(f)
	s.toolbar.filter("salesforce")
	card, _ := addMemo(t, writer)
	catchUpNow(t, s)
	if s.board.Model() != s.Editor().Model() || s.Editor().Model().Cards[card.ID] == nil {
		t.Fatal("the follower did not read the board again")
	}
	if got := s.board.Hidden(); !got.Equal(&f) {
		t.Fatalf("the filter after reading again: %+v", got)
	}
	ids, _ := f.Shown(s.Editor().Model())
	if shown, _ := s.board.Shown(); shown != len(ids) {
		t.Fatalf("showing %d, the filter shows %d", shown, len(ids))
	}
	if s.board.Filter() != "salesforce" || len(s.board.Matches()) == 0 {
		t.Fatal("the search was lost")
	}
}
