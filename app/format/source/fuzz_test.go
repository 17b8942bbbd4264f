package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// fuzzNames are the names a fuzzed document is given: the extension decides
// Markdown against plain text and marks HTML fragments.
var fuzzNames = []string{"doc.txt", "doc.md", "doc.html", "doc.pdf", "doc.png", "doc.jpg", "doc"}

// FuzzExtract feeds every extractor mutations of real files (testdata/):
// whatever the bytes, Extract returns a document or one-line error that
// names the file, never panics, and a document it returns is well formed.
func FuzzExtract(f *testing.F) {
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for i, n := range fuzzNames {
			if strings.EqualFold(filepath.Ext(n), filepath.Ext(name)) || (i == 0 && filepath.Ext(name) == ".txt") {
				f.Add(uint8(i), raw)
			}
		}
	}
	f.Add(uint8(3), minimalPDF([]byte("BT /F1 12 Tf 72 700 Td (Hello) Tj T* [(Wor) -200 (ld)] TJ ET"), false))
	f.Add(uint8(3), craftedPDF([]byte("BT /F1 12 Tf (x) Tj ET"), false, "/Prev XREF", ""))
	f.Add(uint8(3), craftedPDF([]byte("BT /F1 12 Tf [[[(x)]]] TJ ET"), true, "", "<< /Type /ObjStm /N 1 /First 4 /Length 8 >>\nstream\n1 0 [[]]\nendstream"))
	f.Add(uint8(4), pngHeader(100000, 100000))
	f.Add(uint8(5), jpegHeader(60000, 60000))
	f.Fuzz(func(t *testing.T, which uint8, raw []byte) {
		name := fuzzNames[int(which)%len(fuzzNames)]
		doc, err := Extract(name, raw)
		if err != nil {
			if !strings.HasPrefix(err.Error(), name+": ") || strings.Contains(err.Error(), "\n") || !utf8.ValidString(err.Error()) {
				t.Fatalf("error is not one line naming the file: %q", err)
			}
			return
		}
		if doc.Pages < 1 || doc.Pages > MaxPDFPages || doc.Size != int64(len(raw)) || doc.Title == "" {
			t.Fatalf("bad document: pages %d size %d title %q", doc.Pages, doc.Size, doc.Title)
		}
		total := 0
		for i, p := range doc.Paragraphs {
			if p.Number != i+1 || p.Page < 1 || p.Page > doc.Pages || p.Text == "" || !utf8.ValidString(p.Text) ||
				p.Text != strings.TrimSpace(p.Text) || strings.ContainsAny(p.Text, "\n\r\t") {
				t.Fatalf("bad paragraph %d: %+v", i, p)
			}
			total += len(p.Text)
		}
		if total > MaxTextBytes {
			t.Fatalf("%d bytes of text", total)
		}
		if (doc.Type == TypePNG || doc.Type == TypeJPEG) && (len(doc.Thumbnail) == 0 || doc.Width > MaxImageSide || doc.Height > MaxImageSide) {
			t.Fatalf("image %d × %d, thumbnail %d bytes", doc.Width, doc.Height, len(doc.Thumbnail))
		}
		// Every paragraph's own text is found where it is.
		if len(doc.Paragraphs) > 0 && len(doc.Paragraphs) < 200 {
			p := doc.Paragraphs[len(doc.Paragraphs)-1]
			if m, ok := Find(doc, p.Text); !ok || m.Paragraph > p.Number {
				t.Fatalf("paragraph %d not found in its document (%v, ¶ %d)", p.Number, ok, m.Paragraph)
			}
		}
	})
}

// FuzzFind checks the matching rule on any text and quote: a passage cut from
// the document is always found, with selectors that point at it; any other
// quote is found or not without a panic, and what is reported lies in the
// text.
func FuzzFind(f *testing.F) {
	f.Add(assets.Article, uint16(300), uint16(80), "how to make billions of dollars")
	f.Add("He said “it’s over” — and left…\n\nThen nothing.", uint16(3), uint16(20), `He said "it's over" - and left...`)
	f.Add("a\u00a0b\tc\r\nd", uint16(0), uint16(5), "b c")
	f.Fuzz(func(t *testing.T, text string, from, length uint16, quote string) {
		doc, err := Extract("f.txt", []byte(text))
		if err != nil {
			return
		}
		full := []rune(doc.Text())
		check := func(m Match) {
			if m.Position.Start < 0 || m.Position.End > len(full) || m.Position.Start > m.Position.End {
				t.Fatalf("position %d–%d of %d", m.Position.Start, m.Position.End, len(full))
			}
			if string(full[m.Position.Start:m.Position.End]) != m.Quote.Exact {
				t.Fatalf("exact %q is not at %d–%d", m.Quote.Exact, m.Position.Start, m.Position.End)
			}
			if m.Quote.Exact != "" && (m.Paragraph < 1 || m.Paragraph > len(doc.Paragraphs)) {
				t.Fatalf("paragraph %d of %d", m.Paragraph, len(doc.Paragraphs))
			}
		}
		m, _ := Find(doc, quote)
		check(m)
		if len(full) == 0 {
			return
		}
		a := int(from) % len(full)
		b := min(len(full), a+1+int(length)%64)
		cut := string(full[a:b])
		if sel, ok := Select(doc, a, b); !ok || sel.Quote.Exact != cut || sel.Position.Start != a || sel.Position.End != b {
			t.Fatalf("Select(%d, %d) = %v %q at %d–%d; want %q", a, b, ok, sel.Quote.Exact, sel.Position.Start, sel.Position.End, cut)
		}
		if strings.TrimSpace(cut) == "" {
			return
		}
		m, ok := Find(doc, cut)
		if !ok {
			// A cut that starts or ends inside a word is not whole words.
			q := data.FoldText(cut)
			ds := data.FoldText(doc.Text())
			if strings.Contains(string(ds), string(q)) && wholeWords(full, a, b) {
				t.Fatalf("%q, cut from the text, was not found", cut)
			}
			return
		}
		check(m)
		if fq := data.FoldText(m.Quote.Exact); string(fq) != data.FoldText(cut) {
			t.Fatalf("found %q for %q", m.Quote.Exact, cut)
		}
	})
}

// wholeWords reports whether full[a:b] neither starts nor ends inside a word.
func wholeWords(full []rune, a, b int) bool {
	isWord := func(i int) bool {
		return i >= 0 && i < len(full) && (unicode.IsLetter(full[i]) || unicode.IsDigit(full[i]))
	}
	return !(isWord(a) && isWord(a-1)) && !(isWord(b-1) && isWord(b))
}

// makePDF writes a PDF of at least size bytes with gofpdf (uncompressed, so
// the file is mostly page content): the sample article, page after page.
func makePDF(tb testing.TB, size int) []byte {
	tb.Helper()
	text := strings.NewReplacer("\u00a0", " ", "’", "'", "“", `"`, "”", `"`, "—", "-").Replace(assets.Article)
	build := func(pages int) []byte {
		pdf := gofpdf.New("P", "pt", "A4", "")
		pdf.SetCompression(false)
		pdf.SetFont("Helvetica", "", 10)
		for i := 0; i < pages; i++ {
			pdf.AddPage()
			pdf.MultiCell(0, 12, text, "", "L", false)
		}
		var out bytes.Buffer
		if err := pdf.Output(&out); err != nil {
			tb.Fatal(err)
		}
		return out.Bytes()
	}
	perPage := len(build(20)) / 20
	raw := build(size/perPage*21/20 + 1)
	if len(raw) < size {
		tb.Fatalf("made only %d bytes", len(raw))
	}
	return raw
}

// BenchmarkExtractPDF10MB: the target is under 2 s for a 10 MB PDF.
func BenchmarkExtractPDF10MB(b *testing.B) {
	raw := makePDF(b, 10<<20)
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for b.Loop() {
		doc, err := Extract("big.pdf", raw)
		if err != nil {
			b.Fatal(err)
		}
		if len(doc.Paragraphs) < doc.Pages {
			b.Fatalf("%d paragraphs on %d pages", len(doc.Paragraphs), doc.Pages)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	doc, err := Extract("big.pdf", makePDF(b, 10<<20))
	if err != nil {
		b.Fatal(err)
	}
	quote := "how to make billions of dollars trafficking victims"
	b.ResetTimer()
	for b.Loop() {
		Find(doc, quote)
	}
}
