package data

import (
	"testing"
	"time"
)

func TestLastChange(t *testing.T) {
	s, err := CreateSample(tempBoard(t), sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := mustLoad(t, s)
	_, before, err := s.LastChange()
	if err != nil || before < 1 {
		t.Fatalf("a new sample: %d changes, %v", before, err)
	}
	times := []time.Time{
		time.Date(2026, 11, 30, 1, 37, 12, 0, time.UTC),
		time.Date(2026, 11, 30, 2, 5, 0, 0, time.FixedZone("CET", 3600)), // stored in UTC
	}
	for i, at := range times {
		s.Now = func() time.Time { return at }
		note := Card{ID: "n" + string(rune('0'+i)), Kind: KindNote, Title: "A note", Width: 100, Height: 50}
		apply(t, s, m, Change{Label: "Add", PutCards: []Card{note}})
		got, n, err := s.LastChange()
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(at) || got.Location() != time.UTC {
			t.Errorf("after change %d: last change at %v, want %v in UTC", i, got, at)
		}
		if n != before+i+1 {
			t.Errorf("after change %d: %d changes, want %d", i, n, before+i+1)
		}
	}
	s.Close()
	if _, _, err := s.LastChange(); err == nil {
		t.Error("a closed store reports no error")
	}
}
