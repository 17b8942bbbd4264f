package image

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"evidenceboard/data"
)

// A group is drawn as a frame under the links: a link between two cards
// in it shows over the frame.
func TestGroupFrameUnderLinks(t *testing.T) {
	m := data.NewModel(data.Board{Title: "Groups"})
	m.Apply(data.Change{PutCards: []data.Card{
		{ID: "g", Kind: data.KindGroup, Title: "Payments strand", X: 0, Y: 0, Width: 620, Height: 200},
		{ID: "a", Kind: data.KindNote, Title: "A", X: 20, Y: 60, Width: 200, Height: 100, Group: "g"},
		{ID: "b", Kind: data.KindNote, Title: "B", X: 400, Y: 60, Width: 200, Height: 100, Group: "g"},
	}, PutLinks: []data.Link{{ID: "l", From: "a", To: "b", Relation: "involves"}}})
	var buf bytes.Buffer
	if _, err := PNG(&buf, m, Options{Scale: 1}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	lay := newLayout(m)
	if len(lay.frames) != 1 || len(lay.cards) != 2 {
		t.Fatalf("%d frames, %d cards", len(lay.frames), len(lay.cards))
	}
	x, y := 260.0, 110.0 // on the link, off its label, inside the frame
	if got := img.At(int(x-lay.minX), int(y-lay.minY)); !near(got, hex(linkGrey), 60) {
		t.Errorf("the link inside the frame is %v, want %s: hidden under the frame", got, linkGrey)
	}
	buf.Reset()
	if err := SVG(&buf, m); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	gi, li := strings.Index(svg, `<g id="groups">`), strings.Index(svg, `<g id="links"`)
	if gi < 0 || li < gi || !strings.Contains(svg[gi:li], "Payments strand") {
		t.Errorf("the SVG does not draw the group, with its title, before the links")
	}
}
