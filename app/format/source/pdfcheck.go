package source

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"

	"evidenceboard/data"
)

// The PDF library trusts numbers in the file: a /Prev chain that loops makes
// it loop forever, a huge /Size or xref subsection makes it allocate that many
// entries, an object stream's /N or /Extends chain makes it loop, and deeply
// nested arrays make its recursive parser overflow the stack, which kills the
// process (no recover catches that). pdfPrecheck refuses such files before
// the library sees them, from the raw bytes and the decompressed object and
// content streams.
const (
	maxPDFObjects = 10_000_000 // /Size, xref subsections
	maxPDFObjStm  = 1_000_000  // /N of an object stream
	maxPDFNesting = 256        // arrays and dictionaries inside each other
	maxPDFXrefs   = 256        // sections in the /Prev chain
)

var (
	reSize      = regexp.MustCompile(`/Size\s+(\d+)`)
	reN         = regexp.MustCompile(`/N\s+(\d+)`)
	reW         = regexp.MustCompile(`/W\s*\[([^\]]*)\]`)
	reXRef      = regexp.MustCompile(`/Type\s*/XRef\b`)
	rePrev      = regexp.MustCompile(`/Prev\s+(\d+)`)
	reXrefStart = regexp.MustCompile(`(?m)^\s*(\d+)\s+(\d+)\s*$`)
	reStartxref = regexp.MustCompile(`startxref\s+(\d+)`)
)

func pdfPrecheck(doc *Document, raw []byte) error {
	tooBig := func(s []byte, limit int64) bool {
		n, err := strconv.ParseInt(string(s), 10, 64)
		return err != nil || n > limit
	}
	for _, m := range reSize.FindAllSubmatch(raw, -1) {
		if tooBig(m[1], maxPDFObjects) {
			return fail(doc.Name, "the PDF declares more than %d objects (/Size %s)", maxPDFObjects, m[1])
		}
	}
	for _, m := range reN.FindAllSubmatch(raw, -1) {
		if tooBig(m[1], maxPDFObjStm) {
			return fail(doc.Name, "the PDF's object stream claims %s objects", m[1])
		}
	}
	// A cross-reference stream's /W (a CID font's /W is something else):
	// read in the dictionary around each /Type /XRef.
	for _, x := range reXRef.FindAllIndex(raw, -1) {
		from := bytes.LastIndex(raw[:x[0]], []byte("obj"))
		to := bytes.Index(raw[x[1]:], []byte("stream"))
		if from < 0 || to < 0 {
			continue
		}
		for _, m := range reW.FindAllSubmatch(raw[from:x[1]+to], -1) {
			for _, f := range bytes.Fields(m[1]) {
				if tooBig(f, 8) {
					return fail(doc.Name, "the PDF's cross-reference stream has a field of %s bytes", f)
				}
			}
		}
	}
	if bytes.Contains(raw, []byte("/Extends")) {
		return fail(doc.Name, "the PDF uses extended object streams (/Extends), which are not supported")
	}
	// xref table subsection headers: "first count" lines between "xref" and
	// "trailer".
	for at := 0; ; {
		i := bytes.Index(raw[at:], []byte("xref"))
		if i < 0 {
			break
		}
		start := at + i + 4
		if at+i > 0 && raw[at+i-1] != '\n' && raw[at+i-1] != '\r' {
			at = start // "startxref", or "xref" inside some other word
			continue
		}
		end := bytes.Index(raw[start:], []byte("trailer"))
		if end < 0 {
			end = len(raw) - start
		}
		for _, m := range reXrefStart.FindAllSubmatch(raw[start:start+end], -1) {
			first, err1 := strconv.ParseInt(string(m[1]), 10, 64)
			count, err2 := strconv.ParseInt(string(m[2]), 10, 64)
			if err1 != nil || err2 != nil || first+count > maxPDFObjects {
				return fail(doc.Name, "the PDF's cross-reference table claims objects up to %s + %s", m[1], m[2])
			}
		}
		at = start
	}
	// The /Prev chain, from the last startxref.
	if ms := reStartxref.FindAllSubmatchIndex(raw, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		off, err := strconv.ParseInt(string(raw[m[2]:m[3]]), 10, 64)
		seen := map[int64]bool{}
		for err == nil && off >= 0 && off < int64(len(raw)) {
			if seen[off] || len(seen) > maxPDFXrefs {
				return fail(doc.Name, "the PDF's cross-reference sections point back to each other (a loop)")
			}
			seen[off] = true
			// This section's /Prev is in its trailer or stream dictionary,
			// before the next startxref (or the stream's data).
			sect := raw[off:]
			if k := bytes.Index(sect, []byte("startxref")); k >= 0 {
				sect = sect[:k]
			}
			if k := bytes.Index(sect, []byte("stream")); k >= 0 && !bytes.HasPrefix(sect, []byte("xref")) {
				sect = sect[:k]
			}
			p := rePrev.FindSubmatch(sect)
			if p == nil {
				break
			}
			off, err = strconv.ParseInt(string(p[1]), 10, 64)
		}
	}
	return checkNesting(doc, raw, true)
}

// checkNesting scans PDF syntax for arrays and dictionaries nested deeper than
// maxPDFNesting, skipping strings and comments. In the file itself (inFile)
// stream data is skipped, except an object stream's, which is decompressed
// and scanned in turn.
func checkNesting(doc *Document, src []byte, inFile bool) error {
	depth := 0
	lastObj := 0 // where the current object began, to read a stream's dictionary
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '%':
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
		case '(':
			for n := 0; i < len(src); i++ {
				if src[i] == '\\' {
					i++
				} else if src[i] == '(' {
					n++
				} else if src[i] == ')' {
					if n--; n == 0 {
						break
					}
				}
			}
		case '<':
			if i+1 < len(src) && src[i+1] == '<' {
				i++
				depth++
			} else {
				for i < len(src) && src[i] != '>' {
					i++
				}
			}
		case '[':
			depth++
		case '>':
			if i+1 < len(src) && src[i+1] == '>' {
				i++
			}
			depth = max(0, depth-1)
		case ']':
			depth = max(0, depth-1)
		case 'o':
			if inFile && bytes.HasPrefix(src[i:], []byte("obj")) {
				lastObj = i
				depth = 0 // a new object: a broken one before it does not carry over
			}
		case 's':
			if !inFile || !bytes.HasPrefix(src[i:], []byte("stream")) || (i > 0 && src[i-1] == 'd') {
				continue
			}
			body := i + len("stream")
			if body < len(src) && src[body] == '\r' {
				body++
			}
			if body < len(src) && src[body] == '\n' {
				body++
			}
			end := bytes.Index(src[body:], []byte("endstream"))
			if end < 0 {
				end = len(src) - body
			}
			dict := src[lastObj:i]
			if bytes.Contains(dict, []byte("/ObjStm")) {
				inner := src[body : body+end]
				if bytes.Contains(dict, []byte("/FlateDecode")) {
					zr, err := zlib.NewReader(bytes.NewReader(inner))
					if err != nil {
						return fail(doc.Name, "the PDF's object stream is damaged (%s)", data.OneLine(err.Error(), 120))
					}
					inner, err = io.ReadAll(io.LimitReader(zr, MaxPDFStreamBytes+1))
					if len(inner) > MaxPDFStreamBytes {
						return fail(doc.Name, "an object stream decompresses to more than %s (a compression bomb?)", HumanSize(MaxPDFStreamBytes))
					}
					_ = err // a truncated stream is scanned as far as it goes
				}
				if err := checkNesting(doc, inner, false); err != nil {
					return err
				}
			}
			i = body + end + len("endstream") - 1
			depth = 0
		}
		if depth > maxPDFNesting {
			return fail(doc.Name, "the PDF nests arrays or dictionaries more than %d deep", maxPDFNesting)
		}
	}
	return nil
}
