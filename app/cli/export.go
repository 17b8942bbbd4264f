package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"evidenceboard/app/format"
	"evidenceboard/app/format/exchange"
	boardimage "evidenceboard/app/format/image"
	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "export",
		Args: "BOARD.evboard -o OUT [--format canvas|graphml|gexf|csv|ftm|png|svg] [--force] [--scale N]",
		Summary: "Write the board in another tool's format: JSON Canvas (.canvas), GraphML (.graphml),\n" +
			"GEXF (.gexf), CSV (.csv), FollowTheMoney (.ftm.json), PNG (.png) or SVG (.svg);\n" +
			"the format is told from OUT's extension. Never writes over a board.",
		NArgs: 1,
		Flags: func(fs *flag.FlagSet) {
			fs.String("o", "", "the file to write (required)")
			fs.String("format", "", "the format, when OUT's extension does not say it")
			fs.Bool("force", false, "replace OUT if it exists (never a board)")
			fs.Float64("scale", 1, "PNG only: pixels per board unit (2 for a sharp slide); a large board is drawn smaller")
		},
		Run: runExport,
	})
}

func runExport(env *Env, args []string) int {
	get := func(name string) string { return env.Flags.Lookup(name).Value.String() }
	in, out := args[0], get("o")
	if out == "" {
		printf(env.Err, "evidenceboard: export: say where to write with -o OUT\n")
		env.Flags.Usage()
		return 2
	}
	var f exchange.Format
	var ok bool
	if s := get("format"); s != "" {
		f, ok = exchange.Parse(s)
		if ok {
			ok = contains(exchange.ExportFormats(), f)
		}
		if !ok {
			printf(env.Err, "evidenceboard: export: cannot export as %q; formats: %s\n", s, formatList())
			env.Flags.Usage()
			return 2
		}
	} else if f, ok = exchange.FromPath(out); !ok {
		printf(env.Err, "evidenceboard: export: cannot tell the format from %s; name it with --format (%s)\n", out, formatList())
		env.Flags.Usage()
		return 2
	}
	force := get("force") == "true"
	if !force {
		if _, err := os.Lstat(out); err == nil {
			return env.Fail(fmt.Errorf("%s: %w", out, format.ErrExists))
		}
	}
	s, err := data.OpenReadOnly(in)
	if err != nil {
		return env.Fail(err)
	}
	m, err := s.Load()
	s.Close()
	if err != nil {
		return env.Fail(err)
	}
	scale, _ := strconv.ParseFloat(get("scale"), 64)
	if scale <= 0 || scale > 8 {
		printf(env.Err, "evidenceboard: export: --scale must be over 0 and at most 8\n")
		env.Flags.Usage()
		return 2
	}
	err = format.WriteFile(format.Target{Path: out, Force: force, Source: in}, func(w io.Writer) error {
		if f == exchange.PNG {
			_, err := boardimage.PNG(w, m, boardimage.Options{Scale: scale})
			return err
		}
		return exchange.Export(f, w, m)
	})
	if err != nil {
		return env.Fail(err)
	}
	printf(env.Out, "wrote %s, %s of %s to %s (%s)\n", count(len(m.Cards), "card"), count(len(m.Links), "link"),
		in, out, f.Label())
	return 0
}

func contains(fs []exchange.Format, f exchange.Format) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

func formatList() string {
	var names []string
	for _, f := range exchange.ExportFormats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}
