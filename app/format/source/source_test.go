package source

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// paragraphWith returns the first paragraph containing s, or nil.
func paragraphWith(doc *Document, s string) *Paragraph {
	for i := range doc.Paragraphs {
		if strings.Contains(doc.Paragraphs[i].Text, s) {
			return &doc.Paragraphs[i]
		}
	}
	return nil
}

func TestExtract(t *testing.T) {
	tests := []struct {
		file, typ, mime, title, date, encoding string
		pages, width, height                   int
		// a paragraph holding has is number para on page page
		has        string
		para, page int
		// absent must not be anywhere in the text
		absent []string
	}{
		{file: "article.txt", typ: TypeText, mime: "text/plain; charset=utf-8", title: "article", encoding: "utf-8", pages: 1,
			has: "The Jane Does were forced, coerced", para: 4, page: 1},
		{file: "latin1.txt", typ: TypeText, title: "latin1", encoding: "windows-1252", pages: 1,
			has: "Le café était froid; la société a été citée à comparaître. Deuxième ligne du même paragraphe – avec un tiret.", para: 2, page: 1},
		{file: "notes.md", typ: TypeMarkdown, title: "Salesforce and Backpage: notes", date: "2019-04-02", encoding: "utf-8", pages: 1,
			has: "The suit names Salesforce and alleges it helped Backpage build its brand. This line continues the same paragraph.", para: 2, page: 1,
			absent: []string{"**", "alert(1)", "https://example.com", "# Notes"}},
		{file: "article.html", typ: TypeHTML, title: "CRM Firm Salesforce At the Core of Backpage Sex Trafficking Allegations | Tech News Daily",
			date: "2019-04-01", encoding: "utf-8", pages: 1,
			has: "The Jane Does were forced, coerced", para: 6, page: 1,
			absent: []string{"injected", "dataLayer", "Subscribe", "Search", "We use cookies", "Related", "Most read", "All rights reserved",
				"Advertisement", "Share on", "Great article", "font-family", "Home"}},
		{file: "groff-article.pdf", typ: TypePDF, mime: "application/pdf", title: "CRM Firm Salesforce At the Core of Backpage Sex Trafficking Allegations",
			date: "2026-11-30", pages: 2, has: "Somewhat in response to this, Salesforce contends, “Backpage needed operational support", para: 9, page: 2},
		{file: "brief-sample.pdf", typ: TypePDF, title: "Jane Does v. Salesforce (Backpage)", date: "2019-04-01", pages: 15,
			has: "Sample case — Salesforce/Backpage lawsuit", para: 4, page: 1},
		{file: "encrypted-aes128-nopassword.pdf", typ: TypePDF, title: "CRM Firm Salesforce At the Core of Backpage Sex Trafficking Allegations",
			date: "2026-11-30", pages: 2, has: "Somewhat in response to this, Salesforce contends", para: 9, page: 2},
		{file: "groff-page.png", typ: TypePNG, mime: "image/png", title: "groff-page", pages: 1, width: 331, height: 468},
		{file: "brief-board.jpg", typ: TypeJPEG, mime: "image/jpeg", title: "brief-board", pages: 1, width: 351, height: 249},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw := readTestdata(t, tt.file)
			doc, err := Extract(tt.file, raw)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Type != tt.typ || doc.Title != tt.title || doc.Date != tt.date || doc.Pages != tt.pages || doc.Encoding != tt.encoding {
				t.Errorf("got type %q title %q date %q pages %d encoding %q", doc.Type, doc.Title, doc.Date, doc.Pages, doc.Encoding)
			}
			if tt.mime != "" && doc.MIME != tt.mime {
				t.Errorf("MIME %q, want %q", doc.MIME, tt.mime)
			}
			if doc.Size != int64(len(raw)) || len(doc.SHA256) != 64 {
				t.Errorf("size %d sha %q", doc.Size, doc.SHA256)
			}
			if doc.Width != tt.width || doc.Height != tt.height {
				t.Errorf("%d × %d, want %d × %d", doc.Width, doc.Height, tt.width, tt.height)
			}
			if tt.width > 0 {
				if _, _, err := image.Decode(bytes.NewReader(doc.Thumbnail)); err != nil {
					t.Errorf("thumbnail: %v", err)
				}
				if len(doc.Paragraphs) != 0 {
					t.Errorf("an image has %d paragraphs", len(doc.Paragraphs))
				}
			}
			for i, p := range doc.Paragraphs {
				if p.Number != i+1 || p.Page < 1 || p.Page > doc.Pages || p.Text != strings.TrimSpace(p.Text) || strings.Contains(p.Text, "\n") {
					t.Errorf("paragraph %d: %+v", i, p)
				}
			}
			if tt.has != "" {
				p := paragraphWith(doc, tt.has)
				if p == nil {
					t.Fatalf("no paragraph has %q; text:\n%s", tt.has, doc.Text())
				}
				if p.Number != tt.para || p.Page != tt.page {
					t.Errorf("%q is in ¶ %d on p. %d, want ¶ %d on p. %d", tt.has, p.Number, p.Page, tt.para, tt.page)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(doc.Text(), a) {
					t.Errorf("text has %q, which should have been dropped", a)
				}
			}
		})
	}
}

// TestExtractPDFWords compares our words with poppler's for the article as
// printed by four producers: groff's gropdf, the same file rewritten by qpdf
// with object streams and a cross-reference stream, by Cairo, and groff's
// PostScript through Ghostscript. The .pdftotext.txt files beside them are
// `pdftotext FILE.pdf`.
func TestExtractPDFWords(t *testing.T) {
	for _, name := range []string{"groff-article", "qpdf-objstm-article", "cairo-article", "gs-article"} {
		t.Run(name, func(t *testing.T) {
			doc, err := Extract(name+".pdf", readTestdata(t, name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Fields(string(readTestdata(t, name+".pdftotext.txt")))
			got := strings.Fields(doc.Text())
			// pdftotext keeps line-end hyphens and we join the word;
			// compare after joining theirs the same way.
			var joined []string
			for i := 0; i < len(want); i++ {
				w := want[i]
				if i+1 < len(want) && hyphenated(w, want[i+1]) {
					w = strings.TrimSuffix(w, "-") + want[i+1]
					i++
				}
				joined = append(joined, w)
			}
			if strings.Join(got, " ") != strings.Join(joined, " ") {
				t.Errorf("words differ from pdftotext's:\n got %s\nwant %s", strings.Join(got, " "), strings.Join(joined, " "))
			}
			if m, ok := Find(doc, "how to make millions of dollars trafficking victims and promoting prostitution"); !ok || m.Page != 1 {
				t.Errorf("quote: %v on p. %d", ok, m.Page)
			}
		})
	}
}

// pngHeader is a PNG whose header claims w × h pixels, with no pixels.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

// jpegHeader is a baseline JPEG whose frame header claims w × h pixels.
func jpegHeader(w, h uint16) []byte {
	var b bytes.Buffer
	b.Write([]byte{0xff, 0xd8})
	// A quantisation table, which the decoder wants before the frame.
	b.Write([]byte{0xff, 0xdb, 0x00, 0x43, 0x00})
	b.Write(bytes.Repeat([]byte{1}, 64))
	b.Write([]byte{0xff, 0xc0, 0x00, 0x0b, 0x08})
	binary.Write(&b, binary.BigEndian, h)
	binary.Write(&b, binary.BigEndian, w)
	b.Write([]byte{0x01, 0x01, 0x11, 0x00})
	// The scan header: DecodeConfig stops here.
	b.Write([]byte{0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00})
	b.Write([]byte{0xff, 0xd9})
	return b.Bytes()
}

// minimalPDF writes a one-page PDF whose page content is the given stream
// (deflated when deflate is set), with a correct cross-reference table.
func minimalPDF(content []byte, deflate bool) []byte {
	return craftedPDF(content, deflate, "", "")
}

// craftedPDF is minimalPDF with extra text in the trailer dictionary
// ("XREF" in it becomes the cross-reference table's offset) and an extra
// object 6.
func craftedPDF(content []byte, deflate bool, trailer, obj6 string) []byte {
	filter := ""
	if deflate {
		var z bytes.Buffer
		w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		w.Write(content)
		w.Close()
		content = z.Bytes()
		filter = " /Filter /FlateDecode"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(content), filter, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	if obj6 != "" {
		objs = append(objs, obj6)
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	trailer = strings.ReplaceAll(trailer, "XREF", fmt.Sprint(xref))
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

// formXObject is object 6 as a form XObject drawing content, with the
// page's font and itself as /X1.
func formXObject(content string) string {
	return fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 -100] "+
		"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(content), content)
}

func TestPDFFormXObjects(t *testing.T) {
	tests := []struct {
		name, page, form string
		want             string
	}{
		{"form", "BT /F1 12 Tf 72 700 Td (On the page) Tj ET /X1 Do", "BT /F1 12 Tf 72 700 Td (In a form) Tj ET", "On the page\n\nIn a form"},
		// A form that draws itself ten times: bounded by depth and count.
		{"recursive", "/X1 Do", "BT /F1 12 Tf 72 700 Td (x) Tj ET " + strings.Repeat("/X1 Do ", 10), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.name+".pdf", craftedPDF([]byte(tt.page), false, "", formXObject(tt.form)))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != "" && doc.Text() != tt.want {
				t.Errorf("text %q, want %q", doc.Text(), tt.want)
			}
			if n := strings.Count(doc.Text(), "x"); tt.name == "recursive" && (n == 0 || n > maxForms) {
				t.Errorf("the recursive form drew %d times", n)
			}
		})
	}
}

func TestMinimalPDFIsRead(t *testing.T) {
	doc, err := Extract("min.pdf", minimalPDF([]byte("BT /F1 12 Tf 72 700 Td (Hello, world) Tj ET"), true))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text() != "Hello, world" {
		t.Errorf("text %q", doc.Text())
	}
}

func TestExtractRefuses(t *testing.T) {
	groff := readTestdata(t, "groff-article.pdf")
	tests := []struct {
		name string
		raw  []byte
		want string // in the error, after "name: "
	}{
		{"empty.txt", nil, "the file is empty"},
		{"huge.txt", bytes.Repeat([]byte("a"), MaxDocumentBytes+1), "over the limit of 50 MB per document"},
		{"markup.html", append([]byte("<html><body>"), bytes.Repeat([]byte("<span>x</span> "), MaxMarkupBytes/15+1)...), "over the limit of 10 MB of markup"},
		{"tags.html", append([]byte("<html><body>"), bytes.Repeat([]byte("<b>"), MaxHTMLElements+1)...), "more than 200000 elements"},
		{"text.txt", bytes.Repeat([]byte("word "), MaxTextBytes/5+1), "over the limit of 16 MB"},
		{"wide.png", pngHeader(100000, 100000), "100000 × 100000 pixels, over the limit"},
		{"big.png", pngHeader(10000, 10000), "10000 × 10000 pixels, over the limit"},
		{"wide.jpg", jpegHeader(60000, 60000), "60000 × 60000 pixels, over the limit"},
		{"broken.png", append(pngHeader(10, 10)[:33], "IDATgarbage"...), "the PNG image is damaged"},
		{"broken.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF"), "the PDF is damaged or not supported"},
		{"half.pdf", groff[:len(groff)/2], "the PDF is damaged or not supported"},
		{"bomb.pdf", minimalPDF(bytes.Repeat([]byte(" "), MaxPDFStreamBytes+1024), true), "decompresses to more than 64 MB"},
		{"prev-loop.pdf", craftedPDF([]byte("BT ET"), false, "/Prev XREF", ""), "point back to each other"},
		{"size.pdf", craftedPDF([]byte("BT ET"), false, "/Size 999999999999", ""), "declares more than 10000000 objects"},
		{"deep-content.pdf", minimalPDF(append(bytes.Repeat([]byte("["), 200000), " ] TJ"...), true), "nests arrays or dictionaries more than 256 deep"},
		{"deep-object.pdf", craftedPDF([]byte("BT ET"), false, "", strings.Repeat("<< /A ", 100000)+">>"), "nests arrays or dictionaries more than 256 deep"},
		{"objstm.pdf", craftedPDF([]byte("BT ET"), false, "", "<< /Type /ObjStm /N 99999999999 /First 10 /Length 0 >>\nstream\n\nendstream"), "object stream claims 99999999999 objects"},
		{"encrypted-password.pdf", readTestdata(t, "encrypted-password.pdf"), "protected by a password"},
		{"encrypted-aes256.pdf", readTestdata(t, "encrypted-aes256.pdf"), "encrypted with AES-256"},
		{"anim.gif", []byte("GIF89a\x01\x00\x01\x00"), "GIF images are not supported"},
		{"memo.docx", []byte("PK\x03\x04rest"), "ZIP-based files"},
		{"blob.bin", []byte("abc\x00def"), "not a text document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract("/some/dir/"+tt.name, tt.raw)
			if err == nil {
				t.Fatalf("accepted: %d paragraphs", len(doc.Paragraphs))
			}
			var e *Error
			if !errors.As(err, &e) || e.Name != tt.name {
				t.Errorf("error %T %v does not name the file", err, err)
			}
			if !strings.HasPrefix(err.Error(), tt.name+": ") || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line %q", err, tt.name+": …"+tt.want+"…")
			}
		})
	}
}

func TestThumbnail(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 2000, 1000))
	for x := 0; x < 2000; x++ {
		img.Set(x, 500, color.RGBA{255, 0, 0, 255})
	}
	var p, j bytes.Buffer
	png.Encode(&p, img)
	jpeg.Encode(&j, img, nil)
	tests := []struct {
		name   string
		raw    []byte
		format string
	}{
		{"wide.png", p.Bytes(), "png"},
		{"wide.jpg", j.Bytes(), "jpeg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.name, tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(doc.Thumbnail))
			if err != nil || format != tt.format || cfg.Width != ThumbnailSide || cfg.Height != ThumbnailSide/2 {
				t.Errorf("thumbnail %s %d × %d (%v), want %s %d × %d", format, cfg.Width, cfg.Height, err, tt.format, ThumbnailSide, ThumbnailSide/2)
			}
			if doc.Width != 2000 || doc.Height != 1000 {
				t.Errorf("size %d × %d", doc.Width, doc.Height)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"page.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", TypeHTML}, // content beats extension
		{"fragment.html", "<p>Just a fragment</p>", TypeHTML},
		{"notes.md", "# Title\n\ntext", TypeMarkdown},
		{"notes.txt", "# Title\n\ntext", TypeText},
		{"scan.txt", "%PDF-1.4 rest", TypePDF},
		{"junk.pdf", "junk before the header\n%PDF-1.4 rest", TypePDF},
		{"about.html", "<html><body><p>Files start with %PDF-1.7</p></body></html>", TypeHTML},
		{"noext", "\x89PNG\r\n\x1a\nrest", TypePNG},
		{"photo.png", "\xff\xd8\xff\xe0rest", TypeJPEG},
	}
	for _, tt := range tests {
		got, err := sniff(tt.name, []byte(tt.content))
		if err != nil || got != tt.want {
			t.Errorf("sniff(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestHTMLMainText(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string
	}{
		{"body.html", `<html><head><title>T</title></head><body><nav>Menu</nav><p>One <b>bold</b> word.</p><div>Two<br>lines</div><footer>Foot</footer></body></html>`,
			[]string{"One bold word.", "Two lines"}},
		{"br.html", `<html><body>First line<br>same paragraph<br><br>Second paragraph<br> <br>Third</body></html>`,
			[]string{"First line same paragraph", "Second paragraph", "Third"}},
		{"main.html", `<html><body><p>Outside</p><main><h2>Head</h2><p>Inside</p><ul><li>a</li><li>b</li></ul></main></body></html>`,
			[]string{"Head", "Inside", "a", "b"}},
		{"articles.html", `<html><body><article><p>Teaser</p></article><article><p>The long article text.</p><p>More of it.</p><article><p>A nested comment</p></article></article></body></html>`,
			[]string{"The long article text.", "More of it.", "A nested comment"}},
		{"hidden.html", `<html><body><p hidden>Hidden</p><div role="navigation">Nav</div><p aria-hidden="true">Ad</p><p>Shown &amp; kept&nbsp;here</p><script>alert(1)</script><style>p{}</style></body></html>`,
			[]string{"Shown & kept here"}},
		{"stray.html", "<html><body><p>Caf\xc3\xa9 cr\xc3\xa8me \xff br\xc3\xbbl\xc3\xa9e</p></body></html>",
			[]string{"Café crème brûlée"}},
		{"latin1.html", "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 cr\xe8me</p></body></html>",
			[]string{"Café crème"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.name, []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range doc.Paragraphs {
				got = append(got, p.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("paragraphs %q, want %q", got, tt.want)
			}
		})
	}
}

// TestExtractConcurrently runs extractions of every readable testdata file
// at once: nothing is shared between them (run with -race).
func TestExtractConcurrently(t *testing.T) {
	all, _ := filepath.Glob("testdata/*.*")
	var files []string
	for _, f := range all {
		if !strings.HasPrefix(filepath.Base(f), "encrypted-") || strings.Contains(f, "nopassword") {
			files = append(files, f)
		}
	}
	errs := make(chan error, len(files))
	for _, name := range files {
		go func() {
			raw, err := os.ReadFile(name)
			if err == nil {
				var doc *Document
				doc, err = Extract(name, raw)
				if err == nil {
					Find(doc, "Salesforce")
				}
			}
			errs <- err
		}()
	}
	for range files {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
