package clip

import (
	"fmt"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
)

// Hand-made hostile clipboard texts (probe of 30 November 2026): each is
// refused in one line or pasted as a change that applies and validates.
func TestProbeHostilePaste(t *testing.T) {
	m := formattest.Grouped(t)
	g1 := "00000000-0000-4000-8000-000000000001"
	head := `{"format":"evidenceboard-cards","version":1,`
	var many strings.Builder
	many.WriteString(head + `"cards":[`)
	for i := 0; i < 20000; i++ {
		if i > 0 {
			many.WriteString(",")
		}
		fmt.Fprintf(&many, `{"id":"n%d","kind":"note","title":"n","x":%d,"y":0,"width":100,"height":50,"group_id":"g"}`, i, i*10)
	}
	many.WriteString(`,{"id":"g","kind":"group","title":"G","x":0,"y":0,"width":100000,"height":100000,"group_id":"g"}],"links":[]}`)
	for name, text := range map[string]string{
		"self":                            head + `"cards":[{"id":"a","kind":"group","title":"A","x":0,"y":0,"width":300,"height":300,"group_id":"a"}]}`,
		"nested":                          head + `"cards":[{"id":"a","kind":"group","title":"A","x":0,"y":0,"width":300,"height":300},{"id":"b","kind":"group","title":"B","x":10,"y":10,"width":100,"height":100,"group_id":"a"},{"id":"c","kind":"note","title":"C","x":20,"y":20,"width":50,"height":50,"group_id":"b"}]}`,
		"cycle":                           head + `"cards":[{"id":"a","kind":"group","title":"A","x":0,"y":0,"width":300,"height":300,"group_id":"b"},{"id":"b","kind":"group","title":"B","x":0,"y":0,"width":300,"height":300,"group_id":"a"}]}`,
		"non-group":                       head + `"cards":[{"id":"a","kind":"note","title":"A","x":0,"y":0,"width":100,"height":100},{"id":"b","kind":"note","title":"B","x":0,"y":0,"width":100,"height":100,"group_id":"a"}]}`,
		"board group":                     head + `"cards":[{"id":"a","kind":"note","title":"A","x":0,"y":0,"width":100,"height":100,"group_id":"` + g1 + `"}]}`,
		"board group as group of a group": head + `"cards":[{"id":"a","kind":"group","title":"A","x":0,"y":0,"width":100,"height":100,"group_id":"` + g1 + `"}]}`,
		"folded note":                     head + `"cards":[{"id":"a","kind":"note","title":"A","x":0,"y":0,"width":100,"height":100,"folded":true,"pinned":true}]}`,
		"huge":                            head + `"cards":[{"id":"a","kind":"group","title":"A","x":-1e308,"y":1e308,"width":1e308,"height":1e308},{"id":"b","kind":"note","title":"B","x":1e308,"y":-1e308,"width":100,"height":100,"group_id":"a"}]}`,
		"zero size group":                 head + `"cards":[{"id":"a","kind":"group","title":"A","x":0,"y":0,"width":0,"height":0},{"id":"b","kind":"note","title":"B","x":0,"y":0,"width":0,"height":0,"group_id":"a"}]}`,
		"bad types":                       head + `"cards":[{"id":"a","kind":"group","title":"A","x":0,"y":0,"width":100,"height":100,"folded":2,"pinned":"x"}]}`,
		"twice":                           head + `"cards":[{"id":"a","kind":"group","title":"A","x":0,"y":0,"width":100,"height":100},{"id":"a","kind":"note","title":"A2","x":0,"y":0,"width":100,"height":100,"group_id":"a"}]}`,
		"20k in a group":                  many.String(),
	} {
		t.Run(name, func(t *testing.T) {
			ch, rep, err := Paste(m, text, 100, 100)
			if err != nil {
				if strings.Contains(err.Error(), "\n") {
					t.Fatalf("a two-line error: %q", err)
				}
				t.Logf("refused: %v", err)
				return
			}
			formattest.CheckApplies(t, m, ch)
			if rep != nil {
				// A card beyond the edge in x and y was reported twice, in
				// the same words ("card 1: position beyond the board's
				// edge; moved to the edge"), by ingest.Builder.
				seen := map[string]bool{}
				for _, l := range rep.Lines() {
					if seen[l] {
						t.Errorf("the report says %q twice", l)
					}
					seen[l] = true
				}
				t.Logf("%d cards; report %q", len(ch.PutCards), rep.Lines())
			}
		})
	}
}
