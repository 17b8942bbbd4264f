package cli

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"evidenceboard/app/format"
	"evidenceboard/app/format/brief"
	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "brief",
		Args: "FILE.evboard -o OUT.pdf [--force] [--no-diagram] [--no-timeline] [--no-appendix] [--marking TEXT] [--as-of TIME] [--context]",
		Summary: "Write the board's PDF brief: cover, contents, the board drawn, parties, claims with\n" +
			"what alleges, supports, contradicts and denies them, contested points, quotes, open questions,\n" +
			"timeline, sources, a table of links, and the file's SHA-256 and history on the last page.\n" +
			"The export time printed is now, or --as-of, or $SOURCE_DATE_EPOCH (seconds since 1970):\n" +
			"the same board and the same time give the same bytes.",
		NArgs: 1,
		Flags: func(fs *flag.FlagSet) {
			fs.String("o", "", "the PDF to write (required)")
			fs.Bool("force", false, "replace OUT.pdf if it exists")
			fs.Bool("no-diagram", false, "leave out the drawing of the board")
			fs.Bool("no-timeline", false, "leave out the timeline")
			fs.Bool("no-appendix", false, "leave out the appendix of links")
			fs.String("marking", "", "the marking line on every page, for this export only (default: the board's own)")
			fs.Bool("context", false, "print each quoted passage with its context in the source document")
			fs.String("as-of", "", "the export time to print, e.g. 2026-11-30T14:00:00Z (default: $SOURCE_DATE_EPOCH, else now)")
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
	opts.Context = get("context") == "true"
	at, err := exportTime(get("as-of"), os.Getenv("SOURCE_DATE_EPOCH"), time.Now)
	if err != nil {
		printf(env.Err, "evidenceboard: brief: %v\n", err)
		return 2
	}
	opts.ExportedAt = at

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
	if err == nil {
		err = opts.Stamp(s)
	}
	if err == nil {
		opts.ReadSources(s, m)
	}
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

// exportTime is the time a brief is stamped as exported: --as-of if given
// (RFC 3339, or a plain date taken as midnight UTC), else
// SOURCE_DATE_EPOCH (the reproducible-builds convention: whole seconds
// since 1970, UTC), else now.
func exportTime(asOf, epoch string, now func() time.Time) (time.Time, error) {
	if asOf = strings.TrimSpace(asOf); asOf != "" {
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
			if t, err := time.Parse(layout, asOf); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, fmt.Errorf("--as-of %q: give a time such as 2026-11-30T14:00:00Z or a date such as 2026-11-30", asOf)
	}
	if epoch = strings.TrimSpace(epoch); epoch != "" {
		n, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil || n < 0 || n > 253402300799 { // up to the end of year 9999
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: expected whole seconds since 1970", epoch)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return now().UTC().Truncate(time.Second), nil
}
