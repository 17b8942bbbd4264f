package cli

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "source",
		Args: "add FILE.evboard DOCUMENT [--title T] [--url U] [--date D]\n" +
			"       evidenceboard source list FILE.evboard\n" +
			"       evidenceboard source text FILE.evboard CARD",
		Summary: "Source documents inside the board: add one (text, Markdown, HTML, PDF,\n" +
			"PNG, JPEG) with its source card (the board is made if missing), list\n" +
			"them, or print one's text with paragraph and page numbers.",
		NArgs: -1,
		Flags: func(fs *flag.FlagSet) {
			fs.String("title", "", "the source card's title (default: the document's own, else its file name)")
			fs.String("url", "", "where the document came from")
			fs.String("date", "", "the document's date: YYYY-MM-DD, YYYY-MM or YYYY (default: the document's own)")
		},
		Run: runSource,
	})
}

func runSource(env *Env, args []string) int {
	want := map[string]int{"add": 3, "list": 2, "text": 3}
	if len(args) == 0 || want[args[0]] != len(args) {
		env.Flags.Usage()
		return 2
	}
	switch args[0] {
	case "add":
		return sourceAdd(env, args[1], args[2])
	case "list":
		return sourceList(env, args[1])
	}
	return sourceText(env, args[1], args[2])
}

// openCase opens a board for writing, as merge does: a board that opens
// read-only is an error saying why.
func openCase(env *Env, path string) (*data.Case, error) {
	c, err := openToChange(env, path)
	if err != nil {
		return nil, err
	}
	if c.Store().ReadOnly() {
		c.Close()
		if why := c.Store().WhyReadOnly(); why != nil {
			return nil, why
		}
		return nil, fmt.Errorf("%s: %v", path, data.ErrReadOnly)
	}
	c.Store().Author = author()
	return c, nil
}

// openChecker opens a board read-only with the checker of its quotes.
func openChecker(path string) (*data.Store, *data.Model, *verify.Checker, error) {
	s, err := data.OpenReadOnly(path)
	if err != nil {
		return nil, nil, nil, err
	}
	m, err := s.Load()
	if err != nil {
		s.Close()
		return nil, nil, nil, err
	}
	return s, m, verify.NewChecker(s, m), nil
}

func sourceAdd(env *Env, board, path string) int {
	title := env.Flags.Lookup("title").Value.String()
	url := env.Flags.Lookup("url").Value.String()
	date := env.Flags.Lookup("date").Value.String()
	if date != "" {
		if _, err := data.ParseDate(date); err != nil {
			return env.Fail(fmt.Errorf("--date %q: %v", date, err))
		}
	}
	if url != "" {
		if _, err := data.SafeURL(url); err != nil {
			return env.Fail(fmt.Errorf("--url %q: %v", url, err))
		}
	}
	// The document is read and extracted before the board is touched: a
	// document that fails leaves the board as it was.
	doc, raw, err := verify.ReadFile(path)
	if err != nil {
		return env.Fail(err)
	}
	d, err := verify.Document(doc, raw)
	if err != nil {
		return env.Fail(err)
	}
	// A board that does not exist yet is made, as import makes one, and
	// removed again if the document cannot go in.
	created := false
	if _, err := os.Lstat(board); errors.Is(err, os.ErrNotExist) {
		name := strings.TrimSuffix(filepath.Base(board), filepath.Ext(board))
		s, err := data.Create(board, data.Board{Title: name})
		if err != nil {
			return env.Fail(err)
		}
		s.Close()
		created = true
	}
	c, err := openCase(env, board)
	if err != nil {
		if created {
			os.Remove(board)
		}
		return env.Fail(err)
	}
	defer c.Close()
	m := c.Model()
	if title == "" {
		title = doc.Title
	}
	if date == "" {
		date = doc.Date
	}
	x, y := freeSpot(m)
	w, h := verify.CardSize(doc)
	ch, card := verify.AddChange(m, d, data.Card{Title: title, Date: date, URL: url, X: x, Y: y, Width: w, Height: h})
	if _, _, err := c.Apply(ch); err != nil {
		if created {
			c.Close()
			os.Remove(board)
		}
		return env.Fail(err)
	}
	printf(env.Out, "added %s (%s, %s, %s, sha256 %s)\n", doc.Name, doc.Type, pages(doc.Pages), source.HumanSize(doc.Size), d.ID)
	printf(env.Out, "%s\n", card.ID)
	return 0
}

// freeSpot is a place for a new source card: right of everything on the
// board, level with its top.
func freeSpot(m *data.Model) (x, y float64) {
	if len(m.Cards) == 0 {
		return 0, 0
	}
	right, top := math.Inf(-1), math.Inf(1)
	for _, c := range m.Cards {
		right = math.Max(right, c.X+c.Width)
		top = math.Min(top, c.Y)
	}
	return math.Min(right+40, data.MaxCoord-data.MaxCardSize), top
}

func sourceList(env *Env, board string) int {
	s, m, _, err := openChecker(board)
	if err != nil {
		return env.Fail(err)
	}
	defer s.Close()
	line := func(card, title string, d *data.Document) {
		l := fmt.Sprintf("%s  %-8s %-9s %-9s %s  %s", card, d.Type, pages(d.Pages), source.HumanSize(d.Size), d.ID, title)
		if d.Unreadable != "" {
			l += "  (refused: does not match its SHA-256)"
		}
		printf(env.Out, "%s\n", l)
	}
	named := map[string]bool{}
	for _, c := range m.SortedCards() {
		if d := m.Documents[c.Document]; d != nil && c.Kind == data.KindSource {
			line(c.ID, c.Title, d)
			named[d.ID] = true
		}
	}
	// A document no source card names (its card was deleted) is listed
	// too, with "-" for the card: it is still in the file.
	var rest []*data.Document
	for _, d := range m.Documents {
		if !named[d.ID] {
			rest = append(rest, d)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].ID < rest[j].ID })
	for _, d := range rest {
		line("-", d.Title, d)
	}
	for _, w := range m.Warnings() {
		printf(env.Err, "evidenceboard: %s: warning: %s\n", board, w)
	}
	return 0
}

func sourceText(env *Env, board, id string) int {
	s, m, chk, err := openChecker(board)
	if err != nil {
		return env.Fail(err)
	}
	defer s.Close()
	card, err := sourceCard(board, m, id)
	if err != nil {
		return env.Fail(err)
	}
	doc, err := chk.Document(card.Document)
	if err != nil {
		return env.Fail(fmt.Errorf("%s: %v", board, err))
	}
	if len(doc.Paragraphs) == 0 {
		printf(env.Out, "(%s has no text: %s)\n", doc.Name, map[bool]string{true: "an image", false: "nothing was extracted"}[doc.Type == "png" || doc.Type == "jpeg"])
		return 0
	}
	paged := doc.Type == "pdf"
	page := 0
	for _, p := range doc.Paragraphs {
		if paged && p.Page != page {
			page = p.Page
			printf(env.Out, "--- page %d ---\n", page)
		}
		printf(env.Out, "¶ %d  %s\n", p.Number, p.Text)
	}
	return 0
}

// sourceCard finds the source card id names, which must have a document.
func sourceCard(board string, m *data.Model, id string) (*data.Card, error) {
	c := m.Cards[id]
	switch {
	case c == nil:
		return nil, fmt.Errorf("%s: no card %s", board, id)
	case c.Kind != data.KindSource:
		return nil, fmt.Errorf("%s: card %s is a %s, not a source", board, id, strings.ToLower(c.Kind.Label()))
	case c.Document == "":
		return nil, fmt.Errorf("%s: source %q has no document; add one with 'evidenceboard source add'", board, c.Title)
	}
	return c, nil
}

func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}
