// Package source turns a document a person brings in — plain text, Markdown,
// HTML, PDF, PNG or JPEG — into the text a quote can be checked against, and
// finds quotes in it.
//
// Everything here is pure: bytes in, a Document out. Nothing touches a board
// file or the GUI, so the command line, the reader pane and the brief share one
// extraction and one matching rule (docs/DOCUMENTS.md, docs/QUOTES.md).
//
// Every document is untrusted. Extract bounds size, time and memory (the
// exported limits below), runs each parser under recover, and answers bad
// input with one error naming the file and the problem.
package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"evidenceboard/data"
)

// Limits. A document that exceeds one is refused with an error that names it;
// nothing is truncated silently, because a quote checked against half a
// document would be reported "not found" for the wrong reason.
const (
	// MaxDocumentBytes is the largest file accepted, of any type.
	MaxDocumentBytes = 50 << 20
	// MaxTextBytes caps the extracted text (UTF-8) of one document.
	MaxTextBytes = 16 << 20
	// MaxMarkupBytes caps HTML and Markdown input: a real article page is
	// well under 2 MB; tens of megabytes of markup is an attack or a mistake.
	MaxMarkupBytes = 10 << 20
	// MaxPDFPages caps the pages read from a PDF.
	MaxPDFPages = 5000
	// MaxPDFStreamBytes caps one decompressed PDF content stream (a
	// compression bomb stops here, before it is parsed).
	MaxPDFStreamBytes = 64 << 20
	// MaxImageSide and MaxImagePixels are checked from the image header,
	// before any pixel is decoded: 50 megapixels decode to at most 200 MB.
	MaxImageSide   = 16384
	MaxImagePixels = 50_000_000
	// ThumbnailSide is the longest side, in pixels, of an image's thumbnail.
	ThumbnailSide = 512
	// ExtractTimeout bounds the time one extraction may take.
	ExtractTimeout = 20 * time.Second
)

// Document types, as stored in Document.Type.
const (
	TypeText     = "text"
	TypeMarkdown = "markdown"
	TypeHTML     = "html"
	TypePDF      = "pdf"
	TypePNG      = "png"
	TypeJPEG     = "jpeg"
)

// Paragraph is one block of a document's text. Text has its white space
// already normalised: no line breaks, single spaces, no leading or trailing
// space.
type Paragraph struct {
	// Page is 1-based; always 1 for documents without pages.
	Page int
	// Number is 1-based and counted across the whole document, not per page,
	// so "¶ 12" names one paragraph even without its page, and a locator
	// stays meaningful for documents that have no pages.
	Number int
	Text   string
}

// Document is what Extract learns from a file.
type Document struct {
	Name  string // the file name it was given, for messages
	Type  string // one of the Type constants
	MIME  string
	Title string // from the file (HTML <title>, first Markdown heading, PDF Info Title), else the file name
	// Date is the document's own date as YYYY-MM-DD when the file states one
	// (HTML meta, Markdown front matter, PDF Info CreationDate), else "".
	Date   string
	SHA256 string // hex of the original bytes
	Size   int64  // bytes
	Pages  int    // 1 for everything but PDF
	// Encoding names how text bytes were decoded: "utf-8", "utf-16",
	// "windows-1252"; "" for binary formats.
	Encoding   string
	Paragraphs []Paragraph
	// Width and Height are an image's pixel dimensions; Thumbnail is the image
	// scaled to at most ThumbnailSide on its longest side, encoded in the
	// source's own format (PNG or JPEG). Zero for other types.
	Width, Height int
	Thumbnail     []byte

	idx *findIndex // built by the first Find
}

// Text is the document's full text: its paragraphs joined by a blank line.
// TextPositionSelector offsets (Match.Start, Match.End) count Unicode code
// points in this string.
func (d *Document) Text() string {
	var b strings.Builder
	for i, p := range d.Paragraphs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// Error is the one-line error every refusal returns: the file and the problem.
type Error struct {
	Name    string
	Problem string
}

func (e *Error) Error() string { return e.Name + ": " + e.Problem }

func fail(name, format string, args ...any) error {
	return &Error{Name: name, Problem: fmt.Sprintf(format, args...)}
}

// errTooMuchText is raised (as a panic value) by a collector that passes
// MaxTextBytes, and turned into an Error by Extract.
var errTooMuchText = errors.New("too much text")

// Extract recognises the document's type from its content (magic bytes, an
// <html> tag; the extension only tells Markdown from plain text and names a
// fragment HTML) and extracts its text. name is used for messages and as the
// title of last resort; raw is the whole file.
func Extract(name string, raw []byte) (*Document, error) {
	base := filepath.Base(name)
	if len(raw) > MaxDocumentBytes {
		return nil, fail(base, "%s is over the limit of %s per document", HumanSize(int64(len(raw))), HumanSize(MaxDocumentBytes))
	}
	if len(raw) == 0 {
		return nil, fail(base, "the file is empty")
	}
	sum := sha256.Sum256(raw)
	doc := &Document{Name: base, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(raw)), Pages: 1}
	kind, err := sniff(base, raw)
	if err != nil {
		return nil, err
	}
	doc.Type, doc.MIME = kind, mimeOf[kind]

	type result struct{ err error }
	done := make(chan result, 1)
	deadline := time.Now().Add(ExtractTimeout)
	// The extractor runs in its own goroutine so a parser that loops despite
	// our budgets cannot hang the caller; the budgets (deadline checks inside
	// the PDF interpreter) make such a goroutine stop soon after.
	go func() {
		var err error
		defer func() {
			if r := recover(); r != nil {
				if r == errTooMuchText {
					err = fail(base, "its text is over the limit of %s", HumanSize(MaxTextBytes))
				} else if e, ok := r.(*Error); ok {
					err = e
				} else {
					err = fail(base, "the %s is damaged or not supported (%v)", describe[kind], data.OneLine(fmt.Sprint(r), 120))
				}
			}
			done <- result{err}
		}()
		err = extractors[kind](doc, raw, deadline)
	}()
	var res result
	select {
	case res = <-done:
	case <-time.After(ExtractTimeout + time.Second):
		return nil, fail(base, "reading the %s took longer than %s", describe[kind], ExtractTimeout)
	}
	if res.err != nil {
		return nil, res.err
	}
	if doc.Title == "" {
		doc.Title = strings.TrimSuffix(base, filepath.Ext(base))
		if doc.Title == "" {
			doc.Title = base
		}
	}
	return doc, nil
}

var mimeOf = map[string]string{
	TypeText:     "text/plain; charset=utf-8",
	TypeMarkdown: "text/markdown; charset=utf-8",
	TypeHTML:     "text/html",
	TypePDF:      "application/pdf",
	TypePNG:      "image/png",
	TypeJPEG:     "image/jpeg",
}

var describe = map[string]string{
	TypeText: "text", TypeMarkdown: "Markdown", TypeHTML: "HTML page",
	TypePDF: "PDF", TypePNG: "PNG image", TypeJPEG: "JPEG image",
}

var extractors = map[string]func(doc *Document, raw []byte, deadline time.Time) error{
	TypeText:     extractText,
	TypeMarkdown: extractMarkdown,
	TypeHTML:     extractHTML,
	TypePDF:      extractPDF,
	TypePNG:      extractImage,
	TypeJPEG:     extractImage,
}

// sniff decides the type from the content first. Binary formats we do not
// read are named when recognised, so the message says what the file is.
func sniff(name string, raw []byte) (string, error) {
	head := raw
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.HasPrefix(raw, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG, nil
	case bytes.HasPrefix(raw, []byte("\xff\xd8\xff")):
		return TypeJPEG, nil
	case bytes.HasPrefix(raw, []byte("%PDF-")):
		return TypePDF, nil
	case bytes.HasPrefix(raw, []byte("GIF8")):
		return "", fail(name, "GIF images are not supported (PNG, JPEG are)")
	case len(raw) > 12 && string(raw[:4]) == "RIFF" && string(raw[8:12]) == "WEBP":
		return "", fail(name, "WebP images are not supported (PNG, JPEG are)")
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return "", fail(name, "ZIP-based files (Word, OpenDocument, archives) are not supported; save it as PDF or text")
	}
	lower := bytes.ToLower(head)
	// A PDF's header may follow up to 1 KB of junk, but a page that merely
	// mentions "%PDF-" near its top is still a page.
	isHTML := bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<head")) || bytes.Contains(lower, []byte("<body"))
	if !isHTML && bytes.Contains(head, []byte("%PDF-")) {
		return TypePDF, nil
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(lower, []byte("\xef\xbb\xbf")), " \t\r\n")
	if isHTML || bytes.HasPrefix(trimmed, []byte("<!doctype html")) {
		return TypeHTML, nil
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".html", ".htm", ".xhtml":
		return TypeHTML, nil
	case ".md", ".markdown", ".mdown", ".mkd":
		return TypeMarkdown, nil
	}
	return TypeText, nil
}

// textCollector gathers paragraphs and enforces MaxTextBytes.
type textCollector struct {
	doc   *Document
	bytes int
}

// add normalises a paragraph's white space and appends it (empty ones are
// dropped). Paragraph numbers run across the whole document.
func (c *textCollector) add(page int, text string) {
	t := normaliseSpace(text)
	if t == "" {
		return
	}
	c.bytes += len(t) + 2
	if c.bytes > MaxTextBytes {
		panic(errTooMuchText)
	}
	c.doc.Paragraphs = append(c.doc.Paragraphs, Paragraph{Page: page, Number: len(c.doc.Paragraphs) + 1, Text: t})
}

// normaliseSpace puts text in the form paragraphs are stored in: NFC, runs of
// white space (line breaks, tabs, no-break spaces) as one space, control
// characters and zero-width marks dropped, trimmed. NFC comes last: a mark
// dropped from between a letter and a combining mark would otherwise leave
// them uncomposed, and Find, which folds quotes to NFC, would not find them.
func normaliseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u2007' || r == '\u202f':
			space = true
			continue
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue // soft hyphen, zero-width characters: invisible, and would split a word
		case r == utf8.RuneError || unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// HumanSize formats a size in bytes for people: "50 MB", "1.2 MB",
// "812 KB", "96 bytes" (one decimal below ten, none above).
func HumanSize(n int64) string {
	unit := func(v float64, name string) string {
		if v < 9.95 && v != float64(int64(v)) {
			return fmt.Sprintf("%.1f %s", v, name)
		}
		return fmt.Sprintf("%.0f %s", v, name)
	}
	switch {
	case n >= 1<<20:
		return unit(float64(n)/(1<<20), "MB")
	case n >= 1<<10:
		return unit(float64(n)/(1<<10), "KB")
	}
	return fmt.Sprintf("%d bytes", n)
}

// oneLine keeps a parser's message to one short line.
