package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"evidenceboard/board"
)

// TestThemeContrast computes, in the light and the dark variant, the
// contrast of every colour the app's theme draws text in against every
// background it draws text on (board.ContrastRatio, checked against the
// WCAG definition in the board's tests), and of the text on coloured
// fills: none may be below 4.5:1. Fyne's own theme fails it (the
// inspector's field labels, disabled fields), so the test can fail.
func TestThemeContrast(t *testing.T) {
	for _, tc := range []struct {
		name string
		th   fyne.Theme
		pass bool
	}{{"ours", newTheme(), true}, {"Fyne's", theme.DefaultTheme(), false}} {
		low := 0
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			for _, fg := range textColours {
				for _, bg := range textBackgrounds {
					r := board.ContrastRatio(tc.th.Color(fg, v), tc.th.Color(bg, v))
					if r < board.MinContrast {
						low++
						if tc.pass {
							t.Errorf("variant %d: %s on %s: %.2f:1", v, fg, bg, r)
						}
					}
				}
			}
			for fg, fill := range onFill {
				if r := board.ContrastRatio(tc.th.Color(fg, v), tc.th.Color(fill, v)); r < board.MinContrast {
					low++
					if tc.pass {
						t.Errorf("variant %d: %s on %s: %.2f:1", v, fg, fill, r)
					}
				}
			}
		}
		if !tc.pass && low == 0 {
			t.Errorf("%s theme passes: the check cannot tell", tc.name)
		}
	}
	// The greyed text stays distinct from ordinary text.
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := newTheme()
		if th.Color(theme.ColorNameDisabled, v) == th.Color(theme.ColorNameForeground, v) {
			t.Errorf("variant %d: disabled text looks like any other", v)
		}
	}
}
