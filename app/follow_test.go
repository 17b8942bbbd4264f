package app

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

// followPair opens one board twice in a temp dir: a writer (a Case, as a
// second Evidence Board would hold it) and a window that finds it locked
// and shows it read-only, whose follower looks every so often; hand
// (an hour) leaves the test to drive it (catchUpNow).
func followPair(t *testing.T, every time.Duration) (writer *Editor, s *Shell, w fyne.Window) {
	t.Helper()
	was := followEvery
	followEvery = every
	t.Cleanup(func() { followEvery = was })
	e, path := sampleEditor(t)
	a := test.NewTempApp(t)
	w = test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1300, 850))
	s = NewShell(a, w)
	if err := s.OpenPath(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.closeBoard)
	if !s.Editor().Store().ReadOnly() || s.following == nil {
		t.Fatal("the second window is not a read-only follower")
	}
	return e, s, w
}

// hand is a follower's interval that leaves the test to drive it.
const hand = time.Hour

// catchUpNow does what the follower's next tick would.
func catchUpNow(t *testing.T, s *Shell) {
	t.Helper()
	if !s.following.poll() {
		t.Fatal("the writer's change did not move the file's stamp")
	}
}

// sameBoard compares the two models card by card and link by link.
func sameBoard(t *testing.T, step string, want, got *data.Model) {
	t.Helper()
	if len(want.Cards) != len(got.Cards) || len(want.Links) != len(got.Links) || want.Board.Title != got.Board.Title {
		t.Fatalf("%s: the follower has %d cards, %d links, title %q; the writer %d, %d, %q", step,
			len(got.Cards), len(got.Links), got.Board.Title, len(want.Cards), len(want.Links), want.Board.Title)
	}
	// The history keeps the fields a change set, not the time stamps the
	// writer's rows got.
	plain := func(c *data.Card) data.Card {
		cc := c.Clone()
		cc.Created, cc.Updated = time.Time{}, time.Time{}
		return cc
	}
	for id, c := range want.Cards {
		if g := got.Cards[id]; g == nil || !reflect.DeepEqual(plain(c), plain(g)) {
			t.Fatalf("%s: card %s is %+v here, %+v in the writer", step, id, g, c)
		}
	}
	for id, l := range want.Links {
		plainLink := func(l *data.Link) data.Link {
			ll := *l
			ll.Created, ll.Updated = time.Time{}, time.Time{}
			return ll
		}
		if g := got.Links[id]; g == nil || plainLink(g) != plainLink(l) {
			t.Fatalf("%s: link %s is %+v here, %+v in the writer", step, id, g, l)
		}
	}
}

// A read-only window follows the writer's changes — moves, new cards,
// deletions, typing (which amends a change in place), board properties,
// undo — keeping its view and selection, and its counts true.
func TestReadOnlyWindowFollowsTheWriter(t *testing.T) {
	writer, s, _ := followPair(t, hand)
	wm := writer.Model()
	jane := cardByTitle(t, wm, "The 50 Jane Does")
	sales := cardByTitle(t, wm, "Salesforce")
	s.board.Select(jane.ID)
	s.board.SetZoom(0.8)
	s.board.PanBy(37, -21)
	view := func() [4]float64 {
		x, y, w, h := s.board.ViewRect()
		return [4]float64{x, y, w, h}
	}
	before := view()
	var newID string
	for _, step := range []struct {
		name string
		do   func() error
	}{
		{"move", func() error { return writer.MoveCards([]string{sales.ID}, 120, 40) }},
		{"new card", func() error {
			c, err := writer.CreateCard(data.KindNote, 900, 900)
			newID = c.ID
			return err
		}},
		{"typing, one key", func() error {
			c := wm.Cards[newID].Clone()
			c.Title = "Wri"
			return writer.EditCard(c, "title")
		}},
		{"typing, the next keys (the same change, amended)", func() error {
			c := wm.Cards[newID].Clone()
			c.Title = "Written elsewhere"
			return writer.EditCard(c, "title")
		}},
		{"connect", func() error { _, err := writer.Connect(newID, sales.ID); return err }},
		{"board properties", func() error {
			b := wm.Board
			b.Title = "Renamed by the writer"
			return writer.EditBoard(b)
		}},
		{"delete a card and its links", func() error { return writer.Delete([]string{sales.ID}) }},
		{"undo", writer.Undo},
		{"undo again", writer.Undo},
		{"redo", writer.Redo},
	} {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		catchUpNow(t, s)
		sameBoard(t, step.name, wm, s.Editor().Model())
		if got := s.board.Selected(); !reflect.DeepEqual(got, []string{jane.ID}) {
			t.Fatalf("%s: the selection is %v", step.name, got)
		}
		if got := view(); got != before {
			t.Fatalf("%s: the view moved from %v to %v", step.name, before, got)
		}
	}
	if got := s.win.Title(); !strings.Contains(got, "Renamed by the writer") || !strings.Contains(got, "read-only") {
		t.Fatalf("the window title is %q", got)
	}
	s.board.CenterOn(newID)
	if _, _, ok := s.board.CardScreenRect(newID); !ok {
		t.Fatal("the card the writer made is not drawn on the follower's board")
	}
	links := regexp.MustCompile(`(\d+) links`)
	if got := count(t, s.status.Text, links); got != len(wm.Links) {
		t.Fatalf("the status bar says %d links, the writer has %d", got, len(wm.Links))
	}
}

// The follower's own ticker picks a change up within a second or two.
func TestFollowerTicks(t *testing.T) {
	done := make(chan struct{}, 16)
	caughtUp = func() { done <- struct{}{} }
	t.Cleanup(func() { caughtUp = nil })
	writer, s, _ := followPair(t, followEvery)
	c, err := writer.CreateCard(data.KindParty, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("the follower did not catch up within 2 s")
	}
	// The catch-up ran on the follower's goroutine (the test driver's
	// fyne.DoAndWait), which has handed over: the model may be read.
	if s.Editor().Model().Cards[c.ID] == nil {
		t.Fatal("the follower caught up without the new card")
	}
}

// A document added by the writer, whose bytes the history does not hold,
// makes the follower read the board again: it then has the document and
// its card, and keeps its view and selection.
func TestFollowerRereadsForADocument(t *testing.T) {
	writer, s, _ := followPair(t, hand)
	jane := cardByTitle(t, writer.Model(), "The 50 Jane Does")
	s.board.Select(jane.ID)
	s.board.SetZoom(0.7)
	x0, y0, _, _ := s.board.ViewRect()
	card, d := addMemo(t, writer)
	catchUpNow(t, s)
	m := s.Editor().Model()
	if m.Cards[card.ID] == nil || m.Documents[d.ID] == nil {
		t.Fatal("the follower has not the writer's document and its card")
	}
	if s.board.Model() != m {
		t.Fatal("the board does not show the model read again")
	}
	if x, y, _, _ := s.board.ViewRect(); math.Abs(x-x0) > 0.01 || math.Abs(y-y0) > 0.01 || s.board.Zoom() != 0.7 {
		t.Fatalf("the view moved: (%v, %v) at %v, was (%v, %v) at 0.7", x, y, s.board.Zoom(), x0, y0)
	}
	if got := s.board.Selected(); !reflect.DeepEqual(got, []string{jane.ID}) {
		t.Fatalf("the selection is %v", got)
	}
	// And it goes on following from there.
	if err := writer.MoveCards([]string{jane.ID}, 10, 0); err != nil {
		t.Fatal(err)
	}
	catchUpNow(t, s)
	sameBoard(t, "a move after reading again", writer.Model(), s.Editor().Model())
}

// The follower reads the file on its own goroutine and hands only what it
// read to the UI thread: here the test is the UI thread (followOnUI runs
// each hand-off in the test's loop), and every read — of changes, and of
// the whole board when the writer adds a document — must come while no
// hand-off is running. Reading inside the hand-off, as before, fails.
func TestFollowerReadsOffTheUIThread(t *testing.T) {
	ui, quit := make(chan func()), make(chan struct{})
	followOnUI = func(fn func()) {
		done := make(chan struct{})
		select {
		case ui <- func() { fn(); close(done) }:
			<-done
		case <-quit: // the test is over: nothing is made
		}
	}
	var onUI atomic.Bool
	var reads, readsOnUI atomic.Int32
	followReading = func() {
		reads.Add(1)
		if onUI.Load() {
			readsOnUI.Add(1)
		}
	}
	caught := 0
	caughtUp = func() { caught++ }
	t.Cleanup(func() { followOnUI, followReading, caughtUp = fyne.DoAndWait, nil, nil })
	writer, s, _ := followPair(t, 20*time.Millisecond)
	t.Cleanup(func() { close(quit) })
	// uiLoop is the UI thread until the follower has caught up once more.
	uiLoop := func(step string) {
		t.Helper()
		want := caught + 1
		timeout := time.After(5 * time.Second)
		for caught < want {
			select {
			case fn := <-ui:
				onUI.Store(true)
				fn()
				onUI.Store(false)
			case <-timeout:
				t.Fatalf("%s: the follower did not catch up within 5 s", step)
			}
		}
	}
	c, err := writer.CreateCard(data.KindParty, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	uiLoop("a new card")
	if s.Editor().Model().Cards[c.ID] == nil {
		t.Fatal("the follower caught up without the new card")
	}
	_, d := addMemo(t, writer)
	uiLoop("a document")
	if s.Editor().Model().Documents[d.ID] == nil {
		t.Fatal("the follower caught up without the document")
	}
	if reads.Load() < 2 {
		t.Fatalf("the follower read %d times", reads.Load())
	}
	if n := readsOnUI.Load(); n > 0 {
		t.Fatalf("%d of the follower's %d reads were made on the UI thread", n, reads.Load())
	}
}

// addMemo stores a small text document in the writer's board, with its
// source card, as one change: the kind of change a follower cannot replay
// and must read the board again for. It returns the card and document.
func addMemo(t *testing.T, writer *Editor) (data.Card, data.Document) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "memo.txt")
	if err := os.WriteFile(path, []byte("A memo.\n\nIt says what it says."), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, raw, err := verify.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := verify.Document(doc, raw)
	if err != nil {
		t.Fatal(err)
	}
	ch, card := verify.AddChange(writer.Model(), d, data.Card{X: 50, Y: 50})
	if err := writer.Do(ch); err != nil {
		t.Fatal(err)
	}
	return card, d
}
