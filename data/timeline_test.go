package data

import (
	"cmp"
	"slices"
	"strings"
	"testing"
)

// tlModel is a board built from cards written "id kind date title" (date
// "-" for none, "_" for a space) and
// links written "from>to".
func tlModel(cards []string, links []string, speakers map[string]string) *Model {
	m := NewModel(Board{Title: "t"})
	for _, s := range cards {
		f := strings.SplitN(s, " ", 4)
		date := strings.ReplaceAll(f[2], "_", " ") // "April_2018" is "April 2018"
		if date == "-" {
			date = ""
		}
		m.Cards[f[0]] = &Card{ID: f[0], Kind: Kind(f[1]), Date: date, Title: f[3], SpeakerID: speakers[f[0]]}
	}
	for i, s := range links {
		f := strings.Split(s, ">")
		id := "l" + string(rune('a'+i))
		m.Links[id] = &Link{ID: id, From: f[0], To: f[1]}
	}
	return m
}

// tlLines writes a timeline as "date title [parties]" lines, dated first,
// then "undated title [parties]", then "party title".
func tlLines(tl *Timeline) []string {
	names := func(ps []*Card) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Title)
		}
		return strings.Join(out, ",")
	}
	var out []string
	for _, e := range tl.Dated {
		out = append(out, e.Date.String()+" "+e.Card.Title+" ["+names(e.Parties)+"]")
	}
	for _, e := range tl.Undated {
		out = append(out, "undated "+e.Card.Title+" ["+names(e.Parties)+"]")
	}
	for _, p := range tl.Parties {
		out = append(out, "party "+p.Title)
	}
	return out
}

func TestTimelineOf(t *testing.T) {
	cases := []struct {
		name     string
		cards    []string
		links    []string
		speakers map[string]string
		want     []string
	}{
		{
			name:  "empty board",
			cards: nil,
			want:  nil,
		},
		{
			name: "date order: a year before its months, a month before its days, written forms read",
			cards: []string{
				"a event 2018-04-06 Day",
				"b event 2018 Year",
				"c event April_2018 Month",
				"d event 2017-12-31 Before",
				"e event 2019 After",
			},
			want: []string{"2017-12-31 Before []", "2018 Year []", "2018-04 Month []",
				"2018-04-06 Day []", "2019 After []"},
		},
		{
			name: "ties broken by title then ID, never by map order",
			cards: []string{
				"z event 2020-01-01 Same",
				"y event 2020-01-01 Same",
				"x event 2020-01-01 Alpha",
			},
			want: []string{"2020-01-01 Alpha []", "2020-01-01 Same []", "2020-01-01 Same []"},
		},
		{
			name: "any card with a date is on it; undated events and unreadable dates listed apart; other undated cards left out",
			cards: []string{
				"a claim 2018 Claimed",
				"b source 2019-05 Report",
				"c event - Sometime",
				"d claim 06/04/2018 Garbled",
				"e note - Just a note",
				"f party - Nobody",
			},
			want: []string{"2018 Claimed []", "2019-05 Report []", "undated Garbled []", "undated Sometime []"},
		},
		{
			name: "parties by links either way and a quote's speaker, sorted, each once",
			cards: []string{
				"e event 2018 Meeting",
				"q quote 2018-02 Said",
				"p1 party - Zed",
				"p2 party - Abe",
				"n note - Not a party",
			},
			links:    []string{"e>p1", "p2>e", "p1>e", "n>e", "q>p2"},
			speakers: map[string]string{"q": "p1"},
			want:     []string{"2018 Meeting [Abe,Zed]", "2018-02 Said [Abe,Zed]", "party Abe", "party Zed"},
		},
		{
			name: "a dated party is its own theme line, not its own party; parties of undated cards are not theme lines",
			cards: []string{
				"p party 2001 Acme founded",
				"o party - Owner",
				"u event - Undated",
				"w party - Witness",
			},
			links: []string{"o>p", "u>w"},
			want:  []string{"2001 Acme founded [Owner]", "undated Undated [Witness]", "party Acme founded", "party Owner"},
		},
		{
			name:     "a speaker or link end that is not on the board is ignored",
			cards:    []string{"q quote 2018 Said"},
			links:    []string{"q>ghost"},
			speakers: map[string]string{"q": "missing"},
			want:     []string{"2018 Said []"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tlLines(TimelineOf(tlModel(tc.cards, tc.links, tc.speakers)))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// The ties are broken by ID where titles are equal.
func TestTimelineOfTieByID(t *testing.T) {
	m := tlModel([]string{"z event 2020 Same", "a event 2020 Same", "m event 2020 Same"}, nil, nil)
	for range 5 { // map order varies from run to run; the result must not
		var ids []string
		for _, e := range TimelineOf(m).Dated {
			ids = append(ids, e.Card.ID)
		}
		if !slices.Equal(ids, []string{"a", "m", "z"}) {
			t.Fatalf("order %v", ids)
		}
	}
}

// FuzzTimelineOf: whatever dates, titles and links a board holds, the
// timeline does not panic, is in date order, and lists each card at most
// once.
func FuzzTimelineOf(f *testing.F) {
	f.Add("2018", "April 2018", "6 Apr 2018", "x\ty", byte(3))
	f.Add("", "06/04/2018", "9999-12-31", "", byte(0))
	f.Fuzz(func(t *testing.T, d1, d2, d3, title string, linkBits byte) {
		m := NewModel(Board{Title: "f"})
		kinds := []Kind{KindEvent, KindParty, KindQuote, KindClaim}
		for i, d := range []string{d1, d2, d3, ""} {
			id := string(rune('a' + i))
			m.Cards[id] = &Card{ID: id, Kind: kinds[i], Date: d, Title: title, SpeakerID: "b"}
		}
		for i := range 8 {
			if linkBits&(1<<i) != 0 {
				id := string(rune('k' + i))
				m.Links[id] = &Link{ID: id, From: string(rune('a' + i%4)), To: string(rune('a' + (i/2)%4))}
			}
		}
		tl := TimelineOf(m)
		seen := map[string]bool{}
		for i, e := range tl.Dated {
			if i > 0 && tl.Dated[i-1].Date.Compare(e.Date) > 0 {
				t.Fatalf("out of order at %d", i)
			}
			if seen[e.Card.ID] || e.Date.IsZero() {
				t.Fatalf("card %s listed twice or undated", e.Card.ID)
			}
			seen[e.Card.ID] = true
		}
		for _, e := range tl.Undated {
			if seen[e.Card.ID] {
				t.Fatalf("card %s listed twice", e.Card.ID)
			}
			seen[e.Card.ID] = true
		}
	})
}

// orderKey orders dates as Date.Compare does.
func TestOrderKey(t *testing.T) {
	var dates []Date
	for _, y := range []int{1, 2017, 2018, 9999} {
		dates = append(dates, Date{Year: y})
		for _, m := range []int{1, 2, 12} {
			dates = append(dates, Date{Year: y, Month: m})
			for _, d := range []int{1, 2, 28} {
				dates = append(dates, Date{Year: y, Month: m, Day: d})
			}
		}
	}
	for _, a := range dates {
		for _, b := range dates {
			if got, want := cmp.Compare(orderKey(a), orderKey(b)), a.Compare(b); got != want {
				t.Fatalf("%s vs %s: key says %d, Compare %d", a, b, got, want)
			}
		}
	}
}

// A model read from nowhere trusted may hold nil entries: the brief draws
// any model, and its timeline is this one.
func TestTimelineOfPassesOverNil(t *testing.T) {
	m := NewModel(Board{})
	m.Cards["e"] = &Card{ID: "e", Kind: KindEvent, Title: "E", Date: "2019"}
	m.Cards["nil"] = nil
	m.Links["nil"] = nil
	m.Links["l"] = &Link{ID: "l", From: "e", To: "gone"}
	tl := TimelineOf(m)
	if len(tl.Dated) != 1 || tl.Dated[0].Card.ID != "e" {
		t.Fatalf("dated %+v", tl.Dated)
	}
}
