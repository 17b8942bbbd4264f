package data

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestGenerateIsDeterministicAndValid(t *testing.T) {
	b1, ch1 := Generate(500, 7)
	b2, ch2 := Generate(500, 7)
	if !reflect.DeepEqual(b1, b2) || !reflect.DeepEqual(ch1, ch2) {
		t.Fatal("the same seed gave different boards")
	}
	_, ch3 := Generate(500, 8)
	if ch3.PutCards[0].ID == ch1.PutCards[0].ID {
		t.Fatal("different seeds gave the same IDs")
	}
	if len(ch1.PutCards) != 500 {
		t.Fatalf("%d cards, want 500", len(ch1.PutCards))
	}
	if n := len(ch1.PutLinks); n < 900 || n > 1000 {
		t.Fatalf("%d links for 500 cards, want about 1000", n)
	}
	m := NewModel(b1)
	m.Apply(ch1)
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	kinds := map[Kind]int{}
	pairs := map[[2]string]bool{}
	for _, c := range ch1.PutCards {
		kinds[c.Kind]++
	}
	for _, l := range ch1.PutLinks {
		if l.From == l.To {
			t.Fatalf("link %s joins a card to itself", l.ID)
		}
		p := [2]string{min(l.From, l.To), max(l.From, l.To)}
		if pairs[p] {
			t.Fatalf("two links join the same cards")
		}
		pairs[p] = true
	}
	for _, k := range Kinds {
		if kinds[k] == 0 {
			t.Errorf("no %s cards", k)
		}
	}
	// No two cards overlap: each sits in its own grid cell.
	for i, c := range ch1.PutCards[:100] {
		for _, o := range ch1.PutCards[i+1 : 100] {
			if c.X < o.X+o.Width && o.X < c.X+c.Width && c.Y < o.Y+o.Height && o.Y < c.Y+c.Height {
				t.Fatalf("cards %s and %s overlap", c.ID, o.ID)
			}
		}
	}
	if b, ch := Generate(0, 1); len(ch.PutCards) != 0 || b.Title == "" {
		t.Error("an empty generated board is not empty")
	}
}

func TestGenerateWritesAndReadsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.evboard")
	b, ch := Generate(300, 3)
	s, err := Create(path, b)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return generateTime }
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cards) != 300 || len(m.Links) != len(ch.PutLinks) {
		t.Fatalf("read back %d cards and %d links", len(m.Cards), len(m.Links))
	}
	want := NewModel(b)
	want.Apply(ch)
	for id, c := range want.Cards {
		got := m.Cards[id]
		if got == nil || got.Title != c.Title || got.X != c.X || got.SpeakerID != c.SpeakerID {
			t.Fatalf("card %s read back as %+v", id, got)
		}
	}
}

// BenchmarkWriteGenerated10k measures writing a 10,000-card board (one
// transaction, a history row per card and link).
func BenchmarkWriteGenerated10k(b *testing.B) {
	bd, ch := Generate(10000, 1)
	for i := 0; i < b.N; i++ {
		path := filepath.Join(b.TempDir(), "gen.evboard")
		s, err := Create(path, bd)
		if err != nil {
			b.Fatal(err)
		}
		c := ch
		if err := testApply(s, &c); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
