package data

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// jsonCardKey and jsonLinkKey are the content keys as they were first
// written, through encoding/json: what cardKey and linkKey must agree
// with on when two versions are the same.
func jsonCardKey(c *Card) string {
	cc := c.Clone()
	cc.ID, cc.Updated = "", time.Time{}
	cc.Created = parseTime(fmtTime(cc.Created))
	cc.Tags = slices.Compact(slices.Sorted(slices.Values(cc.Tags)))
	if len(cc.Tags) == 0 {
		cc.Tags = nil
	}
	b, _ := json.Marshal(cc)
	return string(b)
}

func jsonLinkKey(l *Link) string {
	ll := *l
	ll.ID, ll.Updated = "", time.Time{}
	ll.Created = parseTime(fmtTime(ll.Created))
	b, _ := json.Marshal(ll)
	return string(b)
}

// TestContentKeysAgreeWithJSON changes versions of a card and a link one
// field at a time, or in nothing the key leaves out (ID, Updated, the
// order and repeats of tags, a time below the millisecond the file
// keeps), and asks that cardKey and linkKey call two versions the same
// exactly when their JSON does.
func TestContentKeysAgreeWithJSON(t *testing.T) {
	base := fullCard("a")
	base.Created = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cardChanges := []func(c *Card, r *rand.Rand){
		func(c *Card, r *rand.Rand) { c.ID = "other" },
		func(c *Card, r *rand.Rand) { c.Updated = c.Updated.Add(time.Hour) },
		func(c *Card, r *rand.Rand) { c.Created = c.Created.Add(time.Duration(r.IntN(2000)) * time.Microsecond) },
		func(c *Card, r *rand.Rand) { c.Tags = append(c.Tags, c.Tags...); slices.Reverse(c.Tags) },
		func(c *Card, r *rand.Rand) { c.Tags = []string{} },
		func(c *Card, r *rand.Rand) { c.Tags = nil },
		func(c *Card, r *rand.Rand) { c.Tags = append(c.Tags, "gamma") },
		func(c *Card, r *rand.Rand) { c.Title += "x" },
		func(c *Card, r *rand.Rand) { c.Title, c.Body = c.Title+c.Body[:1], c.Body[1:] },
		func(c *Card, r *rand.Rand) { c.X = float64(r.IntN(3)) },
		func(c *Card, r *rand.Rand) { c.Y = -c.Y },
		func(c *Card, r *rand.Rand) { c.Width = 0; c.Width = -c.Width },
		func(c *Card, r *rand.Rand) { c.Credibility = r.IntN(3) },
		func(c *Card, r *rand.Rand) { c.Folded = !c.Folded },
		func(c *Card, r *rand.Rand) { c.Pinned = r.IntN(2) == 0 },
		func(c *Card, r *rand.Rand) { c.Status = Statuses[r.IntN(len(Statuses))] },
		func(c *Card, r *rand.Rand) { c.Kind = Kinds[r.IntN(len(Kinds))] },
		func(c *Card, r *rand.Rand) { c.SpeakerID, c.SourceID = c.SourceID, c.SpeakerID },
		func(c *Card, r *rand.Rand) { c.Selector = `[{"type":"TextQuoteSelector"}]` },
		func(c *Card, r *rand.Rand) { c.Group = "g" },
	}
	baseLink := Link{ID: "l", From: "a", To: "b", Relation: "supports", Note: "n", Created: base.Created}
	linkChanges := []func(l *Link, r *rand.Rand){
		func(l *Link, r *rand.Rand) { l.ID = "other" },
		func(l *Link, r *rand.Rand) { l.Updated = l.Updated.Add(time.Minute) },
		func(l *Link, r *rand.Rand) { l.Created = l.Created.Add(time.Duration(r.IntN(2000)) * time.Microsecond) },
		func(l *Link, r *rand.Rand) { l.From, l.To = l.To, l.From },
		func(l *Link, r *rand.Rand) { l.Directed = !l.Directed },
		func(l *Link, r *rand.Rand) { l.Relation, l.Note = l.Note, l.Relation },
		func(l *Link, r *rand.Rand) { l.Status = Statuses[r.IntN(len(Statuses))] },
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		a, b := base.Clone(), base.Clone()
		for range 1 + r.IntN(3) {
			cardChanges[r.IntN(len(cardChanges))](&a, r)
			cardChanges[r.IntN(len(cardChanges))](&b, r)
		}
		if got, want := cardKey(&a) == cardKey(&b), jsonCardKey(&a) == jsonCardKey(&b); got != want {
			t.Fatalf("cards the same by cardKey: %v, by JSON: %v\n%+v\n%+v", got, want, a, b)
		}
		la, lb := baseLink, baseLink
		for range 1 + r.IntN(3) {
			linkChanges[r.IntN(len(linkChanges))](&la, r)
			linkChanges[r.IntN(len(linkChanges))](&lb, r)
		}
		if got, want := linkKey(&la) == linkKey(&lb), jsonLinkKey(&la) == jsonLinkKey(&lb); got != want {
			t.Fatalf("links the same by linkKey: %v, by JSON: %v\n%+v\n%+v", got, want, la, lb)
		}
	}
}
