package team

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

// Source documents travel apart from the changes: a change's records hold
// a document's metadata (the history never holds bytes), and the bytes go
// to the server's documents table once per case, keyed by their SHA-256.
// A push uploads the bytes of the documents its changes create, in the
// same server transaction as the changes, so a copy that pulls a change
// finds them. A pull fetches the documents a copy lacks, checks each
// against its SHA-256, and extracts its text here, with the extractor
// that checks a document added from a file: the server is trusted no more
// than a file, and it never sends text.

// createdDocuments lists the documents the changes create, in order, once.
func createdDocuments(logs []data.ChangeLog) []data.Record {
	var out []data.Record
	seen := map[string]bool{}
	for _, cl := range logs {
		for _, r := range cl.Records {
			if r.Entity == data.EntityDocument && r.Action == "create" && !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// uploadDocuments sends, inside the push's transaction, the bytes of the
// documents logs create that the case does not have yet. A document this
// copy no longer holds (made and deleted again before the push) is not
// sent; a copy that pulls its creation goes without it.
func uploadDocuments(ctx context.Context, tx pgx.Tx, l *Link, s *data.Store, logs []data.ChangeLog) error {
	recs := createdDocuments(logs)
	if len(recs) == 0 || s == nil {
		return nil
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	has := map[string]bool{}
	rows, err := tx.Query(ctx, `SELECT sha256 FROM evidenceboard.documents WHERE case_id = $1 AND sha256 = ANY($2)`, l.CaseID, ids)
	if err != nil {
		return pushErr(l, err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return serverErr(l.Server, err)
		}
		has[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return pushErr(l, err)
	}
	for _, id := range ids {
		if has[id] {
			continue
		}
		b, err := s.DocumentBytes(id)
		if err != nil {
			continue // not here (deleted since, or refused on opening)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO evidenceboard.documents (case_id, sha256, size, content) VALUES ($1, $2, $3, $4)
			ON CONFLICT (case_id, sha256) DO NOTHING`, l.CaseID, id, len(b), b); err != nil {
			return pushErr(l, err)
		}
	}
	return nil
}

// fetched is a document fetched from the server: ready to put (with its
// bytes and text), missing there (doc nil), or refused (err).
type fetched struct {
	doc *data.Document
	err error
}

// wantedDocuments lists the documents the pulled changes create that m
// does not hold readable and that are not fetched already. It reads the
// model: a window calls it on the goroutine that owns the board.
func wantedDocuments(m *data.Model, logs []pulledLog, got map[string]fetched) []data.Record {
	var out []data.Record
	seen := map[string]bool{}
	for _, p := range logs {
		for _, r := range createdDocuments([]data.ChangeLog{p.log}) {
			if _, ok := got[r.ID]; ok || seen[r.ID] {
				continue
			}
			if d := m.Documents[r.ID]; d != nil && d.Unreadable == "" {
				continue
			}
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out
}

// fetchDocuments fetches the wanted documents into got, one at a time
// (each may be 50 MiB). It touches no model: a window runs it off the UI
// goroutine.
func fetchDocuments(ctx context.Context, conn *pgx.Conn, l *Link, wanted []data.Record, got map[string]fetched) error {
	for _, r := range wanted {
		var content []byte
		err := conn.QueryRow(ctx, `SELECT content FROM evidenceboard.documents WHERE case_id = $1 AND sha256 = $2`, l.CaseID, r.ID).Scan(&content)
		if err == pgx.ErrNoRows {
			got[r.ID] = fetched{}
			continue
		}
		if err != nil {
			return serverErr(l.Server, err)
		}
		if content == nil {
			content = []byte{} // nil is "no bytes" to the writer
		}
		got[r.ID] = checkDocument(r, content)
	}
	return nil
}

// checkDocument makes the document a creation record describes from the
// bytes the server sent: they must hash to its ID and pass the extractor,
// which makes its text. The name and title are the record's; the type,
// size and pages are what the bytes are.
func checkDocument(r data.Record, content []byte) fetched {
	meta := data.DocumentFromRecord(r)
	short := r.ID[:min(12, len(r.ID))]
	if len(content) > data.MaxDocumentBytes {
		return fetched{err: fmt.Errorf("the server's document %s is over the limit of %d bytes", short, data.MaxDocumentBytes)}
	}
	if data.DocumentID(content) != r.ID {
		return fetched{err: fmt.Errorf("the server's document %s does not match its SHA-256", short)}
	}
	doc, err := source.Extract(meta.Name, content)
	if err != nil {
		return fetched{err: fmt.Errorf("the server's document %s: %v", short, err)}
	}
	d, err := verify.Document(doc, content)
	if err != nil {
		return fetched{err: fmt.Errorf("the server's document %s: %v", short, err)}
	}
	d.Name, d.Title, d.Created = meta.Name, meta.Title, meta.Created
	if err := d.Validate(); err != nil {
		return fetched{err: fmt.Errorf("the server's %v", err)}
	}
	return fetched{doc: &d}
}

// addDocuments puts into ch, a pulled change made by Model.Replay (which
// cannot make a document from its record), the documents its records
// create that m does not hold readable. A document the server lacks is
// left out; one the server sent wrong is an error, which stops the pull.
func addDocuments(ch *data.Change, recs []data.Record, m *data.Model, got map[string]fetched) error {
	for _, r := range createdDocuments([]data.ChangeLog{{Records: recs}}) {
		if d := m.Documents[r.ID]; d != nil && d.Unreadable == "" && !slices.Contains(ch.DeleteDocuments, r.ID) {
			continue
		}
		if slices.ContainsFunc(ch.PutDocuments, func(d data.Document) bool { return d.ID == r.ID }) {
			continue
		}
		f := got[r.ID]
		if f.err != nil {
			return f.err
		}
		if f.doc != nil {
			if d := m.Documents[r.ID]; d != nil && d.Unreadable != "" && !slices.Contains(ch.DeleteDocuments, r.ID) {
				ch.DeleteDocuments = append(ch.DeleteDocuments, r.ID)
			}
			ch.PutDocuments = append(ch.PutDocuments, *f.doc)
		}
	}
	return nil
}
