package data

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The crash test: a child process (this test binary, re-run with
// crashChildEnv set) makes edits in a loop and prints each edit's number
// once Apply has returned; the parent kills it with SIGKILL at random
// moments and after each kill reopens the file: it must open (rolling back
// the journal the kill left, if any), pass the full integrity check, and
// hold every edit the child reported.
const crashChildEnv = "EVIDENCEBOARD_CRASH_CHILD"

const (
	crashKills = 200
	// crashBudget stops the kills early on a machine too busy to reach
	// crashKills in reasonable time, once crashMinKills were made: enough
	// to have tried the file at many moments. How fast a loaded machine
	// runs is not what this test is about: it never fails for the time.
	crashBudget   = 100 * time.Second
	crashMinKills = 40
	// Edit n adds card e<n> and deletes e<n-crashKeep>, so the board stays
	// small while every edit both adds and removes.
	crashKeep = 8
)

func crashCardID(n int) string { return "e" + strconv.Itoa(n) }

// TestCrashChild is the child's edit loop; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("the crash test's child; run by TestCrashKill")
	}
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(3)
	}
	if s.ReadOnly() {
		fmt.Fprintln(os.Stderr, "child: read-only:", s.WhyReadOnly())
		os.Exit(3)
	}
	s.Author = "crash child"
	m, err := s.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "child load:", err)
		os.Exit(3)
	}
	cs := NewCase(s, m)
	counter := m.Cards["counter"].Clone()
	n, _ := strconv.Atoi(counter.Body)
	rnd := rand.New(rand.NewSource(time.Now().UnixNano()))
	out := bufio.NewWriterSize(os.Stdout, 64)
	for {
		n++
		counter.Body = strconv.Itoa(n)
		size := rnd.Intn(3000)
		if rnd.Intn(20) == 0 {
			size = 20000 + rnd.Intn(60000) // a longer commit, over many pages
		}
		c := Card{ID: crashCardID(n), Kind: KindNote, Title: "edit " + strconv.Itoa(n),
			Body: strings.Repeat("x", size), X: float64(n % 1000), Y: float64(n / 1000), Width: 100, Height: 50}
		ch := Change{Label: "edit " + strconv.Itoa(n), PutCards: []Card{c, counter}}
		if n > crashKeep {
			ch.DeleteCards = []string{crashCardID(n - crashKeep)}
		}
		if _, _, err := cs.Apply(ch); err != nil {
			fmt.Fprintln(os.Stderr, "child apply:", err)
			os.Exit(3)
		}
		fmt.Fprintln(out, n)
		out.Flush()
	}
}

func TestCrashKill(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test takes a while; not with -short")
	}
	// A SIGKILL loses nothing the kernel has been given, so the test may
	// run on a memory file system, where fsync costs nothing: more kills
	// in the same time.
	dir := t.TempDir()
	if d, err := os.MkdirTemp("/dev/shm", "evboard-crash-*"); err == nil {
		dir = d
		t.Cleanup(func() { os.RemoveAll(d) })
	}
	// Two boards, each with its own child, killed in turn: the kills of
	// one overlap the reopening of the other.
	const workers = 2
	var (
		mu                     sync.Mutex
		kills, edits, journals int
		start                  = time.Now()
		wg                     sync.WaitGroup
		errs                   = make(chan error, workers)
	)
	claim := func() bool {
		mu.Lock()
		defer mu.Unlock()
		if kills >= crashKills || (kills >= crashMinKills && time.Since(start) > crashBudget) {
			return false
		}
		kills++
		return true
	}
	for w := 0; w < workers; w++ {
		path := filepath.Join(dir, fmt.Sprintf("crash%d%s", w, Extension))
		s, err := Create(path, Board{Title: "crash test"})
		if err != nil {
			t.Fatal(err)
		}
		if err := testApply(s, &Change{PutCards: []Card{{ID: "counter", Kind: KindNote, Title: "counter", Body: "0",
			Width: 100, Height: 50}}}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			c := &crasher{path: path, rnd: rand.New(rand.NewSource(seed)), recorded: map[int]bool{}}
			for claim() {
				if err := c.round(); err != nil {
					errs <- err
					return
				}
			}
			mu.Lock()
			edits += len(c.recorded)
			journals += c.journals
			mu.Unlock()
		}(time.Now().UnixNano() + int64(w))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Logf("%d kills in %v; %d edits reported committed; %d kills left a journal to roll back",
		kills, time.Since(start).Round(time.Millisecond), edits, journals)
	if edits < kills {
		t.Errorf("only %d edits reported in %d runs: the children hardly ran", edits, kills)
	}
}

// crasher runs one board's children and checks it after each kill.
type crasher struct {
	path     string
	rnd      *rand.Rand
	recorded map[int]bool
	maxRec   int
	journals int
	rounds   int
}

// round starts a child, kills it at a random moment, and checks the
// board.
func (c *crasher) round() error {
	c.rounds++
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+c.path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	lines := make(chan int, 1024)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			if n, err := strconv.Atoi(sc.Text()); err == nil {
				lines <- n
			}
		}
		close(lines)
	}()
	record := func(n int) {
		c.recorded[n] = true
		c.maxRec = max(c.maxRec, n)
	}
	// Let the child get into its loop (most of the time: sometimes it is
	// killed while opening), then kill it at a random moment.
	running := false // the child has made an edit this round
	if c.rnd.Intn(8) != 0 {
		select {
		case n, ok := <-lines:
			if ok {
				record(n)
				running = true
			}
		case <-time.After(3 * time.Second):
		}
	}
	if c.rounds%4 == 0 && running {
		// The child is a running Evidence Board with the board open: a
		// second one gets it read-only, and reading it does the child no
		// harm.
		if s, err := Open(c.path); err != nil {
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			return fmt.Errorf("%s: opening while the child writes: %v", c.path, err)
		} else {
			ro, why := s.ReadOnly(), s.WhyReadOnly()
			_, lerr := s.Load()
			s.Close()
			if !ro || !errors.Is(why, ErrLocked) || lerr != nil {
				cmd.Process.Signal(syscall.SIGKILL)
				cmd.Wait()
				return fmt.Errorf("%s: opened while the child writes: read-only %v (%v), load %v", c.path, ro, why, lerr)
			}
		}
	}
	time.Sleep(time.Duration(c.rnd.Intn(20000)) * time.Microsecond)
	cmd.Process.Signal(syscall.SIGKILL)
	for n := range lines {
		record(n)
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		return fmt.Errorf("%s: child ended on its own (%v): %s", c.path, err, stderr.String())
	}
	if _, hot := hotJournal(c.path); hot {
		c.journals++
	}

	// Reopen as the app does: a journal left by the kill is rolled back
	// when the person says so (Recover).
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s, after kill %d: %s", filepath.Base(c.path), c.rounds, fmt.Sprintf(format, args...))
	}
	s, err := Open(c.path)
	if errors.Is(err, ErrHotJournal) {
		var cs *Case
		var rec *Recovery
		if cs, rec, err = Recover(c.path); err == nil {
			s = cs.Store()
			if rec != nil {
				os.Remove(rec.Backup)
				os.Remove(rec.Backup + journalSuffix)
			}
		}
	}
	if err != nil {
		return fail("%v", err)
	}
	m, err := s.Load()
	if err != nil {
		s.Close()
		return fail("%v", err)
	}
	// Every reported edit left its history; the history is the record of
	// all of them, deleted cards included.
	inHistory := map[int]bool{}
	rows, err := s.db.Query(`SELECT DISTINCT label FROM changes WHERE label LIKE 'edit %'`)
	if err != nil {
		s.Close()
		return fail("%v", err)
	}
	for rows.Next() {
		var label string
		rows.Scan(&label)
		n, _ := strconv.Atoi(strings.TrimPrefix(label, "edit "))
		inHistory[n] = true
	}
	rows.Close()
	s.Close()
	for n := range c.recorded {
		if !inHistory[n] {
			return fail("edit %d, reported committed, is not in the history", n)
		}
	}
	if _, err := Inspect(c.path, true); err != nil {
		return fail("%v", err)
	}
	last, _ := strconv.Atoi(m.Cards["counter"].Body)
	if last != c.maxRec && last != c.maxRec+1 {
		return fail("the file's last edit is %d, the child reported %d", last, c.maxRec)
	}
	for n := max(1, c.maxRec-3*crashKeep); n <= c.maxRec; n++ {
		if !c.recorded[n] {
			continue
		}
		present := m.Cards[crashCardID(n)] != nil
		switch del := n + crashKeep; {
		case del <= last && present:
			return fail("edit %d's card outlived edit %d", n, del)
		case del > last && !present:
			return fail("edit %d, reported committed, is missing", n)
		}
	}
	return nil
}
