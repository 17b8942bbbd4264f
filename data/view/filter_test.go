package view

import (
	"reflect"
	"testing"

	"evidenceboard/data"
)

// caseModel is a small case with one card for each thing a criterion
// looks at.
func caseModel() *data.Model {
	m := data.NewModel(data.Board{})
	m.Apply(data.Change{PutCards: []data.Card{
		{ID: "party", Kind: data.KindParty, Title: "Acme"},
		{ID: "other", Kind: data.KindParty, Title: "Bob"},
		{ID: "claimA", Kind: data.KindClaim, Title: "alleged", Status: data.StatusAlleged, Reliability: "B", Credibility: 2, Date: "2018-04-06", Tags: []string{"finance"}},
		{ID: "claimR", Kind: data.KindClaim, Title: "refuted", Status: data.StatusRefuted, Date: "2018", Tags: []string{"finance", "fraud"}},
		{ID: "source", Kind: data.KindSource, Title: "paper", Reliability: "E", Credibility: 5, Date: "2019-01"},
		{ID: "quote", Kind: data.KindQuote, Title: "said", SpeakerID: "party", Tags: []string{"fraud"}},
		{ID: "event", Kind: data.KindEvent, Title: "meeting", Date: "2018-05-02"},
		{ID: "note", Kind: data.KindNote, Title: "note", Date: "not a date"},
	}, PutLinks: []data.Link{
		{ID: "l1", From: "claimA", To: "party", Relation: "alleges"},
		{ID: "l2", From: "party", To: "event", Relation: "involves"},
		{ID: "l3", From: "other", To: "source", Relation: "cites"},
	}})
	return m
}

func TestFilterShown(t *testing.T) {
	m := caseModel()
	all := []string{"claimA", "claimR", "event", "note", "other", "party", "quote", "source"}
	date := data.MustDate
	for _, tc := range []struct {
		name string
		f    Filter
		want []string
	}{
		{"zero shows all", Filter{}, all},
		{"kinds", Filter{Kinds: []data.Kind{data.KindClaim, data.KindEvent}}, []string{"claimA", "claimR", "event"}},
		{"status judges claims only", Filter{Statuses: []data.Status{data.StatusRefuted}},
			[]string{"claimR", "event", "note", "other", "party", "quote", "source"}},
		{"status and kind: only refuted claims", Filter{Kinds: []data.Kind{data.KindClaim}, Statuses: []data.Status{data.StatusRefuted}}, []string{"claimR"}},
		{"reliability, ungraded included", Filter{Reliabilities: []string{"B", ""}},
			[]string{"claimA", "claimR", "event", "note", "other", "party", "quote"}},
		{"credibility", Filter{Credibilities: []int{5}}, []string{"event", "note", "other", "party", "quote", "source"}},
		{"hidden tag keeps a card on a shown strand", Filter{HiddenTags: []string{"finance"}},
			[]string{"claimR", "event", "note", "other", "party", "quote", "source"}},
		{"every tag of a card hidden", Filter{HiddenTags: []string{"finance", "fraud"}},
			[]string{"event", "note", "other", "party", "source"}},
		{"only the strands", Filter{HideUntagged: true, HiddenTags: []string{"fraud"}}, []string{"claimA", "claimR"}},
		{"tags compare as stored", Filter{HiddenTags: []string{"Finance"}}, all},
		{"from April 2018: a year overlaps", Filter{From: date("April 2018")},
			[]string{"claimA", "claimR", "event", "note", "other", "party", "quote", "source"}},
		{"from May 2018", Filter{From: date("2018-05")},
			[]string{"claimR", "event", "note", "other", "party", "quote", "source"}},
		{"to April 2018 takes in all April", Filter{To: date("April 2018"), HideUndated: true}, []string{"claimA", "claimR"}},
		{"a day range", Filter{From: date("2018-04-06"), To: date("6 April 2018"), HideUndated: true}, []string{"claimA", "claimR"}},
		{"range after everything", Filter{From: date("2020")}, []string{"note", "other", "party", "quote"}},
		{"undated hidden: an unreadable date is none", Filter{From: date("2019"), HideUndated: true}, []string{"source"}},
		{"HideUndated alone does nothing", Filter{HideUndated: true}, all},
		{"linked to a party", Filter{Party: "party"}, []string{"claimA", "event", "party", "quote"}},
		{"party and kind", Filter{Party: "party", Kinds: []data.Kind{data.KindEvent}}, []string{"event"}},
		{"another party", Filter{Party: "other"}, []string{"other", "source"}},
	} {
		got, total := tc.f.Shown(m)
		if total != len(all) {
			t.Fatalf("%s: total %d", tc.name, total)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: shown %v, want %v", tc.name, got, tc.want)
		}
		if zero := tc.name == "zero shows all" || tc.name == "HideUndated alone does nothing"; tc.f.IsZero() != zero {
			t.Errorf("%s: IsZero %v", tc.name, tc.f.IsZero())
		}
	}
}

func TestFilterGroupsPassTheKindCriterion(t *testing.T) {
	f := Filter{Kinds: []data.Kind{data.KindClaim}}
	if !f.Match(&data.Card{Kind: data.KindGroup}, nil) || f.Match(&data.Card{Kind: data.KindNote}, nil) {
		t.Fatal("the kind criterion judged a group's frame, or let a note through")
	}
}

func TestFilterWith(t *testing.T) {
	var f Filter
	g := f.WithTagHidden("x", true).WithTagHidden("y", true)
	h := g.WithTagHidden("x", false)
	if !reflect.DeepEqual(g.HiddenTags, []string{"x", "y"}) || !reflect.DeepEqual(h.HiddenTags, []string{"y"}) || f.HiddenTags != nil {
		t.Fatalf("tags: f %v g %v h %v", f.HiddenTags, g.HiddenTags, h.HiddenTags)
	}
	if !h.TagHidden("y") || h.TagHidden("x") {
		t.Fatal("TagHidden")
	}
	k := f.WithKind(data.KindNote, false, data.Kinds)
	if len(k.Kinds) != len(data.Kinds)-1 || slicesHas(k.Kinds, data.KindNote) {
		t.Fatalf("kinds after hiding notes: %v", k.Kinds)
	}
	if back := k.WithKind(data.KindNote, true, data.Kinds); back.Kinds != nil || !back.IsZero() {
		t.Fatalf("showing every kind again should clear the criterion: %v", back.Kinds)
	}
	if !g.Equal(&Filter{HiddenTags: []string{"x", "y"}}) || g.Equal(&h) {
		t.Fatal("Equal")
	}
}

func slicesHas(ks []data.Kind, k data.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// FuzzFilterDates: whatever is typed as the bounds of a date range and
// whatever a card holds as its date, the filter panel's reading
// (data.ParseDate) either refuses it or gives a date that reads back the
// same, and Match never panics and agrees with the spans.
func FuzzFilterDates(f *testing.F) {
	for _, s := range [][3]string{{"2018", "April 2019", "2018-04-06"}, {"6 April 2018", "", "2018-13"},
		{"Apr. 2018", "2018/04/06", "0000"}, {"", "", ""}, {"31 February 2019", "9999", "June 6, 2019"}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, from, to, cardDate string) {
		var fl Filter
		for _, b := range []struct {
			text string
			d    *data.Date
		}{{from, &fl.From}, {to, &fl.To}} {
			d, err := data.ParseDate(b.text)
			if err != nil {
				if err.Error() == "" {
					t.Fatal("an error that says nothing")
				}
				continue
			}
			if back, err := data.ParseDate(d.String()); err != nil || back != d {
				t.Fatalf("%q read as %v, which reads back as %v (%v)", b.text, d, back, err)
			}
			*b.d = d
		}
		c := &data.Card{ID: "c", Kind: data.KindEvent, Date: cardDate}
		got := fl.Match(c, nil)
		d, ok := c.DateOf()
		want := true
		if ok {
			want = (fl.From.IsZero() || d.End().After(fl.From.Start())) && (fl.To.IsZero() || d.Start().Before(fl.To.End()))
		}
		if got != want {
			t.Fatalf("from %v to %v, card dated %q: Match %v, want %v", fl.From, fl.To, cardDate, got, want)
		}
	})
}
