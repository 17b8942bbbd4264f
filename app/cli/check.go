package cli

import "evidenceboard/data"

func init() {
	Register(&Command{
		Name: "check",
		Args: "FILE.evboard",
		Summary: "Check a board file without changing it: SQLite's integrity check and our own\n" +
			"checks; print its title, schema version and counts by kind.",
		NArgs: 1,
		Run: func(env *Env, args []string) int {
			rep, err := data.Inspect(args[0], true)
			if err != nil {
				return env.Fail(err)
			}
			printf(env.Out, "%s: ok\n", args[0])
			printf(env.Out, "title:   %s\n", rep.Title)
			printf(env.Out, "schema:  %d\n", rep.Version)
			for _, k := range data.Kinds {
				printf(env.Out, "%-8s %d\n", k.Plural()+":", rep.Counts.ByKind[k])
			}
			printf(env.Out, "%-8s %d\n", "Links:", rep.Counts.Links)
			for _, w := range rep.Warnings {
				printf(env.Out, "warning: %s\n", w)
			}
			verified, notFound := 0, 0
			if rep.Counts.Documents > 0 {
				// Only a board with documents has quotes to check; it is
				// read again, read-only, for their text.
				s, _, chk, err := openChecker(args[0])
				if err != nil {
					return env.Fail(err)
				}
				verified, notFound = chk.Count()
				s.Close()
			}
			printf(env.Out, "quotes: %d verified, %d not found in their source\n", verified, notFound)
			return 0
		},
	})
}
