package cli

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/data"
)

const docs = "../format/source/testdata/"

// lastLine is the last line of a command's output: the new card's id.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func newEmptyBoard(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "case.evboard")
	if code, _, stderr := run("generate", "--cards", "0", p); code != 0 {
		t.Fatal(stderr)
	}
	return p
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := run(args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	return stdout
}

// A board built from the command line alone: a text document and two
// PDFs from different producers, quotes verified with their page and
// paragraph, a changed quote refused, check's counts.
func TestSourcesAndQuotesFromTheCommandLine(t *testing.T) {
	board := filepath.Join(t.TempDir(), "new.evboard") // made by the first source add
	txt := lastLine(mustRun(t, "source", "add", board, docs+"article.txt", "--title", "The article", "--url", "https://example.com/a", "--date", "2019-03-28"))
	pdf := lastLine(mustRun(t, "source", "add", board, docs+"cairo-article.pdf"))
	groff := lastLine(mustRun(t, "source", "add", board, docs+"groff-article.pdf"))
	// The same document again: a second card, the bytes stored once.
	again := lastLine(mustRun(t, "source", "add", board, docs+"article.txt"))
	if again == txt {
		t.Fatal("the second add made no card")
	}

	if h := mustRun(t, "history", board); !strings.Contains(h, "Document article: created") {
		t.Errorf("history does not name the document:\n%s", h)
	}
	list := mustRun(t, "source", "list", board)
	for _, want := range []string{txt + "  text ", pdf + "  pdf ", "2 pages", "The article",
		"251271f03a69e5a909683c8689db1c24a2c69a58aed885a0d0d2c6314c2eaa38"} {
		if !strings.Contains(list, want) {
			t.Errorf("source list lacks %q:\n%s", want, list)
		}
	}
	if n := strings.Count(list, "\n"); n != 4 {
		t.Errorf("source list has %d lines, want 4", n)
	}

	text := mustRun(t, "source", "text", board, pdf)
	for _, want := range []string{"--- page 1 ---\n¶ 1  CRM Firm Salesforce", "--- page 2 ---\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("source text lacks %q", want)
		}
	}

	for _, tc := range []struct {
		name, source, words string
		ok                  bool
		locator             string
	}{
		{"verbatim, pdf page 1", pdf, "helped notorious blacklisted site Backpage to build its illicit brand", true, "p. 1, ¶ 3"},
		{"verbatim, pdf page 2", pdf, "Salesforce outright denies the claims", true, "p. 2, ¶ 10"},
		{"line breaks aside, groff", groff, "Salesforce outright\n denies   the claims", true, "p. 2, ¶"},
		{"verbatim, text", txt, "helped notorious blacklisted site Backpage", true, "¶ 2"},
		{"one word changed", pdf, "helped famous blacklisted site Backpage to build its illicit brand", false, ""},
		{"not there at all", txt, "zebra quantum marmalade", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run("quote", "add", board, "--source", tc.source, "--text", tc.words)
			if !tc.ok {
				if code != 1 || stdout != "" || strings.Count(stderr, "\n") != 1 ||
					!strings.Contains(stderr, "not found in source") {
					t.Fatalf("exit %d, %q, %q", code, stdout, stderr)
				}
				if strings.Contains(tc.words, "famous") && !strings.Contains(stderr, "closest passage (p. 1, ¶ 3)") {
					t.Fatalf("no closest passage: %q", stderr)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			id := lastLine(stdout)
			c, err := data.OpenCase(board)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			q := c.Model().Cards[id]
			if q == nil || q.Kind != data.KindQuote || q.SourceID != tc.source || q.QuoteText != tc.words {
				t.Fatalf("quote card %+v", q)
			}
			if !strings.HasPrefix(q.Locator, tc.locator) {
				t.Fatalf("locator %q, want %q", q.Locator, tc.locator)
			}
			var sel []map[string]any
			if err := json.Unmarshal([]byte(q.Selector), &sel); err != nil || len(sel) != 2 ||
				sel[0]["type"] != "TextQuoteSelector" || sel[1]["type"] != "TextPositionSelector" {
				t.Fatalf("selector %q (%v)", q.Selector, err)
			}
			cites := false
			for _, l := range c.Model().LinksOf(id) {
				cites = cites || (l.From == id && l.To == tc.source && l.Relation == "cites")
			}
			if !cites {
				t.Fatal("no cites link to the source")
			}
		})
	}

	// A typed quote (no locator) that is in its source, and one that is
	// not, are checked too.
	c, err := data.OpenCase(board)
	if err != nil {
		t.Fatal(err)
	}
	typed := []data.Card{
		{ID: data.NewID(), Kind: data.KindQuote, QuoteText: "Salesforce outright denies the claims", SourceID: txt, Width: 260, Height: 150},
		{ID: data.NewID(), Kind: data.KindQuote, QuoteText: "Salesforce outright admits the claims", SourceID: txt, Width: 260, Height: 150},
		{ID: data.NewID(), Kind: data.KindQuote, QuoteText: "no source, not counted", Width: 260, Height: 150},
	}
	if _, _, err := c.Apply(data.Change{PutCards: typed}); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "check", board)
	if !strings.Contains(out, "\nquotes: 5 verified, 1 not found in their source\n") {
		t.Fatalf("check:\n%s", out)
	}

	// The brief lists each document with its facts and hash, and under it
	// the quotes taken from it, each marked; --context prints the passage.
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	pdfOut := filepath.Join(t.TempDir(), "brief.pdf")
	mustRun(t, "brief", board, "-o", pdfOut, "--context", "--as-of", "2026-11-30T12:00:00Z")
	if _, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command("qpdf", "--check", pdfOut).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, out)
		}
	}
	raw, err := exec.Command("pdftotext", pdfOut, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(raw)), " ")
	nospace := strings.Join(strings.Fields(string(raw)), "")
	for _, want := range []string{
		"Document in the board: PDF · 2 pages",
		"Document in the board: TEXT",
		"Quotes taken from it:",
		"“Salesforce outright denies the claims” — ¶",
		"✓ verified in the document",
		"“Salesforce outright admits the claims” — ✗ NOT FOUND in the document; closest passage at ¶",
		"Closest passage in the document (¶",
		"«Salesforce outright denies the claims»",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the brief lacks %q", want)
		}
	}
	// The hash may be broken across lines in a narrow column.
	if !strings.Contains(nospace, "SHA-256251271f03a69e5a909683c8689db1c24a2c69a58aed885a0d0d2c6314c2eaa38") {
		t.Error("the brief lacks the text document's SHA-256")
	}
	if n := strings.Count(flat, "✓ verified in the document"); n < 5*2 {
		t.Errorf("%d verified marks, want one per verified quote in the quotes and the sources sections", n)
	}
}

func TestQuoteAddWithSpeaker(t *testing.T) {
	board := filepath.Join(t.TempDir(), "s.evboard")
	mustRun(t, "sample", board)
	src := lastLine(mustRun(t, "source", "add", board, docs+"article.txt"))
	c, err := data.OpenCase(board)
	if err != nil {
		t.Fatal(err)
	}
	var party, claim string
	for _, card := range c.Model().SortedCards() {
		if card.Kind == data.KindParty && party == "" {
			party = card.ID
		}
		if card.Kind == data.KindClaim && claim == "" {
			claim = card.ID
		}
	}
	c.Close()
	for _, tc := range []struct {
		name, speaker string
		code          int
	}{
		{"a party", party, 0},
		{"not a party", claim, 1},
		{"no such card", "nope", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run("quote", "add", board, "--source", src, "--speaker", tc.speaker, "--text", "Salesforce outright denies the claims")
			if code != tc.code {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if code != 0 {
				return
			}
			c, err := data.OpenCase(board)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			id := lastLine(stdout)
			said := false
			for _, l := range c.Model().LinksOf(id) {
				said = said || (l.To == party && l.Relation == "said by")
			}
			if c.Model().Cards[id].SpeakerID != party || !said {
				t.Fatal("no speaker")
			}
		})
	}
}

// A document that cannot be added gets one line naming it, and the board
// is not touched.
func TestSourceAddBadInputLeavesBoardUnchanged(t *testing.T) {
	dir := t.TempDir()
	board := newEmptyBoard(t)
	src := lastLine(mustRun(t, "source", "add", board, docs+"article.txt"))
	pdf, err := os.ReadFile(docs + "cairo-article.pdf")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big, err := os.Create(filepath.Join(dir, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(data.MaxDocumentBytes + 1)
	big.Close()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"source", "add", board, filepath.Join(dir, "nope.pdf")}, "nope.pdf: cannot read it"},
		{"no board made for a bad document", []string{"source", "add", filepath.Join(dir, "new.evboard"), filepath.Join(dir, "nope.pdf")}, "nope.pdf: cannot read it"},
		{"cut-short pdf", []string{"source", "add", board, write("cut.pdf", pdf[:len(pdf)/3])}, "cut.pdf: "},
		{"password pdf", []string{"source", "add", board, docs + "encrypted-password.pdf"}, "encrypted-password.pdf: "},
		{"over the size limit", []string{"source", "add", board, big.Name()}, "big.txt: "},
		{"not utf-8 binary junk", []string{"source", "add", board, write("junk.txt", bytes.Repeat([]byte{0, 0xff, 0xfe, 1}, 1000))}, "junk.txt: "},
		{"a folder", []string{"source", "add", board, dir}, "not a regular file"},
		{"bad date", []string{"source", "add", board, docs + "article.txt", "--date", "yesterday"}, "--date"},
		{"text of a non-source", []string{"source", "text", board, "nope"}, "no card nope"},
		{"quote from nowhere", []string{"quote", "add", board, "--source", "nope", "--text", "x"}, "no card nope"},
		{"quote not in source", []string{"quote", "add", board, "--source", src, "--text", "zebra quantum"}, "not found in source"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := os.ReadFile(board)
			if err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(tc.args...)
			if code != 1 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "evidenceboard: ") ||
				!strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, %q, %q", code, stdout, stderr)
			}
			after, err := os.ReadFile(board)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Fatal("the board changed")
			}
			if _, err := os.Stat(filepath.Join(dir, "new.evboard")); err == nil {
				t.Fatal("a board was made")
			}
		})
	}
}

// check names a stored document whose bytes were changed, and still
// passes the board.
func TestCheckWarnsOfTamperedDocument(t *testing.T) {
	board := newEmptyBoard(t)
	mustRun(t, "source", "add", board, docs+"article.txt")
	db, err := sql.Open("sqlite", board)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE document_parts SET bytes = X'41'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, stderr := run("check", board)
	if code != 0 || !strings.Contains(out, "\nwarning: document 251271f03a69 (article.txt) refused: its stored bytes do not match its SHA-256\n") {
		t.Fatalf("exit %d:\n%s%s", code, out, stderr)
	}
}

// Adding a document again mends the board's copy that was refused.
func TestSourceAddMendsTamperedDocument(t *testing.T) {
	board := newEmptyBoard(t)
	first := lastLine(mustRun(t, "source", "add", board, docs+"article.txt"))
	db, err := sql.Open("sqlite", board)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE document_parts SET bytes = X'41'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	mustRun(t, "source", "add", board, docs+"article.txt")
	out := mustRun(t, "check", board)
	if strings.Contains(out, "warning:") {
		t.Fatalf("still refused:\n%s", out)
	}
	if text := mustRun(t, "source", "text", board, first); !strings.Contains(text, "¶ 1  CRM Firm Salesforce") {
		t.Fatalf("the first card lost its document:\n%s", text)
	}
}

func TestSourceImageAndUnnamedDocument(t *testing.T) {
	board := newEmptyBoard(t)
	img := lastLine(mustRun(t, "source", "add", board, docs+"groff-page.png"))
	if out := mustRun(t, "source", "text", board, img); out != "(groff-page.png has no text: an image)\n" {
		t.Fatalf("source text of an image: %q", out)
	}
	if list := mustRun(t, "source", "list", board); !strings.HasPrefix(list, img+"  png ") {
		t.Fatalf("list: %q", list)
	}
	c, err := data.OpenCase(board)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Apply(data.Change{DeleteCards: []string{img}}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if list := mustRun(t, "source", "list", board); !strings.HasPrefix(list, "-  png ") || strings.Count(list, "\n") != 1 {
		t.Fatalf("list after the card went: %q", list)
	}
}
