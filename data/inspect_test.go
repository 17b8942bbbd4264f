package data

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A file cut short is judged at once when no Evidence Board holds it, and
// looked at again while one does (it may be in the middle of a commit).
func TestTruncatedVerdictWaitsOnlyForAWriter(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good"+Extension)
	journalBoard(t, good, 5)
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut"+Extension)
	if err := os.WriteFile(cut, b[:len(b)-100], 0o644); err != nil {
		t.Fatal(err)
	}
	var waits int
	sleep = func(time.Duration) { waits++ }
	defer func() { sleep = time.Sleep }()

	if err := checkHeader(cut); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("checkHeader: %v", err)
	}
	if waits != 0 && runtime.GOOS != "windows" {
		t.Errorf("waited %d times for a file no one holds", waits)
	}
	l, err := lockFile(cut)
	if err != nil {
		t.Fatal(err)
	}
	defer l.release()
	if err := checkHeader(cut); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("checkHeader: %v", err)
	}
	if waits == 0 && l.f != nil {
		t.Error("did not look again while another Evidence Board holds the file")
	}
}
