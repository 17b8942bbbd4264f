package board

import (
	"testing"

	"evidenceboard/data"
)

func TestColours(t *testing.T) {
	if c, ok := parseHex("#2b6cb0"); !ok || c != rgb(0x2b, 0x6c, 0xb0) {
		t.Errorf("parseHex gave %v %v", c, ok)
	}
	if c, ok := parseHex("#abc"); !ok || c != rgb(0xaa, 0xbb, 0xcc) {
		t.Errorf("short form gave %v %v", c, ok)
	}
	for _, bad := range []string{"", "#12345", "blue", "#gggggg"} {
		if _, ok := parseHex(bad); ok {
			t.Errorf("parseHex accepted %q", bad)
		}
	}
	// A card's own colour wins; a bad one falls back to its kind's.
	if got := cardFill(&data.Card{Kind: data.KindNote, Color: "#fdf6b2"}); got != rgb(0xfd, 0xf6, 0xb2) {
		t.Errorf("own colour ignored: %v", got)
	}
	if got := cardFill(&data.Card{Kind: data.KindQuote, Color: "nonsense"}); got != hexOr(data.KindQuote.DefaultColor(), "") {
		t.Errorf("bad colour not replaced by the kind's: %v", got)
	}
	for rel, want := range map[string]any{
		"denies": colLinkRed, "Contradicts": colLinkRed, "supports": colLinkGreen,
		"alleges": colLinkAmber, "said by": colLinkBlue, "involves": colLinkGrey, "knows": colLinkGrey,
	} {
		if got := relationColor(rel); got != want {
			t.Errorf("relation %q drawn in %v", rel, got)
		}
	}
	if mix(rgb(0, 0, 0), rgb(255, 255, 255), 0.5) != rgb(128, 128, 128) {
		t.Error("mix is not halfway")
	}
}
