package data

import (
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// writeVersion1 makes a board file as the first release wrote it: schema
// step 1 only (no history, no tombstones), user_version 1.
func writeVersion1(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old"+Extension)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	text, err := schemaFS.ReadFile("schema/1.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		string(text),
		`PRAGMA user_version = 1`,
		`INSERT INTO board (id, title, created, updated) VALUES (1, 'Old case', '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z')`,
		`INSERT INTO cards (id, kind, title, x, y, width, height, created, updated)
			VALUES ('c1', 'party', 'Old party', 10, 20, 200, 80, '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z')`,
		`INSERT INTO tags (card_id, tag) VALUES ('c1', 'kept')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOpenStepsVersion1Up(t *testing.T) {
	path := writeVersion1(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if c := m.Cards["c1"]; c == nil || c.Title != "Old party" || len(c.Tags) != 1 || m.Board.Title != "Old case" {
		t.Fatalf("the old board did not come through: %+v", m.Cards["c1"])
	}
	// The history table of version 2 is there and takes a change.
	c := m.Cards["c1"].Clone()
	c.Title = "Renamed"
	if err := testApply(s, &Change{Label: "Rename", PutCards: []Card{c}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rep, err := Inspect(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Version != SchemaVersion {
		t.Fatalf("schema %d after opening, want %d", rep.Version, SchemaVersion)
	}
}

func TestReadOnlyOpenOfOldFileChangesNothing(t *testing.T) {
	path := writeVersion1(t)
	before := fileHash(t, path)
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := s.Load(); err != nil || m.Cards["c1"] == nil {
		t.Fatalf("read-only load of a version 1 file: %v", err)
	}
	s.Close()
	if fileHash(t, path) != before {
		t.Fatal("a read-only open changed the file")
	}
	if rep, err := Inspect(path, true); err != nil || rep.Version != 1 {
		t.Fatalf("version 1 file: %v, %+v", err, rep)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
