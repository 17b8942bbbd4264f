package brief

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

// The titles of scriptsBoard: one per script, and a mixed line.
const (
	tEnglish  = "Witness statement"
	tHebrew   = "עדות בבית המשפט"
	tArabic   = "شهادة الشاهد في المحكمة"
	tGreek    = "Μαρτυρία στο δικαστήριο"
	tCyrillic = "Показания в суде"
	tChinese  = "法庭证词"
	tEmoji    = "Evidence 📁"
	tMixed    = "The judge named דוד כהן and quoted «لا أعرف» in 2019."
)

func scriptsBoard() *data.Model {
	m := data.NewModel(data.Board{Title: "Scripts: " + tHebrew + " / " + tArabic + " / " + tChinese})
	for i, title := range []string{tEnglish, tHebrew, tArabic, tGreek, tCyrillic, tChinese, tEmoji, tMixed} {
		id := string(rune('a' + i))
		m.Cards[id] = &data.Card{ID: id, Kind: data.KindClaim, Title: title, Body: title,
			X: float64(i%4) * 280, Y: float64(i/4) * 160, Width: 240, Height: 110}
	}
	return m
}

func TestShapeArabic(t *testing.T) {
	has := func(rune) bool { return true }
	for _, tc := range []struct{ in, want string }{
		// beh alone; beh-beh; seen-lam-alef (lam-alef ligature, final).
		{"ب", "\ufe8f"},
		{"بب", "\ufe91\ufe90"},
		{"سلا", "\ufeb3\ufefc"},
		{"لا", "\ufefb"},
		// alef joins on the right only: the beh after it starts anew.
		{"اب", "\ufe8d\ufe8f"},
		// a haraka does not break the join.
		{"بَب", "\ufe91\u064e\ufe90"},
		// Persian peh, from Presentation Forms-A.
		{"پپ", "\ufb58\ufb57"},
		{"abc", "abc"},
	} {
		if got := shapeArabic(tc.in, has); got != tc.want {
			t.Errorf("shapeArabic(%q) = %+q, want %+q", tc.in, got, tc.want)
		}
	}
	if got := shapeArabic("بب", func(rune) bool { return false }); got != "بب" {
		t.Errorf("shaped into forms no font has: %+q", got)
	}
}

func TestVisualOrder(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"abc", "abc"},
		{"אבג", "גבא"},
		{"Hello שלום world", "Hello םולש world"},
		{"שלום 123 עולם", "םלוע 123 םולש"},
		{"שלום (x)", "(x) םולש"},
		{"a אב (גד) b", "a (דג) בא b"},
		{"אב, גד", "דג ,בא"},
		{"ABC אבג DEF", "ABC גבא DEF"},
		{"مرحبا 12", "12 ابحرم"},
	} {
		if got := visualOrder(tc.in); got != tc.want {
			t.Errorf("visualOrder(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEveryScriptDrawn(t *testing.T) {
	m := scriptsBoard()
	pdf, res := render(t, m, DefaultOptions())
	for _, r := range res.Missing {
		if r < 0x10000 {
			t.Errorf("U+%04X %q could not be drawn", r, r)
		}
	}
	if !strings.ContainsRune(string(res.Missing), '📁') {
		t.Errorf("the emoji, above U+FFFF, should be listed as not drawn: %q", string(res.Missing))
	}
	path := writeTemp(t, pdf)
	qpdfCheck(t, path)
	// pdftotext reads the text drawn in visual order back into logical
	// order, marking each right-to-left run with U+202B … U+202C, and
	// gives the joined Arabic as the presentation forms drawn; NFKC gives
	// the letters back. (It also guesses where a neutral at the edge of a
	// run goes: in "«لا أعرف»" it puts the closing guillemet inside the
	// run, so the mixed line is checked run by run.)
	raw := pdfText(t, path)
	text := strings.Join(strings.Fields(norm.NFKC.String(strings.Map(func(r rune) rune {
		if r >= 0x202a && r <= 0x202e {
			return ' '
		}
		return r
	}, raw))), " ")
	for _, want := range []string{tEnglish, tHebrew, tArabic, tGreek, tCyrillic, tChinese,
		"The judge named דוד כהן and quoted «", "لا أعرف", "in 2019."} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext does not give back %q", want)
		}
	}
	if !strings.Contains(raw, "\ufeb7\ufeec\ufe8e\ufea9\ufe93") { // شهادة, joined
		t.Errorf("the Arabic is not drawn joined")
	}
	if strings.Contains(text, "□") && !strings.Contains(text, "Evidence □") {
		t.Errorf("a box other than for the emoji")
	}
	need(t, "pdffonts")
	out, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "utf8cjk ") {
		t.Errorf("the CJK fallback is not in the PDF:\n%s", out)
	}
	for _, ln := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(ln); len(f) > 4 && f[len(f)-5] != "yes" {
			t.Errorf("a font not embedded: %s", ln)
		}
	}
	// gofpdf embeds only the glyphs used (pdffonts says "sub no" as
	// gofpdf does not tag the subset's name): the 3.4 MB font adds little.
	if len(pdf) > 600_000 {
		t.Errorf("the brief is %d bytes: is the CJK font embedded whole?", len(pdf))
	}
	if dir := os.Getenv("BRIEF_OUT_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "scripts.pdf"), pdf, 0o644)
	}
}

// A board with no CJK text does not carry the CJK font.
func TestNoCJKFontUnlessNeeded(t *testing.T) {
	pdf, _ := render(t, formattest.Sample(t), DefaultOptions())
	if strings.Contains(string(pdf), "DroidSans") {
		t.Error("the sample brief embeds the CJK font")
	}
}

// FuzzScript feeds any text to the shaper, the bidi reordering and the
// line breaker: none may panic, reordering only moves characters (and
// mirrors brackets), and shaping keeps every letter it does not join.
func FuzzScript(f *testing.F) {
	for _, s := range []string{tHebrew, tArabic, tMixed, tChinese, "a (ב [c) d] ה", "لا لأ لإ لآ", "\u064bب\u0640ب",
		"12.5% שלום $3", "", "\xff\xfe", "ـ", "ﻻ"} {
		f.Add(s)
	}
	fs, err := loadFonts()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 || !utf8.ValidString(s) {
			return // the sanitiser has made every string valid before it gets here
		}
		v := visualOrder(s)
		if a, b := []rune(s), []rune(v); len(a) != len(b) {
			t.Fatalf("visualOrder(%q) = %q: %d runes, not %d", s, v, len(b), len(a))
		}
		sh := shapeArabic(s, fs.base.Has)
		if n, m := len([]rune(sh)), len([]rune(s)); n > m {
			t.Fatalf("shapeArabic(%q) = %q grew", s, sh)
		}
		if norm.NFKC.String(sh) != norm.NFKC.String(s) && !strings.ContainsAny(s, "لﻻ") {
			t.Fatalf("shapeArabic(%q) = %q changed the text", s, sh)
		}
	})
}
