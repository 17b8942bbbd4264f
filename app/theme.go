package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"evidenceboard/board"
)

// appTheme is Fyne's default theme, light or dark as the person's setting
// says, with the colours it draws text in lifted to a contrast of at least
// board.MinContrast (WCAG AA) against every background that text sits on.
// Fyne's own dark theme draws low-importance labels (the inspector's
// field names) and disabled fields (a read-only board's) in #39393a on
// #171718, about 1.5:1; its light theme's placeholder is about 3.3:1.
type appTheme struct{ fyne.Theme }

// newTheme returns the app's theme.
func newTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

// textColours are the colours Fyne draws text in on a theme's backgrounds:
// labels (the inspector's field names are low-importance labels, drawn in
// the disabled colour; the reader's paragraph numbers are high-importance,
// in the primary colour), disabled fields, placeholders, links, and an
// entry's validation message (the error colour). The warning and success
// colours are fills here (the read-only banner), with their own
// foreground (onFill): lifting them for text would darken the banner.
var textColours = []fyne.ThemeColorName{
	theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
	theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameError,
}

// textBackgrounds are the backgrounds text is drawn on.
var textBackgrounds = []fyne.ThemeColorName{
	theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameButton,
	theme.ColorNameDisabledButton, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground,
	theme.ColorNameHeaderBackground,
}

// onFill pairs the text colours drawn on a coloured fill with that fill.
var onFill = map[fyne.ThemeColorName]fyne.ThemeColorName{
	theme.ColorNameForegroundOnError:   theme.ColorNameError,
	theme.ColorNameForegroundOnWarning: theme.ColorNameWarning,
	theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
	theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary,
}

// Color is part of fyne.Theme.
func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	c := t.Theme.Color(n, v)
	if fill, ok := onFill[n]; ok {
		return board.Readable(c, t.Color(fill, v), board.MinContrast)
	}
	for _, text := range textColours {
		if n == text {
			return readableOnAll(c, t.Theme, v)
		}
	}
	return c
}

// readableOnAll moves c just far enough to be read on every text
// background of th in variant v. The backgrounds of one variant are all
// light or all dark, so each step moves c the same way and never undoes
// an earlier one.
func readableOnAll(c color.Color, th fyne.Theme, v fyne.ThemeVariant) color.Color {
	out := c
	for range 3 {
		ok := true
		for _, bg := range textBackgrounds {
			b := th.Color(bg, v)
			if board.ContrastRatio(out, b) < board.MinContrast {
				out, ok = board.Readable(out, b, board.MinContrast), false
			}
		}
		if ok {
			break
		}
	}
	return out
}
