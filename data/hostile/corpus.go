// Package hostile writes a corpus of hostile board files: files that are
// broken, or made to harm, with whatever lies beside them. It is for tests
// only (data's, the command line's): every case must be refused by
// data.Open, data.OpenReadOnly and data.Inspect with a *data.FileError - or
// repaired, where File.Repair says so - without a panic and without a byte
// of it changed. Production code never imports it.
package hostile

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"

	"evidenceboard/data"
	"evidenceboard/data/diskfault"

	_ "modernc.org/sqlite" // the "sqlite" driver rawExec opens files with
)

// SQLite's file-format constants. data keeps its own copies unexported;
// these are fixed by the SQLite file format, so they cannot drift apart.
const (
	journalSuffix = "-journal"
	walSuffix     = "-wal"
)

var (
	sqliteMagic  = []byte("SQLite format 3\x00")
	journalMagic = []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}
)

// File is one case of the corpus: a board file that is broken or made to
// harm, with whatever lies beside it.
type File struct {
	Name string
	Path string
	// Others are files beside Path that opening must leave unchanged as
	// well (a journal, a file a journal names).
	Others []string
	// Repair, when set, says what data.Recover does to the file, which
	// data.Open refuses with data.ErrHotJournal (the person chooses); the
	// repaired file then passes data.Inspect. Inspect (and so
	// `evidenceboard check`) still reports the file as bad beforehand.
	Repair string
}

// Corpus writes the hostile-file corpus into dir, a fresh folder, and
// returns its cases. Cases the system cannot make (a FIFO on Windows, a
// symbolic link without the privilege) are left out.
func Corpus(dir string) ([]File, error) {
	g := &corpus{dir: dir}
	if err := g.build(); err != nil {
		return nil, err
	}
	return g.cases, nil
}

// Merges writes into dir, a fresh folder, a good board (MINE) and boards
// made from it (THEIRS) that pass every check but would harm a merge into
// MINE that trusted them (issue 12, finding 7): every card and link of
// MINE deleted with tombstones dated 9999, every card edited at times
// dated 9999, and a link's tombstone carrying a card's id. What a merge
// must do with each is the test's (data/hostile_test.go).
func Merges(dir string) (mine string, theirs []File, err error) {
	g := &corpus{dir: dir}
	if err := g.makeBase(); err != nil {
		return "", nil, err
	}
	mine = g.path("mine")
	if err := os.WriteFile(mine, g.base, 0o644); err != nil {
		return "", nil, err
	}
	const future = "'9999-12-31T23:59:59.000Z'"
	g.fromBase("tombstones-dated-9999",
		`INSERT INTO deleted (id, entity, at) SELECT id, 'card', `+future+` FROM cards`,
		`INSERT INTO deleted (id, entity, at) SELECT id, 'link', `+future+` FROM links`,
		`DELETE FROM links`, `DELETE FROM tags`, `DELETE FROM cards`)
	g.fromBase("edits-dated-9999", `UPDATE cards SET title = title || ' (theirs)', updated = `+future)
	g.fromBase("link-tombstone-on-a-card-id",
		`INSERT INTO deleted (id, entity, at) VALUES ('claim', 'link', '2026-01-01T00:00:00.000Z')`)
	return mine, g.cases, g.err
}

// Case writes the corpus into dir, a fresh folder, and returns its case
// named name (File.Name): a test about one kind of damage.
func Case(dir, name string) (File, error) {
	cases, err := Corpus(dir)
	if err != nil {
		return File{}, err
	}
	for _, h := range cases {
		if h.Name == name {
			return h, nil
		}
	}
	return File{}, fmt.Errorf("the hostile corpus has no case %q", name)
}

type corpus struct {
	dir   string
	base  []byte // a good board
	cases []File
	err   error
}

func (g *corpus) path(name string) string { return filepath.Join(g.dir, name+data.Extension) }

func (g *corpus) add(h File) {
	if h.Path == "" {
		h.Path = g.path(h.Name)
	}
	g.cases = append(g.cases, h)
}

func (g *corpus) bytes(name string, b []byte) {
	if g.err != nil {
		return
	}
	g.err = os.WriteFile(g.path(name), b, 0o644)
	g.add(File{Name: name})
}

// fromBase writes the good board under name and changes it with
// statements run on a plain connection (foreign keys off, no hardening).
func (g *corpus) fromBase(name string, stmts ...string) {
	if g.err != nil {
		return
	}
	p := g.path(name)
	if g.err = os.WriteFile(p, g.base, 0o644); g.err != nil {
		return
	}
	g.err = rawExec(p, stmts...)
	if g.err != nil {
		g.err = fmt.Errorf("%s: %w", name, g.err)
		return
	}
	g.add(File{Name: name})
}

// patched writes the good board under name with bytes at off replaced.
func (g *corpus) patched(name string, off int, b []byte) {
	buf := append([]byte(nil), g.base...)
	copy(buf[off:], b)
	g.bytes(name, buf)
}

func rawExec(path string, stmts ...string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(0)&_pragma=journal_mode(DELETE)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return fmt.Errorf("%.60s: %w", s, err)
		}
	}
	return nil
}

// rootPage finds the first page of a table in a board's bytes.
func rootPage(board []byte, table string) (int, error) {
	tmp, err := os.CreateTemp("", "evboard-root-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	tmp.Write(board)
	tmp.Close()
	db, err := sql.Open("sqlite", "file:"+tmp.Name()+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var root int
	err = db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = ?`, table).Scan(&root)
	return root, err
}

// cardsKey is the primary key clause of the cards table's id column.
var cardsKey = regexp.MustCompile(`(?i)\bid(\s+)TEXT\s+PRIMARY\s+KEY`)

// withoutCardsKey makes at path an empty board whose schema is the good
// board's own (read back from it, so a schema step cannot leave the case
// behind) except that the cards table has no primary key.
func (g *corpus) withoutCardsKey(path string) error {
	tmp := path + ".base.tmp"
	if err := os.WriteFile(tmp, g.base, 0o644); err != nil {
		return err
	}
	defer os.Remove(tmp)
	db, err := sql.Open("sqlite", "file:"+tmp+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var appID, version int
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return err
	}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	rows, err := db.Query(`SELECT name, sql FROM sqlite_schema
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY rowid`)
	if err != nil {
		return err
	}
	defer rows.Close()
	stmts := []string{fmt.Sprintf("PRAGMA application_id = %d", appID), fmt.Sprintf("PRAGMA user_version = %d", version)}
	found := false
	for rows.Next() {
		var name, text string
		if err := rows.Scan(&name, &text); err != nil {
			return err
		}
		if name == "cards" {
			if !cardsKey.MatchString(text) {
				return fmt.Errorf("the cards table has no %q to take out", "id TEXT PRIMARY KEY")
			}
			text, found = cardsKey.ReplaceAllString(text, "id${1}TEXT"), true
		}
		stmts = append(stmts, text)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("the good board has no cards table")
	}
	return rawExec(path, stmts...)
}

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// makeBase makes the good board every case starts from (g.base): four
// cards of each kind a quote needs, two links, a tag.
func (g *corpus) makeBase() error {
	basePath := filepath.Join(g.dir, "base.tmp")
	s, err := data.Create(basePath, data.Board{Title: "Hostile base", Author: "corpus"})
	if err != nil {
		return err
	}
	ch := data.Change{Label: "Base", PutCards: []data.Card{
		{ID: "party", Kind: data.KindParty, Title: "A party", X: 0, Y: 0, Width: 200, Height: 80, Tags: []string{"t"}},
		{ID: "source", Kind: data.KindSource, Title: "A source", X: 300, Y: 0, Width: 200, Height: 80},
		{ID: "quote", Kind: data.KindQuote, Title: "A quote", QuoteText: "words", SpeakerID: "party", SourceID: "source",
			X: 0, Y: 200, Width: 260, Height: 150},
		{ID: "claim", Kind: data.KindClaim, Title: "A claim", Status: data.StatusAlleged, X: 300, Y: 200, Width: 240, Height: 120},
	}, PutLinks: []data.Link{
		{ID: "l1", From: "quote", To: "claim", Relation: "supports", Directed: true},
		{ID: "l2", From: "party", To: "claim", Relation: "alleges", Directed: true},
	}}
	if _, _, err := data.NewCase(s, data.NewModel(data.Board{})).Apply(ch); err != nil {
		s.Close()
		return err
	}
	s.Close()
	if g.base, err = os.ReadFile(basePath); err != nil {
		return err
	}
	os.Remove(basePath)
	return nil
}

func (g *corpus) build() error {
	if err := g.makeBase(); err != nil {
		return err
	}
	pageSize := int(binary.BigEndian.Uint16(g.base[16:18]))
	nPages := len(g.base) / pageSize

	// Not a board at all.
	g.bytes("empty", nil)
	g.bytes("truncated-in-header", g.base[:50])
	g.bytes("truncated-mid-page", g.base[:pageSize+700])
	g.bytes("truncated-whole-pages", g.base[:2*pageSize])
	g.bytes("truncated-last-page", g.base[:len(g.base)-100])
	rnd := rand.New(rand.NewSource(5))
	junk := make([]byte, 8192)
	rnd.Read(junk)
	g.bytes("random-bytes", junk)
	g.bytes("text-file", []byte("Dear colleague,\nplease find the board attached.\n"))
	var pngBuf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	png.Encode(&pngBuf, img)
	g.bytes("png-renamed", pngBuf.Bytes())
	sqliteJunk := append(append([]byte(nil), sqliteMagic...), junk[:4096-16]...)
	g.bytes("sqlite-magic-then-junk", sqliteJunk)
	if g.err == nil {
		p := g.path("other-application")
		g.err = rawExec(p, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`,
			`INSERT INTO notes (body) VALUES ('shopping list')`)
		g.add(File{Name: "other-application"})
	}
	if g.err == nil {
		p := g.path("other-application-id")
		g.err = rawExec(p, `PRAGMA application_id = 1598903374`, `PRAGMA user_version = 2`,
			`CREATE TABLE cards (id TEXT PRIMARY KEY)`)
		g.add(File{Name: "other-application-id"})
	}

	// Our header, wrong inside.
	g.patched("wrong-application-id", 68, be32(0x12345678))
	g.patched("newer-schema", 60, be32(data.SchemaVersion+1))
	g.patched("schema-version-zero", 60, be32(0))
	g.patched("impossible-page-size", 16, []byte{0x03, 0x00})
	g.patched("wal-mode-header", 18, []byte{2, 2})
	g.patched("utf16-encoding", 56, be32(2))
	g.patched("page-count-too-big", 28, be32(uint32(nPages+50)))
	{
		buf := append([]byte(nil), g.base...)
		// Garbage over every page but the first: the b-trees are wrecked.
		for off := pageSize; off < len(buf); off += pageSize {
			rnd.Read(buf[off+8 : off+pageSize-8])
		}
		g.bytes("corrupted-pages", buf)
	}
	if root, err := rootPage(g.base, "cards"); err == nil && root > 1 {
		buf := append([]byte(nil), g.base...)
		// The first cell pointer of the cards table's page aimed past the
		// page's end.
		off := (root - 1) * pageSize
		binary.BigEndian.PutUint16(buf[off+8:], 0xfff0)
		g.bytes("corrupted-cell-pointer", buf)
	} else if g.err == nil {
		g.err = fmt.Errorf("corrupted-cell-pointer: %v", err)
	}

	// Schema objects we did not make.
	g.fromBase("extra-trigger", `CREATE TRIGGER evil AFTER UPDATE ON cards BEGIN DELETE FROM links; END`)
	g.fromBase("extra-view", `CREATE VIEW evil AS SELECT * FROM cards`)
	g.fromBase("extra-table", `CREATE TABLE evil (x)`)
	g.fromBase("extra-index", `CREATE INDEX evil ON cards(title)`)
	g.fromBase("extra-column", `ALTER TABLE cards ADD COLUMN evil TEXT DEFAULT 'x'`)
	g.fromBase("analyze-stats", `ANALYZE`)
	g.fromBase("missing-table", `DROP TABLE tags`)
	if g.err == nil {
		// Duplicate UUIDs: the board's own schema with the cards table's
		// primary key taken out, and two cards with one id.
		p := g.path("duplicate-uuids")
		g.err = g.withoutCardsKey(p)
		if g.err == nil {
			g.err = rawExec(p, `INSERT INTO board (id, created, updated) VALUES (1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
				`INSERT INTO cards (id, kind, x, y, width, height, created, updated) VALUES
				('dup', 'note', 0, 0, 100, 50, '', ''), ('dup', 'claim', 10, 10, 100, 50, '', '')`)
		}
		if g.err != nil {
			g.err = fmt.Errorf("duplicate-uuids: %w", g.err)
		}
		g.add(File{Name: "duplicate-uuids"})
	}

	// Our schema, contents that break our invariants.
	g.fromBase("dangling-link", `INSERT INTO links (id, from_card, to_card, created, updated)
		VALUES ('l9', 'quote', 'nowhere', '', '')`)
	g.fromBase("dangling-speaker", `UPDATE cards SET speaker_id = 'nobody' WHERE id = 'quote'`)
	g.fromBase("dangling-tag", `INSERT INTO tags (card_id, tag) VALUES ('nobody', 'x')`)
	g.fromBase("nan-coordinate", `UPDATE cards SET x = 'NaN' WHERE id = 'claim'`)
	g.fromBase("infinite-coordinate", `UPDATE cards SET y = 9e999 WHERE id = 'claim'`)
	g.fromBase("huge-coordinate", `UPDATE cards SET x = 1e300 WHERE id = 'claim'`)
	g.fromBase("negative-size", `UPDATE cards SET width = -5 WHERE id = 'claim'`)
	g.fromBase("text-in-number", `UPDATE cards SET height = 'tall' WHERE id = 'claim'`)
	g.fromBase("text-in-integer", `UPDATE cards SET credibility = 'high' WHERE id = 'claim'`)
	g.fromBase("invalid-utf8", `UPDATE cards SET title = CAST(X'C328A0FF' AS TEXT) WHERE id = 'claim'`)
	g.fromBase("unknown-kind", `UPDATE cards SET kind = 'weapon' WHERE id = 'claim'`)
	g.fromBase("unknown-status", `UPDATE links SET status = 'proven!!' WHERE id = 'l1'`)
	g.fromBase("bad-colour", `UPDATE cards SET color = 'url(javascript:alert(1))' WHERE id = 'claim'`)
	g.fromBase("too-many-tags", `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
		INSERT INTO tags (card_id, tag) SELECT 'claim', 'tag' || i FROM n`)
	g.fromBase("text-2MB", `UPDATE cards SET body = printf('%.*c', 2000000, 'x') WHERE id = 'claim'`)
	g.fromBase("text-100MB", `UPDATE cards SET body = CAST(zeroblob(100000000) AS TEXT) WHERE id = 'claim'`)
	g.fromBase("no-board-row", `DELETE FROM board`)
	g.fromBase("bad-history", `INSERT INTO history (change_no, at, action, entity, entity_id, before, after)
		VALUES (99, '', 'explode', 'card', 'claim', '{', NULL)`)
	g.fromBase("bad-tombstone", `INSERT INTO deleted (id, entity, at) VALUES ('x', 'universe', '')`)

	// Issue 12's findings. A card id stored as a BLOB (its first edit
	// would write a second row with a text id): a copy of a card no
	// other refers to, under a BLOB id.
	g.fromBase("blob-card-id", `CREATE TEMP TABLE t AS SELECT * FROM cards WHERE id = 'claim'`,
		`UPDATE t SET id = CAST('blob-card' AS BLOB)`, `INSERT INTO cards SELECT * FROM t`)
	g.fromBase("text-just-over-1MiB", `UPDATE cards SET body = printf('%.*c', 1048577, 'x') WHERE id = 'claim'`)
	// Ten texts at the size limit, of quotes: each passes, but together they
	// make 20 MiB of JSON, and not even the record of the card's deletion
	// would fit SQLite's limit (issue 12, finding 13): the card could be
	// neither edited nor deleted.
	q := `printf('%.*c', 1048576, '"')`
	g.fromBase("card-texts-over-a-record", `UPDATE cards SET title = `+q+`, body = `+q+`, quote_text = `+q+`,
		locator = `+q+`, publisher = `+q+`, url = `+q+`, role = `+q+`, party_type = `+q+`, date = `+q+`,
		selector = `+q+` WHERE id = 'claim'`)
	g.fromBase("nul-in-text", `UPDATE cards SET title = 'A' || char(0) || 'BC' WHERE id = 'claim'`)
	g.fromBase("escape-in-title", `UPDATE board SET title = 'Case' || char(27) || '[2J' || char(27) || '[1;1H' || 'ok'`)
	g.fromBase("escape-in-card-id", `CREATE TEMP TABLE t AS SELECT * FROM cards WHERE id = 'claim'`,
		`UPDATE t SET id = char(27) || '[2J' || char(27) || '[1;1Hok'`, `INSERT INTO cards SELECT * FROM t`)
	g.swappedIndexRoots()
	// Issue 12's leftovers: a claim folded as if it were a group, and a
	// colour given to a tag with no name.
	g.fromBase("folded-non-group", `UPDATE cards SET folded = 1 WHERE id = 'claim'`)
	g.fromBase("tag-colour-without-a-name", `UPDATE board SET tag_colors = '{"":"#d64545","t":"#3f9142"}'`)
	g.fromBase("tag-colour-not-hex", `UPDATE board SET tag_colors = '{"t":"#3f914g"}'`)

	// What lies beside the file.
	g.withWAL()
	g.withJournals(pageSize)

	// Not a file.
	if g.err == nil {
		g.err = os.Mkdir(g.path("a-folder"), 0o755)
		g.add(File{Name: "a-folder"})
	}
	if g.err == nil {
		a, b := g.path("symlink-loop"), g.path("symlink-loop-2")
		if os.Symlink(b, a) == nil && os.Symlink(a, b) == nil {
			g.add(File{Name: "symlink-loop"})
		}
	}
	if g.err == nil {
		p := g.path("journal-is-a-folder")
		os.WriteFile(p, g.base, 0o644)
		os.Mkdir(p+journalSuffix, 0o755)
		g.add(File{Name: "journal-is-a-folder"})
	}
	// Junk where the journal goes, and a link to nowhere (issue 12,
	// finding 12: SQLite said "attempt to write a readonly database (776)"
	// and "unable to open database file (14)" on every edit, and check
	// said ok to the second).
	if g.err == nil {
		p := g.path("journal-is-junk")
		junk := make([]byte, 5000)
		rand.New(rand.NewSource(12)).Read(junk)
		if g.err = os.WriteFile(p, g.base, 0o644); g.err == nil {
			g.err = os.WriteFile(p+journalSuffix, junk, 0o644)
		}
		g.add(File{Name: "journal-is-junk", Others: []string{p + journalSuffix}})
	}
	if g.err == nil {
		p := g.path("journal-links-to-nowhere")
		if g.err = os.WriteFile(p, g.base, 0o644); g.err == nil &&
			os.Symlink(filepath.Join(g.dir, "no-such-folder", "journal"), p+journalSuffix) == nil {
			g.add(File{Name: "journal-links-to-nowhere"})
		}
	}
	// FIFOs and devices: Unix only (special_unix.go).
	g.special()
	g.add(File{Name: "missing"})
	return g.err
}

// withWAL puts a write-ahead log beside a good board.
func (g *corpus) withWAL() {
	if g.err != nil {
		return
	}
	p := g.path("wal-beside")
	if g.err = os.WriteFile(p, g.base, 0o644); g.err != nil {
		return
	}
	wal := make([]byte, 32+24+4096)
	binary.BigEndian.PutUint32(wal, 0x377f0682)
	binary.BigEndian.PutUint32(wal[4:], 3007000)
	binary.BigEndian.PutUint32(wal[8:], 4096)
	g.err = os.WriteFile(p+walSuffix, wal, 0o644)
	g.add(File{Name: "wal-beside", Others: []string{p + walSuffix}})
}

// withJournals makes three boards with a hot journal beside them: one our
// own crash would leave (Open rolls it back: the documented repair), one
// naming a super-journal (refused: SQLite would open and might delete the
// file it names), and one whose rollback would write page 1 of another
// application (refused after the trial on a copy).
func (g *corpus) withJournals(pageSize int) {
	if g.err != nil {
		return
	}
	own := g.path("journal-from-a-crash")
	journal, err := g.crashJournal(own)
	if err != nil {
		g.err = fmt.Errorf("journal-from-a-crash: %w", err)
		return
	}
	g.add(File{Name: "journal-from-a-crash", Others: nil,
		Repair: "undoes the unfinished change in the journal, as SQLite does, after a trial on a copy"})

	// The same crash, with a super-journal record naming a decoy file.
	sup := g.path("journal-names-super-journal")
	decoy := filepath.Join(g.dir, "decoy-super-journal.txt")
	if g.err = os.WriteFile(decoy, []byte("a file a stranger wants deleted\n"), 0o644); g.err != nil {
		return
	}
	main, _ := os.ReadFile(own)
	if g.err = os.WriteFile(sup, main, 0o644); g.err != nil {
		return
	}
	name := []byte(decoy)
	rec := append(be32(0), name...)
	var sum uint32
	for _, c := range name {
		sum += uint32(c)
	}
	rec = append(rec, be32(uint32(len(name)))...)
	rec = append(rec, be32(sum)...)
	rec = append(rec, journalMagic...)
	if g.err = os.WriteFile(sup+journalSuffix, append(append([]byte(nil), journal...), rec...), 0o644); g.err != nil {
		return
	}
	g.add(File{Name: "journal-names-super-journal", Others: []string{sup + journalSuffix, decoy}})

	// A hand-made journal that would roll page 1 back to another
	// application's id.
	bad := g.path("journal-rolls-back-to-foreign")
	if g.err = os.WriteFile(bad, g.base, 0o644); g.err != nil {
		return
	}
	const sector = 512
	j := make([]byte, sector)
	copy(j, journalMagic)
	binary.BigEndian.PutUint32(j[8:], 1)                             // records
	binary.BigEndian.PutUint32(j[12:], 0)                            // checksum nonce
	binary.BigEndian.PutUint32(j[16:], uint32(len(g.base)/pageSize)) // pages before the write
	binary.BigEndian.PutUint32(j[20:], sector)
	binary.BigEndian.PutUint32(j[24:], uint32(pageSize))
	page := append([]byte(nil), g.base[:pageSize]...)
	binary.BigEndian.PutUint32(page[68:], 0x0badf00d)
	var ck uint32
	for i := pageSize - 200; i > 0; i -= 200 {
		ck += uint32(page[i])
	}
	j = append(j, be32(1)...)
	j = append(j, page...)
	j = append(j, be32(ck)...)
	if g.err = os.WriteFile(bad+journalSuffix, j, 0o644); g.err != nil {
		return
	}
	g.add(File{Name: "journal-rolls-back-to-foreign", Others: []string{bad + journalSuffix}})

	// The crash's journal with a header giving the board 0x7fffffff pages
	// before the change: SQLite would make it an 8 TiB sparse file.
	bomb := g.path("journal-size-bomb")
	if g.err = os.WriteFile(bomb, main, 0o644); g.err != nil {
		return
	}
	bj := append([]byte(nil), journal...)
	binary.BigEndian.PutUint32(bj[16:], 0x7fffffff)
	if g.err = os.WriteFile(bomb+journalSuffix, bj, 0o644); g.err != nil {
		return
	}
	g.add(File{Name: "journal-size-bomb", Others: []string{bomb + journalSuffix}})

	// A journal whose one segment runs "to the end of the file", and the
	// file is 16 MiB (sparse): far more than a journal of this board.
	big := g.path("journal-oversized")
	if g.err = os.WriteFile(big, main, 0o644); g.err != nil {
		return
	}
	oj := append([]byte(nil), journal...)
	binary.BigEndian.PutUint32(oj[8:], 0xffffffff)
	if g.err = os.WriteFile(big+journalSuffix, oj, 0o644); g.err != nil {
		return
	}
	if g.err = os.Truncate(big+journalSuffix, 16<<20); g.err != nil {
		return
	}
	g.add(File{Name: "journal-oversized", Others: []string{big + journalSuffix}})

	// A journal of another copy of the same board, edited three times and
	// then crashed, beside the untouched board: rolled back, it would
	// replace the board's content with the copy's.
	foreign := g.path("journal-from-another-copy")
	work := filepath.Join(g.dir, "edited-copy.tmp")
	if g.err = os.WriteFile(work, g.base, 0o644); g.err != nil {
		return
	}
	if g.err = rawExec(work, `UPDATE cards SET title = 'Edited 1' WHERE id = 'claim'`,
		`UPDATE cards SET title = 'Edited 2' WHERE id = 'claim'`, `UPDATE cards SET title = 'Edited 3' WHERE id = 'claim'`); g.err != nil {
		return
	}
	edited, _ := os.ReadFile(work)
	os.Remove(work)
	var fj []byte
	if _, fj, g.err = g.crashJournalOf(edited, work); g.err != nil {
		return
	}
	os.Remove(work)
	os.Remove(work + journalSuffix)
	if g.err = os.WriteFile(foreign, g.base, 0o644); g.err != nil {
		return
	}
	if g.err = os.WriteFile(foreign+journalSuffix, fj, 0o644); g.err != nil {
		return
	}
	g.add(File{Name: "journal-from-another-copy", Others: []string{foreign + journalSuffix}})
	g.twinJournal()
}

// twinJournal lays beside a board, in the middle of a change, the journal
// of a crash of its twin: another board made the same way (as many
// changes, the same page size), so that the journal's header and its copy
// of page 1 pass for the board's own. Only the undo tried on a copy shows
// that it belongs to another file; every way of opening must try it
// (issue 12: a board read with the quick check offered the undo).
func (g *corpus) twinJournal() {
	if g.err != nil {
		return
	}
	var boards [2][]byte
	for i, seed := range []int64{3, 9} {
		p := filepath.Join(g.dir, fmt.Sprintf("twin-%d.tmp", i))
		bd, ch := data.Generate(60, seed)
		s, err := data.Create(p, bd)
		if err != nil {
			g.err = fmt.Errorf("journal-from-a-twin-board: %w", err)
			return
		}
		_, _, err = data.NewCase(s, data.NewModel(bd)).Apply(ch)
		s.Close()
		if err == nil {
			boards[i], err = os.ReadFile(p)
		}
		os.Remove(p)
		if err != nil {
			g.err = fmt.Errorf("journal-from-a-twin-board: %w", err)
			return
		}
	}
	work := filepath.Join(g.dir, "twin-work.tmp")
	crashed, _, err := g.crashJournalOf(boards[0], work)
	if err == nil {
		_, _, err = g.crashJournalOf(boards[1], work)
	}
	var journal []byte
	if err == nil {
		journal, err = os.ReadFile(work + journalSuffix)
	}
	os.Remove(work)
	os.Remove(work + journalSuffix)
	if err != nil {
		g.err = fmt.Errorf("journal-from-a-twin-board: %w", err)
		return
	}
	p := g.path("journal-from-a-twin-board")
	if g.err = os.WriteFile(p, crashed, 0o644); g.err != nil {
		return
	}
	if g.err = os.WriteFile(p+journalSuffix, journal, 0o644); g.err != nil {
		return
	}
	g.add(File{Name: "journal-from-a-twin-board", Others: []string{p + journalSuffix}})
}

// swappedIndexRoots swaps the root pages of two indexes of the cards
// table in sqlite_schema: the SQL is ours, the b-trees each other's.
// quick_check does not compare indexes with their tables, so only the
// full integrity check finds it; edits would then fail with "database
// disk image is malformed".
func (g *corpus) swappedIndexRoots() {
	if g.err != nil {
		return
	}
	a, err := rootPage(g.base, "cards_speaker")
	if err != nil {
		g.err = fmt.Errorf("swapped-index-roots: %w", err)
		return
	}
	b, err := rootPage(g.base, "cards_source")
	if err != nil {
		g.err = fmt.Errorf("swapped-index-roots: %w", err)
		return
	}
	g.fromBase("swapped-index-roots", `PRAGMA writable_schema = ON`,
		fmt.Sprintf(`UPDATE sqlite_schema SET rootpage = %d WHERE name = 'cards_speaker'`, b),
		fmt.Sprintf(`UPDATE sqlite_schema SET rootpage = %d WHERE name = 'cards_source'`, a))
}

// crashJournal writes at path a copy of the good board taken in the middle
// of a write transaction that spilled to the file, with its journal, as a
// crash leaves them, and returns the journal's bytes.
func (g *corpus) crashJournal(path string) ([]byte, error) {
	_, journal, err := g.crashJournalOf(g.base, path)
	return journal, err
}

// crashJournalOf is crashJournal of the board src, returning both the
// crashed board's and the journal's bytes.
func (g *corpus) crashJournalOf(src []byte, path string) (board, journal []byte, err error) {
	if board, journal, err = diskfault.Crash(src, g.dir); err != nil {
		return nil, nil, err
	}
	if !bytes.HasPrefix(journal, journalMagic) {
		return nil, nil, fmt.Errorf("the journal mid-transaction has no header")
	}
	if err := os.WriteFile(path, board, 0o644); err != nil {
		return nil, nil, err
	}
	return board, journal, os.WriteFile(path+journalSuffix, journal, 0o644)
}
