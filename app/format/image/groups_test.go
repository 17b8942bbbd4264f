package image

import (
	"bytes"
	"image/png"
	"slices"
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
	if got := img.At(int(x-lay.minX), int(y-lay.minY)); !near(got, hex(data.RelationOf("involves").Color), 60) {
		t.Errorf("the link inside the frame is %v, want %s: hidden under the frame", got, data.RelationOf("involves").Color)
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

// The picture colours each link as the board does (data.RelationOf, so a
// "refutes" is drawn as a "contradicts"), dashes only a link that says
// nothing, and draws a quote's Speaker and Source fields as the board
// does: as links, once, whether or not a link says the same.
func TestLinksAsTheBoardDrawsThem(t *testing.T) {
	if err := loadFonts(); err != nil {
		t.Fatal(err)
	}
	for _, rel := range append(slices.Clone(data.Relations), "refutes", "confirms", "accuses", "witnessed", "") {
		m := data.NewModel(data.Board{})
		m.Cards["a"] = &data.Card{ID: "a", Kind: data.KindClaim, Width: 100, Height: 50}
		m.Cards["b"] = &data.Card{ID: "b", Kind: data.KindParty, X: 400, Width: 100, Height: 50}
		m.Links["l"] = &data.Link{ID: "l", From: "a", To: "b", Relation: rel}
		lay := newLayout(m)
		if len(lay.links) != 1 {
			t.Fatalf("%q: %d links drawn", rel, len(lay.links))
		}
		if l := lay.links[0]; l.color != data.RelationOf(rel).Color || l.dashed != (rel == "") {
			t.Errorf("%q: drawn %s, dashed %v; the board draws it %s", rel, l.color, l.dashed, data.RelationOf(rel).Color)
		}
	}
	for _, tc := range []struct {
		name  string
		links []data.Link
		want  int
	}{
		{"fields alone", nil, 2},
		{"a link says the speaker too", []data.Link{{ID: "s", From: "sp", To: "q", Relation: "said by"}}, 2},
		{"another link to the source", []data.Link{{ID: "o", From: "q", To: "src", Relation: "involves"}}, 3},
	} {
		m := data.NewModel(data.Board{})
		m.Cards["q"] = &data.Card{ID: "q", Kind: data.KindQuote, Width: 100, Height: 50, SpeakerID: "sp", SourceID: "src"}
		m.Cards["sp"] = &data.Card{ID: "sp", Kind: data.KindParty, X: 400, Width: 100, Height: 50}
		m.Cards["src"] = &data.Card{ID: "src", Kind: data.KindSource, Y: 300, Width: 100, Height: 50}
		for i := range tc.links {
			m.Links[tc.links[i].ID] = &tc.links[i]
		}
		if got := len(newLayout(m).links); got != tc.want {
			t.Errorf("%s: %d links drawn, want %d", tc.name, got, tc.want)
		}
	}
}
