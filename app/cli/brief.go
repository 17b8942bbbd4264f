package cli

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"evidenceboard/app/format"
	"evidenceboard/app/format/brief"
	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "brief",
		Args: "FILE.evboard -o OUT.pdf [--force] [--no-diagram] [--no-timeline] [--no-appendix] [--marking TEXT]",
		Summary: "Write the board's PDF brief: cover, contents, the board drawn, parties, claims with\n" +
			"their evidence, contested points, quotes, timeline, sources and a table of links.",
		NArgs: 1,
		Flags: func(fs *flag.FlagSet) {
			fs.String("o", "", "the PDF to write (required)")
			fs.Bool("force", false, "replace OUT.pdf if it exists")
			fs.Bool("no-diagram", false, "leave out the drawing of the board")
			fs.Bool("no-timeline", false, "leave out the timeline")
			fs.Bool("no-appendix", false, "leave out the appendix of links")
			fs.String("marking", "", "the marking line on every page (default: the board's own)")
		},
		Run: runBrief,
	})
}

func runBrief(env *Env, args []string) int {
	get := func(name string) string { return env.Flags.Lookup(name).Value.String() }
	in, out := args[0], get("o")
	if out == "" {
		fmt.Fprintln(env.Err, "evidenceboard: brief: say where to write the PDF with -o OUT.pdf")
		env.Flags.Usage()
		return 2
	}
	force := get("force") == "true"
	opts := brief.DefaultOptions()
	opts.Diagram = get("no-diagram") != "true"
	opts.Timeline = get("no-timeline") != "true"
	opts.Appendix = get("no-appendix") != "true"
	opts.Marking = get("marking")

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
	res, err := brief.WriteFile(m, opts, format.Target{Path: out, Force: force, Source: in}, nil)
	if err != nil {
		return env.Fail(err)
	}
	printf(env.Out, "wrote the brief of %s to %s (%d pages)\n", in, out, res.Pages)
	if len(res.Missing) > 0 {
		codes := make([]string, 0, len(res.Missing))
		for i, r := range res.Missing {
			if i == 20 {
				codes = append(codes, fmt.Sprintf("and %d more", len(res.Missing)-i))
				break
			}
			codes = append(codes, fmt.Sprintf("U+%04X", r))
		}
		printf(env.Out, "note: the fonts cannot draw %d character(s), shown as boxes: %s\n",
			len(res.Missing), strings.Join(codes, ", "))
	}
	return 0
}
