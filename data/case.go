package data

import "database/sql"

// Case is an open board as a whole: its file and the model in memory,
// changed together. Every change to a board — an edit, an undo, a merge,
// an import, a change pulled from a colleague — goes through Apply, which
// writes it to the file in one transaction and only then applies it to
// the model, so no caller can change one and forget the other.
type Case struct {
	store *Store
	model *Model
}

// NewCase joins an open store and the model loaded from it.
func NewCase(s *Store, m *Model) *Case { return &Case{store: s, model: m} }

// OpenCase opens the board at path as Open does and loads it, reading the
// file once: the model is the one inspection read.
func OpenCase(path string) (*Case, error) {
	s, err := Open(path)
	if err != nil {
		return nil, err
	}
	m, err := s.Load()
	if err != nil {
		s.Close()
		return nil, err
	}
	return NewCase(s, m), nil
}

// Store is the open file.
func (c *Case) Store() *Store { return c.store }

// Model is the board as it is now. Callers read it; they change it only
// through Apply.
func (c *Case) Model() *Model { return c.model }

// Apply makes ch: its side effects made explicit (Model.Expand), written
// in one transaction, then applied to the model. It returns the change as
// made (stamped with its ID and times) and the change that undoes it. On
// error neither the file nor the model changed.
func (c *Case) Apply(ch Change) (done, undo Change, err error) {
	return c.ApplyWith(ch, nil)
}

// ApplyWith is Apply with also run inside the change's transaction, after
// the change is written: a change pulled from a team server advances the
// board's record of what it has pulled in the same commit, so a crash
// leaves both or neither. An error from also rolls the whole change back.
// An empty change writes nothing and does not call also.
func (c *Case) ApplyWith(ch Change, also func(tx *sql.Tx) error) (done, undo Change, err error) {
	w, err := c.write(ch, also)
	if err != nil {
		return Change{}, Change{}, err
	}
	w.Apply()
	return w.Done, w.Undo, nil
}

// Written is a change in the file that is not yet in the model: Write
// lets a large change be written off the UI thread while the model, which
// the screen reads, changes only when Apply is called on it. Until then
// the caller makes no other change to the case.
type Written struct {
	c *Case
	// Done is the change as written, Undo the change that undoes it.
	Done, Undo Change
	applied    bool
}

// Write is the first half of Apply: the change expanded and written in
// one transaction, reading the model but not changing it.
func (c *Case) Write(ch Change) (*Written, error) { return c.write(ch, nil) }

func (c *Case) write(ch Change, also func(tx *sql.Tx) error) (*Written, error) {
	if ch.Empty() {
		return &Written{c: c, Done: ch}, nil
	}
	ch = c.model.Expand(ch)
	inv := c.model.Inverse(ch)
	if err := c.keepDocuments(ch, &inv); err != nil {
		return nil, err
	}
	if err := c.store.write(&ch, c.model, also); err != nil {
		return nil, err
	}
	return &Written{c: c, Done: ch, Undo: inv}, nil
}

// Apply brings the written change into the model; a second call does
// nothing.
func (w *Written) Apply() {
	if w.applied || w.Done.Empty() {
		w.applied = true
		return
	}
	w.applied = true
	w.c.model.Apply(w.Done)
}

// Close closes the file.
func (c *Case) Close() error { return c.store.Close() }

// keepDocuments puts into inv the bytes and text of every document ch
// deletes, read from the file before they go, so undo can bring them back.
func (c *Case) keepDocuments(ch Change, inv *Change) error {
	gone := map[string]bool{}
	for _, id := range ch.DeleteDocuments {
		gone[id] = true
	}
	for i := range inv.PutDocuments {
		d := &inv.PutDocuments[i]
		if !gone[d.ID] || d.Unreadable != "" {
			continue
		}
		b, err := c.store.DocumentBytes(d.ID)
		if err != nil {
			return err
		}
		t, err := c.store.DocumentText(d.ID)
		if err != nil {
			return err
		}
		d.Bytes, d.Text = b, t
	}
	return nil
}
