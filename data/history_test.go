package data

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestHistoryLines(t *testing.T) {
	s, err := CreateSample(tempBoard(t), sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := mustLoad(t, s)
	at := time.Date(2026, 11, 26, 14, 3, 0, 0, time.UTC)
	s.Now = func() time.Time { return at }
	s.Author = "A. Reporter"

	sf := cardByTitle(t, m, "Salesforce").Clone()
	// The position the line must name, written out here rather than by
	// the code under test.
	wantX, wantY := strconv.FormatFloat(sf.X+40, 'f', -1, 64), strconv.FormatFloat(sf.Y, 'f', -1, 64)
	sf.Status = StatusAlleged
	apply(t, s, m, Change{Label: "Status", PutCards: []Card{sf}})
	sf.Status = StatusDisputed
	sf.X += 40
	sf.Tags = []string{"core"}
	apply(t, s, m, Change{Label: "Status", PutCards: []Card{sf}})
	note := Card{ID: "n1", Kind: KindNote, Title: "A note", X: 0, Y: 0, Width: 100, Height: 50}
	apply(t, s, m, Change{Label: "Add", PutCards: []Card{note}})
	apply(t, s, m, Change{Label: "Delete", DeleteCards: []string{"n1"}})

	h, err := s.history(sf.ID, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Salesforce: status alleged → disputed; tags +core; moved to (" + wantX + ", " + wantY + "), by A. Reporter, 26 Nov 2026 14:03",
		"Salesforce: status not assessed → alleged, by A. Reporter, 26 Nov 2026 14:03",
		"Salesforce: created (party), by Evidence Board sample",
	}
	if len(h) < 3 {
		t.Fatalf("%d entries", len(h))
	}
	for i, w := range want {
		got := h[i].Line
		if i == 2 {
			got = got[:strings.LastIndex(got, ",")]
		}
		if got != w {
			t.Errorf("entry %d:\n got %q\nwant %q", i, got, w)
		}
	}
	all, err := s.history("", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if all[0].What != "A note: deleted" || all[1].What != "A note: created (note)" {
		t.Errorf("newest first: %q, %q", all[0].What, all[1].What)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID > all[i-1].ID {
			t.Fatal("not newest first")
		}
	}
	// Links are named by their cards.
	var sawLink bool
	for _, e := range all {
		if e.Entity == "link" {
			sawLink = strings.HasPrefix(e.What, "Link ") && strings.Contains(e.What, " → ")
			break
		}
	}
	if !sawLink {
		t.Error("no readable link entry")
	}
}

func TestHistoryDescribeHostileJSON(t *testing.T) {
	for _, js := range []string{`{"Title": 5}`, `[]`, `{"Tags": "x"}`, `{"X": "nan"}`, "{\"Title\":\"a\\u0000\\nb\"}"} {
		e := HistoryEntry{Action: "update", Entity: "card", EntityID: "x", Before: js, After: `{"Title":"t"}`}
		if got := e.describe(&cardNames{cache: map[string]string{}}); strings.ContainsAny(got, "\x00\n") {
			t.Errorf("%s: %q", js, got)
		}
	}
}
