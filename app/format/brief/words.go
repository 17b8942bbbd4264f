package brief

// This file holds small helpers for words and numbers in running text.

import (
	"fmt"
	"strconv"
	"strings"

	"evidenceboard/data"
)

// plural is "1 note", "2 notes", "1,000 notes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// fitLine shortens text to one line of width w in style st.
func (d *doc) fitLine(text string, st style, w float64) string {
	d.use(st)
	return d.fit(text, w)
}

// exportDate is the date on the cover: the board's last change.
func exportDate(b data.Board) string {
	if b.Updated.IsZero() && b.Created.IsZero() {
		return "undated"
	}
	t := boardTime(b)
	day := data.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	return fmt.Sprintf("%s, %s UTC (the board as last saved)", day.Human(), t.Format("15:04"))
}
