package clip

import (
	"math"
	"sort"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

// quoteWithSpeaker finds a quote of the sample whose speaker and source
// are on the board.
func quoteWithSpeaker(t *testing.T, m *data.Model) *data.Card {
	t.Helper()
	for _, c := range m.SortedCards() {
		if c.Kind == data.KindQuote && c.SpeakerID != "" && c.SourceID != "" {
			return c
		}
	}
	t.Fatal("the sample has no quote with a speaker and a source")
	return nil
}

func TestCopyPasteOnTheSameBoard(t *testing.T) {
	m := formattest.Sample(t)
	q := quoteWithSpeaker(t, m)
	speaker := m.Cards[q.SpeakerID]
	ids := []string{q.ID, speaker.ID} // the source stays behind
	text := Copy(m, ids)
	if !IsCards(text) {
		t.Fatalf("Copy wrote text IsCards does not know:\n%.200s", text)
	}
	ch, rep, err := Paste(m, text, 1000, 2000)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, m, ch)
	if len(rep.Skipped) != 0 {
		t.Errorf("a plain paste reported %q", rep.Skipped)
	}
	if len(ch.PutCards) != 2 || rep.Cards != 2 {
		t.Fatalf("pasted %d cards, want 2", len(ch.PutCards))
	}
	var pq, ps *data.Card
	for i := range ch.PutCards {
		c := &ch.PutCards[i]
		if m.Cards[c.ID] != nil {
			t.Fatalf("the paste reused id %s, which is on the board", c.ID)
		}
		switch c.Title {
		case q.Title:
			pq = c
		case speaker.Title:
			ps = c
		}
	}
	if pq == nil || ps == nil {
		t.Fatal("the pasted cards lost their titles")
	}
	if pq.SpeakerID != ps.ID {
		t.Errorf("the pasted quote's speaker is %s, want the pasted party %s", pq.SpeakerID, ps.ID)
	}
	if pq.SourceID != q.SourceID {
		t.Errorf("the pasted quote's source is %q, want the source on the board %s", pq.SourceID, q.SourceID)
	}
	if pq.QuoteText != q.QuoteText {
		t.Errorf("the words changed: %q", pq.QuoteText)
	}
	// The arrangement is kept, its corner moved to the point asked.
	minX, minY := math.Min(pq.X, ps.X), math.Min(pq.Y, ps.Y)
	if minX != 1000 || minY != 2000 {
		t.Errorf("box corner at (%v, %v), want (1000, 2000)", minX, minY)
	}
	if dx, odx := pq.X-ps.X, q.X-speaker.X; dx != odx {
		t.Errorf("relative position changed: %v, was %v", dx, odx)
	}
	wantLinks := 0
	for _, l := range m.Links {
		if (l.From == q.ID && l.To == speaker.ID) || (l.From == speaker.ID && l.To == q.ID) {
			wantLinks++
		}
	}
	if len(ch.PutLinks) != wantLinks {
		t.Errorf("pasted %d links, want the %d between the copied cards", len(ch.PutLinks), wantLinks)
	}
	for _, l := range ch.PutLinks {
		ends := []string{l.From, l.To}
		sort.Strings(ends)
		want := []string{pq.ID, ps.ID}
		sort.Strings(want)
		if ends[0] != want[0] || ends[1] != want[1] {
			t.Errorf("link %s joins %v, not the pasted cards", l.ID, ends)
		}
	}
}

func TestPasteIntoAnotherBoard(t *testing.T) {
	m := formattest.Sample(t)
	q := quoteWithSpeaker(t, m)
	other := data.NewModel(data.Board{})
	ch, rep, err := Paste(other, Copy(m, []string{q.ID}), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, other, ch)
	c := ch.PutCards[0]
	if c.ID != q.ID {
		t.Errorf("a card pasted into a board without it got a new id")
	}
	if c.SpeakerID != "" || c.SourceID != "" {
		t.Errorf("references to cards not on the board kept: %+v", c)
	}
	if len(rep.Skipped) != 2 {
		t.Errorf("report %q, want a line for the speaker and one for the source", rep.Skipped)
	}
}

func TestPasteKeepsGroups(t *testing.T) {
	m := data.NewModel(data.Board{})
	g := data.Card{ID: "11111111-1111-4111-8111-111111111111", Kind: data.KindGroup, Title: "Money", Width: 500, Height: 300}
	a := data.Card{ID: "22222222-2222-4222-8222-222222222222", Kind: data.KindClaim, Title: "A", X: 20, Y: 40, Width: 200, Height: 90, Group: g.ID}
	m.Apply(data.Change{PutCards: []data.Card{g, a}})
	for _, tc := range []struct {
		name      string
		ids       []string
		wantGroup func(ch data.Change) string
	}{
		{"group and member", []string{g.ID, a.ID}, func(ch data.Change) string {
			for _, c := range ch.PutCards {
				if c.Kind == data.KindGroup {
					return c.ID
				}
			}
			return "?"
		}},
		{"member alone, its group on the board", []string{a.ID}, func(data.Change) string { return g.ID }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch, _, err := Paste(m, Copy(m, tc.ids), 900, 900)
			if err != nil {
				t.Fatal(err)
			}
			formattest.CheckApplies(t, m, ch)
			want := tc.wantGroup(ch)
			for _, c := range ch.PutCards {
				if c.Kind == data.KindClaim && c.Group != want {
					t.Errorf("member's group %q, want %q", c.Group, want)
				}
			}
		})
	}
	// Into a board without the group, the member is pasted alone.
	other := data.NewModel(data.Board{})
	ch, _, err := Paste(other, Copy(m, []string{a.ID}), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, other, ch)
	if ch.PutCards[0].Group != "" {
		t.Error("a reference to a group not on the board was kept")
	}
}

func TestPasteRefusesDamagedText(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"not JSON", `{"format":"evidenceboard-cards", oops`, "cannot read"},
		{"another format", `{"format":"something-else","cards":[]}`, "cannot read"},
		{"a newer version", `{"format":"evidenceboard-cards","version":9,"cards":[]}`, "newer"},
		{"cards of the wrong type", `{"format":"evidenceboard-cards","version":1,"cards":"x"}`, "cannot read"},
		{"too big", `{"format":"evidenceboard-cards","version":1,"cards":[` + strings.Repeat(" ", 64<<20) + `]}`, "limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Paste(data.NewModel(data.Board{}), tc.text, 0, 0)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Paste = %v, want one line saying %q", err, tc.want)
			}
		})
	}
}

// Hostile values inside well-formed JSON are mended or left out, as an
// import does; the change always applies.
func TestPasteMendsHostileCards(t *testing.T) {
	text := `{"format":"evidenceboard-cards","version":1,"cards":[
	 {"id":"a","kind":"bomb","title":"ok\u0000\u0007","x":1e300,"y":-5,"width":-3,"height":1e9,"color":"red","status":"nope","credibility":99},
	 {"id":"a","kind":"note","title":"duplicate id"},
	 {"id":"g","kind":"claim","title":"not a group","width":100,"height":100},
	 {"id":"m","kind":"note","title":"in a claim","group_id":"g","width":100,"height":100}],
	 "links":[{"id":"l","from":"a","to":"missing"},{"id":"k","from":"a","to":"g","relation":"supports","status":"bad"}]}`
	m := formattest.Sample(t)
	ch, rep, err := Paste(m, text, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	formattest.CheckApplies(t, m, ch)
	if len(ch.PutCards) != 3 || len(ch.PutLinks) != 1 {
		t.Fatalf("%d cards, %d links; want 3 and 1 (report %q)", len(ch.PutCards), len(ch.PutLinks), rep.Skipped)
	}
	for _, c := range ch.PutCards {
		if c.Group != "" {
			t.Errorf("card %q kept a group that is not a group", c.Title)
		}
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct {
		text        string
		ok          bool
		kind        data.Kind
		title, body string
		url         string
	}{
		{"https://www.justice.gov/opa/pr/backpage", true, data.KindSource, "www.justice.gov/opa/pr/backpage", "", "https://www.justice.gov/opa/pr/backpage"},
		{"  http://example.org/  ", true, data.KindSource, "example.org", "", "http://example.org/"},
		{"javascript:alert(1)", true, data.KindNote, "javascript:alert(1)", "", ""},
		{"Call the witness back\nabout the March meeting", true, data.KindNote, "Call the witness back", "Call the witness back\nabout the March meeting", ""},
		{"one line", true, data.KindNote, "one line", "", ""},
		{"https://example.org and more words", true, data.KindNote, "https://example.org and more words", "", ""},
		{"   \n\t ", false, "", "", "", ""},
		{"\x00\x01", false, "", "", "", ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			c, ok := Text(tc.text, 10, 20)
			if ok != tc.ok {
				t.Fatalf("ok = %v", ok)
			}
			if !ok {
				return
			}
			if c.Kind != tc.kind || c.Title != tc.title || c.Body != tc.body || c.URL != tc.url || c.X != 10 || c.Y != 20 {
				t.Fatalf("got %+v", c)
			}
			if err := c.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// Text longer than a card holds is refused whole, not cut.
func TestTextTooLong(t *testing.T) {
	long := strings.Repeat("word ", data.MaxTextLen/5+1)
	if !TooLong(long) {
		t.Fatal("TooLong says a text over the limit fits")
	}
	if _, ok := Text(long, 0, 0); ok {
		t.Fatal("Text made a card of more than a card holds")
	}
	if TooLong("short") {
		t.Fatal("TooLong refuses a short text")
	}
}

// FuzzPaste: whatever is on the clipboard, pasting gives an error or a
// change that applies cleanly to the board; never a panic.
func FuzzPaste(f *testing.F) {
	m := formattest.Sample(f)
	var ids []string
	for id := range m.Cards {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	f.Add(Copy(m, ids[:5]))
	f.Add(Copy(m, ids))
	f.Add(`{"format":"evidenceboard-cards","version":1,"cards":[{"id":"a","kind":"group","group_id":"a"}],"links":[{"from":"a","to":"a"}]}`)
	f.Add("https://example.org/x")
	f.Add("plain words\non two lines")
	f.Fuzz(func(t *testing.T, text string) {
		if c, ok := Text(text, 5, 5); ok {
			formattest.CheckApplies(t, m, data.Change{PutCards: []data.Card{c}})
		}
		if !IsCards(text) {
			return
		}
		ch, _, err := Paste(m, text, 100, 100)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("a two-line error: %q", err)
			}
			return
		}
		formattest.CheckApplies(t, m, ch)
	})
}
