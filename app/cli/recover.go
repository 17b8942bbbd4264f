package cli

import (
	"errors"

	"evidenceboard/data"
)

// openToChange opens a board for a command that changes it, as
// data.OpenCase does. A board a crash left in the middle of a change
// (data.ErrHotJournal) is recovered first: a command cannot ask, and the
// change it was told to make needs the board whole. data.Recover keeps the
// file as it was beside it and records the recovery in the history, and
// the command says what it did in one line on stderr.
func openToChange(env *Env, path string) (*data.Case, error) {
	cs, err := data.OpenCase(path)
	if !errors.Is(err, data.ErrHotJournal) {
		return cs, err
	}
	cs, rec, err := data.Recover(path)
	if err != nil {
		return nil, err
	}
	if rec != nil {
		printf(env.Err, "evidenceboard: %s\n", data.OneLine(rec.String(), 0))
	}
	return cs, nil
}

// openStoreToChange is openToChange for a command that loads the board
// itself.
func openStoreToChange(env *Env, path string) (*data.Store, error) {
	s, err := data.Open(path)
	if !errors.Is(err, data.ErrHotJournal) {
		return s, err
	}
	cs, err := openToChange(env, path)
	if err != nil {
		return nil, err
	}
	return cs.Store(), nil
}
