package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

func TestResizeCard(t *testing.T) {
	e, path := sampleEditor(t)
	c := cardByTitle(t, e.Model(), "Salesforce")
	w0, h0 := c.Width, c.Height
	for _, tc := range []struct{ w, h, wantW, wantH float64 }{
		{300, 140, 300, 140},
		{1, 2, data.MinCardSize, data.MinCardSize},     // never smaller than a file may hold
		{1e9, 1e9, data.MaxCardSize, data.MaxCardSize}, // nor larger
	} {
		if err := e.ResizeCard(c.ID, tc.w, tc.h); err != nil {
			t.Fatal(err)
		}
		got := cardByTitle(t, reload(t, path), "Salesforce")
		if got.Width != tc.wantW || got.Height != tc.wantH {
			t.Errorf("resize to %v×%v: file has %v×%v, want %v×%v", tc.w, tc.h, got.Width, got.Height, tc.wantW, tc.wantH)
		}
	}
	for range 3 {
		if err := e.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	if got := cardByTitle(t, reload(t, path), "Salesforce"); got.Width != w0 || got.Height != h0 {
		t.Fatalf("three undos left %v×%v, want %v×%v", got.Width, got.Height, w0, h0)
	}
	if err := e.ResizeCard("no-such-card", 100, 100); err != nil {
		t.Errorf("resizing a card that is gone: %v", err)
	}
}

func TestEditLinkCoalescesTyping(t *testing.T) {
	e, path := sampleEditor(t)
	var l data.Link
	for _, x := range e.Model().Links {
		if l.ID == "" || x.ID < l.ID {
			l = *x
		}
	}
	old := l.Note
	for _, note := range []string{"c", "ch", "che", "chec", "check"} {
		l.Note = note
		if err := e.EditLink(l, "note"); err != nil {
			t.Fatal(err)
		}
	}
	if got := reload(t, path).Links[l.ID].Note; got != "check" {
		t.Fatalf("file has note %q", got)
	}
	if err := e.Undo(); err != nil { // one step for the whole word
		t.Fatal(err)
	}
	if got := reload(t, path).Links[l.ID].Note; got != old {
		t.Fatalf("one undo left note %q, want %q", got, old)
	}
}

// TestInspectorLinkForm edits a link through the inspector's form as a
// person does: the relation typed, the status chosen, the arrow removed.
func TestInspectorLinkForm(t *testing.T) {
	s, _, path := openShell(t)
	var id string
	for lid, l := range s.Editor().Model().Links {
		if l.Directed && (id == "" || lid < id) {
			id = lid
		}
	}
	s.Board().Select(id)
	s.inspector.show([]string{id})
	var rel *widget.SelectEntry
	var status *widget.Select
	var dir *widget.Check
	walk(s.inspector.box, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.SelectEntry:
			rel = w
		case *widget.Select:
			if status == nil {
				status = w
			}
		case *widget.Check:
			dir = w
		}
	})
	if rel == nil || status == nil || dir == nil {
		t.Fatal("the link form lacks relation, status or arrow")
	}
	rel.SetText("refutes")
	status.SetSelected(data.StatusDisputed.Label())
	dir.SetChecked(false)
	got := reload(t, path).Links[id]
	if got.Relation != "refutes" || got.Status != data.StatusDisputed || got.Directed {
		t.Fatalf("the file has %+v", got)
	}
}

// walk calls fn on o and everything inside it.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, k := range c.Objects {
			walk(k, fn)
		}
	}
	if wd, ok := o.(fyne.Widget); ok {
		switch wd.(type) {
		case *widget.SelectEntry, *widget.Select, *widget.Check:
			return
		}
		for _, k := range test.WidgetRenderer(wd).Objects() {
			walk(k, fn)
		}
	}
}

// TestMergeThroughTheWindow merges a colleague's copy as a person does:
// the plan is shown, Merge applies it as one undoable change.
func TestMergeThroughTheWindow(t *testing.T) {
	s, w, path := openShell(t)
	note := data.Card{ID: data.NewID(), Kind: data.KindNote, Title: "Colleague's note", X: 0, Y: 3000, Width: 200, Height: 90}
	theirs, _ := colleagueCopy(t, s, data.Change{Label: "Add", PutCards: []data.Card{note}})
	s.planMerge(theirs)
	// The plan is worked out off the UI thread: wait for it.
	var top fyne.CanvasObject
	for i := 0; i < 200; i++ {
		if o := w.Canvas().Overlays().Top(); o != nil && strings.Contains(test.RenderObjectToMarkup(o), "Colleague") {
			top = o
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if top == nil {
		t.Fatal("the merge plan does not name what comes")
	}
	tapButton(t, top, "Merge")
	if reload(t, path).Cards[note.ID] == nil {
		t.Fatal("the note is not in the file")
	}
	s.undo()
	if reload(t, path).Cards[note.ID] != nil {
		t.Fatal("undo left the merged note in the file")
	}
}

// TestFirstRunOpensTheSample starts as a newcomer: no recent boards, an
// empty data folder. The sample case is written there and opened.
func TestFirstRunOpensTheSample(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	a := test.NewTempApp(t)
	s := NewShell(a, a.NewWindow("t"))
	t.Cleanup(s.closeBoard)
	if err := s.OpenDefault(); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(data, "evidenceboard", "Sample case.evboard")
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
	if s.Editor() == nil || s.Editor().Store().Path() != want || s.Editor().Store().ReadOnly() {
		t.Fatal("the sample case is not open for writing")
	}
	if len(s.recent()) != 1 || s.recent()[0] != want {
		t.Errorf("recent boards: %q", s.recent())
	}
}
