package data

import (
	"sort"
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, iso, human string
		bad            bool
	}{
		{in: "", iso: "", human: ""},
		{in: "2018", iso: "2018", human: "2018"},
		{in: "2018-04", iso: "2018-04", human: "April 2018"},
		{in: "2018-04-06", iso: "2018-04-06", human: "6 April 2018"},
		{in: " 2018-04-06 ", iso: "2018-04-06", human: "6 April 2018"},
		{in: "2018/04/06", iso: "2018-04-06", human: "6 April 2018"},
		{in: "6 April 2018", iso: "2018-04-06", human: "6 April 2018"},
		{in: "6 april 2018", iso: "2018-04-06", human: "6 April 2018"},
		{in: "April 6, 2018", iso: "2018-04-06", human: "6 April 2018"},
		{in: "Apr 6 2018", iso: "2018-04-06", human: "6 April 2018"},
		{in: "6th Apr. 2018", iso: "2018-04-06", human: "6 April 2018"},
		{in: "April 2018", iso: "2018-04", human: "April 2018"},
		{in: "Sept 2019", iso: "2019-09", human: "September 2019"},
		{in: "29 February 2020", iso: "2020-02-29", human: "29 February 2020"},
		{in: "29 February 2019", bad: true},
		{in: "2018-13", bad: true},
		{in: "2018-04-31", bad: true},
		{in: "06/04/2018", bad: true}, // day or month first? refused, not guessed
		{in: "18-04-06", bad: true},
		{in: "yesterday", bad: true},
		{in: "April", bad: true},
		{in: "April 6", bad: true},
		{in: "6 April 18", bad: true},
		{in: "0000", bad: true},
		{in: "2018-04-06T10:00", bad: true},
		{in: "Mayday 2018", bad: true},
		{in: "6 April May 2018", bad: true},
	} {
		d, err := ParseDate(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tc.in, d)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if d.String() != tc.iso || d.Human() != tc.human {
			t.Errorf("ParseDate(%q) = %q / %q, want %q / %q", tc.in, d.String(), d.Human(), tc.iso, tc.human)
		}
		if again, err := ParseDate(d.String()); err != nil || again != d {
			t.Errorf("%q does not read back: %v %v", d.String(), again, err)
		}
	}
}

func TestDateSpansAndOrder(t *testing.T) {
	y, m, d := MustDate("2018"), MustDate("2018-04"), MustDate("2018-04-06")
	if got := y.End().Sub(y.Start()).Hours() / 24; got != 365 {
		t.Errorf("2018 spans %v days", got)
	}
	if got := m.End().Sub(m.Start()).Hours() / 24; got != 30 {
		t.Errorf("April 2018 spans %v days", got)
	}
	dates := []Date{{}, MustDate("2019"), d, MustDate("2017-12-31"), m, y}
	sort.Slice(dates, func(i, j int) bool { return dates[i].Compare(dates[j]) < 0 })
	var got []string
	for _, x := range dates {
		got = append(got, x.String())
	}
	want := []string{"2017-12-31", "2018", "2018-04", "2018-04-06", "2019", ""}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %q, want %q", got, want)
		}
	}
}
