package brief

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"evidenceboard/app/format/formattest"
	"evidenceboard/assets"
	"evidenceboard/data"
)

// render renders m with opts and returns the PDF bytes.
func render(t testing.TB, m *data.Model, opts Options) ([]byte, *Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := Render(m, opts, &buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 1 || buf.Len() == 0 {
		t.Fatalf("empty brief: %+v, %d bytes", res, buf.Len())
	}
	return buf.Bytes(), res
}

// writeTemp writes a PDF into the test's temporary directory.
func writeTemp(t testing.TB, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "brief.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// need skips the test when a tool it runs is not installed (CI has them).
func need(t testing.TB, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed", tool)
	}
}

// pdfText is the text of the PDF at path with whitespace made single spaces.
func pdfText(t testing.TB, path string) string {
	t.Helper()
	need(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func qpdfCheck(t testing.TB, path string) {
	t.Helper()
	need(t, "qpdf")
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "WARNING") {
		t.Fatalf("qpdf --check warns:\n%s", out)
	}
}

func TestSampleBriefText(t *testing.T) {
	m := formattest.Sample(t)
	pdf, res := render(t, m, DefaultOptions())
	if len(res.Missing) != 0 {
		t.Errorf("the sample case should need no replacement characters, got %q", string(res.Missing))
	}
	path := writeTemp(t, pdf)
	qpdfCheck(t, path)
	text := pdfText(t, path)

	for _, c := range m.Cards {
		if c.Kind == data.KindParty && !strings.Contains(text, c.Title) {
			t.Errorf("party %q is missing from the brief", c.Title)
		}
	}
	statement := "We are deeply committed to the ethical and humane use of our products and take these allegations seriously."
	if !strings.Contains(text, "“"+statement+"”") {
		t.Errorf("Salesforce's statement is not in the brief verbatim")
	}
	for _, want := range []string{m.Board.Title, m.Board.Marking, "Alleged by", "Supported by", "Contradicted by", "Denied by",
		"page 2 of", fmt.Sprintf("page %d of %d", res.Pages, res.Pages)} {
		if !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
			t.Errorf("the brief lacks %q", want)
		}
	}

	// The contested points pair the allegation with Salesforce's denial.
	start := strings.LastIndex(text, "Contested points Each claim")
	end := strings.Index(text[max(start, 0):], "Quotes Quotations are")
	if start < 0 || end < 0 {
		t.Fatalf("no contested points section in:\n%s", text)
	}
	contested := text[start : start+end]
	for _, want := range []string{"Salesforce is liable for sex trafficking, conspiracy and negligence",
		"SUPPORTED BY", "CONTRADICTED BY", "ALLEGED BY", "DENIED BY", "The 50 Jane Does (group, plaintiff) alleges this.",
		"Salesforce (organisation, defendant) denies this.", statement,
		"The Jane Does were forced, coerced"} {
		if !strings.Contains(contested, want) {
			t.Errorf("contested points lack %q:\n%s", want, contested)
		}
	}
	if strings.Contains(contested, "Backpage pleaded guilty") {
		t.Errorf("an uncontested claim is listed among the contested points")
	}
}

// outline is one entry of `qpdf --json` outlines.
type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
	Page  int       `json:"destpageposfrom1"`
}

func outlines(t *testing.T, path string) []outline {
	t.Helper()
	need(t, "qpdf")
	out, err := exec.Command("qpdf", "--json=2", "--json-key=outlines", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct{ Outlines []outline }
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Outlines
}

func TestOutlineAndContents(t *testing.T) {
	m := formattest.Sample(t)
	pdf, res := render(t, m, DefaultOptions())
	path := writeTemp(t, pdf)
	ol := outlines(t, path)
	want := []string{"Contents", "1  The board", "2  Parties", "3  Claims", "4  Contested points",
		"5  Open questions", "6  Quotes", "7  Timeline", "8  Sources", "9  Appendix: links", "Integrity"}
	var got []string
	for _, o := range ol {
		got = append(got, o.Title)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("outline = %q, want %q", got, want)
	}
	claims := 0
	for _, c := range m.Cards {
		if c.Kind == data.KindClaim {
			claims++
		}
	}
	if n := len(ol[3].Kids); n != claims {
		t.Errorf("the outline lists %d claims, want %d", n, claims)
	}
	// The contents give the page each section starts on.
	text := pdfText(t, path)
	for _, o := range ol[1 : len(ol)-1] {
		if o.Page < 3 || o.Page > res.Pages {
			t.Errorf("%s points at page %d", o.Title, o.Page)
		}
		title := strings.TrimSpace(o.Title[strings.Index(o.Title, " "):])
		if !strings.Contains(text, title) {
			t.Errorf("contents lack %q", title)
		}
	}
	contents := text[strings.Index(text, "Contents"):strings.Index(text, "1 The board 21 cards")]
	for _, n := range []int{ol[1].Page, ol[2].Page, ol[8].Page} {
		if !strings.Contains(contents, " "+strconv.Itoa(n)+" ") {
			t.Errorf("contents lack page number %d:\n%s", n, contents)
		}
	}
}

func TestSameBytesTwice(t *testing.T) {
	a, _ := render(t, formattest.Sample(t), DefaultOptions())
	b, _ := render(t, formattest.Sample(t), DefaultOptions())
	if !bytes.Equal(a, b) {
		t.Fatal("two briefs of the same board differ")
	}
	// The embedded fonts were not changed by the first documents.
	c, _ := render(t, formattest.Sample(t), DefaultOptions())
	if !bytes.Equal(a, c) {
		t.Fatal("a third brief differs")
	}
}

func TestConcurrentRenders(t *testing.T) {
	want, _ := render(t, formattest.Sample(t), DefaultOptions())
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			var buf bytes.Buffer
			_, err := Render(formattest.Sample(t), DefaultOptions(), &buf, nil)
			if err == nil && !bytes.Equal(buf.Bytes(), want) {
				err = fmt.Errorf("a concurrent render differs")
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestOptions(t *testing.T) {
	m := formattest.Sample(t)
	opts := Options{Marking: "CONFIDENTIAL — DRAFT"}
	pdf, res := render(t, m, opts)
	full, fres := render(t, m, DefaultOptions())
	if res.Pages >= fres.Pages || len(pdf) >= len(full) {
		t.Errorf("leaving sections out gave %d pages, all of them %d", res.Pages, fres.Pages)
	}
	path := writeTemp(t, pdf)
	var got []string
	for _, o := range outlines(t, path) {
		got = append(got, o.Title)
	}
	want := "Contents|1  Parties|2  Claims|3  Contested points|4  Open questions|5  Quotes|6  Sources|Integrity"
	if strings.Join(got, "|") != want {
		t.Errorf("outline = %q, want %q", strings.Join(got, "|"), want)
	}
	text := pdfText(t, path)
	if !strings.Contains(text, "CONFIDENTIAL — DRAFT") || strings.Contains(text, m.Board.Marking) {
		t.Errorf("the marking option does not replace the board's marking")
	}
}

func TestProgress(t *testing.T) {
	var got []float64
	var buf bytes.Buffer
	if _, err := Render(formattest.Sample(t), DefaultOptions(), &buf, func(f float64) { got = append(got, f) }); err != nil {
		t.Fatal(err)
	}
	if len(got) < 5 || got[len(got)-1] != 1 {
		t.Fatalf("progress = %v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i] < got[i-1] || got[i] < 0 || got[i] > 1 {
			t.Fatalf("progress goes back or out of range: %v", got)
		}
	}
}

// hostileModel is a board written to break a renderer.
func hostileModel() *data.Model {
	long := strings.Repeat("Überlange Überschrift ", 10000/22+1)[:10000]
	noSpace := strings.Repeat("x", 10000)
	t0 := time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC)
	m := data.NewModel(data.Board{
		Title:   long + " 😀",
		CaseRef: "Ref\x00\x07\x1b[31m 中文 \u202Eevil\u202C",
		Author:  "مؤلف עורך",
		Marking: "🔒 SECRET 🔒",
		Created: t0, Updated: t0,
	})
	add := func(c data.Card) string {
		if c.ID == "" {
			c.ID = fmt.Sprintf("card-%03d", len(m.Cards))
		}
		m.Cards[c.ID] = &c
		return c.ID
	}
	party := add(data.Card{Kind: data.KindParty, Title: "😀 Emoji Party 中文 名前 Ελληνικά Кириллица",
		Body:      "control\x00\x01\x02\x7f\u0085 chars\tand\r\nCRLF and RTL: שלום עולם مرحبا بالعالم and combining e\u0301 and ZWJ 👩\u200d👩\u200d👧",
		PartyType: "organisation", Role: strings.Repeat("role ", 500), X: -1e7, Y: -1e7, Width: 1e5, Height: 1e5})
	src := add(data.Card{Kind: data.KindSource, Title: noSpace, URL: "javascript:alert(1)",
		Publisher: "\U0001F4F0 Daily", Date: "2019-13-45", X: 1e7, Y: 1e7, Width: 20, Height: 20})
	src2 := add(data.Card{Kind: data.KindSource, Title: "Linked source",
		URL: "https://example.org/" + strings.Repeat("päth/", 300) + "?q=(x)", Date: "2019-02"})
	claim := add(data.Card{Kind: data.KindClaim, Title: long, Body: strings.Repeat("A long body that goes on. ", 2000),
		Status: data.StatusDisputed, Reliability: "B", Credibility: 2, Date: "2019-03-28", X: 5e6, Y: -5e6, Width: 300, Height: 140})
	quote := add(data.Card{Kind: data.KindQuote, Title: "",
		QuoteText: strings.Repeat("„Zitat“ «цитата» 引用 “quote” — ", 3000), SpeakerID: party, SourceID: src,
		Locator: "p. 1\u0000", X: 0, Y: 0, Width: 260, Height: 150})
	empty := add(data.Card{Kind: data.KindNote})
	add(data.Card{ID: "nan", Kind: data.KindEvent, Title: "NaN card", X: math.NaN(), Y: math.Inf(1),
		Width: math.NaN(), Height: -5, Date: "garbage", Color: "not a colour"})
	add(data.Card{ID: "bad-utf8", Kind: data.KindClaim, Title: "bad \xff\xfe utf-8", Body: "\xed\xa0\x80 surrogate"})
	add(data.Card{ID: "odd-kind", Kind: data.Kind("mystery"), Title: "A kind from the future", Status: "maybe"})
	for i := 0; i < 40; i++ {
		add(data.Card{Kind: data.KindQuote, Title: fmt.Sprintf("Quote %d", i),
			QuoteText: strings.Repeat("word ", 200*(i%3)), SourceID: src2, X: float64(i * 300), Y: 400,
			Width: 260, Height: 150})
	}
	link := func(from, to, rel string, directed bool) {
		id := fmt.Sprintf("link-%03d", len(m.Links))
		m.Links[id] = &data.Link{ID: id, From: from, To: to, Relation: rel, Directed: directed,
			Note: "note 📝"}
	}
	link(party, claim, "alleges", true)
	link(quote, claim, "DENIES", true)
	link(claim, src, "Supports", false)
	link(src2, claim, "contradicts", true)
	link(claim, claim, "supports", true)
	link(party, "missing-card", "involves", true)
	link(empty, party, strings.Repeat("relation ", 1200), true)
	link(quote, party, "said by", true)
	link("nan", claim, "supports 😀", true)
	m.Links["nil"] = nil
	m.Cards["nil"] = nil
	return m
}

func TestHostileBoard(t *testing.T) {
	m := hostileModel()
	start := time.Now()
	pdf, res := render(t, m, DefaultOptions())
	t.Logf("hostile board: %d pages, %d bytes, %v", res.Pages, len(pdf), time.Since(start))
	for _, r := range []rune{0x1F600, 0x1F512, 0x1F4F0} {
		if !strings.ContainsRune(string(res.Missing), r) {
			t.Errorf("Missing lacks U+%04X: %q", r, string(res.Missing))
		}
	}
	for _, r := range "中文שمΕ" { // drawn by a fallback font
		if strings.ContainsRune(string(res.Missing), r) {
			t.Errorf("Missing has %q: %q", r, string(res.Missing))
		}
	}
	for _, r := range res.Missing {
		if r < 0x20 || r == 0x7f || r == 0x200d || r == 0x202e {
			t.Errorf("control or format character U+%04X reported as missing", r)
		}
	}
	// The https source is a link; the javascript one is not.
	if !bytes.Contains(pdf, []byte("/URI (https://example.org/p%C3%A4th/")) {
		t.Error("the https URL is not a link")
	}
	if bytes.Contains(pdf, []byte("javascript")) {
		t.Error("a javascript: URL became a link")
	}
	path := writeTemp(t, pdf)
	qpdfCheck(t, path)
	text := pdfText(t, path)
	for _, want := range []string{"CHARACTERS NOT DRAWN", "cannot draw", "U+1F600", "Emoji Party", "Ελληνικά Кириллица",
		"„Zitat“ «цитата»", "chars and", "not a web or mail address"} {
		if !strings.Contains(text, want) {
			t.Errorf("the hostile brief lacks %q", want)
		}
	}
	// The note is on the last page.
	last := text[strings.LastIndex(text, "page "+strconv.Itoa(res.Pages-1)+" of"):]
	if !strings.Contains(last, "CHARACTERS NOT DRAWN") {
		t.Errorf("the missing characters are not named on the last page")
	}
	textInsidePages(t, path)
	b, _ := render(t, hostileModel(), DefaultOptions())
	if !bytes.Equal(pdf, b) {
		t.Error("two briefs of the hostile board differ")
	}
}

// textInsidePages checks that on every text page no word runs past the
// margins or off the page (the board's pages are clipped drawings and
// are left out).
func textInsidePages(t *testing.T, path string) {
	t.Helper()
	need(t, "pdftotext")
	out := filepath.Join(t.TempDir(), "bbox.html")
	if err := exec.Command("pdftotext", "-bbox", path, out).Run(); err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	html, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	pageRE := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRE := regexp.MustCompile(`<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>`)
	const mm = 72 / 25.4
	pages := pageRE.FindAllSubmatchIndex(html, -1)
	for i, p := range pages {
		w, _ := strconv.ParseFloat(string(html[p[2]:p[3]]), 64)
		h, _ := strconv.ParseFloat(string(html[p[4]:p[5]]), 64)
		if w > h {
			continue // the board, drawn in a clipped area
		}
		endAt := len(html)
		if i+1 < len(pages) {
			endAt = pages[i+1][0]
		}
		bad := 0
		for _, m := range wordRE.FindAllSubmatch(html[p[1]:endAt], -1) {
			var v [4]float64
			for j := range v {
				v[j], _ = strconv.ParseFloat(string(m[j+1]), 64)
			}
			if v[0] < (marginL-0.5)*mm || v[2] > w-(marginR-0.5)*mm || v[1] < 4*mm || v[3] > h-8*mm {
				if bad++; bad <= 5 {
					t.Errorf("page %d: %q at x %.0f–%.0f, y %.0f–%.0f runs outside the text area (%.0f × %.0f)",
						i+1, m[5], v[0], v[2], v[1], v[3], w, h)
				}
			}
		}
	}
}

func TestSampleTextInsidePages(t *testing.T) {
	pdf, _ := render(t, formattest.Sample(t), DefaultOptions())
	textInsidePages(t, writeTemp(t, pdf))
}

func TestEmptyAndNilBoards(t *testing.T) {
	if _, err := Render(nil, DefaultOptions(), &bytes.Buffer{}, nil); err == nil {
		t.Error("a nil model should be an error")
	}
	pdf, res := render(t, data.NewModel(data.Board{}), DefaultOptions())
	path := writeTemp(t, pdf)
	qpdfCheck(t, path)
	if text := pdfText(t, path); !strings.Contains(text, "Untitled board") || !strings.Contains(text, "The board is empty.") {
		t.Errorf("an empty board's brief says: %s", text)
	}
	if len(res.Missing) != 0 {
		t.Errorf("missing = %q", string(res.Missing))
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestWriteErrorIsReturned(t *testing.T) {
	if _, err := Render(formattest.Sample(t), DefaultOptions(), failWriter{}, nil); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v", err)
	}
}

func TestPanicBecomesError(t *testing.T) {
	var buf bytes.Buffer
	res, err := Render(formattest.Sample(t), DefaultOptions(), &buf, func(float64) { panic("boom") })
	if err == nil || res != nil || !strings.Contains(err.Error(), "boom") || buf.Len() != 0 {
		t.Fatalf("res %v, err %v, %d bytes written", res, err, buf.Len())
	}
}

func TestCoverage(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "Aé“”—…ЖΩ□•→אاﻻ" {
		if !fs.base.Has(r) {
			t.Errorf("the fonts should draw %q", r)
		}
	}
	for _, r := range "中文한국어ひらがなカタカナ" {
		if fs.base.Has(r) || !fs.all.Has(r) {
			t.Errorf("only the CJK fallback should draw %q", r)
		}
	}
	for _, r := range []rune{0x1F600, 0x10FFFF, -1, 0xFFFF} {
		if fs.all.Has(r) {
			t.Errorf("the fonts should not draw U+%04X", r)
		}
	}
	// Every style's chain ends in fonts that exist.
	for k, chain := range fallbacks {
		for _, f := range append([]fontKey{k}, chain...) {
			if fs.cov[f] == nil {
				t.Errorf("no font %v", f)
			}
		}
	}
	if _, err := parseCmap([]byte("not a font")); err == nil {
		t.Error("parseCmap accepted garbage")
	}
	for n := 0; n < 2000; n += 37 {
		parseCmap(assets.SansRegular[:n]) // must not panic on a cut font
	}
}

func TestSanitiser(t *testing.T) {
	fs, _ := loadFonts()
	z := newSanitiser(fs.base)
	cases := []struct{ in, line, text string }{
		{"a\x00b\x1bc", "abc", "abc"},
		{"  two\n\nlines \t here ", "two lines here", "two\n\nlines   here"},
		{"many\n\n\n\n\nbreaks", "many breaks", "many\n\nbreaks"},
		{"emoji 😀!", "emoji □!", "emoji □!"},
		{"rtl \u202Eabc\u202C", "rtl ⟨U+202E⟩abc⟨U+202C⟩", "rtl ⟨U+202E⟩abc⟨U+202C⟩"}, // shown, as on the board
		{"bad \xff", "bad □", "bad □"},
	}
	for _, tc := range cases {
		if got := z.line(tc.in, 0); got != tc.line {
			t.Errorf("line(%q) = %q, want %q", tc.in, got, tc.line)
		}
		if got := z.text(tc.in, 0); got != tc.text {
			t.Errorf("text(%q) = %q, want %q", tc.in, got, tc.text)
		}
	}
	if got := z.line(strings.Repeat("ab ", 100), 10); got != "ab ab ab a…" {
		t.Errorf("clipped = %q", got)
	}
	if string(z.missingRunes()) != "😀" {
		t.Errorf("missing = %q", string(z.missingRunes()))
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2019": "2019", "2019-03": "March 2019", "2019-03-28": "28 March 2019",
		"2019-13": "2019-13", "19": "19", "": "", "2019-03-28-01": "2019-03-28-01", "abcd": "abcd"} {
		if got := parseDate(in).String(); got != want {
			t.Errorf("parseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/a?b=c": "https://example.org/a?b=c",
		"HTTP://example.org":        "http://example.org",
		"mailto:desk@example.org":   "mailto:desk@example.org",
		"javascript:alert(1)":       "",
		"file:///etc/passwd":        "",
		"https://":                  "",
		"example.org":               "",
		"https://example.org/ü":     "https://example.org/%C3%BC",
		"https://example.org/a b":   "https://example.org/a%20b",
		"data:text/html,<script>":   "",
	} {
		if got := linkTarget(in); got != want {
			t.Errorf("linkTarget(%q) = %q, want %q", in, got, want)
		}
	}
}

// generated is data.Generate's synthetic board of n cards in a model.
func generated(n int, seed int64) *data.Model {
	b, ch := data.Generate(n, seed)
	m := data.NewModel(b)
	m.Apply(ch)
	return m
}

func TestThousandCards(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	m := generated(1000, 1)
	start := time.Now()
	pdf, res := render(t, m, DefaultOptions())
	t.Logf("1,000 cards: %d pages, %d KB in %v", res.Pages, len(pdf)/1024, time.Since(start))
	path := writeTemp(t, pdf)
	qpdfCheck(t, path)
	ol := outlines(t, path)
	if len(ol) != 11 {
		t.Errorf("%d outline entries", len(ol))
	}
}

func BenchmarkRender1000Cards(b *testing.B) {
	m := generated(1000, 1)
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if _, err := Render(m, DefaultOptions(), &buf, nil); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
	}
}

func BenchmarkRenderSample(b *testing.B) {
	m := formattest.Sample(b)
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if _, err := Render(m, DefaultOptions(), &buf, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteSample writes the sample brief to $BRIEF_OUT, for looking at.
func TestWriteSample(t *testing.T) {
	out := os.Getenv("BRIEF_OUT")
	if out == "" {
		t.Skip("set BRIEF_OUT to write the sample brief")
	}
	pdf, res := render(t, formattest.Sample(t), DefaultOptions())
	if err := os.WriteFile(filepath.Clean(out), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, missing %q", res.Pages, string(res.Missing))
}

// TestRandomBoards renders boards of random text (any code point, any
// length up to a few thousand) and geometry: none may fail.
func TestRandomBoards(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	str := func() string {
		n := rng.IntN(60)
		if rng.IntN(10) == 0 {
			n = rng.IntN(5000)
		}
		var b strings.Builder
		for i := 0; i < n; i++ {
			switch rng.IntN(6) {
			case 0:
				b.WriteRune(rune(rng.IntN(0x110000)))
			case 1:
				b.WriteRune(rune(rng.IntN(0x3000)))
			case 2:
				b.WriteByte(byte(rng.IntN(256))) // may be invalid UTF-8
			default:
				b.WriteByte(byte('a' + rng.IntN(26)))
				if rng.IntN(5) == 0 {
					b.WriteByte(' ')
				}
			}
		}
		return b.String()
	}
	coord := func() float64 {
		switch rng.IntN(5) {
		case 0:
			return (rng.Float64()*2 - 1) * data.MaxCoord
		case 1:
			return math.NaN()
		}
		return rng.Float64() * 3000
	}
	for round := 0; round < 12; round++ {
		m := data.NewModel(data.Board{Title: str(), CaseRef: str(), Author: str(), Marking: str()})
		var ids []string
		for i := 0; i < 5+rng.IntN(40); i++ {
			c := &data.Card{ID: fmt.Sprintf("c%d", i), Kind: data.Kinds[rng.IntN(len(data.Kinds))], Title: str(),
				Body: str(), X: coord(), Y: coord(), Width: coord(), Height: coord(), Color: str(), Tags: []string{str()},
				PartyType: str(), Role: str(), QuoteText: str(), Locator: str(), Status: data.Status(str()),
				Reliability: str(), Credibility: rng.IntN(9) - 1, Date: str(), Publisher: str(), URL: str()}
			if len(ids) > 0 {
				c.SpeakerID, c.SourceID = ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
			}
			m.Cards[c.ID] = c
			ids = append(ids, c.ID)
		}
		rels := append(append([]string(nil), data.Relations...), "", "DENIES", " supports ")
		for i := 0; i < rng.IntN(80); i++ {
			rel := rels[rng.IntN(len(rels))]
			if rng.IntN(4) == 0 {
				rel = str()
			}
			id := fmt.Sprintf("l%d", i)
			m.Links[id] = &data.Link{ID: id, From: ids[rng.IntN(len(ids))], To: ids[rng.IntN(len(ids))],
				Relation: rel, Directed: rng.IntN(2) == 0, Note: str(), Status: data.Status(str())}
		}
		opts := Options{Diagram: rng.IntN(4) != 0, Timeline: rng.IntN(2) == 0, Appendix: rng.IntN(2) == 0, Marking: str()}
		var buf bytes.Buffer
		if _, err := Render(m, opts, &buf, nil); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("round %d: not a PDF", round)
		}
	}
}
