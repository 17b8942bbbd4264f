package data

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// writeVersion2 makes a board as schema 2 wrote it: history rows with at,
// author and label of their own and whole values under Go's field names.
// The card was created, renamed, then merged-away-and-back is not needed:
// two records are enough to walk.
func writeVersion2(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v2"+Extension)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)}
	for v := 1; v <= 2; v++ {
		text, err := schemaFS.ReadFile(fmt.Sprintf("schema/%d.sql", v))
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(text))
	}
	const t0, t1 = "2025-01-02T03:04:05.000Z", "2025-01-03T03:04:05.000Z"
	created := `{"ID":"c1","Kind":"party","Title":"Old party","Body":"","X":10,"Y":20,"Width":200,"Height":80,` +
		`"Color":"","Created":"` + t0 + `","Updated":"` + t0 + `","Tags":null,"PartyType":"","Role":"","QuoteText":"",` +
		`"SpeakerID":"","SourceID":"","Locator":"","Status":"","Reliability":"","Credibility":0,"Date":"","Publisher":"","URL":""}`
	renamed := strings.Replace(strings.Replace(created, "Old party", "Renamed party", 1), `"Updated":"`+t0, `"Updated":"`+t1, 1)
	stmts = append(stmts,
		`PRAGMA user_version = 2`,
		`INSERT INTO board (id, title, created, updated) VALUES (1, 'Old case', '`+t0+`', '`+t0+`')`,
		`INSERT INTO cards (id, kind, title, x, y, width, height, created, updated)
			VALUES ('c1', 'party', 'Renamed party', 10, 20, 200, 80, '`+t0+`', '`+t1+`')`,
		`INSERT INTO history (change_no, at, author, label, action, entity, entity_id, before, after)
			VALUES (1, '`+t0+`', 'A. Reporter', 'Add party', 'create', 'card', 'c1', NULL, '`+created+`')`,
		`INSERT INTO history (change_no, at, author, label, action, entity, entity_id, before, after)
			VALUES (2, '`+t1+`', 'B. Editor', 'Edit title', 'update', 'card', 'c1', '`+created+`', '`+renamed+`')`,
	)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOpenStepsVersion2Up(t *testing.T) {
	path := writeVersion2(t)
	// Read-only, a version 2 file is read as it is: its history too.
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	old, err := ro.History("c1")
	ro.Close()
	if err != nil || len(old) != 2 || !strings.HasPrefix(old[0].What, "Renamed party: title Old party → Renamed party") {
		t.Fatalf("version 2 history read read-only: %v %+v", err, old)
	}
	cs, err := OpenCase(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	var v int
	cs.Store().db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != SchemaVersion {
		t.Fatalf("stepped up to %d", v)
	}
	// The old rows got a change each, with a UUID, keeping who and when.
	rows, err := cs.Store().db.Query(`SELECT no, uuid, at, author, label FROM changes ORDER BY no`)
	if err != nil {
		t.Fatal(err)
	}
	var uuids []string
	for rows.Next() {
		var no int
		var id, at, author, label string
		rows.Scan(&no, &id, &at, &author, &label)
		if len(id) != 36 || id[14] != '4' || at == "" || author == "" || label == "" {
			t.Errorf("change %d: %q %q %q %q", no, id, at, author, label)
		}
		uuids = append(uuids, id)
	}
	rows.Close()
	if len(uuids) != 2 || uuids[0] == uuids[1] {
		t.Fatalf("changes %q", uuids)
	}
	// A new change is recorded the new way beside the old rows, and both
	// read back as lines.
	c := cs.Model().Cards["c1"].Clone()
	c.X += 40
	if _, _, err := cs.Apply(Change{Label: "Move", PutCards: []Card{c}}); err != nil {
		t.Fatal(err)
	}
	hist, err := cs.Store().History("c1")
	if err != nil {
		t.Fatal(err)
	}
	var whats []string
	for _, e := range hist {
		whats = append(whats, e.What+" / "+e.Author)
	}
	want := []string{"Renamed party: moved to (50, 20) / ", "Renamed party: title Old party → Renamed party / B. Editor",
		"Old party: created (party) / A. Reporter"}
	if strings.Join(whats, "\n") != strings.Join(want, "\n") {
		t.Fatalf("history:\n%s\nwant:\n%s", strings.Join(whats, "\n"), strings.Join(want, "\n"))
	}
	var after string
	cs.Store().db.QueryRow(`SELECT after FROM history ORDER BY id DESC LIMIT 1`).Scan(&after)
	if after != `{"x":50,"y":20}` {
		t.Errorf("a move records %s", after)
	}
	// Merge walks the old rows and the new: the version before the rename
	// is one this board had, so a copy that still has it is behind.
	side, err := readMergeSide(cs.Store(), cs.Model())
	if err != nil {
		t.Fatal(err)
	}
	orig := *cs.Model().Cards["c1"]
	orig.Title, orig.X = "Old party", 10
	if !side.had("card", "c1", cardKey(&orig)) {
		t.Error("merge does not see the version before the rename")
	}
	orig.Title = "Never this"
	if side.had("card", "c1", cardKey(&orig)) {
		t.Error("merge sees a version the board never had")
	}
}
