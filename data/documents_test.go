package data

import (
	"bytes"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func newDocBoard(t *testing.T) (*Case, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "docs"+Extension)
	s, err := Create(path, Board{Title: "Docs"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	c, err := OpenCase(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, path
}

func testDoc(b []byte) Document {
	return Document{ID: DocumentID(b), Name: "a.txt", Type: "text", MIME: "text/plain", Size: int64(len(b)),
		Pages: 1, Bytes: b, Text: `[{"Page":1,"Number":1,"Text":"hello"}]`}
}

func TestDocumentsStoredOnceByHash(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 3*DocumentPartBytes/16+5) // four parts
	for _, tc := range []struct {
		name  string
		bytes []byte
		parts int
	}{
		{"empty", []byte{}, 1},
		{"small", []byte("hello, world"), 1},
		{"exactly one part", bytes.Repeat([]byte{'x'}, DocumentPartBytes), 1},
		{"four parts", big, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, path := newDocBoard(t)
			d := testDoc(tc.bytes)
			card := Card{ID: NewID(), Kind: KindSource, Title: "A", Width: 220, Height: 90, Document: d.ID}
			_, undo, err := c.Apply(Change{Label: "Add source", PutDocuments: []Document{d}, PutCards: []Card{card}})
			if err != nil {
				t.Fatal(err)
			}
			// The same document again: stored once, no error.
			if _, _, err := c.Apply(Change{Label: "Again", PutDocuments: []Document{testDoc(tc.bytes)}}); err != nil {
				t.Fatal(err)
			}
			var n, parts int
			c.Store().db.QueryRow(`SELECT count(*) FROM documents`).Scan(&n)
			c.Store().db.QueryRow(`SELECT count(*) FROM document_parts`).Scan(&parts)
			if n != 1 || parts != tc.parts {
				t.Fatalf("%d documents in %d parts, want 1 in %d", n, parts, tc.parts)
			}
			got, err := c.Store().DocumentBytes(d.ID)
			if err != nil || !bytes.Equal(got, tc.bytes) {
				t.Fatalf("bytes read back differ (%v)", err)
			}
			if m := c.Model().Documents[d.ID]; m == nil || m.Bytes != nil || m.Size != int64(len(tc.bytes)) {
				t.Fatalf("model holds %+v", m)
			}
			// Deleting the document clears the card's reference, and undo
			// brings the bytes back.
			_, undoDel, err := c.Apply(Change{Label: "Remove", DeleteDocuments: []string{d.ID}})
			if err != nil {
				t.Fatal(err)
			}
			if c.Model().Cards[card.ID].Document != "" {
				t.Fatal("the card still names a deleted document")
			}
			if _, _, err := c.Apply(undoDel); err != nil {
				t.Fatal(err)
			}
			if got, err := c.Store().DocumentBytes(d.ID); err != nil || !bytes.Equal(got, tc.bytes) {
				t.Fatalf("undo did not restore the bytes (%v)", err)
			}
			if c.Model().Cards[card.ID].Document != d.ID {
				t.Fatal("undo did not restore the card's reference")
			}
			if _, _, err := c.Apply(undo); err != nil {
				t.Fatal(err)
			}
			c.Close()
			rep, err := Inspect(path, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.model.Documents) != 0 || len(rep.Warnings) != 0 {
				t.Fatalf("after undo: %d documents, warnings %v", len(rep.model.Documents), rep.Warnings)
			}
			// The history records metadata, never the bytes.
			db, _ := sql.Open("sqlite", path)
			defer db.Close()
			var hist int
			db.QueryRow(`SELECT count(*) FROM history WHERE entity = 'document' AND (after LIKE '%hello%' OR before LIKE '%hello%')`).Scan(&hist)
			if hist != 0 {
				t.Fatal("the history holds a document's text")
			}
			db.QueryRow(`SELECT count(*) FROM history WHERE entity = 'document'`).Scan(&hist)
			if hist == 0 {
				t.Fatal("no history of the document")
			}
		})
	}
}

func TestDocumentRefusedBadPuts(t *testing.T) {
	c, _ := newDocBoard(t)
	good := testDoc([]byte("abc"))
	for _, tc := range []struct {
		name string
		d    Document
		want string
	}{
		{"not a hash", Document{ID: "x", Bytes: []byte("abc"), Size: 3}, "not a SHA-256"},
		{"wrong hash", func() Document { d := good; d.Bytes = []byte("abd"); return d }(), "do not match"},
		{"no bytes", func() Document { d := good; d.Bytes = nil; return d }(), "not in the change"},
		{"too big", func() Document { d := good; d.Size = MaxDocumentBytes + 1; return d }(), "over the limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := c.Apply(Change{PutDocuments: []Document{tc.d}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			if len(c.Model().Documents) != 0 {
				t.Fatal("the model changed")
			}
		})
	}
}

// A document whose stored bytes no longer match its hash is refused on
// opening, with a warning; the board opens.
func TestDocumentTamperedIsRefusedNotTheBoard(t *testing.T) {
	c, path := newDocBoard(t)
	a, b := testDoc([]byte("first document")), testDoc([]byte("second document"))
	if _, _, err := c.Apply(Change{PutDocuments: []Document{a, b}}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE document_parts SET bytes = X'00' WHERE sha256 = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	c2, err := OpenCase(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if c2.Model().Documents[a.ID].Unreadable == "" || c2.Model().Documents[b.ID].Unreadable != "" {
		t.Fatal("wrong document marked unreadable")
	}
	w := c2.Model().Warnings()
	if len(w) != 1 || !strings.Contains(w[0], a.ID[:12]) || !strings.Contains(w[0], "SHA-256") {
		t.Fatalf("warnings %q", w)
	}
	if _, err := c2.Store().DocumentBytes(a.ID); err == nil {
		t.Fatal("tampered bytes were handed out")
	}
}

// writeVersion3 makes a board as schema 3 left it: one source card, made
// by one change.
func writeVersion3(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v3"+Extension)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)}
	for v := 1; v <= 3; v++ {
		text, err := schemaFS.ReadFile(fmt.Sprintf("schema/%d.sql", v))
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(text))
	}
	const t0 = "2025-01-02T03:04:05.000Z"
	stmts = append(stmts, `PRAGMA user_version = 3`,
		`INSERT INTO board (id, title, created, updated) VALUES (1, 'Old case', '`+t0+`', '`+t0+`')`,
		`INSERT INTO cards (id, kind, title, x, y, width, height, created, updated)
			VALUES ('c1', 'source', 'Old source', 10, 20, 220, 90, '`+t0+`', '`+t0+`')`,
		`INSERT INTO changes (no, uuid, at, author, label) VALUES (1, '5f0c8a9e-0b1d-4c2e-9f3a-1b2c3d4e5f60', '`+t0+`', 'A', 'Add source')`,
		`INSERT INTO history (change_no, at, action, entity, entity_id, before, after)
			VALUES (1, '', 'create', 'card', 'c1', NULL, '{"kind":"source","title":"Old source","x":10,"y":20}')`)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOpenStepsVersion3Up(t *testing.T) {
	path := writeVersion3(t)
	rep, err := Inspect(path, true)
	if err != nil || rep.Version != 3 || rep.Counts.ByKind[KindSource] != 1 {
		t.Fatalf("version 3 board read as %+v, %v", rep, err)
	}
	c, err := OpenCase(path)
	if err != nil {
		t.Fatal(err)
	}
	d := testDoc([]byte("the old source's text"))
	card := c.Model().Cards["c1"].Clone()
	card.Document = d.ID
	if _, _, err := c.Apply(Change{Label: "Attach", PutDocuments: []Document{d}, PutCards: []Card{card}}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	rep, err = Inspect(path, true)
	if err != nil || rep.Version != SchemaVersion {
		t.Fatalf("after opening: %+v, %v", rep, err)
	}
	if rep.model.Cards["c1"].Document != d.ID || rep.model.Documents[d.ID] == nil {
		t.Fatal("the document did not survive reopening")
	}
}

// Merging brings in theirs' documents that their cards need, by hash:
// one both sides have is not copied again.
func TestMergeBringsDocumentsByHash(t *testing.T) {
	mine, minePath := newDocBoard(t)
	shared := testDoc([]byte("a document both have"))
	if _, _, err := mine.Apply(Change{PutDocuments: []Document{shared}}); err != nil {
		t.Fatal(err)
	}
	mine.Close()
	theirsPath := filepath.Join(t.TempDir(), "theirs"+Extension)
	if err := copyFile(minePath, theirsPath); err != nil {
		t.Fatal(err)
	}
	theirs, err := OpenCase(theirsPath)
	if err != nil {
		t.Fatal(err)
	}
	only := testDoc([]byte("a document only they have"))
	cards := []Card{
		{ID: NewID(), Kind: KindSource, Title: "Theirs", Width: 220, Height: 90, Document: only.ID},
		{ID: NewID(), Kind: KindSource, Title: "Shared", Width: 220, Height: 90, Document: shared.ID, Y: 200},
	}
	if _, _, err := theirs.Apply(Change{PutDocuments: []Document{only}, PutCards: cards}); err != nil {
		t.Fatal(err)
	}
	theirs.Close()
	mine, err = OpenCase(minePath)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	if _, _, err := mine.Merge(theirsPath); err != nil {
		t.Fatal(err)
	}
	if len(mine.Model().Documents) != 2 {
		t.Fatalf("%d documents after the merge, want 2", len(mine.Model().Documents))
	}
	if b, err := mine.Store().DocumentBytes(only.ID); err != nil || string(b) != "a document only they have" {
		t.Fatalf("their document's bytes: %q, %v", b, err)
	}
	if mine.Model().Cards[cards[0].ID].Document != only.ID {
		t.Fatal("their card lost its document")
	}
}

// Replaying another copy's changes: a document's metadata update and its
// deletion replay; its creation does not (the bytes are not in the
// history), while the card that names it does.
func TestReplayDocuments(t *testing.T) {
	a, aPath := newDocBoard(t)
	d := testDoc([]byte("shared"))
	if _, _, err := a.Apply(Change{PutDocuments: []Document{d}}); err != nil {
		t.Fatal(err)
	}
	bPath := filepath.Join(t.TempDir(), "b"+Extension)
	if err := a.Store().SaveCopy(bPath); err != nil {
		t.Fatal(err)
	}
	b, err := OpenCase(bPath)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var seen int64
	a.Store().db.QueryRow(`SELECT max(no) FROM changes`).Scan(&seen)
	renamed := *a.Model().Documents[d.ID]
	renamed.Title = "Renamed"
	e := testDoc([]byte("only on a"))
	card := Card{ID: NewID(), Kind: KindSource, Width: 220, Height: 90, Document: e.ID}
	for _, ch := range []Change{
		{Label: "Rename", PutDocuments: []Document{renamed}},
		{Label: "Add", PutDocuments: []Document{e}, PutCards: []Card{card}},
		{Label: "Delete", DeleteDocuments: []string{d.ID}},
	} {
		if _, _, err := a.Apply(ch); err != nil {
			t.Fatal(err)
		}
	}
	logs, err := a.Store().ChangesSince(seen)
	if err != nil || len(logs) != 3 {
		t.Fatalf("%d changes, %v (%s)", len(logs), err, aPath)
	}
	for i, cl := range logs {
		ch, err := b.Model().Replay(cl)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := b.Apply(ch); err != nil {
			t.Fatalf("replaying %q: %v", cl.Label, err)
		}
		if i == 0 && b.Model().Documents[d.ID].Title != "Renamed" {
			t.Fatal("the rename did not replay")
		}
	}
	if len(b.Model().Documents) != 0 || b.Model().Cards[card.ID] == nil {
		t.Fatalf("after replay: %d documents, card %v", len(b.Model().Documents), b.Model().Cards[card.ID])
	}
}

// BenchmarkAddDocument10MB adds a 10 MB document (in ten parts) to a
// board in one change, as source add does after extraction.
func BenchmarkAddDocument10MB(b *testing.B) {
	raw := bytes.Repeat([]byte("evidence "), 10<<20/9)
	text := `[{"page":1,"paragraph":1,"text":"` + strings.Repeat("evidence ", 1<<20/9) + `"}]`
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "bench"+Extension)
		s, err := Create(path, Board{})
		if err != nil {
			b.Fatal(err)
		}
		c := NewCase(s, NewModel(Board{}))
		d := Document{ID: DocumentID(raw), Name: "big.txt", Type: "text", Size: int64(len(raw)), Pages: 1, Bytes: raw, Text: text}
		b.StartTimer()
		if _, _, err := c.Apply(Change{PutDocuments: []Document{d}}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		c.Close()
	}
}

// Parts that belong to no document are damage, refused on opening.
func TestOrphanDocumentPartsRefused(t *testing.T) {
	c, path := newDocBoard(t)
	c.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA foreign_keys = OFF; INSERT INTO document_parts (sha256, part, bytes) VALUES ('x', 0, X'00')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Inspect(path, false); err == nil || !strings.Contains(err.Error(), "1 document parts belong to no document") {
		t.Fatalf("got %v", err)
	}
}

// A document row or part of the wrong type is damage, like any other
// row's (checkValues).
func TestDocumentValueTypesRefused(t *testing.T) {
	for _, tc := range []struct{ name, stmt string }{
		{"blob document name", `UPDATE documents SET name = x'41'`},
		{"text size", `UPDATE documents SET size = 'big'`},
		{"text bytes", `UPDATE document_parts SET bytes = 'abc'`},
		{"blob card document", `UPDATE cards SET document = CAST(document AS BLOB)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, path := newDocBoard(t)
			d := testDoc([]byte("abc"))
			card := Card{ID: NewID(), Kind: KindSource, Width: 220, Height: 90, Document: d.ID}
			if _, _, err := c.Apply(Change{PutDocuments: []Document{d}, PutCards: []Card{card}}); err != nil {
				t.Fatal(err)
			}
			c.Close()
			if err := rawExec(path, tc.stmt); err != nil {
				t.Fatal(err)
			}
			// Open, as the app does: the file changed since this app closed
			// it, so it gets the full checks.
			if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "wrong type") {
				t.Fatalf("got %v", err)
			}
		})
	}
}
