package brief

// This file holds what the brief learns from the documents stored in the
// board before it renders: whether each quote's words are in its source,
// the passage around them, and the pictures of image sources. Rendering
// itself reads only the model and these, so it stays a pure function of
// its inputs and gives the same bytes every time.

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/jpeg" // thumbnails of JPEG sources
	"image/png"
	"strings"
	"unicode"

	"evidenceboard/app/format/source"
	"evidenceboard/app/format/source/verify"
	"evidenceboard/data"
)

// QuoteCheck is what checking one quote against its source's document
// found.
type QuoteCheck struct {
	// Verified is true when the quote's words occur in the document (the
	// rule of docs/QUOTES.md); false means they were not found, and
	// Before/Exact/After then hold the closest passage, if any.
	Verified bool
	// Locator is where the words (or the closest passage) are: "p. 3, ¶ 12".
	Locator string
	// Before, Exact and After are the passage and up to ContextRunes of
	// the document's text on either side, cut at a word.
	Before, Exact, After string
}

// ContextRunes is how much of the document the brief prints on either
// side of a quoted passage when Options.Context is on.
const ContextRunes = 240

// ReadSources checks every quote of m whose source has a document stored
// in s, and reads the picture of every image source, for the brief's
// sources and quotes sections. A document that cannot be read is left
// out (its quotes are printed unchecked); it is not an error, since the
// board opened and the brief should still be made.
func (o *Options) ReadSources(s *data.Store, m *data.Model) {
	o.Checks = map[string]QuoteCheck{}
	o.Images = map[string][]byte{}
	ck := verify.NewChecker(s, m)
	for _, c := range m.SortedCards() {
		switch c.Kind {
		case data.KindQuote:
			r := ck.Quote(c)
			if r.State == verify.NoDocument {
				continue
			}
			qc := QuoteCheck{Verified: r.State == verify.Verified, Locator: r.Match.Locator()}
			if r.Match.Quote.Exact != "" {
				if doc := ck.SourceDocument(r.Source); doc != nil {
					qc.Before, qc.Exact, qc.After = passage(doc.Text(), r.Match.Position.Start, r.Match.Position.End)
				}
			}
			o.Checks[c.ID] = qc
		case data.KindSource:
			d := m.Documents[c.Document]
			if d == nil || d.Unreadable != "" || (d.Type != source.TypePNG && d.Type != source.TypeJPEG) {
				continue
			}
			if _, done := o.Images[d.ID]; done {
				continue
			}
			raw, err := s.DocumentBytes(d.ID)
			if err != nil {
				continue
			}
			// The stored bytes were checked against their SHA-256 on
			// opening, but are decoded again through the extractor's
			// checks (pixel limits before decoding) like any image.
			doc, err := source.Extract(d.Name, raw)
			if err != nil || len(doc.Thumbnail) == 0 {
				continue
			}
			if pic, err := plainPNG(doc.Thumbnail); err == nil {
				o.Images[d.ID] = pic
			}
		}
	}
}

// plainPNG re-encodes a thumbnail (PNG or JPEG, already bounded in size
// by the extractor) as an 8-bit, non-interlaced RGBA PNG: the one kind of
// image the PDF library embeds without refusing (it rejects interlaced and
// 16-bit PNGs, and CMYK JPEGs print wrongly).
func plainPNG(thumb []byte) ([]byte, error) {
	img, _, err := image.Decode(bytes.NewReader(thumb))
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// passage cuts the text [start, end) (in code points) out of text with up
// to ContextRunes on either side, each side cut back to a word boundary
// so no word is printed in part.
func passage(text string, start, end int) (before, exact, after string) {
	r := []rune(text)
	if start < 0 || end > len(r) || start > end {
		return "", "", ""
	}
	from := max(0, start-ContextRunes)
	for from > 0 && from < start && !unicode.IsSpace(r[from-1]) {
		from++
	}
	to := min(len(r), end+ContextRunes)
	for to < len(r) && to > end && !unicode.IsSpace(r[to]) {
		to--
	}
	before = strings.TrimLeftFunc(string(r[from:start]), unicode.IsSpace)
	after = strings.TrimRightFunc(string(r[end:to]), unicode.IsSpace)
	if from > 0 {
		before = "…" + before
	}
	if to < len(r) {
		after += "…"
	}
	return before, string(r[start:end]), after
}
