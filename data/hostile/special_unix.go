//go:build unix

package hostile

import (
	"os"
	"syscall"
)

// special adds the cases only Unix can make: a board that is a symbolic
// link to a device, a board that is a FIFO and a board whose journal is a
// FIFO (opening either would hang a reader that does not look first).
func (g *corpus) special() {
	if g.err != nil {
		return
	}
	if os.Symlink("/dev/zero", g.path("symlink-to-device")) == nil {
		g.add(File{Name: "symlink-to-device"})
	}
	if syscall.Mkfifo(g.path("a-fifo"), 0o644) == nil {
		g.add(File{Name: "a-fifo"})
	}
	p := g.path("journal-is-a-fifo")
	if g.err = os.WriteFile(p, g.base, 0o644); g.err != nil {
		return
	}
	if syscall.Mkfifo(p+journalSuffix, 0o644) == nil {
		g.add(File{Name: "journal-is-a-fifo"})
	}
}
