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

// sampleEditor opens a fresh copy of the sample case.
func sampleEditor(t *testing.T) (*Editor, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.evboard")
	s, err := data.CreateSample(path, assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return NewEditor(s, m), path
}

// reload reads the board back from its file, as another process would.
func reload(t *testing.T, path string) *data.Model {
	t.Helper()
	s, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func cardByTitle(t *testing.T, m *data.Model, title string) *data.Card {
	t.Helper()
	for _, c := range m.Cards {
		if c.Title == title {
			return c
		}
	}
	t.Fatalf("no card %q", title)
	return nil
}

func TestMoveUndoRedoOnDisk(t *testing.T) {
	e, path := sampleEditor(t)
	sf := cardByTitle(t, e.Model(), "Salesforce")
	x0, y0 := sf.X, sf.Y
	var notified []string
	e.OnChanged = func(ids []string, _ bool) { notified = ids }
	if err := e.MoveCards([]string{sf.ID}, 15, -5); err != nil {
		t.Fatal(err)
	}
	if len(notified) != 1 || notified[0] != sf.ID {
		t.Errorf("notified %v", notified)
	}
	got := cardByTitle(t, reload(t, path), "Salesforce")
	if got.X != x0+15 || got.Y != y0-5 {
		t.Fatalf("file has (%v,%v), want (%v,%v)", got.X, got.Y, x0+15, y0-5)
	}
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := cardByTitle(t, reload(t, path), "Salesforce"); got.X != x0 || got.Y != y0 {
		t.Fatalf("undo left (%v,%v) in the file", got.X, got.Y)
	}
	if err := e.Redo(); err != nil {
		t.Fatal(err)
	}
	if got := cardByTitle(t, reload(t, path), "Salesforce"); got.X != x0+15 {
		t.Fatalf("redo left x=%v in the file", got.X)
	}
	if err := e.Redo(); err != ErrNothing {
		t.Fatalf("redo on empty stack: %v", err)
	}
}

func TestDeleteCardUndoRestoresLinks(t *testing.T) {
	e, path := sampleEditor(t)
	sf := cardByTitle(t, e.Model(), "Salesforce")
	links := len(e.Model().Links)
	if err := e.Delete([]string{sf.ID}); err != nil {
		t.Fatal(err)
	}
	m := reload(t, path)
	if m.Cards[sf.ID] != nil || len(m.Links) >= links {
		t.Fatal("delete did not reach the file")
	}
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	m = reload(t, path)
	if m.Cards[sf.ID] == nil || len(m.Links) != links {
		t.Fatalf("undo: card back=%v, links %d want %d", m.Cards[sf.ID] != nil, len(m.Links), links)
	}
	if c := cardByTitle(t, m, "Salesforce statement"); c.SpeakerID != sf.ID {
		t.Fatal("undo did not restore the quote's speaker")
	}
}

func TestTypingCoalescesIntoOneUndoStep(t *testing.T) {
	e, path := sampleEditor(t)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	e.now = func() time.Time { return clock }
	sf := cardByTitle(t, e.Model(), "Salesforce")
	for _, title := range []string{"S", "Sa", "Sal"} {
		c := e.Model().Cards[sf.ID].Clone()
		c.Title = title
		if err := e.EditCard(c, "title"); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Second)
	}
	if got := reload(t, path).Cards[sf.ID].Title; got != "Sal" {
		t.Fatalf("file title %q", got)
	}
	// The history holds the typing as one entry too: created, then renamed.
	hist, err := e.Store().History(sf.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || !strings.Contains(hist[0].What, "Salesforce") || !strings.Contains(hist[0].What, "Sal") {
		for _, h := range hist {
			t.Log(h.Line)
		}
		t.Fatalf("%d history entries for the card, want 2", len(hist))
	}
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := reload(t, path).Cards[sf.ID].Title; got != "Salesforce" {
		t.Fatalf("one undo left %q", got)
	}
}

func TestCreateConnectUndo(t *testing.T) {
	e, path := sampleEditor(t)
	a, err := e.CreateCard(data.KindParty, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.CreateCard(data.KindClaim, 400, 100)
	if err != nil {
		t.Fatal(err)
	}
	l, err := e.Connect(a.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if l.Relation != "alleges" {
		t.Errorf("relation %q", l.Relation)
	}
	if reload(t, path).Links[l.ID] == nil {
		t.Fatal("link not in the file")
	}
	for i := 0; i < 3; i++ {
		if err := e.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	m := reload(t, path)
	if m.Cards[a.ID] != nil || m.Cards[b.ID] != nil || m.Links[l.ID] != nil {
		t.Fatal("three undos left something behind")
	}
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }

func TestMergeIsOneUndoableStep(t *testing.T) {
	e, path := sampleEditor(t)
	theirs := filepath.Join(t.TempDir(), "theirs.evboard")
	if err := e.Store().SaveCopy(theirs); err != nil {
		t.Fatal(err)
	}
	ts, err := data.OpenCase(theirs)
	if err != nil {
		t.Fatal(err)
	}
	added := data.Card{ID: data.NewID(), Kind: data.KindNote, Title: "Colleague's note", X: 0, Y: 2000, Width: 200, Height: 90}
	if _, _, err := ts.Apply(data.Change{Label: "Add", PutCards: []data.Card{added}}); err != nil {
		t.Fatal(err)
	}
	ts.Close()
	ch, rep, err := e.Store().PlanMerge(e.Model(), theirs)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 1 {
		t.Fatalf("report: %+v", rep)
	}
	if err := e.Do(ch); err != nil {
		t.Fatal(err)
	}
	if reload(t, path).Cards[added.ID] == nil {
		t.Fatal("merged card not in the file")
	}
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	if reload(t, path).Cards[added.ID] != nil {
		t.Fatal("undo left the merged card in the file")
	}
}

// An edit after an undo is a new history entry, never folded into the undo.
func TestEditAfterUndoIsItsOwnHistory(t *testing.T) {
	e, _ := sampleEditor(t)
	sf := cardByTitle(t, e.Model(), "Salesforce")
	edit := func(field, v string) {
		c := e.Model().Cards[sf.ID].Clone()
		if field == "title" {
			c.Title = v
		} else {
			c.Body = v
		}
		if err := e.EditCard(c, field); err != nil {
			t.Fatal(err)
		}
	}
	edit("title", "T1")
	edit("body", "B1")
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	edit("title", "T2")
	hist, err := e.Store().History(sf.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hist[0].Label, "Edit title") || !strings.HasPrefix(hist[1].Label, "Undo") {
		for _, h := range hist {
			t.Log(h.Label, ": ", h.Line)
		}
		t.Fatalf("newest entries %q, %q; want the title edit, then the undo", hist[0].Label, hist[1].Label)
	}
}

// TestMoveInBackground writes a large move off the UI thread: the model
// changes only when the write is done, other edits wait with ErrBusy, and
// the move is one undo step in the file.
func TestMoveInBackground(t *testing.T) {
	test.NewTempApp(t)
	e, path := sampleEditor(t)
	old := backgroundMove
	backgroundMove = 2 // every move of two or more cards goes to the background
	t.Cleanup(func() { backgroundMove = old })
	var ids []string
	x0 := map[string]float64{}
	for id, c := range e.Model().Cards {
		ids = append(ids, id)
		x0[id] = c.X
	}
	done := make(chan error, 1)
	e.MoveCardsInBackground(ids, 40, 0, func(err error) { done <- err })
	if err := e.Do(data.Change{PutCards: []data.Card{{ID: "x", Kind: data.KindNote, Width: 100, Height: 50}}}); err != ErrBusy {
		t.Errorf("an edit during the write: %v, want ErrBusy", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the move did not finish")
	}
	m := reload(t, path)
	for id, x := range x0 {
		if m.Cards[id].X != x+40 || e.Model().Cards[id].X != x+40 {
			t.Fatalf("card %s at %v in the file, %v in the model; want %v", id, m.Cards[id].X, e.Model().Cards[id].X, x+40)
		}
	}
	if err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	m = reload(t, path)
	for id, x := range x0 {
		if m.Cards[id].X != x {
			t.Fatalf("undo left card %s at %v, want %v", id, m.Cards[id].X, x)
		}
	}
}
