package cli

import (
	"evidenceboard/assets"
	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name:    "sample",
		Args:    "OUT.evboard",
		Summary: "Write the sample case (the Salesforce/Backpage lawsuit) as a new board file.",
		NArgs:   1,
		Run: func(env *Env, args []string) int {
			s, err := data.CreateSample(args[0], assets.Article)
			if err != nil {
				return env.Fail(err)
			}
			if err := s.Close(); err != nil {
				return env.Fail(err)
			}
			printf(env.Out, "wrote the sample case to %s\n", args[0])
			return 0
		},
	})
}
