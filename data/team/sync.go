package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"evidenceboard/data"
)

// Result says what a sync round did.
type Result struct {
	Pushed    int // changes made here that the server took
	Pulled    int // changes made elsewhere applied here
	Conflicts int // pulled records that met an edit made here since the last pull
	// Touched lists the cards and links the pulled changes put or deleted
	// here, and BoardChanged says whether they changed the board's
	// properties: what a window redraws (board.Board.Changed).
	Touched      []string
	BoardChanged bool
}

// wireRecord is a record as the server keeps it, in the changes' records
// array.
type wireRecord struct {
	Action string         `json:"action"`
	Entity string         `json:"entity"`
	ID     string         `json:"id"`
	Before map[string]any `json:"before,omitempty"`
	After  map[string]any `json:"after,omitempty"`
}

func encodeRecords(recs []data.Record) (string, error) {
	w := make([]wireRecord, len(recs))
	for i, r := range recs {
		w[i] = wireRecord{r.Action, string(r.Entity), r.ID, r.Before, r.After}
	}
	b, err := json.Marshal(w)
	return string(b), err
}

func decodeRecords(s string) ([]data.Record, error) {
	var w []wireRecord
	if err := json.Unmarshal([]byte(s), &w); err != nil {
		return nil, err
	}
	out := make([]data.Record, len(w))
	for i, r := range w {
		out[i] = data.Record{Action: r.Action, Entity: data.EntityKind(r.Entity), ID: r.ID, Before: r.Before, After: r.After}
	}
	return out, nil
}

// outgoing is a change made here on its way to the server.
type outgoing struct {
	no   int64 // its number here
	log  data.ChangeLog
	at   string // changes.at as it was when pushed: an amend later restamps it
	redo bool   // pushed before and amended since: it goes again under a new UUID
}

// Sync runs one round on a linked board: push the changes made here that
// the server does not have, then pull the others' and apply each through
// cs (Model.Replay, Case.Apply), one transaction each. Cut off at any
// point, nothing is lost: pushes are idempotent by UUID and each pulled
// change commits together with the record of having pulled it, so the
// next round resumes. A pulled change that fails the board's checks stops
// the pull with an error naming it; the board holds everything before it.
func Sync(ctx context.Context, cs *data.Case) (Result, error) {
	return SyncOn(ctx, cs, nil)
}

// SyncOn is Sync for a board that a window owns: the parts of the round
// that read or change cs's model (resolving and applying pulled changes,
// in batches) run through onModel, which runs them on the goroutine that
// owns the board and returns when they are done; connecting, pushing and
// fetching run on the caller's goroutine. onModel nil runs them there too.
// The caller must not run two rounds on one board at once.
func SyncOn(ctx context.Context, cs *data.Case, onModel func(fn func())) (Result, error) {
	var res Result
	l, err := ReadLink(cs.Store())
	if err != nil {
		return res, err
	}
	if l == nil {
		return res, fileErr(cs.Store(), errNotLinked)
	}
	conn, err := Connect(ctx, l.Server)
	if err != nil {
		return res, err
	}
	defer conn.Close(context.Background())
	if err := checkServer(ctx, conn, l.Server); err != nil {
		return res, err
	}
	if err := checkAccess(ctx, conn, l); err != nil {
		return res, err
	}
	st := newStamps()
	recent, err := pushPending(ctx, conn, cs, l, st)
	res.Pushed = len(recent)
	if err != nil {
		return res, err
	}
	var before int64
	if err := cs.Store().Tx(func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT coalesce(max(no), 0) FROM changes`).Scan(&before)
	}); err != nil {
		return res, fileErr(cs.Store(), err)
	}
	res.Pulled, res.Conflicts, err = pull(ctx, conn, cs, l, st, recent, onModel)
	if res.Pulled > 0 {
		// What the pulled changes did here, side effects included.
		if logs, lerr := cs.Store().ChangesSince(before); lerr == nil {
			seen := map[string]bool{}
			for _, cl := range logs {
				for _, r := range cl.Records {
					if r.Entity == data.EntityBoard {
						res.BoardChanged = true
					} else if !seen[r.ID] {
						seen[r.ID] = true
						res.Touched = append(res.Touched, r.ID)
					}
				}
			}
		}
	}
	return res, err
}

func checkAccess(ctx context.Context, conn *pgx.Conn, l *Link) error {
	var ok bool
	err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM evidenceboard.cases WHERE id = $1 AND evidenceboard.may(id, current_user))`, l.CaseID).Scan(&ok)
	if err != nil {
		return serverErr(l.Server, err)
	}
	if !ok {
		return fmt.Errorf("team server %s, case %q: %w", redact(l.Server), l.CaseName, ErrNoAccess)
	}
	return nil
}

// pending reads the changes made here that wait to be pushed: those the
// server has no record of, and those amended since they were pushed.
func pending(s *data.Store) ([]outgoing, error) {
	var out []outgoing
	var first int64 = -1
	want := map[int64]outgoing{}
	err := s.Tx(func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT c.no, c.at, t.no IS NOT NULL FROM changes AS c LEFT JOIN team_changes AS t ON t.no = c.no
			WHERE t.no IS NULL OR t.at != c.at ORDER BY c.no`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o outgoing
			if err := rows.Scan(&o.no, &o.at, &o.redo); err != nil {
				return err
			}
			if first < 0 {
				first = o.no
			}
			want[o.no] = o
		}
		return rows.Err()
	})
	if err != nil || first < 0 {
		return nil, err
	}
	logs, err := s.ChangesSince(first - 1)
	if err != nil {
		return nil, err
	}
	for _, cl := range logs {
		if o, ok := want[cl.No]; ok {
			o.log = cl
			out = append(out, o)
			delete(want, cl.No)
		}
	}
	// Changes with no records (a put that changed nothing) have nothing to
	// push; they are marked so that they are not looked at again.
	for no, o := range want {
		o.no = no
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].no < out[j].no })
	return out, nil
}

// localTime is how a board file writes a change's time.
const localTime = "2006-01-02T15:04:05.000Z07:00"

// pushBatch is how many changes go in one INSERT.
const pushBatch = 500

// pushPending pushes what pending finds and marks it pushed here. It
// returns the UUIDs pushed.
func pushPending(ctx context.Context, conn *pgx.Conn, cs *data.Case, l *Link, st *stamps) (map[string]bool, error) {
	out, err := pending(cs.Store())
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	// Each change is stamped no earlier than the values it replaced here:
	// an edit made after seeing a colleague's value wins over it, even
	// when this machine's clock is behind.
	var send []data.ChangeLog
	err = cs.Store().Tx(func(tx *sql.Tx) error {
		for i := range out {
			o := &out[i]
			if len(o.log.Records) == 0 {
				continue
			}
			if err := st.load(tx, o.log.Records); err != nil {
				return err
			}
			cl := o.log
			if o.redo {
				cl.ID = data.NewID()
			}
			at := cl.At.UTC().Truncate(time.Microsecond)
			for _, r := range cl.Records {
				if last := st.latest(r); !last.at.Before(at) {
					at = last.at.Add(time.Microsecond)
				}
			}
			cl.At = at
			for _, r := range cl.Records {
				st.stampRecord(r, stamp{at, cl.ID})
			}
			send = append(send, cl)
		}
		return nil
	})
	if err != nil {
		return nil, fileErr(cs.Store(), err)
	}
	if err := pushLogs(ctx, conn, l, cs.Store(), send); err != nil {
		st.reset() // unsaved: reread next time
		return nil, err
	}
	recent := map[string]bool{}
	for _, cl := range send {
		recent[cl.ID] = true
	}
	err = cs.Store().Tx(func(tx *sql.Tx) error {
		mark, err := tx.Prepare(`INSERT INTO team_changes (no, origin, at) VALUES (?, 'pushed', ?)
			ON CONFLICT (no) DO UPDATE SET at = excluded.at`)
		if err != nil {
			return err
		}
		defer mark.Close()
		for _, o := range out {
			if _, err := mark.Exec(o.no, o.at); err != nil {
				return err
			}
		}
		return st.flush(tx)
	})
	if err != nil {
		return recent, fileErr(cs.Store(), err)
	}
	return recent, nil
}

// pushLogs sends changes to the case in one server transaction, in order,
// with the bytes of the documents they create that the case lacks (read
// from s).
// The case's lock makes pushes to one case take turns, so seq grows in
// the order they commit and a pull never skips a change committed late.
func pushLogs(ctx context.Context, conn *pgx.Conn, l *Link, s *data.Store, logs []data.ChangeLog) error {
	if len(logs) == 0 {
		return nil
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return serverErr(l.Server, err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('evidenceboard case ' || $1))`, l.CaseID); err != nil {
		return serverErr(l.Server, err)
	}
	// The documents go first: a copy that pulls a change finds them.
	if err := uploadDocuments(ctx, tx, l, s, logs); err != nil {
		return err
	}
	for start := 0; start < len(logs); start += pushBatch {
		end := min(start+pushBatch, len(logs))
		var ids, authors, labels, recs []string
		var ats []time.Time
		for _, cl := range logs[start:end] {
			r, err := encodeRecords(cl.Records)
			if err != nil {
				return err
			}
			ids, authors, labels, recs = append(ids, cl.ID), append(authors, cl.Author), append(labels, cl.Label), append(recs, r)
			ats = append(ats, cl.At)
		}
		_, err := tx.Exec(ctx, `INSERT INTO evidenceboard.changes (case_id, uuid, author, at, label, records)
			SELECT $1, x.u::uuid, x.a, x.t, x.l, x.r::jsonb
			FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) WITH ORDINALITY AS x(u, a, t, l, r, n)
			ORDER BY x.n
			ON CONFLICT (case_id, uuid) DO NOTHING`, l.CaseID, ids, authors, ats, labels, recs)
		if err != nil {
			return pushErr(l, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return serverErr(l.Server, err)
	}
	return nil
}

func pushErr(l *Link, err error) error {
	var msg string
	if e := serverErr(l.Server, err); errors.Is(e, ErrUnreachable) {
		return e
	} else {
		msg = e.Error()
	}
	if containsAny(msg, "row-level security", "permission denied") {
		return fmt.Errorf("team server %s, case %q: %w", redact(l.Server), l.CaseName, ErrNoAccess)
	}
	return errors.New(msg)
}

// pullBatch is how many changes one query reads.
const pullBatch = 1000

// pull reads the server's changes after the link's seq and applies each
// here, in order; see Sync.
func pull(ctx context.Context, conn *pgx.Conn, cs *data.Case, l *Link, st *stamps, recent map[string]bool, onModel func(func())) (pulled, conflicts int, err error) {
	if onModel == nil {
		onModel = func(fn func()) { fn() }
	}
	got := map[string]fetched{}
	for {
		rows, err := conn.Query(ctx, `SELECT seq, uuid::text, author, at, label, records::text FROM evidenceboard.changes
			WHERE case_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, l.CaseID, l.PulledSeq, pullBatch)
		if err != nil {
			return pulled, conflicts, serverErr(l.Server, err)
		}
		type row struct {
			seq  int64
			log  data.ChangeLog
			recs string
		}
		var batch []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.seq, &r.log.ID, &r.log.Author, &r.log.At, &r.log.Label, &r.recs); err != nil {
				rows.Close()
				return pulled, conflicts, serverErr(l.Server, err)
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return pulled, conflicts, serverErr(l.Server, err)
		}
		var logs []pulledLog
		for _, r := range batch {
			recs, err := decodeRecords(r.recs)
			if err != nil {
				return pulled, conflicts, fileErr(cs.Store(), fmt.Errorf("change %d from the team server cannot be read (%v); the pull stopped before it", r.seq, err))
			}
			if bad := knownRecords(recs); bad != "" {
				return pulled, conflicts, fileErr(cs.Store(), fmt.Errorf("change %d from the team server holds %s; the pull stopped before it", r.seq, bad))
			}
			r.log.Records = recs
			logs = append(logs, pulledLog{r.seq, r.log})
		}
		for start := 0; start < len(logs); start += applyBatch {
			chunk := logs[start:min(start+applyBatch, len(logs))]
			var wanted []data.Record
			onModel(func() { wanted = wantedDocuments(cs.Model(), chunk, got) })
			if err := fetchDocuments(ctx, conn, l, wanted, got); err != nil {
				return pulled, conflicts, err
			}
			var n, c int
			var err error
			onModel(func() { n, c, err = applyChunk(cs, l, chunk, st, recent, got) })
			pulled += n
			conflicts += c
			if err != nil {
				return pulled, conflicts, err
			}
		}
		if len(batch) < pullBatch {
			return pulled, conflicts, nil
		}
	}
}

// applyBatch is how many pulled changes one local transaction makes.
const applyBatch = 500

type pulledLog struct {
	seq int64
	log data.ChangeLog
}

// applyChunk applies pulled changes in one local transaction
// (data.Case.ApplyAll), with the link's seq moved past the last. If that
// fails — a change fails the board's checks — it goes again one change
// at a time (applyPulled), which keeps those before the bad one and says
// which it is. It returns how many changes were new here and the
// conflicts met.
func applyChunk(cs *data.Case, l *Link, logs []pulledLog, st *stamps, recent map[string]bool, got map[string]fetched) (int, int, error) {
	s := cs.Store()
	mine := make([]bool, len(logs))
	err := s.Tx(func(tx *sql.Tx) error {
		q, err := tx.Prepare(`SELECT count(*) FROM changes WHERE uuid = ?`)
		if err != nil {
			return err
		}
		defer q.Close()
		for i, p := range logs {
			var n int
			if err := q.QueryRow(p.log.ID).Scan(&n); err != nil {
				return err
			}
			mine[i] = n > 0
			if !mine[i] {
				if err := st.load(tx, p.log.Records); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fileErr(s, err)
	}
	scratch := cs.Model().Clone()
	var chs []data.Change
	var theirs []pulledLog
	var ours []string
	var kept []data.MergeConflict
	conflicts := 0
	slow := func(from int) (int, int, error) {
		st.reset()
		pulled, conflicts := 0, 0
		for _, p := range logs[from:] {
			applied, c, err := applyPulled(cs, l, p.seq, p.log, st, recent, got)
			if err != nil {
				return pulled, conflicts, err
			}
			l.PulledSeq = p.seq
			if applied {
				pulled++
			}
			conflicts += c
		}
		return pulled, conflicts, nil
	}
	for i, p := range logs {
		if mine[i] {
			ours = append(ours, p.log.ID)
			continue
		}
		res := resolve(scratch, p.log, st, recent)
		ch, err := scratch.Replay(res.log)
		if err == nil {
			err = addDocuments(&ch, res.log.Records, scratch, got)
		}
		if err != nil {
			return slow(0)
		}
		ch.Label = p.log.Label
		kept = append(kept, conflictsOf(scratch, ch, res.met, p.log.At)...)
		scratch.Apply(scratch.Expand(ch))
		chs = append(chs, ch)
		theirs = append(theirs, p)
		conflicts += res.conflicts
	}
	last := logs[len(logs)-1].seq
	_, err = cs.ApplyAll(chs, func(tx *sql.Tx) error {
		if len(theirs) > 0 {
			restamp, err := tx.Prepare(`UPDATE changes SET at = ?, author = ? WHERE uuid = ?`)
			if err != nil {
				return err
			}
			defer restamp.Close()
			mark, err := tx.Prepare(`INSERT INTO team_changes (no, origin, at) SELECT no, 'pulled', at FROM changes WHERE uuid = ?`)
			if err != nil {
				return err
			}
			defer mark.Close()
			for _, p := range theirs {
				if _, err := restamp.Exec(p.log.At.UTC().Format(localTime), p.log.Author, p.log.ID); err != nil {
					return err
				}
				if _, err := mark.Exec(p.log.ID); err != nil {
					return err
				}
			}
		}
		if len(ours) > 0 {
			// Ours, back from the server; if a cut kept us from marking
			// them pushed, they are marked now.
			mark, err := tx.Prepare(`INSERT INTO team_changes (no, origin, at) SELECT no, 'pushed', at FROM changes WHERE uuid = ?
				ON CONFLICT (no) DO NOTHING`)
			if err != nil {
				return err
			}
			defer mark.Close()
			for _, id := range ours {
				if _, err := mark.Exec(id); err != nil {
					return err
				}
			}
		}
		if err := saveConflicts(tx, kept); err != nil {
			return err
		}
		if err := st.flush(tx); err != nil {
			return err
		}
		_, err := tx.Exec(`UPDATE team_link SET pulled_seq = ? WHERE id = 1`, last)
		return err
	})
	if err != nil {
		return slow(0)
	}
	l.PulledSeq = last
	return len(theirs), conflicts, nil
}

// applyPulled applies one pulled change and advances the link's seq in
// the same local transaction. It reports whether the change was new here.
func applyPulled(cs *data.Case, l *Link, seq int64, cl data.ChangeLog, st *stamps, recent map[string]bool, got map[string]fetched) (bool, int, error) {
	s := cs.Store()
	var mine bool
	err := s.Tx(func(tx *sql.Tx) error {
		var no int64
		err := tx.QueryRow(`SELECT no FROM changes WHERE uuid = ?`, cl.ID).Scan(&no)
		if err == nil {
			mine = true
			// Ours, back from the server; if a cut kept us from marking it
			// pushed, mark it now.
			if _, err := tx.Exec(`INSERT INTO team_changes (no, origin, at) SELECT no, 'pushed', at FROM changes WHERE no = ?
				ON CONFLICT (no) DO NOTHING`, no); err != nil {
				return err
			}
			_, err = tx.Exec(`UPDATE team_link SET pulled_seq = ? WHERE id = 1`, seq)
			return err
		}
		if err != sql.ErrNoRows {
			return err
		}
		return st.load(tx, cl.Records)
	})
	if err != nil || mine {
		return false, 0, fileErr(s, err)
	}
	res := resolve(cs.Model(), cl, st, recent)
	ch, err := cs.Model().Replay(res.log)
	if err == nil {
		err = addDocuments(&ch, res.log.Records, cs.Model(), got)
	}
	var kept []data.MergeConflict
	if err == nil {
		ch.Label = cl.Label
		kept = conflictsOf(cs.Model(), ch, res.met, cl.At)
		_, _, err = cs.ApplyWith(ch, func(tx *sql.Tx) error {
			if err := saveConflicts(tx, kept); err != nil {
				return err
			}
			return notePulled(tx, seq, cl, st)
		})
	}
	if err != nil {
		st.reset() // not written: reread
		return false, 0, fileErr(s, fmt.Errorf("change %d from the team server (%s, %q by %s) cannot be applied: %v; the pull stopped before it",
			seq, cl.ID, cl.Label, cl.Author, data.Printable(err.Error())))
	}
	if ch.Empty() {
		// Nothing of it applies here: only the link moves on.
		if err := s.Tx(func(tx *sql.Tx) error {
			if err := saveConflicts(tx, kept); err != nil {
				return err
			}
			if err := st.flush(tx); err != nil {
				return err
			}
			_, err := tx.Exec(`UPDATE team_link SET pulled_seq = ? WHERE id = 1`, seq)
			return err
		}); err != nil {
			return false, 0, fileErr(s, err)
		}
	}
	return true, res.conflicts, nil
}

// notePulled runs in a pulled change's transaction: the change keeps its
// author and time, is marked as from the server, the stamps are written
// and the link's seq moves on.
func notePulled(tx *sql.Tx, seq int64, cl data.ChangeLog, st *stamps) error {
	at := cl.At.UTC().Format(localTime)
	if _, err := tx.Exec(`UPDATE changes SET at = ?, author = ? WHERE uuid = ?`, at, cl.Author, cl.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO team_changes (no, origin, at) SELECT no, 'pulled', at FROM changes WHERE uuid = ?`, cl.ID); err != nil {
		return err
	}
	if st == nil {
		return nil // the caller writes the stamps and the seq
	}
	if err := st.flush(tx); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE team_link SET pulled_seq = ? WHERE id = 1`, seq)
	return err
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
