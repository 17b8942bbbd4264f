// Package cli is Evidence Board's command line: the headless commands
// (sample, check, brief, …) that scripts, tests and CI use. Each command
// lives in a file of its own and registers itself in init.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"

	"evidenceboard/data"
)

// Command is one subcommand of evidenceboard.
type Command struct {
	Name    string
	Args    string // the usage after the name, e.g. "FILE.evboard -o OUT.pdf"
	Summary string
	// Flags declares the command's flags on fs; it may be nil.
	Flags func(fs *flag.FlagSet)
	// Run runs the command on its positional arguments once the flags are
	// parsed, and returns the exit code.
	Run func(env *Env, args []string) int
	// NArgs is how many positional arguments Run takes; -1 for any.
	NArgs int
}

// Env is what a running command writes to.
type Env struct {
	Out, Err io.Writer
	Flags    *flag.FlagSet
}

// Fail prints the one-line error every command uses
// ("evidenceboard: FILE: reason") and returns exit code 1.
func (e *Env) Fail(err error) int {
	printf(e.Err, "evidenceboard: %s\n", data.OneLine(err.Error(), 0))
	return 1
}

var commands = map[string]*Command{}

// Register adds a command; it panics on a duplicate name, which is a
// programming error caught by any test.
func Register(c *Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// IsCommand reports whether name is a registered subcommand.
func IsCommand(name string) bool { _, ok := commands[name]; return ok }

// Run runs the subcommand named by args[0] and returns the exit code:
// 0 on success, 1 when the work failed, 2 on wrong usage.
func Run(args []string, out, errOut io.Writer) int {
	if len(args) == 0 {
		usage(errOut)
		return 2
	}
	c := commands[args[0]]
	if c == nil {
		printf(errOut, "evidenceboard: unknown command %q\n", args[0])
		usage(errOut)
		return 2
	}
	fs := flag.NewFlagSet("evidenceboard "+c.Name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: evidenceboard %s %s\n\n%s\n", c.Name, c.Args, c.Summary)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(fs.Output(), "\nflags:")
			fs.PrintDefaults()
		}
	}
	if c.Flags != nil {
		c.Flags(fs)
	}
	// The flag package prints usage itself on -h and on errors; quiet it
	// and say each once, help to stdout and errors to stderr.
	fs.SetOutput(io.Discard)
	pos, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(out)
		fs.Usage()
		return 0
	}
	fs.SetOutput(errOut)
	if err != nil {
		printf(errOut, "evidenceboard %s: %v\n", c.Name, err)
		fs.Usage()
		return 2
	}
	if c.NArgs >= 0 && len(pos) != c.NArgs {
		fs.Usage()
		return 2
	}
	return c.Run(&Env{Out: out, Err: errOut, Flags: fs}, pos)
}

// parseInterspersed lets flags follow the positional arguments
// ("brief FILE -o OUT.pdf"), as people type them.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// Usage prints the list of commands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: evidenceboard [FILE.evboard]\n       evidenceboard COMMAND [ARGS]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].Summary)
	}
	fmt.Fprintln(w, "\nRun 'evidenceboard COMMAND --help' for a command's arguments.")
}

// Usage prints the top-level help to w.
func Usage(w io.Writer) { usage(w) }
