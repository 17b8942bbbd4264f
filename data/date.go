package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Date is a date as an investigator knows it: a year, a month of a year,
// or a day. The zero Date is "no date". Cards store it as ISO 8601
// ("2018", "2018-04", "2018-04-06"); ParseDate also reads the common
// written forms.
type Date struct {
	Year  int // 1..9999; 0 for no date
	Month int // 1..12, or 0 when only the year is known
	Day   int // 1..31, or 0 when only the month is known
}

// monthNames are the months as the brief and the inspector write them.
var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// ParseDate reads "2018", "2018-04", "2018-04-06", "6 April 2018",
// "April 6, 2018", "6 Apr 2018", "April 2018", "Apr. 2018" and
// "2018/04/06" (case and extra spaces aside). Empty text is the zero Date.
// Anything else, including forms whose order is ambiguous such as
// "06/04/2018", is an error that says what was expected.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	d, ok := parseISO(s)
	if !ok {
		d, ok = parseWritten(s)
	}
	if !ok {
		return Date{}, fmt.Errorf("%q is not a date: write 2018-04-06, 6 April 2018, April 2018 or 2018", clean(s, 40))
	}
	if err := d.check(); err != nil {
		return Date{}, fmt.Errorf("%q: %v", clean(s, 40), err)
	}
	return d, nil
}

// MustDate is ParseDate for dates known good, such as the sample's.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func parseISO(s string) (Date, bool) {
	sep := "-"
	if strings.Contains(s, "/") && !strings.Contains(s, "-") {
		sep = "/"
	}
	parts := strings.Split(s, sep)
	if len(parts) > 3 {
		return Date{}, false
	}
	var n [3]int
	for i, p := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		if len(p) != want && !(i > 0 && len(p) == 1 && sep == "/") {
			return Date{}, false
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return Date{}, false
		}
		n[i] = v
	}
	if n[0] == 0 || (sep == "/" && len(parts) != 3) {
		return Date{}, false
	}
	return Date{Year: n[0], Month: n[1], Day: n[2]}, true
}

// parseWritten reads "6 April 2018", "April 6, 2018", "April 2018" and
// their abbreviations: words for the month, digits for day and year.
func parseWritten(s string) (Date, bool) {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.'
	})
	var d Date
	var nums []string
	for _, f := range fields {
		if m := monthOf(f); m > 0 {
			if d.Month != 0 {
				return Date{}, false
			}
			d.Month = m
			continue
		}
		f = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(
			strings.ToLower(f), "st"), "nd"), "rd"), "th")
		if _, err := strconv.Atoi(f); err != nil {
			return Date{}, false
		}
		nums = append(nums, f)
	}
	if d.Month == 0 {
		return Date{}, false
	}
	switch len(nums) {
	case 1: // "April 2018"
		if len(nums[0]) != 4 {
			return Date{}, false
		}
		d.Year, _ = strconv.Atoi(nums[0])
	case 2: // "6 April 2018" or "April 6, 2018": the year is the four-digit one
		if len(nums[1]) != 4 || len(nums[0]) > 2 {
			return Date{}, false
		}
		d.Day, _ = strconv.Atoi(nums[0])
		d.Year, _ = strconv.Atoi(nums[1])
		if d.Day == 0 {
			return Date{}, false
		}
	default:
		return Date{}, false
	}
	return d, d.Year > 0
}

func monthOf(word string) int {
	w := strings.ToLower(word)
	if len(w) < 3 {
		return 0
	}
	for i, name := range monthNames {
		n := strings.ToLower(name)
		if w == n || (len(w) >= 3 && strings.HasPrefix(n, w) && (len(w) == 3 || w == "sept")) {
			return i + 1
		}
	}
	if w == "sept" {
		return 9
	}
	return 0
}

func (d Date) check() error {
	switch {
	case d.Year < 1 || d.Year > 9999:
		return fmt.Errorf("the year must be 1 to 9999")
	case d.Month < 0 || d.Month > 12:
		return fmt.Errorf("there is no month %d", d.Month)
	case d.Day != 0 && d.Month == 0:
		return fmt.Errorf("a day needs a month")
	case d.Day < 0 || d.Day > daysIn(d.Year, d.Month):
		return fmt.Errorf("%s has no day %d", monthNames[d.Month-1], d.Day)
	}
	return nil
}

func daysIn(year, month int) int {
	if month == 0 {
		return 0
	}
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is no date.
func (d Date) IsZero() bool { return d.Year == 0 }

// String is d as cards store it: "2018-04-06", "2018-04", "2018", or "".
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Human is d as a person reads it: "6 April 2018", "April 2018", "2018".
// The year has four digits, as ParseDate reads it back ("April 0100").
func (d Date) Human() string {
	y := fmt.Sprintf("%04d", d.Year)
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return y
	case d.Day == 0:
		return monthNames[d.Month-1] + " " + y
	}
	return strconv.Itoa(d.Day) + " " + monthNames[d.Month-1] + " " + y
}

// Start is the first instant d covers, in UTC.
func (d Date) Start() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// End is the instant just after the span d covers: the next day, month or
// year. A partial date is a span, as a timeline draws it.
func (d Date) End() time.Time {
	s := d.Start()
	switch {
	case d.Month == 0:
		return s.AddDate(1, 0, 0)
	case d.Day == 0:
		return s.AddDate(0, 1, 0)
	}
	return s.AddDate(0, 0, 1)
}

// Compare orders dates by their start, a wider span before a narrower one
// that starts with it ("2018" before "2018-01" before "2018-01-01"); the
// zero Date sorts last.
func (d Date) Compare(o Date) int {
	switch {
	case d.IsZero() && o.IsZero():
		return 0
	case d.IsZero():
		return 1
	case o.IsZero():
		return -1
	}
	if c := d.Start().Compare(o.Start()); c != 0 {
		return c
	}
	return o.End().Compare(d.End())
}

// DateOf is a card's date, parsed; ok is false when the card has no date
// or one that cannot be read (a file from before dates were checked).
func (c *Card) DateOf() (d Date, ok bool) {
	d, err := ParseDate(c.Date)
	return d, err == nil && !d.IsZero()
}
