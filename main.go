// Command evidenceboard is Evidence Board: with no arguments or a board
// file it opens the window; with a command (sample, check, brief, …) it
// works headless. See README.md.
package main

import (
	"fmt"
	"os"
	"strings"

	"evidenceboard/app"
	"evidenceboard/app/cli"
)

func main() {
	args := os.Args[1:]
	switch {
	case len(args) == 0:
		os.Exit(app.Run(""))
	case args[0] == "-h" || args[0] == "--help" || args[0] == "help":
		cli.Usage(os.Stdout)
	case cli.IsCommand(args[0]):
		os.Exit(cli.Run(args, os.Stdout, os.Stderr))
	case len(args) == 1 && !strings.HasPrefix(args[0], "-"):
		os.Exit(app.Run(args[0]))
	default:
		fmt.Fprintf(os.Stderr, "evidenceboard: unknown command or option %q\n", args[0])
		cli.Usage(os.Stderr)
		os.Exit(2)
	}
}
