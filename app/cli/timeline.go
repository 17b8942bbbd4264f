package cli

import (
	"strings"

	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "timeline",
		Args: "FILE.evboard",
		Summary: "Print a board's timeline without changing the file: one tab-separated line\n" +
			"per card, date, kind, title, parties (joined by \", \"). The dated cards come\n" +
			"first in date order (a year before the months and days in it), then the\n" +
			"events with no date and the cards whose date cannot be read, with an empty date.",
		NArgs: 1,
		Run: func(env *Env, args []string) int {
			s, err := data.OpenReadOnly(args[0])
			if err != nil {
				return env.Fail(err)
			}
			defer s.Close()
			m, err := s.Load()
			if err != nil {
				return env.Fail(err)
			}
			tl := data.TimelineOf(m)
			for _, e := range append(tl.Dated, tl.Undated...) {
				names := make([]string, len(e.Parties))
				for i, p := range e.Parties {
					names[i] = tsvField(p.Title)
				}
				printf(env.Out, "%s\t%s\t%s\t%s\n", e.Date.String(), string(e.Card.Kind),
					tsvField(e.Card.Title), strings.Join(names, ", "))
			}
			return 0
		},
	})
}

// tsvSpaces turns the characters that would end a field or a line into
// spaces; printf marks the other control characters.
var tsvSpaces = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// tsvField is s as one field of a tab-separated line.
func tsvField(s string) string { return tsvSpaces.Replace(s) }
