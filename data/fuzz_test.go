package data

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// FuzzOpen writes the input as a board file and opens it the way the GUI
// does, and inspects it the way `check` does: whatever the bytes, no
// panic (Inspect's recover turns one into an "internal error", caught
// here), a *FileError when refused, and not a byte changed.
func FuzzOpen(f *testing.F) {
	good := fuzzBoard(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("SQLite format 3\x00"))
	for _, off := range []int{16, 18, 28, 56, 60, 68, 100, 4096 + 8, 2*4096 + 3} {
		if off+2 < len(good) {
			b := append([]byte(nil), good...)
			b[off] ^= 0xff
			b[off+1] ^= 0x5a
			f.Add(b)
		}
	}
	dir := fastDir(f)
	n := 0
	f.Fuzz(func(t *testing.T, data []byte) {
		n++
		p := filepath.Join(dir, fmt.Sprintf("f%d%s", n, Extension))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(p)
		defer os.Remove(p + journalSuffix)
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
		s, err := Open(p)
		check("Open", err)
		if err != nil {
			if b, _ := os.ReadFile(p); !bytes.Equal(b, data) {
				t.Fatal("Open changed a refused file")
			}
			return
		}
		defer s.Close()
		if ierr != nil {
			t.Fatalf("Open took a file Inspect refused: %v", ierr)
		}
		m, err := s.Load()
		if err != nil {
			t.Fatalf("opened, but Load failed: %v", err)
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
		_ = m
	})
}

// fuzzOps applies edits read from ops to s: each op is three bytes, an
// opcode and two arguments, over eight card and eight link IDs.
func fuzzOps(t *testing.T, s *Store, ops []byte) {
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
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
		ch = m.Expand(ch)
		if err := testApply(s, &ch); err != nil {
			t.Fatalf("edit %+v: %v", ch, err)
		}
		m.Apply(ch)
	}
}

// FuzzMerge builds a base board from the first part of the input, copies
// it, edits the two copies apart with the rest (the top bit of each
// opcode picks the side) and merges: the merge must apply, leave a board
// that passes the full check and holds every card either side had and
// the other did not delete, and merging again must find nothing to do.
func FuzzMerge(f *testing.F) {
	f.Add([]byte{0, 1, 2, 0, 3, 4, 4, 0x19, 0, 0x80, 1, 9, 0x01, 2, 9, 0x83, 3, 0, 0x02, 1, 50})
	f.Add([]byte{0, 0, 0, 0, 1, 1, 0, 2, 2, 4, 0x08, 0, 0x80, 0, 3, 0x01, 0, 5, 0x85, 0, 0, 0x86, 1, 0})
	f.Add([]byte{0, 5, 5, 0x80, 5, 5, 0x00, 5, 5, 3, 5, 0, 0x81, 5, 7})
	f.Add([]byte{0, 1, 1, 0, 2, 2, 6, 1, 2, 0x83, 2, 0, 0x01, 1, 3})
	dir := fastDir(f)
	n := 0
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 300 {
			return // long inputs only make it slow
		}
		n++
		base := filepath.Join(dir, fmt.Sprintf("m%d-mine%s", n, Extension))
		theirsPath := filepath.Join(dir, fmt.Sprintf("m%d-theirs%s", n, Extension))
		defer os.Remove(base)
		defer os.Remove(theirsPath)
		mine, err := Create(base, Board{Title: "fuzz"})
		if err != nil {
			t.Fatal(err)
		}
		defer mine.Close()
		t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		mine.Now = clock(t0)
		split := len(data) / 3 / 3 * 3
		fuzzOps(t, mine, data[:split])
		if err := mine.SaveCopy(theirsPath); err != nil {
			t.Fatal(err)
		}
		theirs, err := Open(theirsPath)
		if err != nil {
			t.Fatal(err)
		}
		defer theirs.Close()
		offset := time.Duration(0)
		if len(data) > 0 {
			offset = time.Duration(int(data[len(data)-1])-128) * 7 * time.Second
		}
		theirs.Now = clock(t0.Add(time.Hour + offset))
		mine.Now = clock(t0.Add(time.Hour))
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
		fuzzOps(t, mine, mineOps)
		fuzzOps(t, theirs, theirOps)
		mm, err := mine.Load()
		if err != nil {
			t.Fatal(err)
		}
		tm, err := theirs.Load()
		if err != nil {
			t.Fatal(err)
		}
		ch, rep, err := mine.PlanMerge(mm, theirsPath)
		if err != nil {
			t.Fatal(err)
		}
		before := mm.Clone()
		inv := mm.Inverse(ch)
		if err := testApply(mine, &ch); err != nil {
			t.Fatalf("applying the merge: %v\n%+v", err, ch)
		}
		mm.Apply(ch)
		got, err := mine.Load()
		if err != nil {
			t.Fatalf("after the merge: %v", err)
		}
		if _, err := Inspect(base, true); err != nil {
			t.Fatalf("after the merge: %v", err)
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
		ch2, rep2, err := mine.PlanMerge(got, theirsPath)
		if err != nil {
			t.Fatal(err)
		}
		if !ch2.Empty() {
			t.Errorf("merging again changes: %+v\nfirst report: %v\nsecond: %v", ch2, rep.Lines(time.UTC), rep2.Lines(time.UTC))
		}
		if err := testApply(mine, &inv); err != nil {
			t.Fatalf("undoing the merge: %v", err)
		}
		// Undo restores the board as it was before the merge, card for
		// card and link for link (times a write stamps aside).
		undone, err := mine.Load()
		if err != nil {
			t.Fatalf("after undoing the merge: %v", err)
		}
		if d := modelDiff(before, undone); d != "" {
			t.Fatalf("undoing the merge did not restore the board: %s", d)
		}
	})
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
