// Package assets holds the files embedded in the Evidence Board binary:
// the icon, the fonts the PDF brief embeds, and the news article the
// sample case is built from.
package assets

import _ "embed"

// Article is the news article of the sample case (the Salesforce/Backpage
// lawsuit), verbatim.
//
//go:embed article.txt
var Article string

// Icon is the application icon as PNG.
//
//go:embed icon.png
var Icon []byte

// Fonts for the PDF brief: DejaVu, which covers Latin, Greek and Cyrillic
// (see fonts/LICENSE-DejaVu.txt).
var (
	//go:embed fonts/DejaVuSans.ttf
	SansRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	SansBold []byte
	//go:embed fonts/DejaVuSans-Oblique.ttf
	SansOblique []byte
	//go:embed fonts/DejaVuSerif.ttf
	SerifRegular []byte
	//go:embed fonts/DejaVuSerif-Bold.ttf
	SerifBold []byte
	//go:embed fonts/DejaVuSerif-Italic.ttf
	SerifItalic []byte
)

// CJKFallback is Droid Sans Fallback, from Debian's fonts-droid-fallback
// (Apache 2.0, see fonts/LICENSE-DroidSansFallback.txt): the brief draws
// with it the Chinese, Japanese and Korean characters DejaVu lacks. It is
// the smallest TrueType CJK font Debian ships under a licence that allows
// embedding (3.4 MB; Noto CJK is CFF, which gofpdf cannot read), and the
// brief embeds only the glyphs it uses.
//
//go:embed fonts/DroidSansFallback.ttf
var CJKFallback []byte
