package team

import (
	"context"
	"database/sql"
	"encoding/json"
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
// board's history goes up change by change, with the documents' bytes.
// Where the history does not give back the board (boards older than
// schema 3, or made by an import that kept none), one more change makes
// it the board as it is (data.Model.Snapshot), labelled "Published as
// NAME": the clones have it, the original does not, since on the
// original it would change nothing. It refuses a name the server has,
// and a board already linked.
func Publish(ctx context.Context, cs *data.Case, addr, name string) error {
	return PublishOn(ctx, cs, addr, name, nil)
}

// PublishOn is Publish for a board a window owns: reading the board (its
// history and model, to make the changes to send) runs through onModel,
// on the goroutine that owns it (see SyncOn); connecting and uploading on
// the caller's. Only the changes read then are marked as on the server:
// an edit made during the upload waits for the first sync round.
func PublishOn(ctx context.Context, cs *data.Case, addr, name string, onModel func(fn func())) error {
	if onModel == nil {
		onModel = func(fn func()) { fn() }
	}
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
	var logs []data.ChangeLog
	var sent []sentChange
	var created time.Time
	onModel(func() {
		created = cs.Model().Board.Created.UTC()
		logs, sent, err = publishLogs(cs, name)
	})
	if err != nil {
		return err
	}

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
	// The case was made when the board was: a clone's board says so too.
	if created.IsZero() {
		created = time.Now().UTC()
	}
	if _, err := tx.Exec(ctx, `INSERT INTO evidenceboard.cases (id, name, created) VALUES ($1, $2, $3)`, l.CaseID, name, created); err != nil {
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
		mark, err := tx.Prepare(`INSERT INTO team_changes (no, origin, at) VALUES (?, 'pushed', ?) ON CONFLICT (no) DO NOTHING`)
		if err != nil {
			return err
		}
		defer mark.Close()
		for _, c := range sent {
			if _, err := mark.Exec(c.no, c.at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fileErr(cs.Store(), fmt.Errorf("published as case %q, but the board could not be linked to it: %v", name, err))
	}
	return nil
}

// sentChange is a change of the board as a publish read and sent it: its
// number and its time as the file wrote it (a change amended since goes
// again, as pending finds).
type sentChange struct {
	no int64
	at string
}

// publishLogs reads what a publish sends: the board's history, and the
// "Published as" change where the history does not give back the board.
// It reads the model: a window runs it on the goroutine that owns it.
func publishLogs(cs *data.Case, name string) ([]data.ChangeLog, []sentChange, error) {
	var sent []sentChange
	err := cs.Store().Tx(func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT no, at FROM changes ORDER BY no`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c sentChange
			if err := rows.Scan(&c.no, &c.at); err != nil {
				return err
			}
			sent = append(sent, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, nil, fileErr(cs.Store(), err)
	}
	history, err := cs.Store().ChangesSince(0)
	if err != nil {
		return nil, nil, err
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
	// When the history gives back the board, the clone is made from the
	// history alone, change for change the original's; otherwise a last
	// change makes it the board.
	logs := history
	props, things := sameBoard(m, cs.Model(), history)
	switch {
	case history == nil || !things:
		logs = append(history, snapshot(m, cs, name))
	case !props:
		// The board's properties as it was made are in no change.
		b := cs.Model().Snapshot()[0]
		logs = append(history, data.ChangeLog{ID: data.NewID(), At: time.Now().UTC().Truncate(time.Microsecond),
			Author: cs.Store().Author, Label: "Published as " + name, Records: []data.Record{b}})
	}
	return logs, sent, nil
}

// snapshot is the change that makes the board cs holds from m, what its
// history replays to: every card, link and document it has, and deletions
// of those m has that it does not.
func snapshot(m *data.Model, cs *data.Case, name string) data.ChangeLog {
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
	return data.ChangeLog{ID: data.NewID(), At: time.Now().UTC().Truncate(time.Microsecond),
		Author: cs.Store().Author, Label: "Published as " + name, Records: append(extra, cs.Model().Snapshot()...)}
}

// sameBoard reports whether m, what history replays to, is the board b:
// whether it has the same properties, and whether the same cards and
// links, with every readable document of b created in the history (a pull
// fetches the documents a history creates; Replay itself makes none).
func sameBoard(m, b *data.Model, history []data.ChangeLog) (props, things bool) {
	props = string(must(json.Marshal([]any{m.Board.Title, m.Board.CaseRef, m.Board.Author, m.Board.Marking, m.Board.TagColors}))) ==
		string(must(json.Marshal([]any{b.Board.Title, b.Board.CaseRef, b.Board.Author, b.Board.Marking, b.Board.TagColors})))
	return props, sameThings(m, b, history)
}

func sameThings(m, b *data.Model, history []data.ChangeLog) bool {
	if len(m.Cards) != len(b.Cards) || len(m.Links) != len(b.Links) {
		return false
	}
	for id, c := range b.Cards {
		mc := m.Cards[id]
		if mc == nil || string(must(json.Marshal(data.CardValues(mc)))) != string(must(json.Marshal(data.CardValues(c)))) {
			return false
		}
	}
	for id, l := range b.Links {
		ml := m.Links[id]
		if ml == nil || string(must(json.Marshal(data.LinkValues(ml)))) != string(must(json.Marshal(data.LinkValues(l)))) {
			return false
		}
	}
	created := map[string]bool{}
	for _, r := range createdDocuments(history) {
		created[r.ID] = true
	}
	for id, d := range b.Documents {
		if d.Unreadable == "" && !created[id] {
			return false
		}
	}
	return true
}

func must(b []byte, _ error) []byte { return b }

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
	// The copy's board was created when the case's was, not now.
	var created time.Time
	if err := conn.QueryRow(ctx, `SELECT created FROM evidenceboard.cases WHERE id = $1`, id).Scan(&created); err != nil {
		return nil, res, serverErr(addr, err)
	}
	if created.After(time.Now().Add(24*time.Hour)) || created.Year() < 1900 {
		created = time.Time{} // the server is trusted no more than a file
	}
	s, err := data.Create(out, data.Board{Created: created.UTC().Truncate(time.Millisecond)})
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
