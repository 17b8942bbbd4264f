package cli

import (
	"fmt"
	"io"

	"evidenceboard/data"
)

// Everything a command prints goes through printf (or Env.Fail, which
// uses the same rule), so text from outside - a board's title, a card id
// in an error, a file name from a glob - reaches the terminal with its
// control characters shown as marks (⟨U+001B⟩, see data.Printable) rather
// than obeyed: a board cannot clear the screen, retitle the window or
// print a fake "ok". The format string is ours and is printed as it is;
// every string, error and Stringer argument is made printable.
func printf(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, format, printable(args)...)
}

// printable returns args with every piece of text made printable.
func printable(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			out[i] = data.Printable(v)
		case error:
			out[i] = data.Printable(v.Error())
		case fmt.Stringer:
			out[i] = data.Printable(v.String())
		default:
			out[i] = a
		}
	}
	return out
}
