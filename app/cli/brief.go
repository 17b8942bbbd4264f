package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"evidenceboard/app/brief"
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
			return env.Fail(fmt.Errorf("%s: already exists; use --force to replace it", out))
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
	res, err := writeBrief(m, opts, out, force)
	if err != nil {
		return env.Fail(err)
	}
	fmt.Fprintf(env.Out, "wrote the brief of %s to %s (%d pages)\n", in, out, res.Pages)
	if len(res.Missing) > 0 {
		codes := make([]string, 0, len(res.Missing))
		for i, r := range res.Missing {
			if i == 20 {
				codes = append(codes, fmt.Sprintf("and %d more", len(res.Missing)-i))
				break
			}
			codes = append(codes, fmt.Sprintf("U+%04X", r))
		}
		fmt.Fprintf(env.Out, "note: the fonts cannot draw %d character(s), shown as boxes: %s\n",
			len(res.Missing), strings.Join(codes, ", "))
	}
	return 0
}

// writeBrief renders into a temporary file beside out and then puts it in
// place, so that a failure leaves no half-written PDF. Without force it
// will not replace a file that appeared meanwhile.
func writeBrief(m *data.Model, opts brief.Options, out string, force bool) (*brief.Result, error) {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write: %v", out, unwrapPath(err))
	}
	defer os.Remove(tmp.Name()) // a no-op once it has been put in place
	w := bufio.NewWriterSize(tmp, 1<<16)
	res, err := brief.Render(m, opts, w, nil)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", out, unwrapPath(err))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return nil, fmt.Errorf("%s: %v", out, unwrapPath(err))
	}
	if force {
		err = os.Rename(tmp.Name(), out)
	} else if err = os.Link(tmp.Name(), out); errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("%s: already exists; use --force to replace it", out)
	} else if err != nil {
		// A file system without hard links: fall back to a checked rename.
		if _, serr := os.Lstat(out); serr == nil {
			return nil, fmt.Errorf("%s: already exists; use --force to replace it", out)
		}
		err = os.Rename(tmp.Name(), out)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write: %v", out, unwrapPath(err))
	}
	return res, nil
}

// unwrapPath drops the path an *os.PathError repeats, since the message
// already names the file.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
