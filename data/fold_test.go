package data

import (
	"strings"
	"testing"
)

func TestFoldTextAndSearchKey(t *testing.T) {
	for _, tc := range []struct{ in, fold, key string }{
		{"plain words", "plain words", "plain words"},
		{"We don’t know", "We don't know", "we don't know"},
		{"“Quoted” — said", `"Quoted" - said`, `"quoted" - said`},
		{"  Two\n\tlines  ", "Two lines", "two lines"},
		{"double  space", "double space", "double space"},
		{"`tick`", "'tick'", "'tick'"},
		{"Wait…", "Wait...", "wait..."},
		{"soft\u00adhyphen", "softhyphen", "softhyphen"},
		{"CAFÉ", "CAFÉ", "café"},
		{"Cafe\u0301", "Café", "café"}, // NFC
		{"", "", ""},
	} {
		if got := FoldText(tc.in); got != tc.fold {
			t.Errorf("FoldText(%q) = %q, want %q", tc.in, got, tc.fold)
		}
		if got := SearchKey(tc.in); got != tc.key {
			t.Errorf("SearchKey(%q) = %q, want %q", tc.in, got, tc.key)
		}
	}
}

// FuzzSearchKey: FoldText's short cut for plain ASCII gives what folding
// gives; a search key is the folded text in lower case, and appending it
// to an index gives the same bytes.
func FuzzSearchKey(f *testing.F) {
	for _, s := range []string{"plain", "don’t", "a  b", " lead", "trail ", "`", "İstanbul", "Cafe\u0301", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slow, _ := foldText(s, false)
		if got := FoldText(s); got != slow {
			t.Fatalf("FoldText(%q) = %q, folding gives %q", s, got, slow)
		}
		key := SearchKey(s)
		if key != strings.ToLower(slow) {
			t.Fatalf("SearchKey(%q) = %q, want %q", s, key, strings.ToLower(slow))
		}
		if got := string(AppendSearchKey([]byte("x"), s)); got != "x"+key {
			t.Fatalf("AppendSearchKey(%q) = %q, want x%q", s, got, key)
		}
	})
}
