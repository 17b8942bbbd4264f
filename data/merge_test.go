package data

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// clock returns a Now func that starts at t and steps a minute per call.
func clock(t time.Time) func() time.Time {
	return func() time.Time { t = t.Add(time.Minute); return t }
}

func cardByTitle(t testing.TB, m *Model, title string) *Card {
	t.Helper()
	for _, c := range m.Cards {
		if c.Title == title {
			return c
		}
	}
	t.Fatalf("no card %q", title)
	return nil
}

func apply(t testing.TB, s *Store, m *Model, ch Change) {
	t.Helper()
	ch = m.Expand(ch)
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	m.Apply(ch)
}

func mustLoad(t testing.TB, s *Store) *Model {
	t.Helper()
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func titles(items []MergeItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Entity+":"+it.Title)
	}
	sort.Strings(out)
	return out
}

// twoCopies makes the sample board and a copy of it (as a colleague would
// get it by mail), opened for writing, with clocks an hour apart.
func twoCopies(t *testing.T) (mine, theirs *Store, mm, tm *Model) {
	t.Helper()
	dir := t.TempDir()
	minePath := filepath.Join(dir, "mine"+Extension)
	mine, err := CreateSample(minePath, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	theirsPath := filepath.Join(dir, "theirs"+Extension)
	if err := mine.SaveCopy(theirsPath); err != nil {
		t.Fatal(err)
	}
	theirs, err = Open(theirsPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mine.Close(); theirs.Close() })
	base := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	mine.Now, mine.Author = clock(base), "A. Reporter"
	theirs.Now, theirs.Author = clock(base.Add(time.Hour)), "B. Colleague"
	return mine, theirs, mustLoad(t, mine), mustLoad(t, theirs)
}

func TestMergeTwoCopiesEditedApart(t *testing.T) {
	mine, theirs, mm, tm := twoCopies(t)

	// Mine: add a card, change Salesforce's role, delete Backpage.
	sfM := cardByTitle(t, mm, "Salesforce").Clone()
	sfM.Role = "respondent"
	added := Card{ID: "mine-new", Kind: KindNote, Title: "Mine's note", X: 5000, Y: 5000, Width: 200, Height: 90}
	apply(t, mine, mm, Change{Label: "edit", PutCards: []Card{sfM, added}})
	backpage := cardByTitle(t, mm, "Backpage").ID
	apply(t, mine, mm, Change{Label: "delete", DeleteCards: []string{backpage}})

	// Theirs (an hour later): a card on the same spot as mine's new one,
	// Salesforce's role changed differently, the Jane Does' body edited,
	// the pimps card deleted, a link added.
	sfT := cardByTitle(t, tm, "Salesforce").Clone()
	sfT.Role = "defendant (dismissed)"
	theirsNew := Card{ID: "theirs-new", Kind: KindNote, Title: "Theirs' note", X: 5050, Y: 5020, Width: 200, Height: 90}
	jd := cardByTitle(t, tm, "The 50 Jane Does").Clone()
	jd.Body = "Edited by the colleague."
	newLink := Link{ID: "theirs-link", From: "theirs-new", To: sfT.ID, Relation: "involves", Directed: true}
	apply(t, theirs, tm, Change{Label: "edit", PutCards: []Card{sfT, theirsNew, jd}, PutLinks: []Link{newLink}})
	pimps := cardByTitle(t, tm, "Pimps who used Backpage ads").ID
	apply(t, theirs, tm, Change{Label: "delete", DeleteCards: []string{pimps}})

	before := len(mm.Cards)
	ch, rep, err := mine.PlanMerge(mm, theirs.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Log(strings.Join(rep.Lines(time.UTC), "\n"))
	inv := mm.Inverse(ch)
	if err := testApply(mine, &ch); err != nil {
		t.Fatal(err)
	}
	mm.Apply(ch)
	got := mustLoad(t, mine)
	if !reflect.DeepEqual(got.Cards, mm.Cards) {
		t.Error("the model after the merge differs from the file")
	}

	if g, w := titles(rep.Added), []string{"card:Theirs' note", "link:Theirs' note → Salesforce (involves)"}; !reflect.DeepEqual(g, w) {
		t.Errorf("added %v, want %v", g, w)
	}
	if g, w := titles(rep.Updated), []string{"card:The 50 Jane Does"}; !reflect.DeepEqual(g, w) {
		t.Errorf("updated %v, want %v", g, w)
	}
	var deletedCards []string
	for _, it := range rep.Deleted {
		if it.Entity == "card" {
			deletedCards = append(deletedCards, it.Title)
		}
	}
	if w := []string{"Pimps who used Backpage ads"}; !reflect.DeepEqual(deletedCards, w) {
		t.Errorf("deleted cards %v, want %v", deletedCards, w)
	}
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].ID != sfM.ID || !rep.Conflicts[0].KeptTheirs ||
		rep.Conflicts[0].MineCard.Role != "respondent" || rep.Conflicts[0].TheirsCard.Role != "defendant (dismissed)" {
		t.Fatalf("conflicts %+v", rep.Conflicts)
	}
	if !strings.Contains(rep.Summary(), "1 added") && !strings.Contains(rep.Summary(), "2 added") {
		t.Errorf("summary %q", rep.Summary())
	}

	// The merged board.
	if got.Cards[sfM.ID].Role != "defendant (dismissed)" {
		t.Errorf("Salesforce role %q, want theirs (newer)", got.Cards[sfM.ID].Role)
	}
	if got.Cards[jd.ID].Body != jd.Body {
		t.Error("theirs' edit of the Jane Does not taken")
	}
	if got.Cards["mine-new"] == nil || got.Cards["theirs-new"] == nil || got.Links["theirs-link"] == nil {
		t.Fatal("a new card or link is missing")
	}
	if got.Cards[backpage] != nil {
		t.Error("Backpage, deleted in mine and unchanged in theirs, came back")
	}
	if got.Cards[pimps] != nil {
		t.Error("the pimps card, deleted in theirs and unchanged in mine, is still there")
	}
	tn := got.Cards["theirs-new"]
	if overlaps(tn, got.Cards["mine-new"]) || tn.X != 5050 {
		t.Errorf("theirs' new card at (%v, %v) overlaps mine's or moved sideways", tn.X, tn.Y)
	}
	if len(got.Cards) != before+1-1 {
		t.Errorf("%d cards, want %d", len(got.Cards), before)
	}
	if _, err := Inspect(mine.Path(), true); err != nil {
		t.Fatal(err)
	}

	// Merging the same board again finds nothing to do.
	ch2, rep2, err := mine.PlanMerge(mm, theirs.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !ch2.Empty() || !rep2.Empty() {
		t.Errorf("second merge: change %+v, report %s %v", ch2, rep2.Summary(), rep2.Lines(time.UTC))
	}

	// Flip the conflict: mine's role comes back, and flipping back again
	// restores theirs.
	c := rep.Conflicts[0]
	if err := testResolve(mine, c, false); err != nil {
		t.Fatal(err)
	}
	if r := mustLoad(t, mine).Cards[sfM.ID].Role; r != "respondent" {
		t.Errorf("after flip, role %q", r)
	}
	if err := testResolve(mine, c, true); err != nil {
		t.Fatal(err)
	}
	mm = mustLoad(t, mine)
	if r := mm.Cards[sfM.ID].Role; r != c.TheirsCard.Role || r == "respondent" {
		t.Errorf("after flipping back, role %q, want theirs' %q", r, c.TheirsCard.Role)
	}

	// The merge is undoable in one step.
	if err := testApply(mine, &inv); err != nil {
		t.Fatal(err)
	}
	undone := mustLoad(t, mine)
	if undone.Cards["theirs-new"] != nil || undone.Cards[pimps] == nil || undone.Links["theirs-link"] != nil {
		t.Error("undo did not take the merge back")
	}
}

func TestMergeIntoItselfChangesNothing(t *testing.T) {
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := mustLoad(t, s)
	hist, _ := s.History("")
	rep, err := testMerge(s, path)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Empty() || len(rep.Skipped) > 0 {
		t.Errorf("self merge: %s %v", rep.Summary(), rep.Lines(time.UTC))
	}
	hist2, _ := s.History("")
	if len(hist2) != len(hist) || !reflect.DeepEqual(mustLoad(t, s).Cards, m.Cards) {
		t.Error("self merge wrote something")
	}
	// And a copy of it, untouched, too.
	cp := filepath.Join(t.TempDir(), "copy"+Extension)
	if err := s.SaveCopy(cp); err != nil {
		t.Fatal(err)
	}
	rep, err = testMerge(s, cp)
	if err != nil || !rep.Empty() {
		t.Errorf("merging an untouched copy: %v %v", err, rep.Lines(time.UTC))
	}
}

func TestMergeBothWays(t *testing.T) {
	mine, theirs, mm, tm := twoCopies(t)
	a := cardByTitle(t, mm, "Salesforce").Clone()
	a.Title = "Salesforce, Inc."
	apply(t, mine, mm, Change{PutCards: []Card{a}})
	b := cardByTitle(t, tm, "Backpage").Clone()
	b.Body = "changed in theirs"
	apply(t, theirs, tm, Change{PutCards: []Card{b}})
	gone := cardByTitle(t, tm, "Pimps who used Backpage ads").ID
	apply(t, theirs, tm, Change{DeleteCards: []string{gone}})

	if _, err := testMerge(mine, theirs.Path()); err != nil {
		t.Fatal(err)
	}
	rep, err := testMerge(theirs, mine.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 0 {
		t.Errorf("merging back raised conflicts: %v", rep.Lines(time.UTC))
	}
	key := func(m *Model) map[string]string {
		out := map[string]string{}
		for id, c := range m.Cards {
			out[id] = cardKey(c)
		}
		for id, l := range m.Links {
			out[id] = linkKey(l)
		}
		return out
	}
	if !reflect.DeepEqual(key(mustLoad(t, mine)), key(mustLoad(t, theirs))) {
		t.Error("after merging both ways the boards differ")
	}
}

func TestMergeDeleteAgainstEdit(t *testing.T) {
	mine, theirs, mm, tm := twoCopies(t)
	// Mine deletes Salesforce; theirs, later, edits it: theirs' edit is
	// newer, so it comes back, reported as a conflict.
	sf := cardByTitle(t, mm, "Salesforce").ID
	apply(t, mine, mm, Change{DeleteCards: []string{sf}})
	e := tm.Cards[sf].Clone()
	e.Body = "still relevant"
	apply(t, theirs, tm, Change{PutCards: []Card{e}})
	rep, err := testMerge(mine, theirs.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) == 0 || rep.Conflicts[0].MineCard != nil || !rep.Conflicts[0].KeptTheirs {
		t.Fatalf("conflicts: %v", rep.Lines(time.UTC))
	}
	if !strings.Contains(rep.Conflicts[0].Describe(time.UTC), "deleted in mine") {
		t.Error(rep.Conflicts[0].Describe(time.UTC))
	}
	if c := mustLoad(t, mine).Cards[sf]; c == nil || c.Body != "still relevant" {
		t.Fatal("theirs' newer edit did not bring the card back")
	}
	// Flipping it deletes it again, as an editor would: ResolveIn, Apply,
	// and undo with the inverse.
	m := mustLoad(t, mine)
	flip, err := rep.Conflicts[0].ResolveIn(m, false)
	if err != nil {
		t.Fatal(err)
	}
	undo := m.Inverse(flip)
	if err := testApply(mine, &flip); err != nil {
		t.Fatal(err)
	}
	if mustLoad(t, mine).Cards[sf] != nil {
		t.Error("flip did not delete")
	}
	if err := testApply(mine, &undo); err != nil {
		t.Fatal(err)
	}
	if c := mustLoad(t, mine).Cards[sf]; c == nil || c.Body != "still relevant" {
		t.Error("undoing the flip did not restore theirs' version")
	}
}

func TestMergeSkipsAndClears(t *testing.T) {
	mine, theirs, mm, tm := twoCopies(t)
	sf := cardByTitle(t, mm, "Salesforce").ID
	jd := cardByTitle(t, mm, "The 50 Jane Does").ID
	// Mine deletes Salesforce.
	apply(t, mine, mm, Change{DeleteCards: []string{sf}})
	// Theirs links to it and quotes it, and changes a link both touch.
	var shared *Link
	for _, l := range tm.LinksOf(jd) {
		if l.From != sf && l.To != sf {
			shared = l
			break
		}
	}
	if shared == nil {
		t.Fatal("no link to share")
	}
	q := Card{ID: "theirs-quote", Kind: KindQuote, Title: "Their quote", QuoteText: "words", SpeakerID: sf,
		X: -3000, Y: -3000, Width: 260, Height: 150}
	nl := Link{ID: "theirs-link", From: sf, To: jd, Relation: "involves"}
	lt := *shared
	lt.Relation = "theirs' relation"
	apply(t, theirs, tm, Change{PutCards: []Card{q}, PutLinks: []Link{nl, lt}})
	lm := *mm.Links[shared.ID]
	lm.Relation = "mine's relation"
	apply(t, mine, mm, Change{PutLinks: []Link{lm}}) // later than theirs? mine's clock is an hour behind

	rep, err := testMerge(mine, theirs.Path())
	if err != nil {
		t.Fatal(err)
	}
	got := mustLoad(t, mine)
	if got.Cards[sf] != nil {
		t.Error("Salesforce came back")
	}
	if got.Links["theirs-link"] != nil {
		t.Error("a link to a deleted card was added")
	}
	if c := got.Cards["theirs-quote"]; c == nil || c.SpeakerID != "" {
		t.Errorf("their quote: %+v", c)
	}
	skipped := strings.Join(rep.Skipped, "\n")
	if !strings.Contains(skipped, "Their quote") || !strings.Contains(skipped, "link") {
		t.Errorf("skipped: %q", skipped)
	}
	var linkConflict *MergeConflict
	for i, c := range rep.Conflicts {
		if c.ID == shared.ID {
			linkConflict = &rep.Conflicts[i]
		}
	}
	if linkConflict == nil || !linkConflict.KeptTheirs || linkConflict.MineLink.Relation != "mine's relation" {
		t.Fatalf("link conflict: %+v", linkConflict)
	}
	if got.Links[shared.ID].Relation != "theirs' relation" {
		t.Error("the newer link version was not kept")
	}
	if err := testResolve(mine, *linkConflict, false); err != nil {
		t.Fatal(err)
	}
	if r := mustLoad(t, mine).Links[shared.ID].Relation; r != "mine's relation" {
		t.Errorf("after flip: %q", r)
	}
	ch, _, err := mine.PlanMerge(mustLoad(t, mine), theirs.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ch.PutCards {
		if c.ID == "theirs-quote" {
			t.Error("merging again rewrites the quote whose reference was cleared")
		}
	}
}

func TestMergeSchema1Board(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old"+Extension)
	one, _ := schemaFS.ReadFile("schema/1.sql")
	if err := rawExec(old, "PRAGMA application_id = 1165378148", "PRAGMA user_version = 1", string(one),
		`INSERT INTO board (id, title, created, updated) VALUES (1, 'old', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')`,
		`INSERT INTO cards (id, kind, title, x, y, width, height, created, updated)
			VALUES ('old-card', 'note', 'From an old board', 0, 0, 100, 50, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')`); err != nil {
		t.Fatal(err)
	}
	if rep, err := Inspect(old, true); err != nil || rep.Version != 1 {
		t.Fatalf("a schema 1 board: %v %+v", err, rep)
	}
	s, err := Create(filepath.Join(dir, "new"+Extension), Board{Title: "new"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, _ := os.ReadFile(old)
	rep, err := testMerge(s, old)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 1 || mustLoad(t, s).Cards["old-card"] == nil {
		t.Errorf("merging a schema 1 board: %v", rep.Lines(time.UTC))
	}
	if after, _ := os.ReadFile(old); string(after) != string(before) {
		t.Error("merging changed theirs")
	}
	// Opening it for writing steps it up to the current schema.
	o, err := Open(old)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if rep, err := Inspect(old, true); err != nil || rep.Version != SchemaVersion {
		t.Fatalf("after Open: %v %+v", err, rep)
	}
}

// TestMergeDoesNotTrustTheirClock: theirs deletes a card mine has since
// edited, and dates the tombstone 9999, with a link tombstone that shares
// the id of one of mine's cards. The deletion may not win by its date
// (it is taken as theirs' last change, before mine's edit), and the link
// tombstone deletes no card.
func TestMergeDoesNotTrustTheirClock(t *testing.T) {
	mine, theirs, mm, tm := twoCopies(t)
	sf := cardByTitle(t, mm, "Salesforce").ID
	jd := cardByTitle(t, mm, "The 50 Jane Does").ID
	apply(t, theirs, tm, Change{DeleteCards: []string{sf}})
	theirs.Close()
	// Mine edits the card two hours after theirs' deletion.
	mine.Now = clock(time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC))
	edited := cardByTitle(t, mm, "Salesforce").Clone()
	edited.Body = "edited after theirs deleted it"
	apply(t, mine, mm, Change{PutCards: []Card{edited}})
	if err := rawExec(theirs.Path(), `UPDATE deleted SET at = '9999-12-31T23:59:59.000Z'`,
		`INSERT INTO deleted (id, entity, at) VALUES ('`+jd+`', 'link', '9999-12-31T23:59:59.000Z')`); err != nil {
		t.Fatal(err)
	}
	rep, err := testMerge(mine, theirs.Path())
	if err != nil {
		t.Fatal(err)
	}
	got := mustLoad(t, mine)
	if c := got.Cards[sf]; c == nil || c.Body != edited.Body {
		t.Fatalf("a tombstone dated 9999 deleted mine's newer edit (report: %v)", rep.Lines(time.UTC))
	}
	if got.Cards[jd] == nil {
		t.Fatal("a link's tombstone deleted a card with the same id")
	}
	found := false
	for _, l := range rep.Skipped {
		found = found || strings.Contains(l, "after its last change or in the future")
	}
	if !found {
		t.Errorf("the report does not say theirs' times were clamped: %q", rep.Skipped)
	}
}

// A card and a link may share an id (a stranger's file chooses its ids):
// each keeps its own versions in a merge. Their edits to both, with ours
// untouched, are theirs being ahead, not conflicts; once the link was
// looked up among the card's versions and came out a conflict.
func TestMergeCardAndLinkOfOneID(t *testing.T) {
	dir := t.TempDir()
	minePath, theirsPath := filepath.Join(dir, "mine"+Extension), filepath.Join(dir, "theirs"+Extension)
	mine, err := CreateSample(minePath, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	mm := mustLoad(t, mine)
	other := cardByTitle(t, mm, "Salesforce").ID
	apply(t, mine, mm, Change{Label: "add",
		PutCards: []Card{{ID: "x", Kind: KindNote, Title: "X", X: 9000, Y: 9000, Width: 200, Height: 90}},
		PutLinks: []Link{{ID: "x", From: "x", To: other, Relation: "supports"}}})
	if err := mine.SaveCopy(theirsPath); err != nil {
		t.Fatal(err)
	}
	theirs, err := Open(theirsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	theirs.Now = clock(time.Now().Add(-time.Hour))
	tm := mustLoad(t, theirs)
	c, l := tm.Cards["x"].Clone(), *tm.Links["x"]
	c.Title, l.Note = "X, as the colleague has it", "their note"
	apply(t, theirs, tm, Change{Label: "edit", PutCards: []Card{c}, PutLinks: []Link{l}})

	ch, rep, err := mine.PlanMerge(mm, theirsPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) > 0 {
		t.Errorf("conflicts: %v", rep.Lines(time.UTC))
	}
	apply(t, mine, mm, ch)
	if got := mm.Cards["x"].Title; got != c.Title {
		t.Errorf("card x is %q after the merge", got)
	}
	if got := mm.Links["x"].Note; got != l.Note {
		t.Errorf("link x's note is %q after the merge", got)
	}
}
