package cli

import (
	"fmt"
	"time"

	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "merge",
		Args: "MINE.evboard THEIRS.evboard",
		Summary: "Bring a colleague's copy of a board into yours, in one undoable change:\n" +
			"cards and links matched by ID; prints what was added, updated, deleted,\n" +
			"and the conflicts (changed on both sides; the most recent kept).",
		NArgs: 2,
		Run: func(env *Env, args []string) int {
			s, err := data.Open(args[0])
			if err != nil {
				return env.Fail(err)
			}
			defer s.Close()
			if s.ReadOnly() {
				if why := s.WhyReadOnly(); why != nil {
					return env.Fail(why)
				}
				return env.Fail(fmt.Errorf("%s: %v", args[0], data.ErrReadOnly))
			}
			s.Author = author()
			m, err := s.Load()
			if err != nil {
				return env.Fail(err)
			}
			rep, _, err := data.NewCase(s, m).Merge(args[1])
			if err != nil {
				return env.Fail(err)
			}
			if rep.Empty() && len(rep.Skipped) == 0 {
				printf(env.Out, "merged %s into %s: nothing to bring in\n", args[1], args[0])
				return 0
			}
			printf(env.Out, "merged %s into %s: %s\n", args[1], args[0], rep.Summary())
			for _, l := range rep.Lines(time.Local) {
				printf(env.Out, "  %s\n", l)
			}
			return 0
		},
	})
}
