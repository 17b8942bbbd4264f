package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallDisk mounts a 256 KiB tmpfs for the test, or skips it where this
// process may not mount (not root, or a container without the right).
func smallDisk(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k"); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	return dir
}

// generate on a full disk says so in one line naming the file, and leaves
// no empty board (nor its journal) behind (issue 12, finding 17).
func TestGenerateOnAFullDisk(t *testing.T) {
	dir := smallDisk(t)
	out := filepath.Join(dir, "big.evboard")
	code, stdout, stderr := run("generate", "--cards", "3000", out)
	if code != 1 || stdout != "" || strings.Count(stderr, "\n") != 1 ||
		!strings.HasPrefix(stderr, "evidenceboard: "+out+": ") || !strings.Contains(stderr, "disk is full") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Fatalf("left behind: %v", names)
	}
	// The disk is usable again, and a board that fits is written.
	small := filepath.Join(dir, "small.evboard")
	if code, _, stderr := run("generate", "--cards", "20", small); code != 0 {
		t.Fatalf("a small board: %s", stderr)
	}
}
