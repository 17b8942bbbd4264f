package data

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fastDir is a scratch folder on a memory file system where there is one:
// fuzzing writes many small boards.
func fastDir(t testing.TB) string {
	if d, err := os.MkdirTemp("/dev/shm", "evboard-fuzz-*"); err == nil {
		t.Cleanup(func() { os.RemoveAll(d) })
		return d
	}
	return t.TempDir()
}

// fuzzTallyEnv names a file to which every call of a fuzz function adds a
// byte, so that its size counts the calls across all of go's fuzzing
// workers: the rates in docs/FUZZING.md. go test -fuzz's own count is
// reported by its coordinator and, on a loaded machine, falls far behind
// what the workers did.
const fuzzTallyEnv = "EVIDENCEBOARD_FUZZ_TALLY"

var fuzzTallyFile = sync.OnceValue(func() *os.File {
	p := os.Getenv(fuzzTallyEnv)
	if p == "" {
		return nil
	}
	f, _ := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	return f
})

// tally counts one call of a fuzz function (see fuzzTallyEnv).
func tally() {
	if f := fuzzTallyFile(); f != nil {
		f.Write([]byte{1})
	}
}

// noCleanRecord turns off, for one fuzz target, the record of boards
// closed cleanly (clean.go): a fuzzer's boards are all strangers, opened
// with the full check whatever the record says, and reading and writing
// the record cost an eighth of FuzzMerge's time. With neither
// XDG_CACHE_HOME nor HOME there is no cache folder, and no record.
func noCleanRecord(f *testing.F) {
	f.Setenv("XDG_CACHE_HOME", "")
	f.Setenv("HOME", "")
}

// fuzzBoard is a small good board's bytes, the seed the fuzzers start
// from.
func fuzzBoard(t testing.TB) []byte {
	p := filepath.Join(t.TempDir(), "seed"+Extension)
	s, err := Create(p, Board{Title: "seed"})
	if err != nil {
		t.Fatal(err)
	}
	ch := Change{PutCards: []Card{
		{ID: "a", Kind: KindParty, Title: "A", Width: 100, Height: 50, Tags: []string{"x"}},
		{ID: "b", Kind: KindQuote, Title: "B", SpeakerID: "a", X: 200, Width: 100, Height: 50},
	}, PutLinks: []Link{{ID: "l", From: "a", To: "b", Relation: "said by"}}}
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	// A stored document, so the fuzzers reach documents and their parts.
	doc := []byte("A source document: the words a quote is checked against.")
	ch = Change{PutDocuments: []Document{{ID: DocumentID(doc), Name: "d.txt", Type: "text", Size: int64(len(doc)),
		Pages: 1, Bytes: doc, Text: `[{"page":1,"paragraph":1,"text":"A source document."}]`}},
		PutCards: []Card{{ID: "s", Kind: KindSource, Title: "S", X: 400, Width: 100, Height: 50, Document: DocumentID(doc)}}}
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzOpen writes the input as a board file, with the second input as the
// journal beside it when that is not empty, and opens it the way the GUI
// does and inspects it the way `check` does: whatever the bytes, no panic
// (Inspect's recover turns one into an "internal error", caught here), a
// *FileError when refused, and not a byte changed. It starts from the
// whole hostile corpus (every file beside its own journal, if it has
// one), and so from every kind of damage we know of.
func FuzzOpen(f *testing.F) {
	noCleanRecord(f)
	good := fuzzBoard(f)
	f.Add(good, []byte{})
	f.Add(good[:len(good)/2], []byte{})
	f.Add([]byte("SQLite format 3\x00"), []byte{})
	for _, off := range []int{16, 18, 28, 56, 60, 68, 100, 4096 + 8, 2*4096 + 3} {
		if off+2 < len(good) {
			b := append([]byte(nil), good...)
			b[off] ^= 0xff
			b[off+1] ^= 0x5a
			f.Add(b, []byte{})
		}
	}
	for _, seed := range hostileSeeds(f) {
		f.Add(seed[0], seed[1])
	}
	// Journals: a crash's own, and the header fields a stranger would
	// change (original page count, records, page size).
	jb := filepath.Join(f.TempDir(), "j"+Extension)
	journalBoard(f, jb, 30)
	crashed, journal := crash(f, jb)
	f.Add(crashed, journal)
	f.Add(crashed, setU32(journal, 16, 0x7fffffff))
	f.Add(crashed, setU32(journal, 8, 0xffffffff))
	f.Add(crashed, setU32(journal, 24, 1024))
	dir := fastDir(f)
	n := 0
	f.Fuzz(func(t *testing.T, data, journal []byte) {
		tally()
		n++
		p := filepath.Join(dir, fmt.Sprintf("f%d%s", n, Extension))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(p)
		defer os.Remove(p + journalSuffix)
		if len(journal) > 0 {
			if err := os.WriteFile(p+journalSuffix, journal, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		check := func(what string, err error) {
			if err == nil {
				return
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%s panicked: %v", what, err)
			}
			if _, ok := err.(*FileError); !ok {
				t.Fatalf("%s: %T %v, want a *FileError", what, err, err)
			}
		}
		_, ierr := Inspect(p, true)
		check("Inspect", ierr)
		if b, _ := os.ReadFile(p); !bytes.Equal(b, data) {
			t.Fatal("Inspect changed the file")
		}
		s, err := Open(p)
		check("Open", err)
		if err != nil {
			if b, _ := os.ReadFile(p); !bytes.Equal(b, data) {
				t.Fatal("Open changed a refused file")
			}
			if !errors.Is(err, ErrHotJournal) {
				return
			}
			// The person's two choices: looking without the change
			// writes nothing; undoing it gives a board that passes.
			if cs, err := OpenWithoutJournal(p); err == nil {
				if err := cs.Model().Validate(); err != nil {
					t.Fatalf("OpenWithoutJournal gave a board that does not validate: %v", err)
				}
				cs.Close()
			} else {
				check("OpenWithoutJournal", err)
			}
			if b, _ := os.ReadFile(p); !bytes.Equal(b, data) {
				t.Fatal("OpenWithoutJournal changed the file")
			}
			cs, rec, err := Recover(p)
			check("Recover", err)
			if err != nil {
				if b, _ := os.ReadFile(p); !bytes.Equal(b, data) {
					t.Fatal("Recover changed a file it refused")
				}
				return
			}
			if rec != nil {
				defer os.Remove(rec.Backup)
				defer os.Remove(rec.Backup + journalSuffix)
				if b, _ := os.ReadFile(rec.Backup); !bytes.Equal(b, data) {
					t.Fatal("the backup is not the file as it was")
				}
			}
			s = cs.Store()
		}
		defer s.Close()
		if ierr != nil && len(journal) == 0 {
			t.Fatalf("Open took a file Inspect refused: %v", ierr)
		}
		m, err := s.Load()
		if err != nil {
			t.Fatalf("opened, but Load failed: %v", err)
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("opened a board that does not validate: %v", err)
		}
		if _, err := s.History(""); err != nil {
			t.Fatalf("opened, but History failed: %v", err)
		}
		for id := range m.Documents {
			// A refused document's bytes are an error, never a panic.
			s.DocumentBytes(id)
			s.DocumentText(id)
		}
		ch := Change{PutCards: []Card{{ID: "fuzz-new", Kind: KindNote, Width: 100, Height: 50}}}
		if err := testApply(s, &ch); err != nil {
			t.Fatalf("opened, but Apply failed: %v", err)
		}
	})
}

// HostileSeeds lists the files of the hostile corpus (data/hostile), each
// with the journal beside it if it has one, as (board, journal) pairs. It
// is set by fuzzseeds_test.go, an external test: data/hostile imports
// data, so this package's own tests cannot.
var HostileSeeds func(dir string) ([][2][]byte, error)

// hostileSeeds is the corpus's seeds for the fuzzers: every kind of damage
// we know of.
func hostileSeeds(f *testing.F) [][2][]byte {
	if HostileSeeds == nil {
		f.Fatal("HostileSeeds is not set")
	}
	seeds, err := HostileSeeds(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	if len(seeds) < 20 {
		f.Fatalf("only %d hostile seeds", len(seeds))
	}
	return seeds
}

// fuzzOps applies edits read from ops to cs, each its own Apply: each op
// is three bytes, an opcode and two arguments, over eight card and eight
// link IDs.
func fuzzOps(t testing.TB, cs *Case, ops []byte) {
	m := cs.Model()
	card := func(b byte) string { return fmt.Sprintf("c%d", b%8) }
	for len(ops) >= 3 {
		op, a, b := ops[0], ops[1], ops[2]
		ops = ops[3:]
		var ch Change
		switch op % 7 {
		case 0, 1: // add or edit a card
			id := card(a)
			c := Card{ID: id, Kind: Kinds[int(b)%len(Kinds)], X: float64(a) * 30, Y: float64(b) * 20, Width: 100, Height: 50}
			if old := m.Cards[id]; old != nil {
				c = old.Clone()
			}
			c.Title = fmt.Sprintf("t%d", b)
			if op%7 == 1 {
				c.Status = Statuses[int(b)%len(Statuses)]
				c.Tags = append(c.Tags, fmt.Sprintf("g%d", b%3))
			}
			ch.PutCards = []Card{c}
		case 2: // move
			if old := m.Cards[card(a)]; old != nil {
				c := old.Clone()
				c.X += float64(int(b) - 128)
				c.Y += float64(b % 17)
				ch.PutCards = []Card{c}
			}
		case 3:
			if m.Cards[card(a)] != nil {
				ch.DeleteCards = []string{card(a)}
			}
		case 4: // link
			from, to := card(b), card(b/8)
			if m.Cards[from] != nil && m.Cards[to] != nil {
				l := Link{ID: fmt.Sprintf("l%d", a%8), From: from, To: to, Relation: Relations[int(a)%len(Relations)], Directed: a%2 == 0}
				if old := m.Links[l.ID]; old != nil {
					l.Created = old.Created
				}
				ch.PutLinks = []Link{l}
			}
		case 5:
			if id := fmt.Sprintf("l%d", a%8); m.Links[id] != nil {
				ch.DeleteLinks = []string{id}
			}
		case 6: // speaker and source references
			if old, ref := m.Cards[card(a)], m.Cards[card(b)]; old != nil && ref != nil {
				c := old.Clone()
				if b%2 == 0 {
					c.SpeakerID = ref.ID
				} else {
					c.SourceID = ref.ID
				}
				ch.PutCards = []Card{c}
			}
		}
		if ch.Empty() {
			continue
		}
		if _, _, err := cs.Apply(ch); err != nil {
			t.Fatalf("edit %+v: %v", ch, err)
		}
	}
}

// mergeSeeds are FuzzMerge's hand-made op sequences.
var mergeSeeds = [][]byte{
	{0, 1, 2, 0, 3, 4, 4, 0x19, 0, 0x80, 1, 9, 0x01, 2, 9, 0x83, 3, 0, 0x02, 1, 50},
	{0, 0, 0, 0, 1, 1, 0, 2, 2, 4, 0x08, 0, 0x80, 0, 3, 0x01, 0, 5, 0x85, 0, 0, 0x86, 1, 0},
	{0, 5, 5, 0x80, 5, 5, 0x00, 5, 5, 3, 5, 0, 0x81, 5, 7},
	{0, 1, 1, 0, 2, 2, 6, 1, 2, 0x83, 2, 0, 0x01, 1, 3},
}

// FuzzMerge builds a base board from the first part of the input, copies
// it, edits the two copies apart with the rest (the top bit of each
// opcode picks the side) and merges: the merge must apply, leave a board
// that passes the full check and holds every card either side had and
// the other did not delete, and merging again must find nothing to do.
func FuzzMerge(f *testing.F) {
	noCleanRecord(f)
	for _, seed := range mergeSeeds {
		f.Add(seed)
	}
	mf := newMergeFuzz(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		tally()
		if len(data) > 300 {
			return // long inputs only make it slow
		}
		mf.input(t, data)
	})
}

// mergeFuzz is what FuzzMerge makes once per process: the empty board
// every input's MINE starts from, as bytes and as a model, and the one
// store through which every input edits both sides.
//
// MINE and THEIRS are boards this process made (Create's bytes, then edits
// through Case.Apply), opened without Open's full inspection: the merge
// inspects THEIRS as it would a stranger's, and the merged MINE gets the
// full check. Both are edited through one store of MINE's file, kept open
// from input to input, whose file is set to the bytes a side starts from
// (setMine) before that side's edits: opening a store is most of what an
// edit costs on a small board (SQLite parses the schema again, and
// prepares every statement again), and MINE and THEIRS are each a board
// made from those bytes by those edits whatever the store.
//
// For the same reason the merge's inspection of THEIRS and the full check
// of the merged MINE read through read-only connections kept from input
// to input (inspectOn): the same checks of the file as it is then, less
// SQLite's parsing of the schema and of every statement, which was half
// of an input's cost. Opening a fresh connection on a stranger's file is
// what FuzzOpen and FuzzMergeHostile fuzz.
type mergeFuzz struct {
	minePath, theirsPath string
	empty                []byte
	// emptyModel is empty's board as Load reads it, read once: every
	// MINE's file starts as the same bytes.
	emptyModel *Model
	mine       *Store
	// mineRO and theirsRO are the kept read-only connections to MINE's
	// and THEIRS's files.
	mineRO, theirsRO *sql.DB
	// inputs counts the inputs, for the change counter each starts from,
	// start (see setMine).
	inputs, start uint32
}

func newMergeFuzz(t testing.TB) *mergeFuzz {
	dir := fastDir(t)
	mf := &mergeFuzz{minePath: filepath.Join(dir, "mine"+Extension), theirsPath: filepath.Join(dir, "theirs"+Extension),
		empty: emptyBoard(t)}
	mf.mine = openOwn(t, mf.minePath, mf.empty)
	t.Cleanup(func() { mf.mine.Close() })
	// The store keeps its rollback journal in memory, not in a file beside
	// the board: what a merge is given and what the checks read are the
	// same bytes (the journal mode changes no byte of the board file), and
	// opening, writing and deleting a journal file at each of an input's
	// dozens of commits was an eighth of its cost. Surviving a crash, on
	// a journal file, is what crash_test.go tests (a writer killed in the
	// middle of its commits); FuzzMergeHostile merges through a store
	// opened as the app opens it.
	var mode string
	if err := mf.mine.db.QueryRow(`PRAGMA journal_mode = MEMORY`).Scan(&mode); err != nil || mode != "memory" {
		t.Fatalf("journal_mode = MEMORY gave %q (%v)", mode, err)
	}
	m, err := mf.mine.Load()
	if err != nil {
		t.Fatal(err)
	}
	mf.emptyModel = m
	if err := os.WriteFile(mf.theirsPath, mf.empty, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		db   **sql.DB
		path string
	}{{&mf.mineRO, mf.minePath}, {&mf.theirsRO, mf.theirsPath}} {
		db, err := openDB(c.path, "ro")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		*c.db = db
	}
	return mf
}

// commitsPerInput bounds the commits one input makes to MINE's store:
// an edit for each of its at most 100 opcodes, the merge and its undo.
const commitsPerInput = 1 << 8

// setMine makes MINE's file hold b, between two transactions of its
// store. SQLite takes it as a change made by another process: a new
// transaction finds the file change counter (offset 24) not the one it
// last saw and drops the pages it kept (SQLite file format, 1.3.8).
//
// With start, b is the board an input starts from, and its counter is
// set to one the previous input's files did not reach: each commit adds
// one, and an input makes fewer than commitsPerInput (input checks it at
// its end). No connection kept from input to input (the store, mineRO,
// theirsRO) then last saw a file with the counter of a different one:
// each remembers only the last it saw, so the counter coming round after
// 2^24 inputs does no harm. Otherwise b was read from MINE's file
// in this input and what the store last saw was made from it by commits,
// or is b itself. The store's count of cards must then be want's, as a
// check that it reads what the file holds now.
func (mf *mergeFuzz) setMine(t testing.TB, b []byte, want *Model, start bool) {
	if start {
		mf.inputs++
		b = bytes.Clone(b)
		// The "version valid for" number (offset 92) goes with the
		// counter, or SQLite stops trusting the header's page count.
		mf.start = binary.BigEndian.Uint32(b[24:28]) + mf.inputs*commitsPerInput
		binary.BigEndian.PutUint32(b[24:28], mf.start)
		binary.BigEndian.PutUint32(b[92:96], mf.start)
	}
	if err := os.WriteFile(mf.minePath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := mf.mine.db.QueryRow(`SELECT count(*) FROM cards`).Scan(&n); err != nil || n != len(want.Cards) {
		t.Fatalf("MINE's store sees %d cards (%v) in a file of %d", n, err, len(want.Cards))
	}
}

// input is FuzzMerge's property for one input.
func (mf *mergeFuzz) input(t testing.TB, data []byte) {
	mine := mf.mine
	mf.setMine(t, mf.empty, mf.emptyModel, true)
	theirsPath := mf.theirsPath
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mine.Now = clock(t0)
	mm := mf.emptyModel.Clone()
	// Each side is a Case, as in the window: the model follows the
	// file through Apply, and the file is read again only where the
	// property asks what it holds.
	mc := NewCase(mine, mm)
	split := len(data) / 3 / 3 * 3
	fuzzOps(t, mc, data[:split])
	// The base both sides start from (no transaction is open): what
	// SaveCopy gives, at a tenth of the cost per input.
	base, err := os.ReadFile(mf.minePath)
	if err != nil {
		t.Fatal(err)
	}
	offset := time.Duration(0)
	if len(data) > 0 {
		offset = time.Duration(int(data[len(data)-1])-128) * 7 * time.Second
	}
	var mineOps, theirOps []byte
	rest := data[split:]
	for len(rest) >= 3 {
		if rest[0]&0x80 != 0 {
			theirOps = append(theirOps, rest[0]&0x7f, rest[1], rest[2])
		} else {
			mineOps = append(mineOps, rest[:3]...)
		}
		rest = rest[3:]
	}
	// THEIRS: the base edited by their clock, then written where the
	// merge reads it; MINE's file is then the base again.
	mine.Now = clock(t0.Add(time.Hour + offset))
	tc := NewCase(mine, mm.Clone())
	fuzzOps(t, tc, theirOps)
	tm := tc.Model()
	b, err := os.ReadFile(mf.minePath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(theirsPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	mf.setMine(t, base, mm, false)
	mine.Now = clock(t0.Add(time.Hour))
	fuzzOps(t, mc, mineOps)
	// PlanMerge, as Case.Merge calls it, written out so that the second
	// plan below can use what it read: THEIRS opened read-only after a
	// full inspection, as a stranger's file would be (no record of boards
	// closed cleanly, see noCleanRecord), then planMerge.
	ts, err := openReadOnlyOn(theirsPath, mf.theirsRO, nil)
	if err != nil {
		t.Fatal(err)
	}
	// ts reads through theirsRO, which newMergeFuzz closes: closing ts
	// would close it too, and ts holds nothing else.
	// What the inspection loaded, before the plan takes it (and clamps
	// its future times): the board THEIRS holds, for the second plan.
	tsModel := ts.loaded.Clone()
	ch, rep, err := mine.planMerge(mm, ts, theirsPath)
	if err != nil {
		t.Fatal(err)
	}
	before := mm.Clone()
	_, inv, err := mc.Apply(ch)
	if err != nil {
		t.Fatalf("applying the merge: %v\n%+v", err, ch)
	}
	// The full check, as `check` runs it; what it loaded is what
	// the file now holds.
	ins, _, err := inspectOn(mf.minePath, mf.mineRO, inspectHow{full: true})
	if err != nil {
		t.Fatalf("after the merge: %v", err)
	}
	got := ins.model
	if d := modelDiff(mm, got); d != "" {
		t.Fatalf("the merged file is not the merged model: %s", d)
	}
	// The times too: the next merge decides by them, reading one side
	// from the model and the other from the file.
	if d := updatedDiff(mm, got); d != "" {
		t.Fatalf("the merged file and the merged model disagree on when: %s", d)
	}
	for id := range tm.Cards {
		if got.Cards[id] != nil || reported(rep, id) {
			continue
		}
		// Gone without a word: only if we deleted it ourselves.
		var n int
		mine.db.QueryRow(`SELECT count(*) FROM deleted WHERE id = ?`, id).Scan(&n)
		if mm.Cards[id] != nil || n == 0 {
			t.Errorf("their card %s vanished without a word", id)
		}
	}
	// THEIRS has not changed since the merge inspected it: the plan
	// again, without a second inspection and load of the same file.
	ts.loaded = tsModel
	ch2, rep2, err := mine.planMerge(got, ts, theirsPath)
	if err != nil {
		t.Fatal(err)
	}
	if !ch2.Empty() {
		t.Errorf("merging again changes: %+v\nfirst report: %v\nsecond: %v", ch2, rep.Lines(time.UTC), rep2.Lines(time.UTC))
	}
	if _, _, err := mc.Apply(inv); err != nil {
		t.Fatalf("undoing the merge: %v", err)
	}
	// Undo restores the board as it was before the merge, card for
	// card and link for link (times a write stamps aside), in the
	// file as in the model.
	undone, err := mine.Load()
	if err != nil {
		t.Fatalf("after undoing the merge: %v", err)
	}
	if d := modelDiff(before, undone); d != "" {
		t.Fatalf("undoing the merge did not restore the board: %s", d)
	}
	if d := modelDiff(before, mm); d != "" {
		t.Fatalf("undoing the merge did not restore the model: %s", d)
	}
	// setMine's promise: this input's commits stayed within its counters.
	hdr := make([]byte, 28)
	f, err := os.Open(mf.minePath)
	if err == nil {
		_, err = io.ReadFull(f, hdr)
		f.Close()
	}
	if err != nil || binary.BigEndian.Uint32(hdr[24:28])-mf.start >= commitsPerInput {
		t.Fatalf("MINE's file change counter went past this input's %d (%v)", commitsPerInput, err)
	}
}

// emptyBoard is the bytes of a new board as Create makes it, made once per
// process: copying them is a fraction of running the schema's steps again.
func emptyBoard(t testing.TB) []byte {
	p := filepath.Join(fastDir(t), "empty"+Extension)
	s, err := Create(p, Board{Title: "fuzz"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// openOwn writes b, a board this process made, to path and opens it for
// writing as Open does but without its inspection: the fuzzers' own
// boards were made by the code under test, and what they check is what
// follows (a merge, which inspects THEIRS itself; the full check after).
func openOwn(t testing.TB, path string, b []byte) *Store {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	lock, err := lockFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := openDB(path, "rw")
	if err != nil {
		lock.release()
		t.Fatal(err)
	}
	return &Store{db: db, path: path, lock: lock, Now: time.Now}
}

// modelDiff names the first difference between two boards' cards and
// links, Updated aside; "" when they are the same.
func modelDiff(a, b *Model) string {
	if len(a.Cards) != len(b.Cards) || len(a.Links) != len(b.Links) {
		return fmt.Sprintf("%d cards and %d links, then %d and %d", len(a.Cards), len(a.Links), len(b.Cards), len(b.Links))
	}
	for id, c := range a.Cards {
		o := b.Cards[id]
		if o == nil {
			return "card " + id + " gone"
		}
		if cardKey(c) != cardKey(o) {
			return "card " + id + " differs"
		}
	}
	for id, l := range a.Links {
		o := b.Links[id]
		if o == nil {
			return "link " + id + " gone"
		}
		if linkKey(l) != linkKey(o) {
			return "link " + id + " differs"
		}
	}
	return ""
}

// updatedDiff names the first card or link of a whose Updated is not b's
// as the file keeps times; "" when none. a and b hold the same cards and
// links (modelDiff).
func updatedDiff(a, b *Model) string {
	for id, c := range a.Cards {
		if fmtTime(c.Updated) != fmtTime(b.Cards[id].Updated) {
			return fmt.Sprintf("card %s updated %s, then %s", id, fmtTime(c.Updated), fmtTime(b.Cards[id].Updated))
		}
	}
	for id, l := range a.Links {
		if fmtTime(l.Updated) != fmtTime(b.Links[id].Updated) {
			return fmt.Sprintf("link %s updated %s, then %s", id, fmtTime(l.Updated), fmtTime(b.Links[id].Updated))
		}
	}
	return ""
}

// reported says whether a merge report names id as deleted, in conflict
// or skipped.
func reported(rep *MergeReport, id string) bool {
	for _, it := range rep.Deleted {
		if it.ID == id {
			return true
		}
	}
	for _, c := range rep.Conflicts {
		if c.ID == id {
			return true
		}
	}
	return false
}

// sqlBoard is a small good board with something in every table: cards of
// several kinds with tags and references, links, a deleted card (a
// tombstone) and a history of several changes.
func sqlBoard(t testing.TB) []byte {
	p := filepath.Join(t.TempDir(), "sql"+Extension)
	s, err := Create(p, Board{Title: "sql seed", CaseRef: "R-1", Author: "fuzz", Marking: "OFFICIAL"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, ch := range []Change{
		{Label: "cards", PutCards: []Card{
			{ID: "a", Kind: KindParty, Title: "A", Width: 100, Height: 50, Tags: []string{"x", "y"}},
			{ID: "s", Kind: KindSource, Title: "S", URL: "https://example.org", Reliability: "B", Width: 100, Height: 50},
			{ID: "q", Kind: KindQuote, Title: "Q", QuoteText: "words", SpeakerID: "a", SourceID: "s", X: 200, Width: 100, Height: 50},
			{ID: "c", Kind: KindClaim, Title: "C", Status: StatusAlleged, Credibility: 2, X: 400, Width: 100, Height: 50},
			{ID: "gone", Kind: KindNote, Title: "G", Width: 100, Height: 50},
		}, PutLinks: []Link{
			{ID: "l1", From: "q", To: "c", Relation: "supports", Directed: true},
			{ID: "l2", From: "a", To: "c", Relation: "alleges"},
		}},
		{Label: "edit", PutCards: []Card{{ID: "c", Kind: KindClaim, Title: "C2", Body: "body", Width: 120, Height: 60}}},
		{Label: "delete", DeleteCards: []string{"gone"}},
	} {
		if err := testApply(s, &ch); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sqlColumns lists each table of the board at path with its columns.
func sqlColumns(t testing.TB, path string) (tables []string, cols map[string][]string) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	cols = map[string][]string{}
	for _, tb := range tables {
		rows, err := db.Query(`SELECT name FROM pragma_table_info(?)`, tb)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			cols[tb] = append(cols[tb], n)
		}
		rows.Close()
	}
	return tables, cols
}

// sqlValue reads a typed value from the front of in, as the sqlite3
// shell could store it in any column whatever its declared type: NULL, an
// integer, a real (NaN and infinities too), text (with NUL, controls,
// invalid UTF-8), a blob, or the text or blob of an id already used. It
// returns the value and what is left of in.
func sqlValue(kind byte, in []byte) (any, []byte) {
	take := func(n int) []byte {
		n = min(n, len(in))
		b := in[:n]
		in = in[n:]
		return b
	}
	ids := []string{"a", "s", "q", "c", "gone", "l1", "l2", "", "x"}
	switch kind % 8 {
	case 0:
		return nil, in
	case 1:
		var v int64
		for _, c := range take(int(kind>>3&7) + 1) {
			v = v<<8 | int64(c)
		}
		if kind&0x80 != 0 {
			v = -v
		}
		return v, in
	case 2:
		b := take(8)
		var u uint64
		for _, c := range b {
			u = u<<8 | uint64(c)
		}
		return math.Float64frombits(u), in
	case 3:
		return []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e300, -0.0, 0.5}[int(kind>>3)%6], in
	case 4:
		return string(take(int(kind >> 3))), in
	case 5:
		return take(int(kind >> 3)), in
	case 6:
		return ids[int(kind>>3)%len(ids)], in
	}
	return []byte(ids[int(kind>>3)%len(ids)]), in
}

// mutateSQL applies FuzzSQL's steps (see there) to the board at path on a
// plain connection, in one transaction.
// sqlCase is what the tests that change a good board at the SQL level
// share (FuzzSQL, FuzzMergeHostile, FuzzPreview, TestOneConnectionSameVerdict):
// the board's bytes, the tables and columns a step picks from (mutateSQL),
// and a folder for the boards they change.
type sqlCase struct {
	seed   []byte
	dir    string
	tables []string
	cols   map[string][]string
	n      int
}

func newSQLCase(t testing.TB, dir string) *sqlCase {
	z := &sqlCase{seed: sqlBoard(t), dir: dir}
	sp := filepath.Join(dir, "columns"+Extension)
	if err := os.WriteFile(sp, z.seed, 0o644); err != nil {
		t.Fatal(err)
	}
	z.tables, z.cols = sqlColumns(t, sp)
	os.Remove(sp)
	return z
}

// columnSteps is one step per column of every table, the value's type
// turning from column to column over kinds, so that every column starts
// with some wrong type.
func (z *sqlCase) columnSteps(kinds []byte) [][]byte {
	var out [][]byte
	k := 0
	for ti, tb := range z.tables {
		for ci := range z.cols[tb] {
			out = append(out, []byte{byte(ti), byte(ci), byte(k), kinds[k%len(kinds)], 'A', 0, 'C', 0x1b, 0xff, 0x7f, 0, 1})
			k++
		}
	}
	return out
}

// at is the step bytes that pick table tb's column col.
func (z *sqlCase) at(tb, col string) (byte, byte) {
	return byte(slices.Index(z.tables, tb)), byte(slices.Index(z.cols[tb], col))
}

// board writes the good board changed by ops to a new file named with
// prefix, removed with its journal when t ends, and returns its path.
func (z *sqlCase) board(t testing.TB, prefix string, ops []byte) string {
	z.n++
	p := filepath.Join(z.dir, fmt.Sprintf("%s%d%s", prefix, z.n, Extension))
	if err := os.WriteFile(p, z.seed, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Remove(p)
		os.Remove(p + journalSuffix)
	})
	mutateSQL(t, p, ops, z.tables, z.cols)
	return p
}

// sqlKinds are the value kinds the column steps turn through.
var sqlKinds = []byte{0, 1 | 7<<3, 2, 3 | 1<<3, 4 | 3<<3, 5 | 2<<3, 6 | 1<<3, 7 | 1<<3}

func mutateSQL(t testing.TB, p string, ops []byte, tables []string, cols map[string][]string) {
	db, err := sql.Open("sqlite", "file:"+p+"?_pragma=foreign_keys(0)&_pragma=journal_mode(DELETE)&_pragma=synchronous(OFF)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	// One transaction for all the steps: one journal, one sync. A
	// step that fails undoes only itself.
	if _, err := db.Exec(`BEGIN`); err != nil {
		t.Fatal(err)
	}
	for len(ops) >= 4 {
		tb := tables[int(ops[0])%len(tables)]
		col := cols[tb][int(ops[1])%len(cols[tb])]
		row, kind := int(ops[2]), ops[3]
		ops = ops[4:]
		pick := `(SELECT rowid FROM "` + tb + `" ORDER BY rowid LIMIT 1 OFFSET ? % max(1, (SELECT count(*) FROM "` + tb + `")))`
		if kind == 0xff {
			db.Exec(`DELETE FROM "`+tb+`" WHERE rowid = `+pick, row)
			continue
		}
		var v any
		v, ops = sqlValue(kind, ops)
		// Constraint failures are fine: the file stays as it was.
		db.Exec(`UPDATE "`+tb+`" SET "`+col+`" = ? WHERE rowid = `+pick, v, row)
	}
	if _, err := db.Exec(`COMMIT`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// FuzzSQL changes a good board at the SQL level, as anyone with the
// sqlite3 shell can: each step picks a table, a column, a row and a value
// of any type (see sqlValue), and updates it, or deletes the row, with
// foreign keys off. Then opening and inspecting the board must not panic
// and must either refuse it with a *FileError or give a model that passes
// Validate; a board that opened must also read its history and take an
// edit (a nudge), and if it passed the full check before the nudge it
// passes after: what the app writes never makes a board check refuses.
func FuzzSQL(f *testing.F) {
	noCleanRecord(f)
	z := newSQLCase(f, fastDir(f))
	f.Add([]byte{})
	// Steps of four bytes: table, column, row, value kind; value bytes follow.
	for _, step := range z.columnSteps(sqlKinds) {
		f.Add(step)
	}
	at := z.at
	ct, cid := at("cards", "id")
	f.Add([]byte{ct, 0, 1, 0xff, 0, 0}) // delete a card
	f.Add([]byte{ct, cid, 0, 7 | 0<<3}) // a card id stored as a BLOB (issue 12, #2)
	f.Add([]byte{ct, cid, 4, 7 | 1<<3}) // a BLOB id equal to another card's text id
	ht, hno := at("history", "change_no")
	f.Add([]byte{ht, hno, 0, 2, 0x40, 0x9, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18}) // a change number that is a real
	f.Add([]byte{ht, hno, 0, 4 | 3<<3, 'A', 0, 'C'})                            // or text with a NUL
	bt, btitle := at("board", "title")
	f.Add([]byte{bt, btitle, 0, 4 | 5<<3, 'x', 0x1b, '[', '2', 'J'}) // an escape sequence in the title
	f.Fuzz(func(t *testing.T, ops []byte) {
		tally()
		if len(ops) > 200 {
			return
		}
		p := z.board(t, "s", ops)
		check := func(what string, err error) {
			if err == nil {
				return
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%s panicked: %v", what, err)
			}
			if _, ok := err.(*FileError); !ok {
				t.Fatalf("%s: %T %v, want a *FileError", what, err, err)
			}
		}
		// A board this app did not close gets the full check on opening
		// (clean.go), the very check `check` runs (Inspect(path, true)):
		// Open's verdict is check's, so it is not asked twice. (Before,
		// Open ran the quick check only and took boards check refused:
		// issue 12, finding 6, seed testdata/fuzz/FuzzSQL/8108971b2fd78583.)
		if knownClean(p) {
			t.Fatal("a board the fuzzer wrote counts as closed cleanly")
		}
		s, err := Open(p)
		check("Open", err)
		if err != nil {
			return
		}
		defer s.Close()
		m, err := s.Load()
		if err != nil {
			t.Fatalf("opened, but Load failed: %v", err)
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("opened a board that does not validate: %v", err)
		}
		if _, err := s.History(""); err != nil {
			t.Fatalf("opened, but History failed: %v", err)
		}
		for _, c := range m.SortedCards() {
			nudged := c.Clone()
			nudged.X++
			// The case holds the model Open loaded, as the window does:
			// the file is not read again before the edit.
			if _, _, err := NewCase(s, m).Apply(Change{Label: "nudge", PutCards: []Card{nudged}}); err != nil {
				t.Fatalf("opened, but nudging card %q failed: %v", c.ID, err)
			}
			break
		}
		if _, err := Inspect(p, true); err != nil {
			t.Fatalf("passed the full check, was nudged, and is now refused: %v", err)
		}
	})
}

// FuzzMergeHostile merges a hostile THEIRS into a good board: THEIRS is a
// copy of MINE changed at the SQL level by FuzzSQL's steps. The property
// is mergeInto.merge's.
func FuzzMergeHostile(f *testing.F) {
	noCleanRecord(f)
	z := newSQLCase(f, fastDir(f))
	f.Add([]byte{})
	for _, step := range z.columnSteps(sqlKinds) {
		f.Add(step)
	}
	// Tombstones and history dated 9999 (finding 7).
	dt, dat := z.at("deleted", "at")
	f.Add([]byte{dt, dat, 0, 4 | 24<<3, '9', '9', '9', '9', '-', '1', '2', '-', '3', '1', 'T', '2', '3', ':', '5', '9', ':', '5', '9', '.', '0', '0', '0', 'Z'})
	mi := &mergeInto{dir: z.dir, seed: z.seed}
	f.Cleanup(mi.close)
	f.Fuzz(func(t *testing.T, ops []byte) {
		tally()
		if len(ops) > 200 {
			return
		}
		mi.merge(t, z.board(t, "mh-theirs", ops))
	})
}

// FuzzMergeFile merges any bytes as THEIRS, with any bytes as the journal
// beside it, into a good board: damage below the SQL level, which
// FuzzMergeHostile's steps cannot make. Seeds: MINE's own board, copies
// of it changed by FuzzSQL's steps, and the whole hostile corpus (every
// file up to 1 MiB, with its journal), as FuzzOpen's. The property is
// mergeInto.merge's, and THEIRS and its journal are not changed by a byte.
func FuzzMergeFile(f *testing.F) {
	noCleanRecord(f)
	z := newSQLCase(f, fastDir(f))
	f.Add(z.seed, []byte{})
	for _, step := range z.columnSteps(sqlKinds)[:4] {
		b, err := os.ReadFile(z.board(f, "mf-seed", step))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, []byte{})
	}
	for _, seed := range hostileSeeds(f) {
		f.Add(seed[0], seed[1])
	}
	mi := &mergeInto{dir: z.dir, seed: z.seed}
	f.Cleanup(mi.close)
	theirs := filepath.Join(z.dir, "mf-theirs"+Extension)
	f.Fuzz(func(t *testing.T, board, journal []byte) {
		tally()
		if err := os.WriteFile(theirs, board, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(theirs + journalSuffix)
		if len(journal) > 0 {
			if err := os.WriteFile(theirs+journalSuffix, journal, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		mi.merge(t, theirs)
		if b, _ := os.ReadFile(theirs); !bytes.Equal(b, board) {
			t.Fatal("merging THEIRS changed it")
		}
		if j, _ := os.ReadFile(theirs + journalSuffix); !bytes.Equal(j, journal) {
			t.Fatal("merging THEIRS changed the journal beside it")
		}
	})
}

// mergeInto is the good board FuzzMergeHostile and FuzzMergeFile merge
// into. It is opened once and kept open from input to input (opening it
// - a full inspection - was a third of each input's cost): a refused
// merge leaves it as it was, and a merge that succeeds is undone, which
// must restore it. Every 16 merges undone it is made afresh from seed, so
// its history stays short.
type mergeInto struct {
	dir    string
	seed   []byte
	cs     *Case
	mine   string
	undone int
	n      int
}

func (mi *mergeInto) fresh(t *testing.T) {
	mi.close()
	mi.n++
	mi.mine = filepath.Join(mi.dir, fmt.Sprintf("mh%d-mine%s", mi.n, Extension))
	if err := os.WriteFile(mi.mine, mi.seed, 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	if mi.cs, err = OpenCase(mi.mine); err != nil {
		t.Fatal(err)
	}
	mi.undone = 0
}

func (mi *mergeInto) close() {
	if mi.cs != nil {
		mi.cs.Close()
		os.Remove(mi.mine)
		mi.cs = nil
	}
}

// merge merges theirs as the window does (Case.Merge). It must not panic;
// it either refuses with a *FileError, leaving MINE byte for byte as it
// was, or succeeds, and then MINE's model validates, MINE passes the full
// check, and undoing the merge restores MINE: a stranger's file cannot
// make a merge write a board that check refuses.
func (mi *mergeInto) merge(t *testing.T, theirs string) {
	if mi.cs == nil || mi.undone >= 16 {
		mi.fresh(t)
	}
	cs := mi.cs
	fail := func(format string, args ...any) {
		// The next input starts from a board of its own; this one is
		// left for a look.
		cs.Close()
		mi.cs = nil
		t.Fatalf(format, args...)
	}
	before, _ := os.ReadFile(mi.mine)
	was := cs.Model().Clone()
	_, undo, err := cs.Merge(theirs)
	if err != nil {
		if _, ok := err.(*FileError); !ok {
			fail("merge: %T %v, want a *FileError", err, err)
		}
		if after, _ := os.ReadFile(mi.mine); !bytes.Equal(before, after) {
			fail("a refused merge changed MINE: %v", err)
		}
		return
	}
	if err := cs.Model().Validate(); err != nil {
		fail("merged a model that does not validate: %v", err)
	}
	if _, err := Inspect(mi.mine, true); err != nil {
		fail("the merge made a board check refuses: %v", err)
	}
	if _, _, err := cs.Apply(undo); err != nil {
		fail("undoing the merge: %v", err)
	}
	if d := modelDiff(was, cs.Model()); d != "" {
		fail("undoing the merge did not restore MINE: %s", d)
	}
	mi.undone++
}

// TestOneConnectionSameVerdict: a small board is inspected on one
// connection (oneConnBytes), a large one on three; the verdict and the
// model must not depend on which. Each case is FuzzSQL's kind of damage,
// one step per column of every table (the value's type turning from
// column to column) and a deleted row of each table, inspected both ways,
// in full and not.
func TestOneConnectionSameVerdict(t *testing.T) {
	z := newSQLCase(t, t.TempDir())
	if len(z.seed) > int(oneConnBytes) {
		t.Fatalf("the seed board (%d bytes) is not small: the one-connection path is not tried", len(z.seed))
	}
	cases := z.columnSteps(append(slices.Clone(sqlKinds), 7|0<<3))
	for ti := range z.tables {
		cases = append(cases, []byte{byte(ti), 0, 1, 0xff}) // a deleted row
	}
	cases = append(cases, nil) // the good board
	defer func(n int64) { oneConnBytes = n }(oneConnBytes)
	verdict := func(p string, full, small bool) (string, *Model) {
		oneConnBytes = 0
		if small {
			oneConnBytes = 1 << 62
		}
		rep, err := Inspect(p, full)
		if err != nil {
			return err.Error(), nil
		}
		return "ok", rep.model
	}
	refused := 0
	for i, ops := range cases {
		p := z.board(t, "c", ops)
		for _, full := range []bool{true, false} {
			one, m1 := verdict(p, full, true)
			three, m3 := verdict(p, full, false)
			if one != three {
				t.Errorf("case %d %v (full %v): one connection says %q, three %q", i, ops, full, one, three)
			} else if m1 != nil && modelDiff(m1, m3) != "" {
				t.Errorf("case %d %v (full %v): the models differ: %s", i, ops, full, modelDiff(m1, m3))
			}
			if full && one != "ok" {
				refused++
			}
		}
	}
	if refused == 0 {
		t.Error("no case was refused: the damage does not reach the checks")
	}
}
