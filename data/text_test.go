package data

import (
	"math"
	"strings"
	"testing"
)

func TestCheckText(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "" when allowed, else a word the error holds
	}{
		{"plain", ""},
		{"tab\there, lines\nand CR LF\r\n", ""},
		{"right-to-left \u202Eexe.live", ""}, // allowed, shown by Visible
		{"A\x00BC", "NUL"},
		{"bell\a", "U+0007"},
		{"escape \x1b[2J", "U+001B"},
		{"vertical tab\v", "U+000B"},
		{"\xff not utf-8", "UTF-8"},
		{strings.Repeat("x", MaxTextLen+1), "over the limit"},
	} {
		err := checkText(c.in)
		if c.want == "" && err != nil {
			t.Errorf("%.20q refused: %v", c.in, err)
		}
		if c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%.20q: got %v, want an error saying %q", c.in, err, c.want)
		}
	}
}

// A NUL in a card's title must fail Validate, and so every Apply and
// every open: SQLite's shell shows "A" where the app showed "ABC".
func TestValidateRefusesNUL(t *testing.T) {
	c := Card{ID: "c1", Kind: KindNote, Title: "A\x00BC", Width: 200, Height: 90}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Fatalf("Validate: %v, want NUL refused", err)
	}
	b := Board{Title: "x\x1b]0;y"}
	if err := b.Validate(); err == nil {
		t.Fatal("a title with ESC passed Validate")
	}
}

func TestVisible(t *testing.T) {
	for _, c := range [][2]string{
		{"plain text", "plain text"},
		{"keeps\ttab\nand lines\r\n", "keeps\ttab\nand lines\r\n"},
		{"evil\u202Eexe.txt", "evil⟨U+202E⟩exe.txt"},
		{"\u2066iso\u2069 \u200Fmark\u200E \u061C", "⟨U+2066⟩iso⟨U+2069⟩ ⟨U+200F⟩mark⟨U+200E⟩ ⟨U+061C⟩"},
		{"esc\x1b[2J nul\x00 c1\u009b", "esc⟨U+001B⟩[2J nul⟨U+0000⟩ c1⟨U+009B⟩"},
		{"bad\xffbyte", "bad⟨0xFF⟩byte"},
		{"עברית and العربية", "עברית and العربية"},
	} {
		if got := Visible(c[0]); got != c[1] {
			t.Errorf("Visible(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestPrintable(t *testing.T) {
	for _, c := range [][2]string{
		{"plain", "plain"},
		{"clear\x1b[2J", "clear⟨U+001B⟩[2J"},
		{"title\x1b]0;pwned\a", "title⟨U+001B⟩]0;pwned⟨U+0007⟩"},
		{"two\nlines\rok\t", "two⟨U+000A⟩lines⟨U+000D⟩ok⟨U+0009⟩"},
		{"csi\u009b2J del\x7f", "csi⟨U+009B⟩2J del⟨U+007F⟩"},
		{"raw\x9bbyte", "raw⟨0x9B⟩byte"},
		{"rlo\u202E", "rlo⟨U+202E⟩"},
		{"ünïcødé ✓", "ünïcødé ✓"},
	} {
		got := Printable(c[0])
		if got != c[1] {
			t.Errorf("Printable(%q) = %q, want %q", c[0], got, c[1])
		}
		if Printable(got) != got {
			t.Errorf("Printable is not idempotent on %q", got)
		}
	}
}

func TestOneLine(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"a\n\tb  c ", 0, "a b c"},
		{"  ", 0, ""},
		{"abcdef", 6, "abcdef"},
		{"abcdefg", 6, "abcde…"},
		{"ééééééé", 4, "ééé…"}, // cut on characters, not bytes
		{"a\xffb", 0, "a\uFFFDb"},
		{"line one\r\nline two", 12, "line one li…"},
	} {
		if got := OneLine(c.in, c.max); got != c.want {
			t.Errorf("OneLine(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

func TestClampCoord(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{12.5, 12.5},
		{-MaxCoord - 1, -MaxCoord},
		{MaxCoord * 3, MaxCoord},
		{math.Inf(1), MaxCoord},
		{math.NaN(), 0},
	} {
		if got := ClampCoord(c.in); got != c.want {
			t.Errorf("ClampCoord(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
