package brief

import (
	"strings"
	"testing"

	"evidenceboard/data"
)

// Bidirectional controls in a board's text are shown in the brief as the
// board shows them (⟨U+202E⟩), not obeyed: a title holding "evil.exe"
// behind a right-to-left override cannot read "exe.live" on paper
// (issue 12, finding 16). Read back with pdftotext.
func TestBriefShowsBidiControls(t *testing.T) {
	m := data.NewModel(data.Board{Title: "Bidi \u202Eexe.live\u202C case"})
	m.Cards["c"] = &data.Card{ID: "c", Kind: data.KindClaim, Title: "Payment to \u2066Acme\u2069 via \u202Dfile\u202C",
		Body: "Open \u202Atxt.exe\u202C now", Width: 240, Height: 120}
	pdf, _ := render(t, m, Options{})
	text := pdfText(t, writeTemp(t, pdf))
	for _, want := range []string{"⟨U+202E⟩exe.live⟨U+202C⟩", "⟨U+2066⟩Acme⟨U+2069⟩", "⟨U+202D⟩file⟨U+202C⟩", "⟨U+202A⟩txt.exe⟨U+202C⟩"} {
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the brief does not show %q:\n%s", want, text)
		}
	}
	for _, r := range "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069" {
		if strings.ContainsRune(text, r) {
			t.Errorf("the brief holds U+%04X itself", r)
		}
	}
}
