package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"unicode/utf8"

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

// quoteSelector is what a quote card made from a document keeps in its
// Selector field: the W3C Web Annotation selectors as a JSON array, so a
// reader can find the passage again.
func quoteSelector(m source.Match) (string, error) {
	sel, err := json.Marshal([]any{m.Quote, m.Position})
	return string(sel), err
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
	c, err := openCase(board)
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
			near = fmt.Sprintf("closest passage (%s): %q", match.Locator(), clip(match.Quote.Exact, 160))
		}
		return env.Fail(fmt.Errorf("%s: not found in source %q; %s", board, src.Title, near))
	}
	sel, err := quoteSelector(match)
	if err != nil {
		return env.Fail(err)
	}
	w, h := data.DefaultSize(data.KindQuote)
	// Beside the source, below the quotes already taken from it.
	n := 0
	for _, q := range m.Cards {
		if q.Kind == data.KindQuote && q.SourceID == src.ID {
			n++
		}
	}
	x := min(src.X+src.Width+40, data.MaxCoord-data.MaxCardSize)
	y := min(src.Y+float64(n)*(h+20), data.MaxCoord-data.MaxCardSize)
	q := data.Card{ID: data.NewID(), Kind: data.KindQuote, Title: clip(text, 60), QuoteText: text,
		SourceID: src.ID, SpeakerID: speaker, Locator: match.Locator(), Selector: sel, X: x, Y: y, Width: w, Height: h}
	ch := data.Change{Label: "Add quote", PutCards: []data.Card{q},
		PutLinks: []data.Link{{ID: data.NewID(), From: q.ID, To: src.ID, Relation: "cites", Directed: true}}}
	if speaker != "" {
		ch.PutLinks = append(ch.PutLinks, data.Link{ID: data.NewID(), From: q.ID, To: speaker, Relation: "said by", Directed: true})
	}
	if _, _, err := c.Apply(ch); err != nil {
		return env.Fail(err)
	}
	printf(env.Out, "verified in %q at %s\n", src.Title, match.Locator())
	printf(env.Out, "%s\n", q.ID)
	return 0
}

// clip shortens s to n characters on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
