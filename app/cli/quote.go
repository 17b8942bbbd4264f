package cli

import (
	"flag"
	"fmt"
	"strings"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "quote",
		Args: "add FILE.evboard --source CARD --text \"WORDS\" [--speaker CARD]",
		Summary: "Make a quote card from words found in a source's document: its locator\n" +
			"(page and paragraph, and W3C selectors) found there, placed beside the\n" +
			"source and linked to it. Words not in the document are refused.",
		NArgs: -1,
		Flags: func(fs *flag.FlagSet) {
			fs.String("source", "", "the source card whose document holds the words (required)")
			fs.String("text", "", "the words, verbatim (required)")
			fs.String("speaker", "", "the party card who said them")
		},
		Run: runQuote,
	})
}

func runQuote(env *Env, args []string) int {
	if len(args) != 2 || args[0] != "add" {
		env.Flags.Usage()
		return 2
	}
	board := args[1]
	srcID := env.Flags.Lookup("source").Value.String()
	text := env.Flags.Lookup("text").Value.String()
	speaker := env.Flags.Lookup("speaker").Value.String()
	if srcID == "" || strings.TrimSpace(text) == "" {
		env.Flags.Usage()
		return 2
	}
	c, err := openCase(env, board)
	if err != nil {
		return env.Fail(err)
	}
	defer c.Close()
	m := c.Model()
	src, err := sourceCard(board, m, srcID)
	if err != nil {
		return env.Fail(err)
	}
	if speaker != "" {
		if p := m.Cards[speaker]; p == nil || p.Kind != data.KindParty {
			return env.Fail(fmt.Errorf("%s: --speaker %s is not a party card", board, speaker))
		}
	}
	chk := verify.NewChecker(c.Store(), m)
	doc, err := chk.Document(src.Document)
	if err != nil {
		return env.Fail(fmt.Errorf("%s: %v", board, err))
	}
	match, ok := source.Find(doc, text)
	if !ok {
		near := "nothing in it comes near"
		if match.Quote.Exact != "" {
			near = fmt.Sprintf("closest passage (%s): %q", match.Locator(), data.OneLine(match.Quote.Exact, 0))
		}
		return env.Fail(fmt.Errorf("%s: not found in source %q; %s", board, src.Title, near))
	}
	ch, id := verify.QuoteChange(m, src, text, speaker, match)
	if _, _, err := c.Apply(ch); err != nil {
		return env.Fail(err)
	}
	printf(env.Out, "verified in %q at %s\n", src.Title, match.Locator())
	printf(env.Out, "%s\n", id)
	return 0
}
