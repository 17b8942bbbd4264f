package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The marking typed in the export dialog is the board's: saved in the
// file as one undoable change, in the history.
func TestMarkingIsABoardProperty(t *testing.T) {
	s, w, _ := openShell(t)
	old := s.editor.Model().Board.Marking

	// The dialog shows the board's marking.
	s.exportBriefDialog()
	if got := test.RenderObjectToMarkup(w.Canvas().Overlays().Top()); !strings.Contains(got, old) {
		t.Fatalf("the export dialog does not show the board's marking %q", old)
	}
	_, before, err := s.editor.Store().LastChange()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"  CONFIDENTIAL — DRAFT  ", "CONFIDENTIAL — DRAFT"} {
		if err := s.setMarking(text); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.editor.Model().Board.Marking; got != "CONFIDENTIAL — DRAFT" {
		t.Fatalf("model marking = %q", got)
	}
	m, err := s.editor.Store().Load()
	if err != nil || m.Board.Marking != "CONFIDENTIAL — DRAFT" {
		t.Fatalf("file marking = %q, %v", m.Board.Marking, err)
	}
	if _, after, _ := s.editor.Store().LastChange(); after != before+1 {
		t.Errorf("changes %d → %d: setting the same marking twice must be one change", before, after)
	}
	if ok, label := s.editor.CanUndo(); !ok || !strings.Contains(label, "Set marking") {
		t.Errorf("undo offers %q", label)
	}
	if err := s.editor.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := s.editor.Model().Board.Marking; got != old {
		t.Errorf("after undo the marking is %q, want %q", got, old)
	}
}
