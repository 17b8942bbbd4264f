package cli

import (
	"flag"
	"os"
	"time"

	"evidenceboard/data"
)

func init() {
	var cards *int
	var seed *int64
	Register(&Command{
		Name:    "generate",
		Args:    "--cards N [--seed S] OUT.evboard",
		Summary: "Write a synthetic board of N cards and about 2N links (deterministic from the seed).",
		NArgs:   1,
		Flags: func(fs *flag.FlagSet) {
			cards = fs.Int("cards", 1000, "how many cards")
			seed = fs.Int64("seed", 1, "the seed; the same seed gives the same board")
		},
		Run: func(env *Env, args []string) int {
			if *cards < 0 || *cards > data.MaxCards {
				printf(env.Err, "evidenceboard: --cards must be between 0 and %d, the most a board holds\n", data.MaxCards)
				return 2
			}
			start := time.Now()
			cs, err := data.CreateGenerated(args[0], *cards, *seed)
			if err != nil {
				return env.Fail(err)
			}
			m := cs.Model()
			if err := cs.Close(); err != nil {
				// Written whole, but not closed cleanly: it was made here.
				os.Remove(args[0] + "-journal")
				os.Remove(args[0])
				return env.Fail(err)
			}
			printf(env.Out, "wrote %d cards and %d links to %s in %s\n",
				len(m.Cards), len(m.Links), args[0], time.Since(start).Round(time.Millisecond))
			return 0
		},
	})
}
