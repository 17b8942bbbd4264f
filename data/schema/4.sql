-- Schema version 4: source documents inside the board. A document is
-- content-addressed: its id is the SHA-256 (hex) of its original bytes, so
-- the same document added twice is stored once. Its bytes are kept in parts
-- of at most 1 MiB (a value on our connections may not pass 16 MiB), its
-- extracted text as JSON (the paragraphs with their page numbers), so the
-- text need not be extracted again. A source card names its document.
CREATE TABLE documents (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL DEFAULT '',
    type    TEXT NOT NULL DEFAULT '',
    mime    TEXT NOT NULL DEFAULT '',
    title   TEXT NOT NULL DEFAULT '',
    size    INTEGER NOT NULL DEFAULT 0,
    pages   INTEGER NOT NULL DEFAULT 0,
    text    TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE document_parts (
    sha256 TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    part   INTEGER NOT NULL,
    bytes  BLOB NOT NULL,
    PRIMARY KEY (sha256, part)
);
ALTER TABLE cards ADD COLUMN document TEXT NOT NULL DEFAULT '';
-- A quote taken from a document keeps where it is as W3C Web Annotation
-- selectors (JSON), beside its locator for people ("p. 3, ¶ 12").
ALTER TABLE cards ADD COLUMN selector TEXT NOT NULL DEFAULT '';
