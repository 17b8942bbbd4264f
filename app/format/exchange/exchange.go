// Package exchange is the one door to every interchange format: it tells
// a file's format from its content, imports it into a board as one change
// with a report to preview, and exports a board in any format. The
// command line and the GUI both go through it, so they accept the same
// files and say the same things.
package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"evidenceboard/app/format/canvas"
	csvfmt "evidenceboard/app/format/csv"
	"evidenceboard/app/format/ftm"
	"evidenceboard/app/format/gexf"
	"evidenceboard/app/format/graphml"
	boardimage "evidenceboard/app/format/image"
	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
)

// Format names a format as the command line's --format does.
type Format string

// The formats.
const (
	Canvas  Format = "canvas"
	GraphML Format = "graphml"
	GEXF    Format = "gexf"
	CSV     Format = "csv"
	FTM     Format = "ftm"
	PNG     Format = "png"
	SVG     Format = "svg"
)

type entry struct {
	ext   string // for export; the first extension of the format
	label string
	sniff func(head []byte) bool
	imp   func(r io.Reader, name string, into *data.Model, opt Options) (data.Change, *ingest.Report, error)
	exp   func(w io.Writer, m *data.Model) error
}

// formats is every format this build knows, with what it can do.
var formats = map[Format]*entry{
	Canvas: {ext: ".canvas", label: canvas.FormatName, sniff: canvas.Sniff,
		imp: func(r io.Reader, name string, into *data.Model, _ Options) (data.Change, *ingest.Report, error) {
			return canvas.Import(r, name, into)
		},
		exp: canvas.Export},
	GraphML: {ext: ".graphml", label: graphml.FormatName, sniff: graphml.Sniff,
		imp: func(r io.Reader, name string, into *data.Model, _ Options) (data.Change, *ingest.Report, error) {
			return graphml.Import(r, name, into)
		},
		exp: graphml.Export},
	GEXF: {ext: ".gexf", label: gexf.FormatName, exp: gexf.Export},
	FTM:  {ext: ".ftm.json", label: ftm.FormatName, exp: ftm.Export},
	PNG:  {ext: ".png", label: "PNG image", exp: boardimage.ExportPNG},
	SVG:  {ext: ".svg", label: "SVG image", exp: boardimage.SVG},
	CSV: {ext: ".csv", label: csvfmt.FormatName, sniff: csvfmt.Sniff,
		imp: func(r io.Reader, name string, into *data.Model, opt Options) (data.Change, *ingest.Report, error) {
			var m *csvfmt.Mapping
			if opt.Mapping != nil {
				var err error
				if m, err = csvfmt.ParseMapping(opt.Mapping); err != nil {
					where := opt.MappingName
					if where == "" {
						where = name
					}
					return data.Change{}, nil, fmt.Errorf("%s: %v", where, err)
				}
			}
			return csvfmt.Import(r, name, into, m)
		},
		exp: csvfmt.Export},
}

// Options are what an import may need beyond the file.
type Options struct {
	// Mapping is the CSV column mapping, as JSON (see docs/CSV_MAPPING.md
	// and csv.Mapping); nil reads only our own CSV exports.
	Mapping []byte
	// MappingName names the mapping file in messages.
	MappingName string
}

// ImportFormats lists the formats Import reads.
func ImportFormats() []Format { return list(func(e *entry) bool { return e.imp != nil }) }

// ExportFormats lists the formats Export writes.
func ExportFormats() []Format { return list(func(e *entry) bool { return e.exp != nil }) }

func list(ok func(*entry) bool) []Format {
	var out []Format
	for f, e := range formats {
		if ok(e) {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// CanImport reports whether Import reads format f.
func CanImport(f Format) bool { e := formats[f]; return e != nil && e.imp != nil }

// CanExport reports whether Export writes format f.
func CanExport(f Format) bool { e := formats[f]; return e != nil && e.exp != nil }

// Selection is the part of m an export of a selection writes: the cards
// named by ids and the links between them. References to cards left out
// (speaker, source, group) are dropped, so the result is a valid board.
func Selection(m *data.Model, ids []string) *data.Model {
	out := data.NewModel(m.Board)
	for _, id := range ids {
		if c := m.Cards[id]; c != nil {
			cc := c.Clone()
			out.Cards[id] = &cc
		}
	}
	for _, c := range out.Cards {
		for _, ref := range c.Refs() {
			if out.Cards[*ref] == nil {
				*ref = ""
			}
		}
	}
	for id, l := range m.Links {
		if out.Cards[l.From] != nil && out.Cards[l.To] != nil {
			ll := *l
			out.Links[id] = &ll
		}
	}
	return out
}

// Label is the format as a person reads it ("JSON Canvas").
func (f Format) Label() string {
	if e := formats[f]; e != nil {
		return e.label
	}
	return string(f)
}

// Extension is the file extension an export in f gets (".canvas").
func (f Format) Extension() string {
	if e := formats[f]; e != nil {
		return e.ext
	}
	return ""
}

// Parse reads a --format value; ok is false for a format this build does
// not know.
func Parse(s string) (Format, bool) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	_, ok := formats[f]
	return f, ok
}

// FromPath tells an export's format from the extension of the file it is
// written to (".ftm.json" is FollowTheMoney).
func FromPath(path string) (Format, bool) {
	low := strings.ToLower(filepath.Base(path))
	if strings.HasSuffix(low, ".ftm.json") {
		return FTM, formats[FTM] != nil
	}
	ext := filepath.Ext(low)
	for f, e := range formats {
		if e.ext == ext {
			return f, true
		}
	}
	return "", false
}

// HeadSize is how much of a file Detect looks at.
const HeadSize = 4096

// ReadFile reads a file to import, whole: one over ingest.MaxFileSize is
// refused from its size, before a byte is read. The error names the file.
func ReadFile(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a file", path)
	} else if err == nil && st.Mode().IsRegular() && st.Size() > ingest.MaxFileSize {
		return nil, fmt.Errorf("%s: %v", path, ingest.ErrTooBig)
	}
	b, err := ingest.ReadAll(fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	return b, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Detect tells a file's format from its first bytes (it looks at no more
// than HeadSize), falling back on its name's extension only when the
// content says nothing; ok is false when neither does.
func Detect(head []byte, name string) (Format, bool) {
	if len(head) > HeadSize {
		head = head[:HeadSize]
	}
	// Content first, in an order where no format's test takes another's
	// files: JSON, then XML, then the rest.
	for _, f := range []Format{Canvas, GraphML, GEXF, CSV} {
		if e := formats[f]; e != nil && e.imp != nil && e.sniff != nil && e.sniff(head) {
			return f, true
		}
	}
	if f, ok := FromPath(name); ok && formats[f].imp != nil {
		if len(bytes.TrimSpace(head)) == 0 {
			return f, true
		}
	}
	return "", false
}

// Import reads r (the file called name) as format f into a change that
// adds its cards and links to into, which it only reads. The report says
// what the change adds and what was skipped; it is what a preview shows
// before the change is applied. On error nothing is to change; the error
// is one line naming the file and the problem.
func Import(f Format, r io.Reader, name string, into *data.Model, opt Options) (data.Change, *ingest.Report, error) {
	e := formats[f]
	if e == nil || e.imp == nil {
		return data.Change{}, nil, fmt.Errorf("%s: cannot import %s files", name, f.Label())
	}
	ch, rep, err := e.imp(r, name, into, opt)
	if err != nil {
		return data.Change{}, nil, err
	}
	if rep != nil && rep.Format == "" {
		rep.Format = e.label
	}
	return ch, rep, nil
}

// Export writes m to w in format f.
func Export(f Format, w io.Writer, m *data.Model) error {
	e := formats[f]
	if e == nil || e.exp == nil {
		return fmt.Errorf("cannot export as %s", f)
	}
	return e.exp(w, m)
}
