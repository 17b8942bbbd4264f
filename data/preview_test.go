package data

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"

	"evidenceboard/data/geom"
)

// previewBoard writes a board whose cards lie in a row, 200 apart: near
// the origin a quote whose speaker and source lie far away, a card in a
// folded group whose group card lies far away, links into and out of the
// area, and tags.
func previewBoard(t testing.TB) (path string, m *Model) {
	p := filepath.Join(t.TempDir(), "preview"+Extension)
	s, err := Create(p, Board{Title: "preview", TagColors: map[string]string{"key": "#aa0000"}})
	if err != nil {
		t.Fatal(err)
	}
	card := func(id string, kind Kind, x float64) Card {
		return Card{ID: id, Kind: kind, Title: "card " + id, X: x, Y: 0, Width: 100, Height: 50}
	}
	cards := []Card{
		card("near1", KindClaim, 0), card("near2", KindParty, 200), card("quote", KindQuote, 400),
		card("far-speaker", KindParty, 5000), card("far-source", KindSource, 5200), card("far-other", KindClaim, 5400),
		card("far-unlinked", KindNote, 5600), card("group", KindGroup, 9000), card("child", KindNote, 600),
		card("far-quote", KindQuote, 7000), card("far-party", KindParty, 7200),
	}
	cards[0].Tags = []string{"key", "b"}
	cards[2].SpeakerID, cards[2].SourceID = "far-speaker", "far-source"
	cards[7].Folded, cards[7].Width, cards[7].Height = true, 300, 200
	cards[8].Group = "group"
	cards[9].SpeakerID = "far-party" // a card the preview reads for a link, whose quote field goes further
	links := []Link{
		{ID: "inside", From: "near1", To: "near2", Relation: "alleges"},
		{ID: "out", From: "near2", To: "far-other", Relation: "supports"},
		{ID: "in", From: "far-quote", To: "near1", Relation: "denies"},
		{ID: "faraway", From: "far-other", To: "far-unlinked", Relation: "supports"},
	}
	if err := testApply(s, &Change{PutCards: cards, PutLinks: links}); err != nil {
		t.Fatal(err)
	}
	if m, err = s.Load(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return p, m
}

func TestPreviewReadsWhatTheAreaDraws(t *testing.T) {
	p, full := previewBoard(t)
	pv, err := OpenPreview(p)
	if err != nil {
		t.Fatal(err)
	}
	defer pv.Close()
	ext, ok, err := pv.Extent()
	if err != nil || !ok || ext != (geom.Rect{X: 0, Y: 0, W: 9300, H: 200}) {
		t.Fatalf("Extent = %v %v %v, want the rectangle of every card", ext, ok, err)
	}
	m, err := pv.Read(geom.Rect{X: -10, Y: -10, W: 800, H: 100}, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(func(yield func(string) bool) {
		for id := range m.Cards {
			if !yield(id) {
				return
			}
		}
	})
	want := []string{"child", "far-other", "far-quote", "far-source", "far-speaker", "group", "near1", "near2", "quote"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("cards %v, want %v (the area's, their links' other ends, quote fields and group)", got, want)
	}
	var links []string
	for id := range m.Links {
		links = append(links, id)
	}
	sort.Strings(links)
	if !reflect.DeepEqual(links, []string{"in", "inside", "out"}) {
		t.Fatalf("links %v, want those that touch the area", links)
	}
	for _, id := range []string{"near1", "quote", "child", "group", "far-other"} {
		if !reflect.DeepEqual(m.Cards[id], full.Cards[id]) {
			t.Errorf("card %s: preview %+v, board %+v", id, m.Cards[id], full.Cards[id])
		}
	}
	if m.Cards["far-quote"].SpeakerID != "" {
		t.Error("a quote field that leads out of the preview is kept: the board would find no card there")
	}
	if !reflect.DeepEqual(m.Board.TagColors, full.Board.TagColors) || m.Board.Title != "preview" {
		t.Errorf("board %+v, want %+v", m.Board, full.Board)
	}
	if err := m.Validate(); err != nil {
		t.Errorf("the preview is not a board: %v", err)
	}
}

func TestPreviewRefuses(t *testing.T) {
	p, _ := previewBoard(t)
	pv, err := OpenPreview(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pv.Read(geom.Rect{X: -10, Y: -10, W: 800, H: 100}, 3); !errors.Is(err, ErrNoPreview) {
		t.Errorf("four cards in the area, at most three asked: %v, want ErrNoPreview", err)
	}
	if m, err := pv.Read(geom.Rect{X: -10, Y: -10, W: 800, H: 100}, 4); err != nil || len(m.Cards) != 9 {
		t.Errorf("four cards in the area, at most four asked: %v, %v; the cards out of view they lead to do not count", m, err)
	}
	if m, err := pv.Read(geom.Rect{X: -1e6, Y: -1e6, W: 10, H: 10}, 3); err != nil || len(m.Cards) != 0 {
		t.Errorf("an empty area: %v, %v", m, err)
	}
	pv.Close()
	if err := os.WriteFile(p+journalSuffix, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenPreview(p); !errors.Is(err, ErrNoPreview) {
		t.Errorf("a board with a journal beside it: %v, want ErrNoPreview", err)
	}
	if _, err := OpenPreview(filepath.Join(t.TempDir(), "none"+Extension)); !errors.Is(err, ErrNoPreview) {
		t.Errorf("no file: %v, want ErrNoPreview", err)
	}
	empty := filepath.Join(t.TempDir(), "empty"+Extension)
	s, err := Create(empty, Board{Title: "empty"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	pv, err = OpenPreview(empty)
	if err != nil {
		t.Fatal(err)
	}
	defer pv.Close()
	if _, ok, err := pv.Extent(); ok || err != nil {
		t.Errorf("the extent of a board of no card: %v %v", ok, err)
	}
}

// FuzzPreview reads previews of boards changed at the SQL level (FuzzSQL's
// steps): never a panic, a refusal is ErrNoPreview or a *FileError, the
// file is not changed by a byte, and of a board the full check passes,
// each card the preview holds in the area is the board's card as it is,
// and it holds every one of them.
func FuzzPreview(f *testing.F) {
	noCleanRecord(f)
	z := newSQLCase(f, fastDir(f))
	f.Add([]byte{}, int16(-50), int16(-50), uint16(300))
	f.Add([]byte{0xff, 0xff, 0, 0xff, 0, 0}, int16(0), int16(0), uint16(1000))
	for ti := range z.tables {
		f.Add([]byte{byte(ti), 4, 1, 2, 1, 2, 3, 4, 5, 6, 7, 8}, int16(100), int16(0), uint16(250))
	}
	f.Fuzz(func(t *testing.T, ops []byte, x, y int16, size uint16) {
		if len(ops) > 200 {
			return
		}
		p := z.board(t, "p", ops)
		before, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		area := geom.Rect{X: float64(x), Y: float64(y), W: float64(size), H: float64(size)}
		refused := func(what string, err error) bool {
			if err == nil {
				return false
			}
			var fe *FileError
			if !errors.Is(err, ErrNoPreview) && !errors.As(err, &fe) {
				t.Fatalf("%s: %T %v, want ErrNoPreview or a *FileError", what, err, err)
			}
			return true
		}
		pv, err := OpenPreview(p)
		var m *Model
		if !refused("OpenPreview", err) {
			if _, _, err := pv.Extent(); !refused("Extent", err) {
				m, err = pv.Read(area, 6)
				if refused("Read", err) {
					m = nil
				}
			}
			pv.Close()
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Fatal("a preview changed the file")
		}
		if m == nil {
			return
		}
		ins, err := Inspect(p, true)
		if err != nil {
			return // the open beside the preview refuses the board
		}
		for id, c := range ins.model.Cards {
			inArea := c.X < area.Right() && c.X+c.Width > area.X && c.Y < area.Bottom() && c.Y+c.Height > area.Y
			if pc := m.Cards[id]; inArea && !reflect.DeepEqual(pc, c) {
				t.Errorf("card %s in the area: preview %+v, board %+v", id, pc, c)
			}
		}
		for id, c := range m.Cards {
			if ins.model.Cards[id] == nil {
				t.Errorf("the preview holds card %s, which the board does not: %+v", id, c)
			}
		}
	})
}
