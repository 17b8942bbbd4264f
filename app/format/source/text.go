package source

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"evidenceboard/data"
)

// decodeText turns the bytes of a text file into UTF-8. UTF-8 (with or
// without a BOM) is taken as it is; UTF-16 is recognised by its BOM. Anything
// else that is not valid UTF-8 is read as Windows-1252, the superset of
// Latin-1 that old Western text files and e-mail exports are written in:
// every byte sequence decodes, and the accents come out right for the
// documents this app meets — unless it is UTF-8 with a few stray bytes (see
// below). A file with NUL bytes is binary, and refused.
func decodeText(doc *Document, raw []byte) (string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte("\xff\xfe")) || bytes.HasPrefix(raw, []byte("\xfe\xff")):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return "", fail(doc.Name, "the UTF-16 text cannot be decoded")
		}
		doc.Encoding = "utf-16"
		return string(out), nil
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return "", fail(doc.Name, "not a text document (it holds binary data) and not a type we read (text, Markdown, HTML, PDF, PNG, JPEG)")
	}
	if utf8.Valid(raw) {
		doc.Encoding = "utf-8"
		return string(raw), nil
	}
	// A UTF-8 file with a few stray bytes (a bad copy and paste) is still
	// UTF-8: reading all of it as Windows-1252 would garble every accent to
	// fix one byte. UTF-8 wins when it has more valid multi-byte characters
	// than invalid bytes; the invalid bytes are dropped, and Encoding says so.
	multi, invalid := 0, 0
	for b := raw; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else if size > 1 {
			multi++
		}
		b = b[size:]
	}
	if multi > invalid {
		doc.Encoding = fmt.Sprintf("utf-8 (%d invalid bytes dropped)", invalid)
		return strings.ToValidUTF8(string(raw), ""), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		return "", fail(doc.Name, "the text is neither UTF-8 nor Windows-1252")
	}
	doc.Encoding = "windows-1252"
	return string(out), nil
}

// blankLine splits paragraphs: a line holding nothing but white space.
var blankLine = regexp.MustCompile(`\n[ \t\f\v]*\n`)

// extractText reads plain text: paragraphs are separated by blank lines; the
// line breaks inside a paragraph are white space.
func extractText(doc *Document, raw []byte, _ time.Time) error {
	if len(raw) > MaxTextBytes {
		return fail(doc.Name, "the text is over the limit of %s", HumanSize(MaxTextBytes))
	}
	s, err := decodeText(doc, raw)
	if err != nil {
		return err
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	c := &textCollector{doc: doc}
	for _, p := range blankLine.Split(s, -1) {
		c.add(1, p)
	}
	return nil
}

// frontMatterDate and frontMatterTitle find "date: 2019-04-01" and
// "title: …" in a YAML front matter block.
var (
	frontMatterDate  = regexp.MustCompile(`(?m)^date:\s*["']?([0-9]{4}-[0-9]{2}-[0-9]{2})`)
	frontMatterTitle = regexp.MustCompile(`(?m)^title:\s*(.+)$`)
)

// extractMarkdown renders Markdown with goldmark (CommonMark; raw HTML in it
// is left out, as goldmark does unless told otherwise) and reads the result
// as HTML, so headings, lists and emphasis become the text a person reads,
// without the markup characters a quote would never contain.
func extractMarkdown(doc *Document, raw []byte, deadline time.Time) error {
	if len(raw) > MaxMarkupBytes {
		return fail(doc.Name, "the Markdown is over the limit of %s", HumanSize(MaxMarkupBytes))
	}
	s, err := decodeText(doc, raw)
	if err != nil {
		return err
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	if strings.HasPrefix(s, "---\n") {
		if end := strings.Index(s[4:], "\n---"); end >= 0 {
			front := s[4 : 4+end]
			if m := frontMatterDate.FindStringSubmatch(front); m != nil {
				doc.Date = validDate(m[1])
			}
			if m := frontMatterTitle.FindStringSubmatch(front); m != nil {
				doc.Title = strings.Trim(strings.TrimSpace(m[1]), `"'`)
			}
			s = s[4+end+4:]
		}
	}
	var html bytes.Buffer
	if err := goldmark.Convert([]byte(s), &html); err != nil {
		return fail(doc.Name, "the Markdown cannot be read (%v)", data.OneLine(err.Error(), 120))
	}
	info, err := readHTML(doc, html.Bytes(), deadline)
	if err != nil {
		return err
	}
	if doc.Title == "" {
		doc.Title = info.firstHeading
	}
	return nil
}

// validDate keeps a YYYY-MM-DD date only when it is a real calendar date.
func validDate(s string) string {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return ""
	}
	return s
}
