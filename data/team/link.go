package team

import (
	"database/sql"
	"fmt"

	"evidenceboard/data"
)

// Link is a board's link to a case on a team server, as the board file
// keeps it (schema 4's team_link).
type Link struct {
	Server    string // a postgres:// URL, never with a password
	CaseID    string
	CaseName  string
	PulledSeq int64 // the server's last change this copy has
}

// ReadLink reads the board's link; nil when the board is not linked.
func ReadLink(s *data.Store) (*Link, error) {
	var l *Link
	err := s.Tx(func(tx *sql.Tx) error {
		var err error
		l, err = readLink(tx)
		return err
	})
	if err != nil {
		return nil, fileErr(s, err)
	}
	return l, nil
}

func readLink(tx *sql.Tx) (*Link, error) {
	var l Link
	err := tx.QueryRow(`SELECT server, case_id, case_name, pulled_seq FROM team_link WHERE id = 1`).
		Scan(&l.Server, &l.CaseID, &l.CaseName, &l.PulledSeq)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// The file is trusted no more than the server: a password someone
	// wrote into it is not used, and the address must be one.
	clean, err := CleanURL(l.Server)
	if err != nil {
		return nil, fmt.Errorf("its team link: %v", err)
	}
	l.Server = clean
	return &l, nil
}

func writeLink(tx *sql.Tx, l Link) error {
	_, err := tx.Exec(`INSERT INTO team_link (id, server, case_id, case_name, pulled_seq) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET server = excluded.server, case_id = excluded.case_id,
			case_name = excluded.case_name, pulled_seq = excluded.pulled_seq`,
		l.Server, l.CaseID, l.CaseName, l.PulledSeq)
	return err
}

// Status is what the status bar and `team status` say of a linked board.
type Status struct {
	Link    Link
	Waiting int // changes made here that the server does not have yet
	// Conflicts is how many conflicts the board keeps for review
	// (Conflicts).
	Conflicts int
}

// ReadStatus reads a board's link and counts its changes waiting to be
// pushed. It needs no server. A board that is not linked gives an error.
func ReadStatus(s *data.Store) (Status, error) {
	var st Status
	err := s.Tx(func(tx *sql.Tx) error {
		l, err := readLink(tx)
		if err != nil {
			return err
		}
		if l == nil {
			return errNotLinked
		}
		st.Link = *l
		if err := tx.QueryRow(`SELECT count(*) FROM team_conflicts`).Scan(&st.Conflicts); err != nil {
			return err
		}
		return tx.QueryRow(`SELECT count(*) FROM changes AS c LEFT JOIN team_changes AS t ON t.no = c.no
			WHERE t.no IS NULL AND EXISTS (SELECT 1 FROM history AS h WHERE h.change_no = c.no)`).Scan(&st.Waiting)
	})
	if err != nil {
		return Status{}, fileErr(s, err)
	}
	return st, nil
}

var errNotLinked = fmt.Errorf("not linked to a team server (evidenceboard team publish or team clone links a board)")

// fileErr names the board in an error that does not already.
func fileErr(s *data.Store, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*data.FileError); ok {
		return err
	}
	return &data.FileError{Path: s.Path(), Reason: err.Error(), Err: err}
}
