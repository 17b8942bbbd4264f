package cli

import (
	"flag"
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
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("dry-run", false, "print what the merge would do, and change nothing")
			fs.Bool("allow-deletions", false, "go ahead when the merge deletes more than 20 things or a quarter of the board")
		},
		Run: func(env *Env, args []string) int {
			flagOn := func(name string) bool { return env.Flags.Lookup(name).Value.String() == "true" }
			dry := flagOn("dry-run")
			var s *data.Store
			var err error
			if dry {
				// Opening to change may step an old schema up or undo a
				// crash's unfinished change, and a dry run promises to
				// change nothing: it reads MINE as check does, and a hot
				// journal is refused with check's words, not undone.
				// Planning reads every schema the app can read, so an old
				// board still gets its plan.
				s, err = data.OpenReadOnly(args[0])
			} else {
				s, err = openStoreToChange(env, args[0])
			}
			if err != nil {
				return env.Fail(err)
			}
			defer s.Close()
			if !dry && s.ReadOnly() {
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
			ch, rep, err := s.PlanMerge(m, args[1])
			if err != nil {
				return env.Fail(err)
			}
			verb := "merged"
			switch {
			case dry:
				verb = "would merge"
			case rep.Drastic(len(m.Cards) + len(m.Links)):
				if !flagOn("allow-deletions") {
					return env.Fail(fmt.Errorf("%s: merging it would delete %d cards and links of %s; nothing was merged (see --dry-run; --allow-deletions to go ahead)",
						args[1], rep.Deletions(), args[0]))
				}
				fallthrough
			default:
				if _, _, err := data.NewCase(s, m).Apply(ch); err != nil {
					return env.Fail(err)
				}
			}
			if rep.Empty() && len(rep.Skipped) == 0 {
				printf(env.Out, "%s %s into %s: nothing to bring in\n", verb, args[1], args[0])
				return 0
			}
			printf(env.Out, "%s %s into %s: %s\n", verb, args[1], args[0], rep.Summary())
			for _, l := range rep.Lines(time.Local) {
				printf(env.Out, "  %s\n", l)
			}
			return 0
		},
	})
}
