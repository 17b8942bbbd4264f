package data

import "testing"

// FuzzParseDate: what a date field is given (typed or pasted) never
// panics ParseDate, and a date it accepts is valid and reads back the same
// from both its stored and its written form, so that what the inspector
// shows once accepted means what was stored.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2018", "2018-04", "2018-04-06", "6 April 2018", "April 6, 2018", "6 Apr 2018",
		"April 2018", "Apr. 2018", "2018/04/06", "2018/4/6", "06/04/2018", "31 February 2020", "Sept 2019",
		"0000", "9999-12-31", "1st May 2016", "May 1st, 2016", " 2019-03 ", "next Tuesday", "2018-13-01", "\u202e2018"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: an empty error", s)
			}
			return
		}
		if d.IsZero() {
			return
		}
		if err := d.check(); err != nil {
			t.Fatalf("%q: accepted %+v, which is not a date: %v", s, d, err)
		}
		for _, form := range []string{d.String(), d.Human()} {
			back, err := ParseDate(form)
			if err != nil || back != d {
				t.Fatalf("%q: accepted as %+v, but %q reads back as %+v, %v", s, d, form, back, err)
			}
		}
	})
}
