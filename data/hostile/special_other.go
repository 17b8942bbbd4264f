//go:build !unix

package hostile

// special adds nothing where there are no FIFOs and no /dev (Windows): the
// cases special_unix.go makes cannot exist there.
func (g *corpus) special() {}
