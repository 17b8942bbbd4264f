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
	if ch.Empty() {
		return ch, Change{}, nil
	}
	ch = c.model.Expand(ch)
	inv := c.model.Inverse(ch)
	if err := c.store.write(&ch, c.model, also); err != nil {
		return Change{}, Change{}, err
	}
	c.model.Apply(ch)
	return ch, inv, nil
}

// Close closes the file.
func (c *Case) Close() error { return c.store.Close() }
