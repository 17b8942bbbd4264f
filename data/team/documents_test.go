package team

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

// addDoc adds a text document and a source card for it, as File → Add
// source document… does, and returns the document's ID.
func addDoc(t testing.TB, cs *data.Case, name, text string) string {
	t.Helper()
	raw := []byte(text)
	doc, err := source.Extract(name, raw)
	if err != nil {
		t.Fatal(err)
	}
	d, err := verify.Document(doc, raw)
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := verify.AddChange(cs.Model(), d, data.Card{X: 600, Y: 600})
	apply(t, cs, ch)
	return d.ID
}

// serverDocs counts the case's documents on the server, as its owner.
func serverDocs(t testing.TB, c *cluster, cs *data.Case) int {
	t.Helper()
	st, err := ReadStatus(cs.Store())
	if err != nil {
		t.Fatal(err)
	}
	conn, err := Connect(ctxT(t), c.URL("evb_owner"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(ctxT(t), `SELECT count(*) FROM evidenceboard.documents WHERE case_id = $1`, st.Link.CaseID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// sameDocument fails unless both copies hold the document, with the same
// bytes and text.
func sameDocument(t *testing.T, a, b *data.Case, id string) {
	t.Helper()
	for _, cs := range []*data.Case{a, b} {
		if d := cs.Model().Documents[id]; d == nil || d.Unreadable != "" {
			t.Fatalf("%s lacks document %s: %+v", cs.Store().Author, id[:12], d)
		}
	}
	ab, err1 := a.Store().DocumentBytes(id)
	bb, err2 := b.Store().DocumentBytes(id)
	at, err3 := a.Store().DocumentText(id)
	bt, err4 := b.Store().DocumentText(id)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		t.Fatal(err1, err2, err3, err4)
	}
	if !bytes.Equal(ab, bb) || at != bt || at == "" {
		t.Errorf("document %s differs between the copies (text %q vs %q)", id[:12], at, bt)
	}
	if a.Model().Documents[id].Name != b.Model().Documents[id].Name {
		t.Errorf("document %s: name %q vs %q", id[:12], a.Model().Documents[id].Name, b.Model().Documents[id].Name)
	}
}

// Documents go up with the publish and with a pushed change, once per
// case, and come down with a clone and a sync.
func TestDocumentsTravel(t *testing.T) {
	c := needServer(t)
	alice := newBoard(t, "alice", "alice")
	first := addDoc(t, alice, "minutes.txt", "The harbour board met on 3 May.\n\nThe contract went to Blue Crane.")
	if err := Publish(ctxT(t), alice, c.URL("alice"), "docs"); err != nil {
		t.Fatal(err)
	}
	if err := Grant(ctxT(t), c.URL("alice"), "docs", "newsroom"); err != nil {
		t.Fatal(err)
	}
	if n := serverDocs(t, c, alice); n != 1 {
		t.Fatalf("publish: the server holds %d documents, want 1", n)
	}
	bob := clone(t, c, "bob", "docs")
	sameDocument(t, alice, bob, first)

	// A new document goes up with the change that adds it; a second
	// source card on the same bytes sends nothing more.
	second := addDoc(t, alice, "letter.md", "# A letter\n\nDear sir, the invoice is attached.")
	addDoc(t, alice, "minutes.txt", "The harbour board met on 3 May.\n\nThe contract went to Blue Crane.")
	if res := sync1(t, alice); res.Pushed != 2 {
		t.Errorf("pushed %d, want 2", res.Pushed)
	}
	if n := serverDocs(t, c, alice); n != 2 {
		t.Errorf("the server holds %d documents, want 2 (once per case)", n)
	}
	if res := sync1(t, bob); res.Pulled != 2 {
		t.Errorf("pulled %d, want 2", res.Pulled)
	}
	sameDocument(t, alice, bob, second)
	if got, want := dump(bob.Model()), dump(alice.Model()); got != want {
		t.Fatalf("copies differ:\n%s\nwant\n%s", got, want)
	}
	// Bob's own document reaches alice the same way.
	third := addDoc(t, bob, "note.txt", "Bob's note on the tender.")
	sync1(t, bob)
	sync1(t, alice)
	sameDocument(t, alice, bob, third)
	if reload(t, alice) != dump(alice.Model()) {
		t.Fatal("alice's file and model differ")
	}
}

// The server is trusted no more than a file: a document whose bytes do
// not match its SHA-256, or that the extractor refuses, stops the pull at
// the change that creates it, and the board does not change.
func TestHostileDocuments(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "hostile-docs")
	bob := clone(t, c, "bob", "hostile-docs")
	st, _ := ReadStatus(alice.Store())
	notPDF := []byte("%PDF-1.4\ngarbage, no trailer")
	for _, tc := range []struct {
		name    string
		id      string
		content []byte
		want    string
	}{
		{"swapped.txt", data.DocumentID([]byte("the real words")), []byte("other words"), "does not match its SHA-256"},
		{"fake.pdf", data.DocumentID(notPDF), notPDF, "the PDF is damaged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			admin, err := Connect(ctxT(t), c.URL("evb_owner"))
			if err != nil {
				t.Fatal(err)
			}
			defer admin.Close(context.Background())
			card := data.NewID()
			recs := `[{"action":"create","entity":"document","id":"` + tc.id + `","after":{"name":"` + tc.name + `","type":"text","mime":"text/plain","title":"","size":` +
				itoa(len(tc.content)) + `,"pages":1}},{"action":"create","entity":"card","id":"` + card + `","after":{"kind":"source","title":"S","width":200,"height":100,"document":"` + tc.id + `"}}]`
			if _, err := admin.Exec(ctxT(t), `INSERT INTO evidenceboard.documents (case_id, sha256, size, content, added_by) VALUES ($1, $2, $3, $4, 'alice')`,
				st.Link.CaseID, tc.id, len(tc.content), tc.content); err != nil {
				t.Fatal(err)
			}
			if _, err := admin.Exec(ctxT(t), `INSERT INTO evidenceboard.changes (case_id, uuid, at, records, pushed_by) VALUES ($1, gen_random_uuid(), now(), $2::jsonb, 'alice')`,
				st.Link.CaseID, recs); err != nil {
				t.Fatal(err)
			}
			before := reload(t, bob)
			res, err := Sync(ctxT(t), bob)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "the pull stopped before it") {
				t.Fatalf("hostile document: %+v %v", res, err)
			}
			if bob.Model().Documents[tc.id] != nil || bob.Model().Cards[card] != nil || reload(t, bob) != before {
				t.Error("the hostile document's change was applied")
			}
			// Cleared away for the next case.
			admin.Exec(ctxT(t), `DELETE FROM evidenceboard.changes WHERE case_id = $1 AND records::text LIKE '%' || $2 || '%'`, st.Link.CaseID, tc.id)
		})
	}
}

// A change that creates a document the server has no bytes for (made and
// deleted again on its copy before the push) applies without it.
func TestDocumentMissingOnServer(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "missing-doc")
	bob := clone(t, c, "bob", "missing-doc")
	id := addDoc(t, alice, "gone.txt", "Soon deleted.")
	var src data.Card
	for _, card := range alice.Model().Cards {
		if card.Document == id {
			src = *card
		}
	}
	apply(t, alice, data.Change{Label: "Delete", DeleteCards: []string{src.ID}, DeleteDocuments: []string{id}})
	sync1(t, alice)
	if n := serverDocs(t, c, alice); n != 0 {
		t.Errorf("the server holds %d documents, want 0", n)
	}
	sync1(t, bob)
	if bob.Model().Documents[id] != nil {
		t.Error("bob has a document no one could send")
	}
	if got, want := dump(bob.Model()), dump(alice.Model()); got != want {
		t.Fatalf("copies differ:\n%s\nwant\n%s", got, want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
