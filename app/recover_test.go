package app

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"evidenceboard/app/format/brief"
	"evidenceboard/data"
	"evidenceboard/data/hostile"
)

// crashedBoard writes at path a board of 20 cards as a crash in the middle
// of a write leaves it, with its hot journal, and returns the board's and
// the journal's bytes.
func crashedBoard(t *testing.T, path string) (board, journal []byte) {
	t.Helper()
	work := filepath.Join(t.TempDir(), "work"+data.Extension)
	s, err := data.Create(work, data.Board{Title: "Crashed"})
	if err != nil {
		t.Fatal(err)
	}
	ch := data.Change{Label: "cards"}
	for i := 0; i < 20; i++ {
		ch.PutCards = append(ch.PutCards, data.Card{ID: fmt.Sprintf("c%02d", i), Kind: data.KindNote,
			Title: fmt.Sprintf("Card %d", i), Body: strings.Repeat("words ", 40), Width: 200, Height: 90})
	}
	if _, _, err := data.NewCase(s, data.NewModel(data.Board{})).Apply(ch); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A tiny page cache makes the write spill to the file mid-transaction.
	db, err := sql.Open("sqlite", "file:"+work+"?_pragma=journal_mode(DELETE)&_pragma=cache_size(2)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE cards SET body = hex(randomblob(2000))`); err != nil {
		t.Fatal(err)
	}
	board, _ = os.ReadFile(work)
	journal, _ = os.ReadFile(work + "-journal")
	if len(journal) == 0 {
		t.Fatal("no journal in the middle of a write")
	}
	os.WriteFile(path, board, 0o644)
	os.WriteFile(path+"-journal", journal, 0o644)
	return board, journal
}

// squeeze takes out white space: a wrapped label's lines are drawn apart.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// waitOverlay waits for a dialog over w whose text holds want.
func waitOverlay(t *testing.T, w fyne.Window, want string) fyne.CanvasObject {
	t.Helper()
	for i := 0; i < 600; i++ {
		if o := w.Canvas().Overlays().Top(); o != nil && strings.Contains(squeeze(shownText(o)), squeeze(want)) {
			return o
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no dialog saying %q", want)
	return nil
}

// Opening a board a crash left in the middle of a change asks first:
// Cancel leaves everything as it was, "Open read-only without it" shows
// the board as it was before the change without writing a byte, and
// "Undo the unfinished change" recovers it, keeps the file as it was
// beside it and records the recovery in the history.
func TestOpenAsksBeforeRecovering(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "crashed"+data.Extension)
	board, journal := crashedBoard(t, p)
	unchanged := func(what string) {
		t.Helper()
		b, _ := os.ReadFile(p)
		j, _ := os.ReadFile(p + "-journal")
		if !bytes.Equal(b, board) || !bytes.Equal(j, journal) {
			t.Fatalf("%s changed the board or its journal", what)
		}
	}
	open := func(w fyne.Window, s *Shell, answer string) error {
		done := make(chan error, 1)
		s.OpenPathInBackground(p, func(err error) { done <- err })
		q := waitOverlay(t, w, "left in the middle of a change")
		if txt := squeeze(shownText(q)); !strings.Contains(txt, squeeze("crashed (before recovery).evboard")) {
			t.Errorf("the question does not name the backup: %q", txt)
		}
		tapButton(t, q, answer)
		select {
		case err := <-done:
			return err
		case <-time.After(60 * time.Second):
			t.Fatalf("no answer after %q", answer)
		}
		return nil
	}

	w := a.NewWindow("t")
	w.Resize(fyne.NewSize(1000, 700))
	s := NewShell(a, w)
	if err := open(w, s, "Cancel"); !errors.Is(err, data.ErrHotJournal) || s.Editor() != nil {
		t.Fatalf("cancelled: %v, editor %v", err, s.Editor())
	}
	unchanged("Cancel")

	if err := open(w, s, recoverLook); err != nil {
		t.Fatal(err)
	}
	st := s.Editor().Store()
	if !st.ReadOnly() || len(s.Editor().Model().Cards) != 20 || !s.banner.Visible() ||
		!strings.Contains(s.warn.String(), "before the unfinished change") {
		t.Fatalf("read-only %v, %d cards, banner %v %q", st.ReadOnly(), len(s.Editor().Model().Cards), s.banner.Visible(), s.warn.String())
	}
	for _, c := range s.Editor().Model().Cards {
		if !strings.HasPrefix(c.Body, "words ") {
			t.Fatalf("card %s shows the unfinished change", c.ID)
		}
	}
	unchanged(recoverLook)
	// What the window shows is a copy, and everything that reads the file
	// reads that copy: a brief names and hashes the bytes shown, and no
	// follower watches the real board; files saved go beside the board.
	var opts brief.Options
	if err := opts.Stamp(st); err != nil {
		t.Fatal(err)
	}
	shown, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(shown); opts.FileSHA256 != hex.EncodeToString(sum[:]) || opts.FileName != "crashed"+data.Extension {
		t.Fatalf("the brief names %s with SHA-256 %s, not the bytes shown", opts.FileName, opts.FileSHA256)
	}
	if sum := sha256.Sum256(board); opts.FileSHA256 == hex.EncodeToString(sum[:]) {
		t.Fatal("the brief hashes the board with the unfinished change in it")
	}
	if s.following != nil {
		t.Fatal("a copy no one writes is followed")
	}
	if got := s.startFolder(); got != dir {
		t.Fatalf("file dialogs start in %s, not beside the board (%s)", got, dir)
	}
	if !strings.Contains(w.Title(), "crashed"+data.Extension) {
		t.Fatalf("the window title %q does not name the board", w.Title())
	}
	w.Close()

	w2 := a.NewWindow("t2")
	w2.Resize(fyne.NewSize(1000, 700))
	s2 := NewShell(a, w2)
	if err := open(w2, s2, recoverUndo); err != nil {
		t.Fatal(err)
	}
	waitOverlay(t, w2, "crashed (before recovery).evboard")
	if s2.Editor().Store().ReadOnly() || len(s2.Editor().Model().Cards) != 20 {
		t.Fatal("not open for editing after the recovery")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "crashed (before recovery)"+data.Extension)); !bytes.Equal(b, board) {
		t.Fatal("the file as it was is not kept beside it")
	}
	h, err := s2.Editor().Store().History("")
	if err != nil || len(h) == 0 || h[0].Label != data.RecoveredLabel {
		t.Fatalf("history %v: the recovery is not its latest change", err)
	}
	if _, err := os.Stat(p + "-journal"); err == nil {
		t.Fatal("the journal is still there")
	}
	w2.Close()
	if _, err := data.Inspect(p, true); err != nil {
		t.Fatalf("after the recovery: %v", err)
	}
}

// Error dialogs show the message as written: a file name at its start is
// not capitalised, as Fyne's own error dialog would.
func TestErrorDialogKeepsFileNames(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	w.Resize(fyne.NewSize(900, 600))
	s := NewShell(a, w)
	s.showError(errors.New("case.evboard: truncated: the file has 2 of the 16 pages its header counts"))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	if txt := squeeze(shownText(top)); !strings.Contains(txt, "case.evboard:truncated") || strings.Contains(txt, "Case.evboard") {
		t.Fatalf("shown: %q", txt)
	}
}

// A board left mid-change in a folder that cannot be written: the question
// does not offer an undo that cannot work, says how to undo it elsewhere,
// and still shows the board read-only.
func TestRecoveryQuestionInReadOnlyFolder(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "crashed"+data.Extension)
	crashedBoard(t, p)
	undo, err := hostile.ReadOnlyFolder(dir)
	if err != nil {
		t.Skip(err)
	}
	defer undo()
	w := a.NewWindow("t")
	w.Resize(fyne.NewSize(1000, 700))
	s := NewShell(a, w)
	done := make(chan error, 1)
	s.OpenPathInBackground(p, func(err error) { done <- err })
	q := waitOverlay(t, w, "left in the middle of a change")
	txt := squeeze(shownText(q))
	if strings.Contains(txt, squeeze(recoverUndo)) {
		t.Errorf("the question offers %q in a folder that cannot be written: %q", recoverUndo, txt)
	}
	if !strings.Contains(txt, squeeze("copy the board and its “-journal” file together")) {
		t.Errorf("the question does not say how to undo the change elsewhere: %q", txt)
	}
	tapButton(t, q, recoverLook)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("no board after opening it read-only")
	}
	if !s.Editor().Store().ReadOnly() {
		t.Fatal("the board shown without its unfinished change is not read-only")
	}
}
