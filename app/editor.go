package app

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"

	"evidenceboard/data"
)

// Editor keeps the undo and redo stacks of an open board. Every change
// goes through its data.Case, which writes it to the file in one
// transaction and applies it to the model the board draws; the editor
// only remembers how to undo it. Menus, keys, the inspector, the board's
// intents and the tests all go through it.
type Editor struct {
	cs   *data.Case
	busy bool // a change is being written off the UI thread
	undo []step
	redo []step

	// OnChanged is told the IDs of the cards and links a change touched
	// (added, changed or deleted), and whether the board properties changed.
	OnChanged func(ids []string, boardChanged bool)

	now func() time.Time
}

// step is one undoable change: what was done and what undoes it. key and
// at let a run of edits to one field coalesce into one step.
type step struct {
	do, undo data.Change
	key      string
	at       time.Time
}

// coalesceWindow is how close edits to one field must follow each other
// to be undone as one: typing a word is one undo step, not one per key.
const coalesceWindow = 3 * time.Second

// NewEditor returns an editor over an open store and the model loaded from it.
func NewEditor(s *data.Store, m *data.Model) *Editor {
	return newEditorFor(data.NewCase(s, m))
}

func newEditorFor(cs *data.Case) *Editor { return &Editor{cs: cs, now: time.Now} }

// Model is the board as it is now.
func (e *Editor) Model() *data.Model { return e.cs.Model() }

// Store is the open file.
func (e *Editor) Store() *data.Store { return e.cs.Store() }

// Case is the open board, file and model together.
func (e *Editor) Case() *data.Case { return e.cs }

// ErrNothing is returned by Undo and Redo when there is nothing to do.
var ErrNothing = errors.New("nothing to undo or redo")

// ErrBusy is returned while a large change is still being written.
var ErrBusy = errors.New("still saving the last change; try again in a moment")

// DoInBackground makes ch as Do does, but writes it off the UI thread, so
// a change of a hundred thousand cards leaves the window responsive. The
// model changes (and OnChanged is told) on the UI thread when the write
// is done, and done is called there with the outcome. Meanwhile every
// other change is refused with ErrBusy.
func (e *Editor) DoInBackground(ch data.Change, done func(error)) {
	if e.busy {
		done(ErrBusy)
		return
	}
	if ch.Empty() {
		done(nil)
		return
	}
	e.busy = true
	go func() {
		w, err := e.cs.Write(ch)
		fyne.Do(func() {
			e.busy = false
			if err == nil {
				w.Apply()
				e.undo = append(e.undo, step{do: w.Done, undo: w.Undo, at: e.now()})
				e.redo = nil
				e.notify(w.Done)
			}
			done(err)
		})
	}()
}

// Do makes ch: one transaction in the file, then the model, then the undo
// stack. On error neither the file nor the model changed.
func (e *Editor) Do(ch data.Change) error {
	return e.DoCoalesced("", ch)
}

// DoCoalesced is Do, but a change with the same non-empty key as the last
// one, made within a few seconds of it, joins that undo step (typing into
// one field). Each is still its own transaction in the file.
func (e *Editor) DoCoalesced(key string, ch data.Change) error {
	if e.busy {
		return ErrBusy
	}
	if ch.Empty() {
		return nil
	}
	now := e.now()
	n := len(e.undo)
	coalesce := key != "" && n > 0 && e.undo[n-1].key == key && now.Sub(e.undo[n-1].at) < coalesceWindow
	ch.Amend = coalesce
	ch, inv, err := e.cs.Apply(ch)
	if err != nil {
		return err
	}
	if coalesce {
		top := &e.undo[n-1]
		top.do, top.at = ch, now
	} else {
		e.undo = append(e.undo, step{do: ch, undo: inv, key: key, at: now})
	}
	e.undo[len(e.undo)-1].do.Amend = false // a redo is a change of its own
	e.redo = nil
	e.notify(ch)
	return nil
}

// CanUndo reports whether there is a step to undo, and its label.
func (e *Editor) CanUndo() (bool, string) {
	if len(e.undo) == 0 {
		return false, ""
	}
	return true, e.undo[len(e.undo)-1].do.Label
}

// CanRedo reports whether there is a step to redo, and its label.
func (e *Editor) CanRedo() (bool, string) {
	if len(e.redo) == 0 {
		return false, ""
	}
	return true, e.redo[len(e.redo)-1].do.Label
}

// Undo reverses the last step, in the file as in memory.
func (e *Editor) Undo() error {
	if e.busy {
		return ErrBusy
	}
	if len(e.undo) == 0 {
		return ErrNothing
	}
	st := e.undo[len(e.undo)-1]
	ch := st.undo
	ch.Label, ch.ID = "Undo "+st.do.Label, ""
	ch, _, err := e.cs.Apply(ch)
	if err != nil {
		return err
	}
	e.undo = e.undo[:len(e.undo)-1]
	if n := len(e.undo); n > 0 {
		// The undo is now the newest change in the file: typing on in the
		// field edited before it must not amend the undo's history.
		e.undo[n-1].key = ""
	}
	e.redo = append(e.redo, step{do: st.do, undo: st.undo})
	e.notify(ch)
	return nil
}

// Redo makes the last undone step again.
func (e *Editor) Redo() error {
	if e.busy {
		return ErrBusy
	}
	if len(e.redo) == 0 {
		return ErrNothing
	}
	st := e.redo[len(e.redo)-1]
	ch := st.do
	ch.Label, ch.ID = "Redo "+st.do.Label, ""
	ch, _, err := e.cs.Apply(ch)
	if err != nil {
		return err
	}
	e.redo = e.redo[:len(e.redo)-1]
	e.undo = append(e.undo, step{do: st.do, undo: st.undo, at: e.now()})
	e.notify(ch)
	return nil
}

func (e *Editor) notify(ch data.Change) {
	if e.OnChanged == nil {
		return
	}
	var ids []string
	ids = append(ids, ch.DeleteLinks...)
	ids = append(ids, ch.DeleteCards...)
	for _, c := range ch.PutCards {
		ids = append(ids, c.ID)
	}
	for _, l := range ch.PutLinks {
		ids = append(ids, l.ID)
	}
	e.OnChanged(ids, ch.Board != nil)
}
