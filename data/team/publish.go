package team

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"evidenceboard/data"
)

// Publish uploads the board as a new case named name on the server at
// addr, grants it to the role connecting, and links the board to it. The
// board's history goes up change by change, then one change that makes
// the board as it is (data.Model.Snapshot), so a clone is the board even
// where the history is incomplete (boards older than schema 3). It
// refuses a name the server has, and a board already linked.
func Publish(ctx context.Context, cs *data.Case, addr, name string) error {
	stored, err := CleanURL(addr)
	if err != nil {
		return err
	}
	if err := checkName(name); err != nil {
		return err
	}
	if cs.Store().ReadOnly() {
		return fileErr(cs.Store(), data.ErrReadOnly)
	}
	if l, err := ReadLink(cs.Store()); err != nil {
		return err
	} else if l != nil {
		return fileErr(cs.Store(), fmt.Errorf("already linked to case %q on %s", l.CaseName, l.Server))
	}
	history, err := cs.Store().ChangesSince(0)
	if err != nil {
		return err
	}
	// The history goes up only if replaying it from nothing gives back
	// the board's cards and links; the snapshot deletes whatever the
	// history leaves that the board does not hold.
	m := data.NewModel(data.Board{})
	for _, cl := range history {
		ch, err := m.Replay(cl)
		if err != nil {
			history, m = nil, data.NewModel(data.Board{})
			break
		}
		m.Apply(m.Expand(ch))
	}
	snap := cs.Model().Snapshot()
	var extra []data.Record
	for id := range m.Links {
		if cs.Model().Links[id] == nil {
			extra = append(extra, data.Record{Action: "delete", Entity: data.EntityLink, ID: id})
		}
	}
	for id := range m.Cards {
		if cs.Model().Cards[id] == nil {
			extra = append(extra, data.Record{Action: "delete", Entity: data.EntityCard, ID: id})
		}
	}
	logs := append(history, data.ChangeLog{ID: data.NewID(), At: time.Now().UTC().Truncate(time.Microsecond),
		Author: cs.Store().Author, Label: "Published as " + name, Records: append(extra, snap...)})

	conn, err := Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if err := checkServer(ctx, conn, addr); err != nil {
		return err
	}
	l := &Link{Server: stored, CaseID: data.NewID(), CaseName: name}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return serverErr(addr, err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `INSERT INTO evidenceboard.cases (id, name) VALUES ($1, $2)`, l.CaseID, name); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" {
			return fmt.Errorf("team server %s already has a case named %q: choose another name", redact(addr), name)
		}
		return serverErr(addr, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO evidenceboard.case_members (case_id, role_name) VALUES ($1, current_user)`, l.CaseID); err != nil {
		return serverErr(addr, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return serverErr(addr, err)
	}
	if err := pushLogs(ctx, conn, l, cs.Store(), logs); err != nil {
		return err
	}
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM evidenceboard.changes WHERE case_id = $1`, l.CaseID).Scan(&l.PulledSeq); err != nil {
		return serverErr(addr, err)
	}
	err = cs.Store().Tx(func(tx *sql.Tx) error {
		if err := writeLink(tx, *l); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO team_changes (no, origin, at) SELECT no, 'pushed', at FROM changes WHERE true
			ON CONFLICT (no) DO NOTHING`)
		return err
	})
	if err != nil {
		return fileErr(cs.Store(), fmt.Errorf("published as case %q, but the board could not be linked to it: %v", name, err))
	}
	return nil
}

func checkName(name string) error {
	if strings.TrimSpace(name) == "" || len(name) > 200 {
		return fmt.Errorf("a case name is 1 to 200 characters")
	}
	return nil
}

// Clone makes a new board at out from the case named name on the server
// at addr, linked to it, and returns it open. out must not exist; on any
// error no file is left.
func Clone(ctx context.Context, addr, name, out string) (*data.Case, Result, error) {
	var res Result
	stored, err := CleanURL(addr)
	if err != nil {
		return nil, res, err
	}
	if _, err := os.Lstat(out); err == nil {
		return nil, res, &data.FileError{Path: out, Reason: "already exists; will not overwrite it"}
	}
	conn, err := Connect(ctx, addr)
	if err != nil {
		return nil, res, err
	}
	defer conn.Close(context.Background())
	if err := checkServer(ctx, conn, addr); err != nil {
		return nil, res, err
	}
	id, err := findCase(ctx, conn, addr, name)
	if err != nil {
		return nil, res, err
	}
	s, err := data.Create(out, data.Board{})
	if err != nil {
		return nil, res, err
	}
	fail := func(err error) (*data.Case, Result, error) {
		s.Close()
		os.Remove(out)
		return nil, Result{}, err
	}
	m, err := s.Load()
	if err != nil {
		return fail(err)
	}
	l := &Link{Server: stored, CaseID: id, CaseName: name}
	if err := s.Tx(func(tx *sql.Tx) error { return writeLink(tx, *l) }); err != nil {
		return fail(fileErr(s, err))
	}
	cs := data.NewCase(s, m)
	res.Pulled, res.Conflicts, err = pull(ctx, conn, cs, l, newStamps(), nil, nil)
	if err != nil {
		return fail(err)
	}
	return cs, res, nil
}
