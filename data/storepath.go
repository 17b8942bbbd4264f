package data

import "errors"

// Origin is the board file the person opened. It is Path, except for a
// board shown without its unfinished change (OpenWithoutJournal): Path is
// then the temporary copy shown, which goes when the store closes, and
// Origin the board it was made from, beside which files the person saves
// belong.
func (s *Store) Origin() string {
	var fe *FileError
	if errors.As(s.why, &fe) && errors.Is(fe.Err, ErrHotJournal) {
		return fe.Path
	}
	return s.path
}
