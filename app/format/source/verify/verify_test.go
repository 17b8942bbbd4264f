package verify

import (
	"os"
	"path/filepath"
	"testing"

	"evidenceboard/app/format/source"
	"evidenceboard/data"
)

// The board's limit on a document is the extractor's.
func TestLimitsAgree(t *testing.T) {
	if data.MaxDocumentBytes != source.MaxDocumentBytes {
		t.Fatalf("data allows %d bytes a document, the extractor %d", data.MaxDocumentBytes, source.MaxDocumentBytes)
	}
}

// A document stored in a board and read back finds the same quotes at
// the same places as the document extracted.
func TestStoredDocumentChecksQuotes(t *testing.T) {
	doc, raw, err := ReadFile("../testdata/cairo-article.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Document(doc, raw)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b"+data.Extension)
	s, err := data.Create(path, data.Board{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	c, err := data.OpenCase(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := data.Card{ID: data.NewID(), Kind: data.KindSource, Width: 220, Height: 90, Document: d.ID}
	bare := data.Card{ID: data.NewID(), Kind: data.KindSource, Width: 220, Height: 90}
	if _, _, err := c.Apply(data.Change{PutDocuments: []data.Document{d}, PutCards: []data.Card{src, bare}}); err != nil {
		t.Fatal(err)
	}
	chk := NewChecker(c.Store(), c.Model())
	for _, tc := range []struct {
		name, words, source string
		kind                data.Kind
		want                State
		locator             string
	}{
		{"verbatim", "Salesforce outright denies the claims", src.ID, data.KindQuote, Verified, "p. 2, ¶ 10"},
		{"white space aside", "  Salesforce\toutright\n\ndenies the   claims ", src.ID, data.KindQuote, Verified, "p. 2, ¶ 10"},
		{"a word changed", "Salesforce outright admits the claims", src.ID, data.KindQuote, NotFound, "p. 2, ¶ 10"},
		{"source without document", "anything", bare.ID, data.KindQuote, NoDocument, ""},
		{"no source", "Salesforce outright denies the claims", "", data.KindQuote, NoDocument, ""},
		{"not a quote", "Salesforce outright denies the claims", src.ID, data.KindNote, NoDocument, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			card := &data.Card{ID: data.NewID(), Kind: tc.kind, QuoteText: tc.words, SourceID: tc.source}
			r := chk.Quote(card)
			if r.State != tc.want || r.Match.Locator() != tc.locator {
				t.Fatalf("state %d at %q, want %d at %q", r.State, r.Match.Locator(), tc.want, tc.locator)
			}
			// The same answer as the document fresh from the extractor.
			if tc.want != NoDocument {
				m, ok := source.Find(doc, tc.words)
				if ok != (tc.want == Verified) || m.Position != r.Match.Position {
					t.Fatalf("stored and fresh documents disagree: %+v vs %+v", m.Position, r.Match.Position)
				}
			}
		})
	}
}

func TestReadFileRefusesWhatIsNotADocument(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.pdf")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(source.MaxDocumentBytes + 1)
	f.Close()
	for _, p := range []string{dir, big, filepath.Join(dir, "missing.txt")} {
		if _, _, err := ReadFile(p); err == nil {
			t.Errorf("%s was read", p)
		}
	}
}

// FuzzDecode: the text stored in a board is from whoever sent the board;
// decoding it and finding a quote in it never panics.
func FuzzDecode(f *testing.F) {
	doc, raw, err := ReadFile("../testdata/article.txt")
	if err != nil {
		f.Fatal(err)
	}
	d, err := Document(doc, raw)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(d.Text, "helped notorious blacklisted site")
	f.Add(`[{"page":-1,"paragraph":0,"text":"\u0000"}]`, "x")
	f.Add(`{}`, "")
	f.Fuzz(func(t *testing.T, text, words string) {
		meta := &data.Document{ID: d.ID, Type: "pdf"}
		got, err := Decode(meta, text)
		if err != nil {
			return
		}
		source.Find(got, words)
	})
}
