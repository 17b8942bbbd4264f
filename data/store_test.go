package data

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func tempBoard(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "case"+Extension)
}

func fullCard(id string) Card {
	return Card{ID: id, Kind: KindQuote, Title: "Déjà vu — “quoted”", Body: "Ελληνικά и кириллица",
		X: -12.5, Y: 3e5, Width: 250, Height: 140, Color: "#aabbcc", Tags: []string{"alpha", "beta"},
		PartyType: PartyPerson, Role: "witness", QuoteText: "verbatim words", Locator: "p. 4",
		Status: StatusDisputed, Reliability: "B", Credibility: 2, Date: "2019-03-28",
		Publisher: "The Paper", URL: "https://example.org/a?b=c"}
}

func TestRoundTripEveryField(t *testing.T) {
	path := tempBoard(t)
	clock := time.Date(2026, 11, 26, 14, 3, 0, 0, time.UTC)
	s, err := Create(path, Board{Title: "T", CaseRef: "CR-1", Author: "A. Reporter", Marking: "CONFIDENTIAL"})
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return clock }
	speaker := Card{ID: "sp", Kind: KindParty, Title: "Speaker", X: 1, Y: 2, Width: 100, Height: 50}
	source := Card{ID: "so", Kind: KindSource, Title: "Source", X: 1, Y: 2, Width: 100, Height: 50}
	q := fullCard("q1")
	q.SpeakerID, q.SourceID = "sp", "so"
	l := Link{ID: "l1", From: "q1", To: "sp", Relation: "said by", Directed: true, Status: StatusAlleged, Note: "n"}
	ch := Change{PutCards: []Card{q, speaker, source}, PutLinks: []Link{l}}
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	mem := NewModel(Board{})
	mem.Apply(ch)
	s.Close()

	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	m, err := s2.Load()
	if err != nil {
		t.Fatal(err)
	}
	if m.Board.Title != "T" || m.Board.CaseRef != "CR-1" || m.Board.Author != "A. Reporter" || m.Board.Marking != "CONFIDENTIAL" {
		t.Errorf("board properties: %+v", m.Board)
	}
	if !reflect.DeepEqual(m.Cards, mem.Cards) {
		t.Errorf("cards differ:\nfile %+v\nmem  %+v", *m.Cards["q1"], *mem.Cards["q1"])
	}
	if !reflect.DeepEqual(m.Links, mem.Links) {
		t.Errorf("links differ: %+v vs %+v", *m.Links["l1"], *mem.Links["l1"])
	}
	if got := m.Cards["q1"].Updated; !got.Equal(clock) {
		t.Errorf("updated = %v, want %v", got, clock)
	}
}

func TestCreateRefusesExisting(t *testing.T) {
	path := tempBoard(t)
	os.WriteFile(path, []byte("keep me"), 0o644)
	if _, err := Create(path, Board{}); err == nil {
		t.Fatal("Create overwrote a file")
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Fatal("file changed")
	}
}

func TestDeleteAndUndo(t *testing.T) {
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var salesforce string
	for _, c := range m.Cards {
		if c.Title == "Salesforce" {
			salesforce = c.ID
		}
	}
	before := len(m.Links)
	ch := m.Expand(Change{Label: "Delete", DeleteCards: []string{salesforce}})
	inv := m.Inverse(ch)
	if err := testApply(s, &ch); err != nil {
		t.Fatal(err)
	}
	m.Apply(ch)
	onDisk, _ := s.Load()
	if len(onDisk.Links) != len(m.Links) || len(onDisk.Links) >= before {
		t.Fatalf("links after delete: disk %d, mem %d, before %d", len(onDisk.Links), len(m.Links), before)
	}
	for _, c := range onDisk.Cards {
		if c.SpeakerID == salesforce {
			t.Fatal("a quote still names the deleted speaker")
		}
	}
	if err := testApply(s, &inv); err != nil {
		t.Fatal(err)
	}
	m.Apply(inv)
	onDisk, _ = s.Load()
	if len(onDisk.Links) != before || onDisk.Cards[salesforce] == nil {
		t.Fatalf("undo did not restore: %d links", len(onDisk.Links))
	}
	speakers := 0
	for _, c := range onDisk.Cards {
		if c.SpeakerID == salesforce {
			speakers++
		}
	}
	if speakers != 2 {
		t.Fatalf("undo restored %d speaker references to Salesforce, want 2", speakers)
	}
}

func sampleArticle(t testing.TB) string {
	b, err := os.ReadFile("../assets/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSampleQuotesVerbatim(t *testing.T) {
	article := sampleArticle(t)
	_, ch, err := BuildSample(article)
	if err != nil {
		t.Fatal(err)
	}
	quotes := 0
	for _, c := range ch.PutCards {
		if c.Kind == KindQuote {
			quotes++
			if !strings.Contains(article, c.QuoteText) || c.SpeakerID == "" || c.SourceID == "" {
				t.Errorf("quote %q: not verbatim or missing speaker/source", c.Title)
			}
		}
	}
	if quotes < 5 {
		t.Errorf("%d quotes", quotes)
	}
	if _, _, err := BuildSample(strings.ReplaceAll(article, "deeply", "truly")); err == nil {
		t.Error("a misquote was accepted")
	}
}
