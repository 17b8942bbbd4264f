// Package brief renders an Evidence Board to a PDF brief: a case summary
// an editor or a court can read, with the board drawn in it. It reads a
// data.Model and writes PDF bytes with github.com/jung-kurt/gofpdf; it
// imports no GUI code, so the command line and the app share it.
//
// The brief holds, in order: a cover, the contents, the board diagram
// (with tiled pages for a large board), parties, claims with what is
// alleging, supporting, contradicting and denying each, contested points
// side by side, open questions (notes and cards tagged to check), quotes,
// a timeline, the numbered sources the citations refer to, and an appendix
// of every link. Text is drawn with the DejaVu fonts embedded in assets;
// a character they cannot draw is replaced by a visible box and listed on
// the last page, with the integrity note (the board file's SHA-256 and
// history). The same board and the same options, export time included,
// always give the same bytes.
package brief

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"evidenceboard/data"
)

// Options chooses what goes into a brief.
type Options struct {
	// Diagram includes the drawing of the board (and its tiled pages).
	Diagram bool
	// Timeline includes the timeline of dated cards.
	Timeline bool
	// Appendix includes the table of every link.
	Appendix bool
	// Marking is printed in the header of every page but the cover and on
	// the cover; when empty, the board's own Marking is used.
	Marking string

	// BoardAsOf is the time of the last change in the board file's history
	// (data.Store.LastChange), printed on the cover as "Board as of"; when
	// zero, the board's own updated time stands in, and the cover says so.
	BoardAsOf time.Time
	// Changes is the number of changes in the file's history.
	Changes int
	// ExportedAt is when the brief was made, printed as "Exported" and
	// written as the PDF's dates. Callers set it (the command line from
	// --as-of or SOURCE_DATE_EPOCH, so that the same board and the same
	// time give the same bytes); when zero, the cover says it was not
	// recorded and the PDF carries the board's time.
	ExportedAt time.Time
	// FileName is the board file's name (no folders), and FileSHA256 the
	// hex SHA-256 of its bytes at export, for the integrity note on the
	// last page; empty for a board that is not from a file.
	FileName, FileSHA256 string

	// Context prints, under each quote taken from a document, the quoted
	// passage with the text around it in the document.
	Context bool
	// Checks holds, by quote card ID, what checking the quote against its
	// source's document found, and Images, by document ID, the picture of
	// each image source as PNG: both read from the board file by
	// ReadSources. A quote with no check is printed unchecked.
	Checks map[string]QuoteCheck
	Images map[string][]byte
}

// DefaultOptions returns options with every section on and the board's
// own marking.
func DefaultOptions() Options {
	return Options{Diagram: true, Timeline: true, Appendix: true}
}

// Result tells what Render made.
type Result struct {
	// Pages is the number of pages of the brief.
	Pages int
	// Missing lists, in code point order, the characters of the board the
	// fonts could not draw; the brief shows each as a box and names them
	// on its last page.
	Missing []rune
}

// maxPasses bounds the renders Render does to get page numbers right: the
// first learns where everything falls, the second prints it; a third is
// needed only if the numbers changed the layout.
const maxPasses = 3

// Render writes the brief of m to w. progress, which may be nil, is called
// with a fraction from 0 to 1 as sections complete (several times over, as
// the brief is laid out more than once, but never going back). Render
// never panics on any model content: a failure inside the PDF library is
// returned as an error, and nothing is written to w unless the whole
// brief was made. Render only reads m, and may run in several goroutines
// at once.
func Render(m *data.Model, opts Options, w io.Writer, progress func(float64)) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res = nil
			err = fmt.Errorf("brief: internal error while drawing the PDF: %v", r)
		}
	}()
	if m == nil {
		return nil, errors.New("brief: no board")
	}
	if w == nil {
		return nil, errors.New("brief: nowhere to write")
	}
	fs, err := loadFonts()
	if err != nil {
		return nil, fmt.Errorf("brief: reading the embedded fonts: %v", err)
	}
	// The CJK font is added only to a brief that has a character for it.
	fallback := fs.needsFallback(m, opts)
	cov := fs.base
	if fallback {
		cov = fs.all
	}
	cd := analyse(m)

	var done float64
	report := func(f float64) {
		if progress != nil && f > done {
			done = f
			progress(f)
		}
	}

	var prev *layout
	var buf bytes.Buffer
	var z *sanitiser
	for pass := 1; pass <= maxPasses; pass++ {
		z = newSanitiser(cov)
		final := pass > 1 && prev != nil
		d := newDoc(cd, opts, z, prev, fs, fallback, func(f float64) {
			// The first pass takes about half the time, the second the rest.
			if final {
				report(0.5 + f*0.49)
			} else {
				report(f * 0.5)
			}
		})
		d.build()
		if err := d.pdf.Error(); err != nil {
			return nil, fmt.Errorf("brief: %v", err)
		}
		cur := d.layout
		if final && cur.same(prev) {
			buf.Reset()
			if err := d.pdf.Output(&buf); err != nil {
				return nil, fmt.Errorf("brief: %v", err)
			}
			if _, err := w.Write(buf.Bytes()); err != nil {
				return nil, err
			}
			report(1)
			return &Result{Pages: cur.pages, Missing: z.missingRunes()}, nil
		}
		prev = cur
	}
	return nil, errors.New("brief: the page numbers would not settle")
}

// asOf is the time of the board the brief reports: the last change in its
// history, else the board's own updated time; history says which.
func asOf(b data.Board, opts Options) (t time.Time, history bool) {
	if !opts.BoardAsOf.IsZero() {
		return opts.BoardAsOf.UTC(), true
	}
	return boardTime(b), false
}

// pdfTime is the date written into the PDF: the export time, else the
// board's, so that a brief made without one still has stable bytes.
func pdfTime(b data.Board, opts Options) time.Time {
	if !opts.ExportedAt.IsZero() {
		return opts.ExportedAt.UTC()
	}
	t, _ := asOf(b, opts)
	return t
}

// stamp is a time as the brief prints it: "30 November 2026, 01:37:12 UTC".
func stamp(t time.Time) string {
	t = t.UTC()
	day := data.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	return day.Human() + ", " + t.Format("15:04:05") + " UTC"
}

// boardTime is the board's own record of its last edit, for a board
// with no history to read.
func boardTime(b data.Board) time.Time {
	switch {
	case !b.Updated.IsZero():
		return b.Updated.UTC()
	case !b.Created.IsZero():
		return b.Created.UTC()
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}
