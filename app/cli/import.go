package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"evidenceboard/app/format/exchange"
	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "import",
		Args: "BOARD.evboard FILE [--format canvas|graphml|csv] [--map MAPPING.json]",
		Summary: "Add the cards and links of a JSON Canvas, GraphML or CSV file to a board\n" +
			"(created if it does not exist), in one undoable change; prints what was added\n" +
			"and a line for each item skipped. The format is told from the file's content.",
		NArgs: 2,
		Flags: func(fs *flag.FlagSet) {
			fs.String("format", "", "the file's format, when it cannot be told from its content")
			fs.String("map", "", "the CSV column mapping (see docs/CSV_MAPPING.md)")
		},
		Run: runImport,
	})
}

func runImport(env *Env, args []string) int {
	get := func(name string) string { return env.Flags.Lookup(name).Value.String() }
	boardPath, in := args[0], args[1]
	if !strings.EqualFold(filepath.Ext(boardPath), data.Extension) {
		printf(env.Err, "evidenceboard: import: %s: a board's name ends in %s\n", boardPath, data.Extension)
		env.Flags.Usage()
		return 2
	}
	var f exchange.Format
	if s := get("format"); s != "" {
		var ok bool
		if f, ok = exchange.Parse(s); !ok || !exchange.CanImport(f) {
			printf(env.Err, "evidenceboard: import: cannot import the format %q (canvas, graphml or csv)\n", s)
			env.Flags.Usage()
			return 2
		}
	}
	var opt exchange.Options
	if m := get("map"); m != "" {
		b, err := exchange.ReadFile(m)
		if err != nil {
			return env.Fail(err)
		}
		opt.Mapping, opt.MappingName = b, m
	}

	raw, err := exchange.ReadFile(in)
	if err != nil {
		return env.Fail(err)
	}
	if f == "" {
		var ok bool
		if f, ok = exchange.Detect(raw, in); !ok {
			return env.Fail(fmt.Errorf("%s: not a file this version can import (JSON Canvas, GraphML or CSV); name the format with --format", in))
		}
	}

	// The file is read before the board is opened or made: a file that
	// cannot be read leaves no new board behind.
	var s *data.Store
	created := false
	if _, err := os.Lstat(boardPath); errors.Is(err, os.ErrNotExist) {
		title := strings.TrimSuffix(filepath.Base(boardPath), filepath.Ext(boardPath))
		if s, err = data.Create(boardPath, data.Board{Title: title}); err != nil {
			return env.Fail(err)
		}
		created = true
	} else if s, err = openStoreToChange(env, boardPath); err != nil {
		return env.Fail(err)
	}
	fail := func(err error) int {
		s.Close()
		if created {
			os.Remove(boardPath)
		}
		return env.Fail(err)
	}
	if s.ReadOnly() {
		if why := s.WhyReadOnly(); why != nil {
			return fail(why)
		}
		return fail(fmt.Errorf("%s: %v", boardPath, data.ErrReadOnly))
	}
	s.Author = author()
	m, err := s.Load()
	if err != nil {
		return fail(err)
	}
	ch, rep, err := exchange.Import(f, bytes.NewReader(raw), in, m, opt)
	if err != nil {
		return fail(err)
	}
	// One change through the Case, as the GUI makes it: one undo takes
	// the whole import back.
	if _, _, err := data.NewCase(s, m).Apply(ch); err != nil {
		return fail(fmt.Errorf("%s: %v", boardPath, err))
	}
	if err := s.Close(); err != nil {
		return env.Fail(err)
	}
	printf(env.Out, "added %s, %s\n", count(rep.Cards, "card"), count(rep.Links, "link"))
	for _, l := range rep.Lines() {
		printf(env.Out, "  %s\n", l) // text from the file: made printable
	}
	return 0
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
