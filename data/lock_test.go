package data

import (
	"errors"
	"os"
	"testing"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

func TestSecondOpenIsReadOnly(t *testing.T) {
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	second, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !second.ReadOnly() || !errors.Is(second.WhyReadOnly(), ErrLocked) {
		t.Fatalf("second Open: read-only %v, why %v", second.ReadOnly(), second.WhyReadOnly())
	}
	if err := testApply(second, &Change{PutCards: []Card{{ID: "x", Kind: KindNote, Width: 50, Height: 50}}}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Apply on the second store: %v", err)
	}
	if _, err := testMerge(second, path); !errors.Is(err, ErrLocked) {
		t.Errorf("Merge on the second store: %v", err)
	}
	second.Close()
	if s.WhyReadOnly() != nil || s.ReadOnly() {
		t.Error("the first store is not writable")
	}
	s.Close()
	third, err := Open(path)
	if err != nil || third.ReadOnly() {
		t.Fatalf("after Close, Open: %v, read-only %v", err, third != nil && third.ReadOnly())
	}
	third.Close()
}

func TestReadOnlyFileOpensReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes read-only files")
	}
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Chmod(path, 0o444)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.ReadOnly() || !errors.Is(r.WhyReadOnly(), ErrReadOnlyFile) {
		t.Errorf("read-only %v, why %v", r.ReadOnly(), r.WhyReadOnly())
	}
}

func TestConnectionLimits(t *testing.T) {
	path := tempBoard(t)
	s, err := CreateSample(path, sampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := s.db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	got, err := sqlite.Limit(conn, sqlite3.SQLITE_LIMIT_LENGTH, -1)
	if err != nil || got != LimitLength {
		t.Errorf("SQLITE_LIMIT_LENGTH = %d, %v; want %d", got, err, LimitLength)
	}
	var trusted, cellCheck, mmap int
	conn.QueryRowContext(t.Context(), `PRAGMA trusted_schema`).Scan(&trusted)
	conn.QueryRowContext(t.Context(), `PRAGMA cell_size_check`).Scan(&cellCheck)
	conn.QueryRowContext(t.Context(), `PRAGMA mmap_size`).Scan(&mmap)
	if trusted != 0 || cellCheck != 1 || mmap != 0 {
		t.Errorf("trusted_schema %d, cell_size_check %d, mmap_size %d", trusted, cellCheck, mmap)
	}
	// Defensive mode: writable_schema cannot be turned on.
	conn.ExecContext(t.Context(), `PRAGMA writable_schema = ON`)
	var ws int
	conn.QueryRowContext(t.Context(), `PRAGMA writable_schema`).Scan(&ws)
	if ws != 0 {
		t.Error("writable_schema could be turned on: not defensive")
	}
}
