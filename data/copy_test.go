package data

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// sidecars lists the files SQLite may leave beside path.
func sidecars(path string) []string {
	var out []string
	for _, suf := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Lstat(path + suf); err == nil {
			out = append(out, filepath.Base(path+suf))
		}
	}
	return out
}

func TestSaveCopy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "case"+Extension)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	m := mustLoad(t, s)
	// Leave free pages behind, so the copy has something to compact.
	big := Card{ID: "big", Kind: KindNote, Title: "big", Body: stringsRepeat("x", 200_000), Width: 100, Height: 50}
	apply(t, s, m, Change{PutCards: []Card{big}})
	apply(t, s, m, Change{DeleteCards: []string{"big"}})
	if _, err := s.db.Exec(`UPDATE history SET before = NULL, after = NULL WHERE entity_id = 'big'`); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "copy"+Extension)
	if err := s.SaveCopy(out); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCopy(out); err == nil {
		t.Fatal("SaveCopy overwrote a file")
	}
	if err := s.SaveCopy(path); err == nil {
		t.Fatal("SaveCopy overwrote the board itself")
	}
	if _, err := Inspect(out, true); err != nil {
		t.Fatal(err)
	}
	a, _ := os.Stat(path)
	b, _ := os.Stat(out)
	var free int
	s.db.QueryRow(`PRAGMA freelist_count`).Scan(&free)
	if free == 0 {
		t.Fatal("the test left no free pages in the original")
	}
	if b.Size() >= a.Size() {
		t.Errorf("copy is %d bytes, the original %d: not compact", b.Size(), a.Size())
	}
	if sc := sidecars(out); len(sc) > 0 {
		t.Errorf("copy left %v", sc)
	}
	c, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(mustLoad(t, c).Cards, m.Cards) {
		t.Error("copy differs")
	}
	h1, _ := s.History("")
	h2, _ := c.History("")
	if len(h1) != len(h2) {
		t.Errorf("copy has %d history entries, want %d", len(h2), len(h1))
	}
	c.Close()
	s.Close()
	if sc := sidecars(path); len(sc) > 0 {
		t.Errorf("closing left %v", sc)
	}

	// A read-only store can be copied too.
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out2 := filepath.Join(dir, "copy2"+Extension)
	if err := r.SaveCopy(out2); err != nil {
		t.Fatal(err)
	}
	if err := testApply(r, &Change{PutCards: []Card{big}}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only store after SaveCopy: Apply gave %v", err)
	}
}

func stringsRepeat(s string, n int) string {
	b := make([]byte, 0, len(s)*n)
	for i := 0; i < n; i++ {
		b = append(b, s...)
	}
	return string(b)
}

func TestCloseLeavesOneFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "case"+Extension)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	m := mustLoad(t, s)
	for i := 0; i < 5; i++ {
		c := cardByTitle(t, m, "Salesforce").Clone()
		c.X += 10
		apply(t, s, m, Change{PutCards: []Card{c}})
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("beside the board after closing: %v", names)
	}
}
