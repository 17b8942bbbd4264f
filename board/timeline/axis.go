package timeline

import (
	"strconv"
	"time"
)

// unit is a step between ticks of the time axis.
type unit struct {
	years, months, days int
	// minPx is how wide the step must be drawn for its labels to be read.
	minPx float64
}

// units are the steps the axis may use, finest first: the axis takes the
// finest one wide enough, so zooming in goes from years to months to days.
var units = []unit{
	{days: 1, minPx: 24}, {days: 2, minPx: 24}, {days: 7, minPx: 24},
	{months: 1, minPx: 36}, {months: 3, minPx: 36}, {months: 6, minPx: 36},
	{years: 1, minPx: 44}, {years: 2, minPx: 44}, {years: 5, minPx: 44}, {years: 10, minPx: 44},
	{years: 20, minPx: 44}, {years: 50, minPx: 44}, {years: 100, minPx: 44}, {years: 200, minPx: 44},
	{years: 500, minPx: 44}, {years: 1000, minPx: 44}, {years: 2000, minPx: 44},
}

// approx is the step's length in seconds, near enough to choose a unit.
func (u unit) approx() float64 {
	return (float64(u.years)*365.25 + float64(u.months)*30.44 + float64(u.days)) * day
}

// unitFor is the finest unit whose step is at least its minPx wide at pps
// pixels per second.
func unitFor(pps float64) unit {
	for _, u := range units {
		if u.approx()*pps >= u.minPx {
			return u
		}
	}
	return units[len(units)-1]
}

// tick is one mark on the axis.
type tick struct {
	at    float64 // seconds
	label string
	// major marks the start of the larger period (a month among days, a
	// year among months); majorLabel names that period ("April 2018").
	major      bool
	majorLabel string
}

// maxTicks bounds the ticks made for one range, whatever it is asked.
const maxTicks = 1000

// ticks are the ticks of unit u from the first at or before from to the
// last at or before to. Day steps restart at each month (1, 8, 15, 22 for
// weeks) so that a month always starts with a tick.
func ticks(u unit, from, to float64) []tick {
	from = max(from, firstSecond)
	to = min(to, lastSecond)
	if !(from <= to) {
		return nil
	}
	t := time.Unix(int64(from), 0).UTC()
	var at time.Time
	switch {
	case u.years > 0:
		y := t.Year() - t.Year()%u.years
		at = time.Date(max(y, 1), 1, 1, 0, 0, 0, 0, time.UTC)
	case u.months > 0:
		m := int(t.Month()) - 1
		at = time.Date(t.Year(), time.Month(m-m%u.months+1), 1, 0, 0, 0, 0, time.UTC)
	default:
		d := t.Day() - 1
		at = time.Date(t.Year(), t.Month(), d-d%u.days+1, 0, 0, 0, 0, time.UTC)
	}
	var out []tick
	for float64(at.Unix()) <= to && len(out) < maxTicks && at.Year() < 10000 {
		tk := tick{at: float64(at.Unix())}
		switch {
		case u.years > 0:
			tk.label = strconv.Itoa(at.Year())
		case u.months > 0:
			tk.label = at.Month().String()[:3]
			if at.Month() == time.January {
				tk.major, tk.majorLabel = true, strconv.Itoa(at.Year())
			}
		default:
			tk.label = strconv.Itoa(at.Day())
			if at.Day() == 1 {
				tk.major, tk.majorLabel = true, at.Month().String()+" "+strconv.Itoa(at.Year())
			}
		}
		out = append(out, tk)
		at = next(u, at)
	}
	return out
}

// next is the tick after at.
func next(u unit, at time.Time) time.Time {
	switch {
	case u.years > 0:
		return at.AddDate(u.years, 0, 0)
	case u.months > 0:
		return at.AddDate(0, u.months, 0)
	}
	n := at.AddDate(0, 0, u.days)
	// A step that would cross into the next month stops at its first day,
	// and a last step too short to label is skipped.
	if first := time.Date(at.Year(), at.Month()+1, 1, 0, 0, 0, 0, time.UTC); !n.Before(first) ||
		first.Sub(n) < time.Duration(u.days)*24*time.Hour/2 {
		return first
	}
	return n
}

// majorOf names the larger period that holds time s, for the label kept at
// the axis's left edge: the month among days, the year among months; ""
// among years.
func majorOf(u unit, s float64) string {
	t := time.Unix(int64(s), 0).UTC()
	switch {
	case u.years > 0:
		return ""
	case u.months > 0:
		return strconv.Itoa(t.Year())
	}
	return t.Month().String() + " " + strconv.Itoa(t.Year())
}
