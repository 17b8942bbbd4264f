package board

import (
	"testing"

	"evidenceboard/data"
)

func TestColours(t *testing.T) {
	setPalette(false)
	defer setPalette(themeIsDark())
	// A card's own colour wins; a bad one falls back to its kind's.
	if got := cardFill(&data.Card{Kind: data.KindNote, Color: "#fdf6b2"}); got != rgb(0xfd, 0xf6, 0xb2) {
		t.Errorf("own colour ignored: %v", got)
	}
	if got := cardFill(&data.Card{Kind: data.KindQuote, Color: "nonsense"}); got != hexOr(data.KindQuote.DefaultColor(), "") {
		t.Errorf("bad colour not replaced by the kind's: %v", got)
	}
	red, green, amber := rgb(0xc5, 0x30, 0x30), rgb(0x2f, 0x85, 0x5a), rgb(0xb7, 0x79, 0x1f)
	for rel, want := range map[string]any{
		"denies": red, "Contradicts": red, "refutes": red, "supports": green, "confirms": green,
		"alleges": amber, "said by": rgb(0x2b, 0x6c, 0xb0), "involves": colLinkGrey, "knows": colLinkGrey,
	} {
		if got := relationColor(rel); got != want {
			t.Errorf("relation %q drawn in %v", rel, got)
		}
	}
	if mix(rgb(0, 0, 0), rgb(255, 255, 255), 0.5) != rgb(128, 128, 128) {
		t.Error("mix is not halfway")
	}
}
