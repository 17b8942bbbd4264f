package app

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// Ctrl+L links the first card selected to the second, whatever their IDs.
func TestConnectFollowsSelectionOrder(t *testing.T) {
	s, _, _ := openShell(t)
	m := s.Editor().Model()
	a, b := cardByTitle(t, m, "The 50 Jane Does"), cardByTitle(t, m, "Salesforce")
	for _, order := range [][2]*data.Card{{a, b}, {b, a}} {
		first, second := order[0], order[1]
		s.board.Select(first.ID)
		s.board.Select(first.ID, second.ID)
		before := len(m.Links)
		s.connectSelected()
		if len(m.Links) != before+1 {
			t.Fatalf("Ctrl+L made %d links", len(m.Links)-before)
		}
		sel := s.board.Selected()
		l := m.Links[sel[0]]
		if l == nil || l.From != first.ID || l.To != second.ID {
			t.Fatalf("selected %q then %q: the link is %+v", first.Title, second.Title, l)
		}
	}
}

// labelText finds the inspector's label that matches re.
func inspectorText(t *testing.T, s *Shell, re *regexp.Regexp) string {
	t.Helper()
	for _, o := range s.inspector.box.Objects {
		if l, ok := o.(*widget.Label); ok && re.MatchString(l.Text) {
			return l.Text
		}
	}
	t.Fatalf("no inspector label matching %s", re)
	return ""
}

// count reads the number before (or after) a word in text.
func count(t *testing.T, text string, re *regexp.Regexp) int {
	t.Helper()
	m := re.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("%q has no %s", text, re)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// The inspector's counts and the status bar's agree after ten undos, and
// the status bar's zoom follows a Ctrl+wheel zoom.
func TestCountersStayTrue(t *testing.T) {
	s, _, _ := openShell(t)
	m := s.Editor().Model()
	var links []string
	for id := range m.Links {
		links = append(links, id)
	}
	if len(links) < 10 {
		t.Fatalf("the sample has %d links", len(links))
	}
	s.board.ClearSelection()
	s.inspector.show(nil)
	for _, id := range links[:10] {
		if err := s.Editor().Delete([]string{id}); err != nil {
			t.Fatal(err)
		}
	}
	inLinks := regexp.MustCompile(`Links: (\d+)`)
	barLinks := regexp.MustCompile(`(\d+) links`)
	for i := 0; i <= 10; i++ {
		want := len(m.Links)
		if got := count(t, inspectorText(t, s, inLinks), inLinks); got != want {
			t.Fatalf("after %d undos the inspector says %d links, the board has %d", i, got, want)
		}
		if got := count(t, s.status.Text, barLinks); got != want {
			t.Fatalf("after %d undos the status bar says %d links, the board has %d", i, got, want)
		}
		if i < 10 {
			s.undo()
		}
	}
	if len(m.Links) != len(links) {
		t.Fatalf("ten undos left %d links of %d", len(m.Links), len(links))
	}

	zoomText := func() string {
		f := strings.Split(s.status.Text, "  ·  ")
		for _, p := range f {
			if strings.HasSuffix(p, "%") {
				return p
			}
		}
		t.Fatalf("no zoom in the status bar %q", s.status.Text)
		return ""
	}
	before := zoomText()
	b := s.board
	b.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	b.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(200, 200)}, Scrolled: fyne.NewDelta(0, 120)})
	b.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	want := fmt.Sprintf("%.0f%%", b.Zoom()*100)
	if got := zoomText(); got == before || got != want {
		t.Fatalf("after Ctrl+wheel the status bar says %s (was %s), the board is at %s", got, before, want)
	}
}

// Ten cards added from the menu in a row land on free board: no two at
// one spot, none on another card; the first at the view's centre (or
// below it), the next beside the one before.
func TestNewCardsGoToFreeSpace(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start func(s *Shell)
	}{
		{"nothing selected", func(s *Shell) { s.board.ClearSelection() }},
		{"a card selected", func(s *Shell) {
			s.board.Select(cardByTitle(t, s.Editor().Model(), "Salesforce").ID)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _, _ := openShell(t)
			m := s.Editor().Model()
			tc.start(s)
			before := len(m.Cards)
			var made []*data.Card
			for i := 0; i < 10; i++ {
				kind := data.Kinds[i%len(data.Kinds)]
				s.createInView(kind)
				sel := s.board.Selected()
				if len(sel) != 1 || m.Cards[sel[0]] == nil || m.Cards[sel[0]].Kind != kind {
					t.Fatalf("card %d: the selection is %v", i, sel)
				}
				made = append(made, m.Cards[sel[0]])
				if !s.inView(made[i]) {
					t.Errorf("card %d is out of view", i)
				}
			}
			if len(m.Cards) != before+10 {
				t.Fatalf("%d cards made, want 10", len(m.Cards)-before)
			}
			for i, c := range made {
				for _, o := range m.Cards {
					if o.ID != c.ID && c.X < o.X+o.Width && o.X < c.X+c.Width && c.Y < o.Y+o.Height && o.Y < c.Y+c.Height {
						t.Errorf("new card %d at (%.0f, %.0f) lies on %q at (%.0f, %.0f)", i, c.X, c.Y, o.Title, o.X, o.Y)
					}
				}
			}
		})
	}
}

// dateField is the inspector's date field.
func dateField(t *testing.T, s *Shell) *dateEntry {
	t.Helper()
	for _, o := range s.inspector.box.Objects {
		if e, ok := o.(*dateEntry); ok {
			return e
		}
	}
	t.Fatal("the inspector has no date field")
	return nil
}

// Every date field reads what it is given with data.ParseDate, keeps the
// stored form once accepted, and refuses what it cannot read with a line
// under the field, leaving the card's date as it was.
func TestDateFieldsParse(t *testing.T) {
	s, w, path := openShell(t)
	m := s.Editor().Model()
	for _, kind := range []data.Kind{data.KindEvent, data.KindClaim, data.KindSource} {
		var card *data.Card
		for _, c := range m.Cards {
			if c.Kind == kind {
				card = c
				break
			}
		}
		if card == nil {
			t.Fatalf("the sample has no %s", kind)
		}
		s.board.Select(card.ID)
		s.inspector.show([]string{card.ID})
		field := dateField(t, s)
		for _, tc := range []struct {
			typed, stored, shown, note string
			refused                    bool
		}{
			{"6 April 2018", "2018-04-06", "2018-04-06", "6 April 2018", false},
			{"April 6, 2018", "2018-04-06", "2018-04-06", "6 April 2018", false},
			{"  2019-03  ", "2019-03", "2019-03", "March 2019", false},
			{"next Tuesday", "2019-03", "next Tuesday", "is not a date", true},
			{"2018-13-01", "2019-03", "2018-13-01", "no month 13", true},
			{"31 February 2020", "2019-03", "31 February 2020", "February has no day 31", true},
			{"2017", "2017", "2017", "2017", false},
			{"", "", "", "", false},
		} {
			w.Canvas().Focus(field)
			field.SetText(tc.typed)
			field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			got := m.Cards[card.ID].Date
			if got != tc.stored {
				t.Errorf("%s: typed %q, stored %q, want %q", kind, tc.typed, got, tc.stored)
			}
			if field.Text != tc.shown {
				t.Errorf("%s: typed %q, the field shows %q, want %q", kind, tc.typed, field.Text, tc.shown)
			}
			if tc.note == "" {
				if field.note.Visible() {
					t.Errorf("%s: typed %q, a note shows: %q", kind, tc.typed, field.note.Text)
				}
			} else if !field.note.Visible() || !strings.Contains(field.note.Text, tc.note) {
				t.Errorf("%s: typed %q, the note is %q (shown %v), want %q", kind, tc.typed, field.note.Text, field.note.Visible(), tc.note)
			}
			if refused := field.note.Importance == widget.DangerImportance; refused != tc.refused {
				t.Errorf("%s: typed %q, refused %v, want %v", kind, tc.typed, refused, tc.refused)
			}
		}
		// Leaving the field keeps what was typed, as Enter does.
		w.Canvas().Focus(field)
		field.SetText("1 May 2016")
		w.Canvas().Focus(s.board)
		if got := m.Cards[card.ID].Date; got != "2016-05-01" || field.Text != "2016-05-01" {
			t.Errorf("%s: leaving the field stored %q and shows %q", kind, got, field.Text)
		}
		if got := reload(t, path).Cards[card.ID].Date; got != "2016-05-01" {
			t.Errorf("%s: the file has the date %q", kind, got)
		}
	}
}
