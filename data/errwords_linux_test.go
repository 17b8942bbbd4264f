package data

import (
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
)

// A full disk, made by a file size limit in a child process (no root, no
// tmpfs needed): the child applies a change bigger than the limit allows
// and prints PlainError's words.
func TestPlainErrorFullDisk(t *testing.T) {
	if p := os.Getenv("EVBOARD_FULL_DISK_CHILD"); p != "" {
		fullDiskChild(p)
		return
	}
	p := newBoard(t, t.TempDir(), "full")
	cmd := exec.Command(os.Args[0], "-test.run=^TestPlainErrorFullDisk$")
	cmd.Env = append(os.Environ(), "EVBOARD_FULL_DISK_CHILD="+p)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	got := string(out)
	t.Logf("child said:\n%s", got)
	if !strings.Contains(got, "WORDS: "+p+": the disk is full") && !strings.Contains(got, "WORDS: "+p+": the disk failed to read or write") {
		t.Fatalf("the full disk was not put in plain words:\n%s", got)
	}
	if strings.Contains(got, "WORDS: ") && strings.Contains(got[strings.Index(got, "WORDS: "):], "(13)") {
		t.Errorf("still SQLite's words:\n%s", got)
	}
	// Nothing half-written: the board opens, without the change.
	s, err := Open(p)
	if err != nil {
		t.Fatalf("after the full disk: %v", err)
	}
	defer s.Close()
	m, err := s.Load()
	if err != nil || len(m.Cards) != 0 {
		t.Fatalf("after the full disk: %v, %d cards", err, len(m.Cards))
	}
}

func fullDiskChild(p string) {
	// The kernel sends SIGXFSZ past the limit; by default it ends the
	// process, and we want to see the write fail.
	signal.Ignore(syscall.SIGXFSZ)
	st, err := os.Stat(p)
	if err != nil {
		println("stat:", err.Error())
		os.Exit(2)
	}
	s, err := Open(p)
	if err != nil {
		println("open:", err.Error())
		os.Exit(2)
	}
	// Files may grow to the board's size and a page or two more.
	lim := uint64(st.Size() + 8192)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
		println("setrlimit:", err.Error())
		os.Exit(2)
	}
	err = testApply(s, noteChange("big", strings.Repeat("x", 200_000)))
	os.Stdout.WriteString("RAW: " + errString(err) + "\nWORDS: " + errString(PlainError(p, err)) + "\n")
	s.Close()
	os.Exit(0)
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// The same on a real full disk: a 1 MiB tmpfs, which only root may mount
// (skipped otherwise). SQLite says "database or disk is full (13)" here.
func TestPlainErrorFullTmpfs(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a small tmpfs (needs root): %v", err)
	}
	defer syscall.Unmount(dir, 0)
	p := newBoard(t, dir, "full")
	// Fill the disk but for a few pages.
	filler, err := os.Create(dir + "/filler")
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := filler.Write(chunk); err != nil {
			break
		}
	}
	filler.Close()
	st, _ := os.Stat(dir + "/filler")
	if err := os.Truncate(dir+"/filler", st.Size()-16384); err != nil {
		t.Fatal(err)
	}
	s, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	err = testApply(s, noteChange("big", strings.Repeat("x", 200_000)))
	t.Logf("SQLite said: %v", err)
	wantPlain(t, "apply", p, err, "the disk is full")
	s.Close()
}
