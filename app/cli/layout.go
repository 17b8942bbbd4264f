package cli

import (
	"flag"

	"evidenceboard/data/layout"
)

func init() {
	Register(&Command{
		Name: "layout",
		Args: "BOARD.evboard [--by-date]",
		Summary: "Tidy a board: an automatic layout of every card (links pull, cards push\n" +
			"apart; pinned cards stay put), after which no two cards overlap. One\n" +
			"undoable change, labelled \"Tidy\".",
		NArgs: 1,
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("by-date", false, "lay dated cards out left to right by date, undated cards below them")
		},
		Run: func(env *Env, args []string) int {
			cs, err := openCase(env, args[0])
			if err != nil {
				return env.Fail(err)
			}
			defer cs.Close()
			cards, links := layout.Cards(cs.Model())
			res := layout.Tidy(cards, links, layout.Options{ByDate: env.Flags.Lookup("by-date").Value.String() == "true"})
			if len(res.Moves) > 0 {
				if _, _, err := cs.Apply(res.Change(cs.Model())); err != nil {
					return env.Fail(err)
				}
			}
			printf(env.Out, "%s\n", res.Summary())
			return 0
		},
	})
}
