package data_test

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"evidenceboard/app/format/exchange"
	"evidenceboard/data"
	"evidenceboard/data/diskfault"
	"evidenceboard/data/hostile"
)

// The one gate (issue 12): whatever the app writes — an edit, an undo, a
// merge of another board (a colleague's copy, a stranger's board, a
// hostile file), an import, the recovery of a crash — the board afterwards passes the check
// `evidenceboard check` runs (data.Inspect(path, true)), and a step that
// fails writes nothing.
var (
	gateSeed = flag.Uint64("gate.seed", 1, "seed of TestOneGate's random steps")
	gateTime = flag.Duration("gate.time", 3*time.Second, "how long TestOneGate runs (longer: -gate.time 2m)")
)

// gateText is random text a person or a stranger's file could bring:
// mostly words, sometimes scripts, bidirectional controls, emoji,
// combining marks, and now and then what the board must refuse (NUL and
// other C0 controls, invalid UTF-8, over 1 MiB).
func gateText(r *rand.Rand) string {
	parts := []string{"claim", "Quelle", "שלום", "مرحبا", "中文", "e\u0301", "👩\u200d👩\u200d👧", "\u202Eexe.live\u202C",
		"\u2066iso\u2069", "tab\there", "line\nbreak", "  ", "ok", "O'Brien & <Co>", "\"quoted\""}
	var b strings.Builder
	for n := r.IntN(8); n >= 0; n-- {
		b.WriteString(parts[r.IntN(len(parts))])
		b.WriteByte(' ')
	}
	switch r.IntN(40) {
	case 0:
		b.WriteString("A\x00BC")
	case 1:
		b.WriteString("\x1b[2Jok")
	case 2:
		b.WriteString("\xff\xfe")
	case 3:
		b.WriteString(strings.Repeat("x", data.MaxTextLen+1-b.Len()))
	case 4:
		b.WriteString(strings.Repeat("long ", r.IntN(50000)))
	}
	return b.String()
}

type gate struct {
	t       *testing.T
	r       *rand.Rand
	dir     string
	path    string
	cs      *data.Case
	undo    []data.Change
	hostile []hostile.File
	n       int
	counts  map[string]int
}

func (g *gate) cardID(m *data.Model) string {
	ids := m.SortedCards()
	if len(ids) == 0 || g.r.IntN(10) == 0 {
		return data.NewID() // a card that is not there
	}
	return ids[g.r.IntN(len(ids))].ID
}

// change makes a random change of the board m: cards added, edited,
// moved or deleted, links added or deleted, references set — some of it
// invalid, as a bug or a bad file could make it.
func (g *gate) change(m *data.Model) data.Change {
	r := g.r
	ch := data.Change{Label: "gate"}
	for n := 1 + r.IntN(3); n > 0; n-- {
		switch r.IntN(7) {
		case 0, 1:
			k := data.Kinds[r.IntN(len(data.Kinds))]
			w, h := data.DefaultSize(k)
			c := data.Card{ID: data.NewID(), Kind: k, Title: gateText(r), X: float64(r.IntN(4000) - 2000), Y: float64(r.IntN(4000) - 2000),
				Width: w, Height: h, Tags: []string{"t" + fmt.Sprint(r.IntN(5))}}
			if r.IntN(15) == 0 {
				c.X = 1e300 // refused
			}
			if k == data.KindQuote {
				c.QuoteText, c.SpeakerID = gateText(r), g.cardID(m)
			}
			ch.PutCards = append(ch.PutCards, c)
		case 2:
			if id := g.cardID(m); m.Cards[id] != nil {
				c := m.Cards[id].Clone()
				c.Title, c.Body = gateText(r), gateText(r)
				c.Status = data.Statuses[r.IntN(len(data.Statuses))]
				if r.IntN(3) == 0 {
					c.SourceID = g.cardID(m)
				}
				ch.PutCards = append(ch.PutCards, c)
			}
		case 3:
			if id := g.cardID(m); m.Cards[id] != nil {
				c := m.Cards[id].Clone()
				c.X += float64(r.IntN(200) - 100)
				c.Y += float64(r.IntN(200) - 100)
				ch.PutCards = append(ch.PutCards, c)
			}
		case 4:
			ch.DeleteCards = append(ch.DeleteCards, g.cardID(m))
		case 5:
			ch.PutLinks = append(ch.PutLinks, data.Link{ID: data.NewID(), From: g.cardID(m), To: g.cardID(m),
				Relation: data.Relations[r.IntN(len(data.Relations))], Directed: r.IntN(2) == 0, Note: gateText(r)})
		case 6:
			for _, l := range m.Links {
				ch.DeleteLinks = append(ch.DeleteLinks, l.ID)
				break
			}
		}
	}
	return ch
}

// apply applies ch through the Case, keeping its undo.
func (g *gate) apply(what string, ch data.Change) error {
	_, undo, err := g.cs.Apply(ch)
	if err == nil && !ch.Empty() {
		g.undo = append(g.undo, undo)
	}
	return err
}

// crashAndRecover leaves the board as a crash in the middle of a change
// would (the change spilled to the file, its journal beside it) and
// recovers it as the window's "Undo the unfinished change" does
// (data.Recover): the board must then be the board before the crash,
// card for card, link for link.
func (g *gate) crashAndRecover() {
	m := g.cs.Model().Clone()
	g.cs.Close()
	b, err := os.ReadFile(g.path)
	if err != nil {
		g.t.Fatal(err)
	}
	board, journal, err := diskfault.Crash(b, g.dir)
	if err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(g.path, board, 0o644); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(g.path+"-journal", journal, 0o644); err != nil {
		g.t.Fatal(err)
	}
	cs, rec, err := data.Recover(g.path)
	if err != nil {
		g.t.Fatalf("recovering from a crash: %v", err)
	}
	g.cs = cs
	if rec == nil {
		g.t.Fatal("Recover found no unfinished change")
	}
	os.Remove(rec.Backup)
	os.Remove(rec.Backup + "-journal")
	got := cs.Model()
	if len(got.Cards) != len(m.Cards) || len(got.Links) != len(m.Links) {
		g.t.Fatalf("recovered %d cards and %d links of %d and %d", len(got.Cards), len(got.Links), len(m.Cards), len(m.Links))
	}
	for id, c := range m.Cards {
		if o := got.Cards[id]; o == nil || !reflect.DeepEqual(*o, *c) {
			g.t.Fatalf("card %s is not as it was before the crash:\n%+v\n%+v", id, o, c)
		}
	}
	for id, l := range m.Links {
		if o := got.Links[id]; o == nil || !reflect.DeepEqual(*o, *l) {
			g.t.Fatalf("link %s is not as it was before the crash:\n%+v\n%+v", id, o, l)
		}
	}
}

// colleague makes a copy of the board edited apart, sometimes with a
// clock far ahead, for a merge.
func (g *gate) colleague() string {
	g.n++
	p := filepath.Join(g.dir, fmt.Sprintf("colleague%d%s", g.n, data.Extension))
	if err := g.cs.Store().SaveCopy(p); err != nil {
		g.t.Fatal(err)
	}
	cs, err := data.OpenCase(p)
	if err != nil {
		g.t.Fatalf("a copy the app made: %v", err)
	}
	defer cs.Close()
	if g.r.IntN(4) == 0 {
		far := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		cs.Store().Now = func() time.Time { return far }
	}
	for n := 1 + g.r.IntN(4); n > 0; n-- {
		cs.Apply(g.change(cs.Model()))
	}
	return p
}

// stranger writes a board generated from nothing, for a merge.
func (g *gate) stranger() string {
	g.n++
	p := filepath.Join(g.dir, fmt.Sprintf("stranger%d%s", g.n, data.Extension))
	b, ch := data.Generate(1+g.r.IntN(40), int64(g.r.Uint64()>>1))
	s, err := data.Create(p, b)
	if err != nil {
		g.t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := data.NewCase(s, data.NewModel(b)).Apply(ch); err != nil {
		g.t.Fatal(err)
	}
	return p
}

// imported is a change importing generated content (or the board itself)
// written as a JSON Canvas or GraphML file.
func (g *gate) imported() (data.Change, error) {
	m := g.cs.Model()
	// The board itself now and then, while it is small: each such
	// import doubles it.
	if g.r.IntN(3) != 0 || len(m.Cards) > 200 {
		b, ch := data.Generate(1+g.r.IntN(40), int64(g.r.Uint64()>>1))
		m = data.NewModel(b)
		m.Apply(ch)
	}
	f := []exchange.Format{exchange.Canvas, exchange.GraphML}[g.r.IntN(2)]
	var buf bytes.Buffer
	if err := exchange.Export(f, &buf, m); err != nil {
		g.t.Fatalf("export %s: %v", f, err)
	}
	ch, _, err := exchange.Import(f, &buf, "generated"+f.Extension(), g.cs.Model(), exchange.Options{})
	return ch, err
}

func TestOneGate(t *testing.T) {
	dir := t.TempDir()
	cases, err := hostile.Corpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{t: t, r: rand.New(rand.NewPCG(*gateSeed, 0)), dir: dir, path: filepath.Join(dir, "board"+data.Extension),
		counts: map[string]int{}}
	for _, h := range cases {
		if st, err := os.Stat(h.Path); err == nil && st.Size() < 4<<20 {
			g.hostile = append(g.hostile, h)
		}
	}
	s, err := data.Create(g.path, data.Board{Title: "One gate"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if g.cs, err = data.OpenCase(g.path); err != nil {
		t.Fatal(err)
	}
	defer func() { g.cs.Close() }()
	start := time.Now()
	for step := 1; time.Since(start) < *gateTime; step++ {
		before, _ := os.ReadFile(g.path)
		var what string
		var err error
		switch k := g.r.IntN(20); {
		case k < 9:
			what, err = "edit", g.apply("edit", g.change(g.cs.Model()))
		case k < 11:
			what = "undo"
			if n := len(g.undo); n > 0 {
				u := g.undo[n-1]
				g.undo = g.undo[:n-1]
				_, _, err = g.cs.Apply(u)
			}
		case k < 13:
			what = "merge a colleague's copy"
			var undo data.Change
			if _, undo, err = g.cs.Merge(g.colleague()); err == nil {
				g.undo = append(g.undo, undo)
			}
		case k < 14:
			what = "merge a stranger's board"
			var undo data.Change
			if _, undo, err = g.cs.Merge(g.stranger()); err == nil {
				g.undo = append(g.undo, undo)
			}
		case k < 15 && len(g.cs.Model().Cards) >= 4: // enough to spill a change to the file (diskfault.Crash)
			what = "recover from a crash"
			g.crashAndRecover()
		case k < 16:
			h := g.hostile[g.r.IntN(len(g.hostile))]
			what = "merge hostile " + h.Name
			if _, _, err = g.cs.Merge(h.Path); err == nil {
				t.Fatalf("step %d: %s: merged", step, what)
			}
		default:
			what = "import"
			var ch data.Change
			if ch, err = g.imported(); err == nil {
				err = g.apply("import", ch)
			}
		}
		if err != nil {
			g.counts[what+" refused"]++
			if after, _ := os.ReadFile(g.path); !bytes.Equal(before, after) {
				t.Fatalf("step %d: %s failed (%v) and wrote the board", step, what, err)
			}
		} else {
			g.counts[what]++
		}
		// The gate: what `evidenceboard check` runs.
		if _, ierr := data.Inspect(g.path, true); ierr != nil {
			t.Fatalf("step %d (seed %d): after %s (%v), check refuses the board: %v", step, *gateSeed, what, err, ierr)
		}
	}
	// And the board as the file holds it is the board in memory.
	m := g.cs.Model()
	g.cs.Close()
	cs, err := data.OpenCase(g.path)
	if err != nil {
		t.Fatal(err)
	}
	g.cs = cs
	if len(cs.Model().Cards) != len(m.Cards) || len(cs.Model().Links) != len(m.Links) {
		t.Fatalf("reopened: %d cards and %d links, in memory %d and %d", len(cs.Model().Cards), len(cs.Model().Links), len(m.Cards), len(m.Links))
	}
	total := 0
	for _, n := range g.counts {
		total += n
	}
	if total < 5 {
		t.Fatalf("only %d steps in %v", total, *gateTime)
	}
	t.Logf("%d steps in %v, %d cards, %d links: %v", total, *gateTime, len(m.Cards), len(m.Links), summarise(g.counts))
}

// summarise folds the hostile merges' counts into one.
func summarise(c map[string]int) map[string]int {
	out := map[string]int{}
	for k, n := range c {
		if strings.HasPrefix(k, "merge hostile") {
			k = "merge hostile (refused)"
		}
		out[k] += n
	}
	return out
}
