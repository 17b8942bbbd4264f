package data

import (
	"os"
	"testing"
)

// TestMain keeps the tests' record of boards closed cleanly (clean.go) out
// of the user's cache folder: the tests and the fuzzers close thousands of
// boards, which would otherwise crowd out the person's own.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "evboard-test-cache-*")
	if err == nil {
		os.Setenv("XDG_CACHE_HOME", dir)
	}
	code := m.Run()
	if err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
