package brief

import (
	"fmt"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

// layoutOf builds the brief of m as Render's printing pass does and
// returns the diagram layouts it computed.
func layoutOf(t *testing.T, m *data.Model) (*doc, []diagramLayout) {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	cd := analyse(m)
	first := newDoc(cd, DefaultOptions(), newSanitiser(fs.base), nil, fs, false, func(float64) {})
	first.build()
	d := newDoc(cd, DefaultOptions(), newSanitiser(fs.base), first.layout, fs, false, func(float64) {})
	d.build()
	if err := d.pdf.Error(); err != nil {
		t.Fatal(err)
	}
	return d, d.diagrams
}

func TestNoLabelOverACard(t *testing.T) {
	for _, tc := range []struct {
		name   string
		m      *data.Model
		placed bool // some label must find room
	}{
		{"sample", formattest.Sample(t), true},
		{"200 generated cards", generated(200, 3), true},
		{"crowded", crowdedModel(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, layouts := layoutOf(t, tc.m)
			if len(layouts) == 0 {
				t.Fatal("no diagram laid out")
			}
			labels, numbers := 0, 0
			for _, lay := range layouts {
				for i, lb := range lay.labels {
					if !lay.area.Contains(lb.r) {
						t.Errorf("%s: label %q at %+v is outside the drawing %+v", lay.view, lb.text, lb.r, lay.area)
					}
					for _, c := range lay.cards {
						if lb.r.Intersects(c) {
							t.Errorf("%s: label %q at %+v is over the card at %+v", lay.view, lb.text, lb.r, c)
						}
					}
					for _, o := range lay.labels[i+1:] {
						if lb.r.Intersects(o.r) {
							t.Errorf("%s: labels %q and %q overlap", lay.view, lb.text, o.text)
						}
					}
					if lb.number > 0 {
						numbers++
					} else {
						labels++
					}
				}
			}
			t.Logf("%d views, %d labels in place, %d legend numbers (%d legend entries)",
				len(layouts), labels, numbers, len(d.legend))
			if tc.placed && labels == 0 {
				t.Error("no label was placed at all")
			}
		})
	}
}

// crowdedModel packs cards so closely that some labels cannot fit by
// their links and must go to the legend.
func crowdedModel() *data.Model {
	m := data.NewModel(data.Board{Title: "Crowded"})
	for i := 0; i < 16; i++ {
		id := fmt.Sprintf("c%02d", i)
		m.Cards[id] = &data.Card{ID: id, Kind: data.KindClaim, Title: "Card " + id,
			X: float64(i%4) * 206, Y: float64(i/4) * 96, Width: 200, Height: 90}
	}
	for i := 0; i < 15; i++ {
		id := fmt.Sprintf("l%02d", i)
		m.Links[id] = &data.Link{ID: id, From: fmt.Sprintf("c%02d", i), To: fmt.Sprintf("c%02d", i+1),
			Relation: "supports", Directed: true}
	}
	return m
}

func TestCrowdedBoardUsesTheLegend(t *testing.T) {
	d, _ := layoutOf(t, crowdedModel())
	if len(d.legend) == 0 {
		t.Fatal("cards 6 units apart left room for every label")
	}
	pdf, _ := render(t, crowdedModel(), DefaultOptions())
	text := pdfText(t, writeTemp(t, pdf))
	if want := "1 (overview) supports: Card c"; !strings.Contains(text, want) {
		t.Errorf("the legend lacks %q", want)
	}
}
