package cli

import (
	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "copy",
		Args: "FILE.evboard OUT.evboard",
		Summary: "Write a compact, self-contained copy of a board (SQLite's VACUUM INTO),\n" +
			"checked before it is reported written; never overwrites OUT.",
		NArgs: 2,
		Run: func(env *Env, args []string) int {
			s, err := data.OpenReadOnly(args[0])
			if err != nil {
				return env.Fail(err)
			}
			defer s.Close()
			if err := s.SaveCopy(args[1]); err != nil {
				return env.Fail(err)
			}
			printf(env.Out, "copied %s to %s\n", args[0], args[1])
			return 0
		},
	})
}
