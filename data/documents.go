package data

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// EntityDocument is a source document stored inside the board.
const EntityDocument EntityKind = "document"

// Limits on the documents a board holds. MaxDocumentBytes is the
// extractor's (app/format/source.MaxDocumentBytes); it is repeated here
// because data does not import the extractor, and a test keeps the two
// equal.
const (
	MaxDocumentBytes     = 50 << 20
	MaxDocuments         = 10_000
	MaxDocumentTextBytes = LimitLength - 1<<20 // the text's JSON is one value
	// DocumentPartBytes is the size of each stored part of a document's
	// bytes: a SQLite value on our connections may not pass LimitLength.
	DocumentPartBytes = 1 << 20
)

// Document is a source document kept inside the board, content-addressed:
// its ID is the SHA-256 (lower-case hex) of its original bytes. The model
// holds its metadata only; the bytes and the text are read on demand
// (Store.DocumentBytes, Store.DocumentText) and are never in the history.
type Document struct {
	ID    string `json:"id"`   // SHA-256 of the bytes, hex
	Name  string `json:"name"` // the file name it was added from
	Type  string `json:"type"` // "text", "markdown", "html", "pdf", "png", "jpeg"
	MIME  string `json:"mime"`
	Title string `json:"title"`
	Size  int64  `json:"size"`
	Pages int    `json:"pages"`

	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`

	// Bytes and Text travel only in a Change that adds the document (Text
	// is its extracted paragraphs as JSON, as the extractor's caller
	// chooses to keep them). The model keeps neither.
	Bytes []byte `json:"-"`
	Text  string `json:"-"`

	// Unreadable is set on loading when the stored bytes do not match the
	// SHA-256 or are missing: the document is refused, the board is not.
	Unreadable string `json:"-"`
}

// DocumentID is the ID a document with these bytes has.
func DocumentID(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Validate checks a document's metadata and, when it carries them, that
// its bytes hash to its ID.
func (d *Document) Validate() error {
	if len(d.ID) != 64 || !isHex(d.ID) {
		return fmt.Errorf("document %q: the id is not a SHA-256", trimName(d.ID))
	}
	if d.Size < 0 || d.Size > MaxDocumentBytes {
		return fmt.Errorf("document %s: size %d is over the limit of %d bytes", d.ID[:12], d.Size, MaxDocumentBytes)
	}
	if d.Pages < 0 || d.Pages > 1_000_000 {
		return fmt.Errorf("document %s: %d pages", d.ID[:12], d.Pages)
	}
	if len(d.Text) > MaxDocumentTextBytes {
		return fmt.Errorf("document %s: its text is over the limit of %d bytes", d.ID[:12], MaxDocumentTextBytes)
	}
	if d.Bytes != nil {
		if int64(len(d.Bytes)) != d.Size {
			return fmt.Errorf("document %s: size %d, but %d bytes given", d.ID[:12], d.Size, len(d.Bytes))
		}
		if DocumentID(d.Bytes) != d.ID {
			return fmt.Errorf("document %s: the bytes do not match its SHA-256", d.ID[:12])
		}
	}
	for _, t := range []string{d.Name, d.Type, d.MIME, d.Title} {
		if err := checkText(t); err != nil {
			return fmt.Errorf("document %s: %v", d.ID[:12], err)
		}
	}
	return nil
}

func isHex(s string) bool {
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}

var documentDef = &entityDef[Document]{
	kind:  EntityDocument,
	table: "documents",
	fields: []field[Document]{
		textField("name", func(d *Document) *string { return &d.Name }),
		textField("type", func(d *Document) *string { return &d.Type }),
		textField("mime", func(d *Document) *string { return &d.MIME }),
		textField("title", func(d *Document) *string { return &d.Title }),
		{name: "size", column: true, get: func(d *Document) any { return float64(d.Size) },
			set: func(d *Document, v any) { d.Size = clampInt(num(v)) }},
		{name: "pages", column: true, get: func(d *Document) any { return float64(d.Pages) },
			set: func(d *Document, v any) { d.Pages = int(clampInt(num(v))) }},
		timeField("created", func(d *Document) *time.Time { return &d.Created }),
	},
	stamp: func(d *Document) (*time.Time, *time.Time) { return &d.Created, &d.Updated },
	sqlValue: func(name string, v any) any {
		if name == "size" || name == "pages" {
			return int64(num(v))
		}
		return v
	},
}

// putDocument writes a document's metadata through the seam and, when it
// is new to the file, its text and its bytes in parts. A document already
// in the file keeps its bytes: same hash, same document.
func (w *writer) putDocument(d *Document) error {
	old := w.document(d.ID)
	if old == nil {
		var exists int
		err := w.QueryRow(`SELECT count(*) FROM documents WHERE id = ?`, d.ID).Scan(&exists)
		if err != nil {
			return err
		}
		if exists > 0 {
			return fmt.Errorf("document %s is in the file but not in the model", d.ID[:12])
		}
		if d.Bytes == nil {
			return fmt.Errorf("document %s: its bytes are not in the change", d.ID[:12])
		}
	}
	if _, err := putEntity(w, documentDef, d.ID, old, d); err != nil {
		return err
	}
	if old == nil {
		if _, err := w.exec(`UPDATE documents SET text = ? WHERE id = ?`, d.Text, d.ID); err != nil {
			return err
		}
		// An empty document still has its one (empty) part.
		for part, i := 0, 0; part == 0 || i < len(d.Bytes); part++ {
			end := min(i+DocumentPartBytes, len(d.Bytes))
			if _, err := w.exec(`INSERT INTO document_parts (sha256, part, bytes) VALUES (?, ?, ?)`,
				d.ID, part, d.Bytes[i:end:end]); err != nil {
				return err
			}
			i = end
		}
	}
	dd := d.meta()
	w.docs[d.ID] = &dd
	return nil
}

func (w *writer) deleteDocument(id string) error {
	old := w.document(id)
	if old == nil {
		return nil
	}
	if _, err := w.exec(`DELETE FROM document_parts WHERE sha256 = ?`, id); err != nil {
		return err
	}
	if err := deleteEntity(w, documentDef, id, old); err != nil {
		return err
	}
	w.docs[id] = nil
	return nil
}

func (w *writer) document(id string) *Document {
	if d, ok := w.docs[id]; ok {
		return d
	}
	return w.m.Documents[id]
}

// meta is d without its bytes and text: what the model keeps.
func (d *Document) meta() Document {
	dd := *d
	dd.Bytes, dd.Text = nil, ""
	return dd
}

// DocumentBytes reads a stored document's original bytes, checking them
// against its SHA-256.
func (s *Store) DocumentBytes(id string) ([]byte, error) {
	if s.db == nil {
		return nil, fileErr(s.path, "the board is closed")
	}
	b, err := readDocumentBytes(s.db, id)
	if err != nil {
		return nil, fileErr(s.path, "%v", err)
	}
	return b, nil
}

// DocumentText reads the extracted text stored with a document (the JSON
// its adder chose; see Document.Text).
func (s *Store) DocumentText(id string) (string, error) {
	if s.db == nil {
		return "", fileErr(s.path, "the board is closed")
	}
	var t string
	err := s.db.QueryRow(`SELECT text FROM documents WHERE id = ?`, id).Scan(&t)
	if err == sql.ErrNoRows {
		return "", fileErr(s.path, "holds no document %s", trimName(id))
	}
	if err != nil {
		return "", fileErr(s.path, "%v", shortSQLiteErr(err))
	}
	return t, nil
}

func readDocumentBytes(q queryer, id string) ([]byte, error) {
	var size int64
	err := q.QueryRow(`SELECT size FROM documents WHERE id = ?`, id).Scan(&size)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("holds no document %s", trimName(id))
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(`SELECT bytes FROM document_parts WHERE sha256 = ? ORDER BY part`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var buf bytes.Buffer
	for rows.Next() {
		var part []byte
		if err := rows.Scan(&part); err != nil {
			return nil, err
		}
		if int64(buf.Len()+len(part)) > min(size, MaxDocumentBytes) {
			return nil, fmt.Errorf("document %s: its stored bytes are longer than its size", id[:min(12, len(id))])
		}
		buf.Write(part)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if DocumentID(buf.Bytes()) != id {
		return nil, fmt.Errorf("document %s: its stored bytes do not match its SHA-256", id[:min(12, len(id))])
	}
	// Never nil, even for an empty document: nil means "no bytes" to
	// the writer.
	if b := buf.Bytes(); b != nil {
		return b, nil
	}
	return []byte{}, nil
}

// loadDocuments reads every document's metadata into m and checks each
// one's bytes against its hash: a document that fails is marked
// Unreadable, and the board still opens.
func loadDocuments(q queryer, m *Model) error {
	rows, err := q.Query(`SELECT id, name, type, mime, title, size, pages, created, updated FROM documents`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var d Document
		var created, updated string
		if err := rows.Scan(&d.ID, &d.Name, &d.Type, &d.MIME, &d.Title, &d.Size, &d.Pages, &created, &updated); err != nil {
			rows.Close()
			return fmt.Errorf("reading documents: %v", err)
		}
		d.Created, d.Updated = parseTime(created), parseTime(updated)
		if err := d.Validate(); err != nil {
			d.Unreadable = err.Error()
		}
		m.Documents[d.ID] = &d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range m.Documents {
		if d.Unreadable != "" {
			continue
		}
		if _, err := readDocumentBytes(q, d.ID); err != nil {
			d.Unreadable = err.Error()
		}
	}
	return nil
}

// Warnings lists what is wrong with a board that still opens: each
// unreadable document, one line each, sorted.
func (m *Model) Warnings() []string {
	var out []string
	for _, id := range sortedKeys(m.Documents) {
		if d := m.Documents[id]; d.Unreadable != "" {
			short := id[:min(12, len(id))]
			why := strings.TrimPrefix(d.Unreadable, "document "+short+": ")
			out = append(out, fmt.Sprintf("document %s (%s) refused: %s", short, Printable(trimName(d.Name)), Printable(why)))
		}
	}
	return out
}
