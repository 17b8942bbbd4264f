package data_test

import (
	"bufio"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"evidenceboard/data"
	"evidenceboard/data/hostile"
)

// openCeiling is the most opening any file may add to the process's
// resident memory: every size is checked in SQL before anything is
// loaded, so the worst hostile file - a 100 MB text field, 1 500 tags,
// a 16 MiB journal, swapped indexes - costs what a small board costs.
// SQLite (modernc.org's translation to Go) allocates outside the Go heap,
// so the process's resident set is measured, not the heap.
const openCeiling = 64 << 20

// peakRSS resets the kernel's high-water mark of this process's resident
// memory (clear_refs 5, Linux 4.0+) and returns a function that reads
// how far it rose since.
func peakRSS(t *testing.T) func() int64 {
	t.Helper()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skipf("cannot reset the peak resident memory: %v", err)
	}
	base := statusKB(t, "VmRSS:")
	return func() int64 { return (statusKB(t, "VmHWM:") - base) << 10 }
}

func statusKB(t *testing.T, field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	t.Skipf("no %s in /proc/self/status", field)
	return 0
}

// Opening the worst files of the hostile corpus (and check's full
// inspection of them) stays under openCeiling of added resident memory,
// each case measured on its own from a collected heap.
func TestOpenMemoryCeiling(t *testing.T) {
	cases, err := hostile.Corpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	worst := map[string]bool{"text-100MB": true, "text-2MB": true, "too-many-tags": true, "journal-oversized": true,
		"journal-size-bomb": true, "swapped-index-roots": true, "corrupted-pages": true, "blob-card-id": true,
		"text-just-over-1MiB": true, "journal-from-a-crash": true}
	seen := 0
	for _, h := range cases {
		if !worst[h.Name] {
			continue
		}
		seen++
		runtime.GC()
		debug.FreeOSMemory()
		rose := peakRSS(t)
		if _, err := data.Inspect(h.Path, true); err == nil {
			t.Errorf("%s: Inspect passed it", h.Name)
		}
		if s, err := data.Open(h.Path); err == nil {
			s.Close()
			t.Errorf("%s: Open passed it", h.Name)
		}
		got := rose()
		t.Logf("%-22s +%5.1f MiB resident", h.Name, float64(got)/(1<<20))
		if got > openCeiling {
			t.Errorf("%s: opening it took %d MiB more resident memory, over the ceiling of %d MiB", h.Name, got>>20, openCeiling>>20)
		}
	}
	if seen != len(worst) {
		t.Fatalf("found %d of the %d worst cases in the corpus", seen, len(worst))
	}

	// Finding 8: many bodies of 10 MB each (the had 100; 12 keep
	// the test quick) were loaded before the board was refused.
	p := filepath.Join(t.TempDir(), "bodies"+data.Extension)
	s, err := data.Create(p, data.Board{Title: "bodies"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+p+"?_pragma=journal_mode(DELETE)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
		INSERT INTO cards (id, kind, title, body, x, y, width, height, created, updated)
		SELECT 'c' || i, 'note', 'n', printf('%.*c', 10000000, 'x'), 0, 0, 200, 90, '', '' FROM n`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	runtime.GC()
	debug.FreeOSMemory()
	rose := peakRSS(t)
	_, ierr := data.Inspect(p, true)
	s, oerr := data.Open(p)
	if oerr == nil {
		s.Close()
	}
	got := rose()
	t.Logf("%-22s +%5.1f MiB resident: %v", "12 bodies of 10 MB", float64(got)/(1<<20), ierr)
	if ierr == nil || oerr == nil || got > openCeiling {
		t.Errorf("12 bodies of 10 MB: Inspect %v, Open %v, +%d MiB (ceiling %d MiB)", ierr, oerr, got>>20, openCeiling>>20)
	}

	// The measure sees memory: touching 96 MiB shows.
	rose = peakRSS(t)
	big := make([]byte, 96<<20)
	for i := 0; i < len(big); i += 4096 {
		big[i] = 1
	}
	if got := rose(); got < 90<<20 {
		t.Fatalf("96 MiB touched, but the peak rose by only %d MiB: the measure is blind", got>>20)
	}
	runtime.KeepAlive(big)
}
