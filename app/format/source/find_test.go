package source

import (
	"strconv"
	"strings"
	"testing"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// sampleQuotes are the quotes of the sample case with the paragraph its
// locator names ("para. 3"). The sample counts the article's paragraphs
// after its headline; extraction counts the headline as ¶ 1.
func sampleQuotes(t *testing.T) []struct {
	words string
	para  int
} {
	t.Helper()
	_, ch, err := data.BuildSample(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	var qs []struct {
		words string
		para  int
	}
	for _, c := range ch.PutCards {
		if c.Kind != data.KindQuote {
			continue
		}
		n, err := strconv.Atoi(strings.TrimPrefix(c.Locator, "para. "))
		if err != nil {
			t.Fatalf("sample locator %q", c.Locator)
		}
		qs = append(qs, struct {
			words string
			para  int
		}{c.QuoteText, n})
	}
	if len(qs) < 6 {
		t.Fatalf("only %d sample quotes", len(qs))
	}
	return qs
}

func extractFile(t *testing.T, name string) *Document {
	t.Helper()
	doc, err := Extract(name, readTestdata(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestFindSampleQuotes finds every quote of the sample case in the article
// as text, as a web page and as a groff PDF, in the paragraph the sample
// names (shifted by what precedes the article's first paragraph in each).
func TestFindSampleQuotes(t *testing.T) {
	quotes := sampleQuotes(t)
	tests := []struct {
		file  string
		shift int // paragraphs before the article's first: headline, byline…
		paged bool
		// from sample paragraph from on, one more paragraph precedes: the
		// page number at the head of the PDF's second page.
		from int
	}{
		{"article.txt", 1, false, 0},
		{"article.html", 3, false, 0}, // headline, byline, figure caption
		{"groff-article.pdf", 2, true, 6},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := extractFile(t, tt.file)
			text := []rune(doc.Text())
			for _, q := range quotes {
				m, ok := Find(doc, q.words)
				if !ok {
					t.Errorf("not found: %q (closest %q)", q.words, m.Quote.Exact)
					continue
				}
				want := q.para + tt.shift
				if tt.from > 0 && q.para >= tt.from {
					want++
				}
				if m.Paragraph != want || m.Paged != tt.paged {
					t.Errorf("%q found in %s, want ¶ %d", q.words, m.Locator(), want)
				}
				if got := string(text[m.Position.Start:m.Position.End]); got != m.Quote.Exact {
					t.Errorf("position %d–%d holds %q, exact is %q", m.Position.Start, m.Position.End, got, m.Quote.Exact)
				}
				if f := data.FoldText(m.Quote.Exact); string(f) != strings.Join(strings.Fields(q.words), " ") {
					t.Errorf("exact %q is not the quote %q", m.Quote.Exact, q.words)
				}
				if !strings.HasSuffix(string(text[:m.Position.Start]), m.Quote.Prefix) || !strings.HasPrefix(string(text[m.Position.End:]), m.Quote.Suffix) {
					t.Errorf("prefix %q / suffix %q do not surround the passage", m.Quote.Prefix, m.Quote.Suffix)
				}
				if n := len([]rune(m.Quote.Prefix)); n > ContextRunes || (m.Position.Start >= ContextRunes && n != ContextRunes) {
					t.Errorf("prefix of %d code points", n)
				}
			}
		})
	}
}

func TestFindRule(t *testing.T) {
	doc := &Document{Type: TypeText, Paragraphs: []Paragraph{
		{Page: 1, Number: 1, Text: "He said “it’s over” — and left… Then the “well‑known” firm replied."},
		{Page: 1, Number: 2, Text: "Coercion, violence, duress. The word coercion again, coercion."},
		{Page: 1, Number: 3, Text: "Price: 5 – 10 dollars."},
	}}
	tests := []struct {
		quote string
		found bool
		para  int
		exact string
	}{
		{`He said "it's over" - and left...`, true, 1, "He said “it’s over” — and left…"},
		{"He  said\n“it’s   over”", true, 1, "He said “it’s over”"},
		{"  left… Then ", true, 1, "left… Then"},
		{`the "well-known" firm`, true, 1, "the “well‑known” firm"},
		{"he said", false, 0, ""}, // case counts
		{"Hesaid", false, 0, ""},  // a missing space is not white space
		{"ion", false, 0, ""},     // not inside a word
		{"coercion again,", true, 2, "coercion again,"},
		{"duress. The word", true, 2, "duress. The word"},
		{"replied. Coercion", true, 1, "replied.\n\nCoercion"}, // across paragraphs: where it starts
		{"5 - 10", true, 3, "5 – 10"},
		{"", false, 0, ""},
		{" \n ", false, 0, ""},
	}
	for _, tt := range tests {
		m, ok := Find(doc, tt.quote)
		if ok != tt.found || (ok && (m.Paragraph != tt.para || m.Quote.Exact != tt.exact)) {
			t.Errorf("Find(%q) = %v ¶ %d %q; want %v ¶ %d %q", tt.quote, ok, m.Paragraph, m.Quote.Exact, tt.found, tt.para, tt.exact)
		}
	}
	if m, _ := Find(doc, "coercion"); m.Occurrences != 2 || m.Paragraph != 2 {
		t.Errorf("coercion occurs %d times, first in ¶ %d; want 2 (Coercion differs in case), ¶ 2", m.Occurrences, m.Paragraph)
	}
}

// TestFindClosest changes the sample's quotes the ways a typist does and
// expects the closest passage to be the real words.
func TestFindClosest(t *testing.T) {
	doc := extractFile(t, "article.txt")
	tests := []struct {
		quote, closest string
		para           int
	}{
		{"how to make billions of dollars trafficking victims and promoting prostitution",
			"how to make millions of dollars trafficking victims and promoting prostitution", 5},
		{"We are deeply committed to the ethical use of our products and take these allegations seriously.",
			"We are deeply committed to the ethical and humane use of our products and take these allegations seriously", 8},
		{"Salesforce knew the scourge of trafficking because it sought publicity",
			"Salesforce knew the scourge of sex trafficking because it sought publicity", 6},
		{"knowingly facilitated prostitution", "knowingly facilitating prostitution", 3},
		{"The Jane Does were forced coerced and made victims", "The Jane Does were forced, coerced, and made victims", 4},
	}
	for _, tt := range tests {
		m, ok := Find(doc, tt.quote)
		if ok {
			t.Errorf("%q was found", tt.quote)
			continue
		}
		if m.Quote.Exact != tt.closest || m.Paragraph != tt.para {
			t.Errorf("closest to %q is %q in ¶ %d; want %q in ¶ %d", tt.quote, m.Quote.Exact, m.Paragraph, tt.closest, tt.para)
		}
	}
	if m, ok := Find(doc, "Completely unrelated words about gardening tomatoes"); ok || m.Quote.Exact != "" {
		t.Errorf("an unrelated quote has closest passage %q", m.Quote.Exact)
	}
}

func TestLocator(t *testing.T) {
	tests := []struct {
		m    Match
		want string
	}{
		{Match{Page: 3, Paragraph: 12, Paged: true}, "p. 3, ¶ 12"},
		{Match{Page: 1, Paragraph: 4}, "¶ 4"},
		{Match{}, ""},
	}
	for _, tt := range tests {
		if got := tt.m.Locator(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestSelect(t *testing.T) {
	doc := &Document{Type: TypePDF, Pages: 2, Paragraphs: []Paragraph{
		{Page: 1, Number: 1, Text: "The firm denied it."},
		{Page: 2, Number: 2, Text: "Later, the firm denied it again — “firmly”."},
	}}
	text := []rune(doc.Text())
	second := strings.LastIndex(string(text), "the firm denied it")
	start := len([]rune(string(text)[:second]))
	tests := []struct {
		start, end int
		ok         bool
		exact      string
		locator    string
		occurs     int
	}{
		{start, start + len("the firm denied it"), true, "the firm denied it", "p. 2, ¶ 2", 1},
		{4, 8, true, "firm", "p. 1, ¶ 1", 2},
		{len(text) - 9, len(text), true, "“firmly”.", "p. 2, ¶ 2", 1},
		{0, len(text) + 1, false, "", "", 0},
		{3, 3, false, "", "", 0},
		{-1, 2, false, "", "", 0},
	}
	for _, tt := range tests {
		m, ok := Select(doc, tt.start, tt.end)
		if ok != tt.ok || m.Quote.Exact != tt.exact || m.Locator() != tt.locator || m.Occurrences != tt.occurs {
			t.Errorf("Select(%d, %d) = %v %q %s ×%d; want %v %q %s ×%d", tt.start, tt.end, ok, m.Quote.Exact, m.Locator(), m.Occurrences,
				tt.ok, tt.exact, tt.locator, tt.occurs)
		}
		if ok && (m.Position.Start != tt.start || m.Position.End != tt.end) {
			t.Errorf("Select(%d, %d) position %d–%d", tt.start, tt.end, m.Position.Start, m.Position.End)
		}
	}
}
