package board

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestWrapFitsAndEllipsises(t *testing.T) {
	test.NewTempApp(t)
	style := fyne.TextStyle{}
	text := "The suit alleges Salesforce knew the scourge of sex trafficking while serving Backpage, " +
		"and that its technology was the foundation of the site's massive growth."
	for _, width := range []float64{60, 120, 230} {
		lines := wrap(text, 11, style, width, 3)
		if len(lines) == 0 || len(lines) > 3 {
			t.Fatalf("width %v: %d lines", width, len(lines))
		}
		for _, l := range lines {
			if w := textWidth(l, 11, style); w > width {
				t.Errorf("width %v: line %q is %v wide", width, l, w)
			}
		}
		if !strings.HasSuffix(lines[len(lines)-1], ellipsis) {
			t.Errorf("width %v: cut text has no ellipsis: %q", width, lines)
		}
	}
	all := wrap(text, 11, style, 2000, 5)
	if len(all) != 1 || all[0] != text {
		t.Errorf("text that fits was changed: %q", all)
	}
	if got := wrap("one\n\ntwo", 11, style, 200, 5); len(got) != 3 || got[1] != "" || got[2] != "two" {
		t.Errorf("line breaks not kept: %q", got)
	}
	long := strings.Repeat("x", 200)
	for _, l := range wrap(long, 11, style, 80, 10) {
		if textWidth(l, 11, style) > 80 {
			t.Errorf("a long word was not broken: %q", l)
		}
	}
	if got := fitLine("a rather long attribution line", 10, style, 60); !strings.HasSuffix(got, ellipsis) || textWidth(got, 10, style) > 60 {
		t.Errorf("fitLine gave %q", got)
	}
	if wrap(text, 11, style, 100, 0) != nil {
		t.Error("no lines allowed, but some given")
	}
}

func TestNormalSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"a b":              "a b",
		" a  b\t“c” ":      "a b “c”",
		"é\u00a0x":         "é x",
		"naïve “quote” ok": "naïve “quote” ok",
		"x  y é":           "x y é",
	} {
		if got := normalSpace(in); got != want {
			t.Errorf("normalSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
