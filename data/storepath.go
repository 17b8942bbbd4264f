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

// ErrFailedCheck is behind the reason a board became read-only after it
// was shown: the check of the whole file that Open leaves running for a
// board this app closed cleanly (Store.Checked) found it damaged.
var ErrFailedCheck = errors.New("failed its check")

// FailedCheck makes the store read-only for the rest of its life because
// its check failed with err (Checked's verdict): WhyReadOnly then gives
// err's reason, wrapping ErrFailedCheck, and the board is no longer
// recorded as closed cleanly, so that its next opening checks it in full.
// Every write already fails with err; this lets the window say so before
// the person tries. Call it where the store is written from (the UI
// thread), with no write under way.
func (s *Store) FailedCheck(err error) {
	reason := err.Error()
	var fe *FileError
	if errors.As(err, &fe) {
		reason = fe.Reason
	}
	s.readOnly = true
	s.why = &FileError{Path: s.path, Reason: reason, Err: ErrFailedCheck}
	markClean(s.path, false)
}
