package brief

import (
	"strings"
	"testing"

	"evidenceboard/data"
)

// A group is a frame in the board's picture, with its title; it is not a
// note, and not counted among the cards.
func TestGroupsAreFramesNotNotes(t *testing.T) {
	m := data.NewModel(data.Board{Title: "Groups"})
	m.Apply(data.Change{PutCards: []data.Card{
		{ID: "g", Kind: data.KindGroup, Title: "Payments strand", X: 0, Y: 0, Width: 620, Height: 230},
		{ID: "a", Kind: data.KindClaim, Title: "Acme paid", X: 20, Y: 60, Width: 260, Height: 140, Group: "g", Status: data.StatusAlleged},
		{ID: "b", Kind: data.KindNote, Title: "Ask the bank", X: 320, Y: 60, Width: 260, Height: 140, Group: "g"},
	}, PutLinks: []data.Link{{ID: "l", From: "b", To: "a", Relation: "involves"}}})
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	cd := analyse(m)
	if len(cd.notes) != 1 || len(cd.groups) != 1 {
		t.Fatalf("%d notes, %d groups; want 1, 1", len(cd.notes), len(cd.groups))
	}
	d := &doc{cd: cd}
	g := d.geometry()
	var order []string
	for _, c := range g.order {
		order = append(order, c.ID)
	}
	if strings.Join(order, ",") != "g,b,a" {
		t.Errorf("drawing order %v, want the frame first and each card once", order)
	}
	pdf, _ := render(t, m, DefaultOptions())
	text := pdfText(t, writeTemp(t, pdf))
	for _, want := range []string{"1 note", "2 cards and 1 link, laid out as on the board", "Payments strand"} {
		if !strings.Contains(text, want) {
			t.Errorf("the brief does not say %q", want)
		}
	}
}
