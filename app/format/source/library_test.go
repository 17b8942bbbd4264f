package source

import (
	"os"
	"strings"
	"testing"
)

func libraryOf(t *testing.T, files ...string) (*Library, map[string]*Document) {
	t.Helper()
	l := NewLibrary()
	docs := map[string]*Document{}
	for _, f := range files {
		raw, err := os.ReadFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Extract(f, raw)
		if err != nil {
			t.Fatal(err)
		}
		l.Add(f, d)
		docs[f] = d
	}
	return l, docs
}

func TestLibrarySearch(t *testing.T) {
	l, docs := libraryOf(t, "article.txt", "groff-article.pdf", "notes.md")
	for _, tc := range []struct {
		query   string
		docs    []string // the documents of the hits, in order
		snippet string   // in the first hit's snippet
	}{
		{"Salesforce outright denies the claims", []string{"article.txt", "groff-article.pdf"}, "Salesforce outright denies the claims"},
		{"SALESFORCE   OUTRIGHT denies", []string{"article.txt", "groff-article.pdf"}, "Salesforce outright denies"},
		{"outright den", []string{"article.txt", "groff-article.pdf"}, "outright denies"}, // typing: the last word is a prefix
		{"outright zebra", nil, ""},
		{"denies outright", nil, ""}, // words in another order are not a phrase
		{"   ", nil, ""},
		{"…", nil, ""},
	} {
		t.Run(tc.query, func(t *testing.T) {
			hits, total := l.Search(tc.query, 10)
			if total != len(hits) && total <= 10 {
				t.Fatalf("total %d with %d hits", total, len(hits))
			}
			var got []string
			for _, h := range hits {
				if len(got) == 0 || got[len(got)-1] != h.Doc {
					got = append(got, h.Doc)
				}
				p := docs[h.Doc].Paragraphs[h.Paragraph]
				if p.Number != h.Number || p.Page != h.Page {
					t.Errorf("hit names paragraph %d page %d, the document has %d page %d", h.Number, h.Page, p.Number, p.Page)
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.docs, ",") {
				t.Fatalf("hits in %v, want %v", got, tc.docs)
			}
			if tc.snippet != "" && !strings.Contains(strings.ToLower(hits[0].Snippet), strings.ToLower(tc.snippet)) {
				t.Fatalf("snippet %q lacks %q", hits[0].Snippet, tc.snippet)
			}
			for _, h := range hits {
				if strings.Contains(h.Snippet, "\n") || len([]rune(h.Snippet)) > 2*snippetRunes+len([]rune(tc.query))+2 {
					t.Errorf("snippet %q is not one short line", h.Snippet)
				}
			}
		})
	}
}

func TestLibraryLimit(t *testing.T) {
	l, _ := libraryOf(t, "article.txt")
	all, total := l.Search("the", 1000)
	if total < 5 || len(all) != total {
		t.Fatalf("%d hits of %d for a common word", len(all), total)
	}
	some, total2 := l.Search("the", 3)
	if len(some) != 3 || total2 != total {
		t.Fatalf("limit 3 gave %d hits of %d", len(some), total2)
	}
}

// FuzzLibrarySearch: any query on any text, no panic, and every hit's
// paragraph really holds the query's words.
func FuzzLibrarySearch(f *testing.F) {
	f.Add("Salesforce denied it. İstanbul ǅ ß", "den")
	f.Add("a\u00ad b  c", "a b")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, text, query string) {
		l := NewLibrary()
		doc := &Document{Paragraphs: []Paragraph{{Number: 1, Page: 1, Text: text}, {Number: 2, Page: 1, Text: query}}}
		l.Add("d", doc)
		hits, total := l.Search(query, 5)
		if len(hits) > 5 || total < len(hits) {
			t.Fatalf("%d hits, total %d", len(hits), total)
		}
	})
}
