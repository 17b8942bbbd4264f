package board

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"evidenceboard/data"
)

// kindsBoard has one card of every kind, and links of each colour.
func kindsBoard() *data.Model {
	m := data.NewModel(data.Board{Title: "kinds"})
	m.Apply(data.Change{
		PutCards: []data.Card{
			{ID: "party", Kind: data.KindParty, Title: "Northwind Shipping Ltd", PartyType: data.PartyOrganisation, Role: "defendant",
				Body: "Freight forwarder registered in 2011.", X: 20, Y: 20, Width: 220, Height: 96},
			{ID: "claim", Kind: data.KindClaim, Title: "Northwind paid the inspector to pass the cargo", Status: data.StatusDisputed,
				Reliability: "B", Credibility: 2,
				Body: "Payments of €40,000 in three instalments, routed through a consultancy, in the month before each inspection — a very long body that must be clipped with an ellipsis rather than spill out of the card.",
				X:    320, Y: 20, Width: 250, Height: 124},
			{ID: "source", Kind: data.KindSource, Title: "Port authority inspection log 2019", Publisher: "Port of Ashford",
				Date: "2019-06", Reliability: "A", Credibility: 1, X: 20, Y: 200, Width: 220, Height: 90},
			{ID: "quote", Kind: data.KindQuote, Title: "Inspector's interview", QuoteText: "I signed what they put in front of me.",
				SpeakerID: "party", SourceID: "source", Locator: "p. 12", X: 320, Y: 220, Width: 250, Height: 124},
			{ID: "event", Kind: data.KindEvent, Title: "Cargo cleared without inspection", Date: "2019-06-14",
				Body: "Container ASH-2291.", X: 640, Y: 40, Width: 200, Height: 90},
			{ID: "note", Kind: data.KindNote, Title: "Ask the harbour master", Body: "Who else signed the log that week?",
				Color: "#fdf6b2", Tags: []string{"harbour", "follow-up"}, X: 640, Y: 230, Width: 200, Height: 110},
		},
		PutLinks: []data.Link{
			{ID: "l-alleges", From: "party", To: "claim", Relation: "denies", Directed: true},
			{ID: "l-supports", From: "quote", To: "claim", Relation: "supports", Directed: true, Status: data.StatusSubstantiated},
			{ID: "l-said", From: "quote", To: "source", Relation: "cites", Directed: true},
			{ID: "l-event", From: "event", To: "claim", Relation: "alleges", Directed: true, Status: data.StatusAlleged},
			{ID: "l-note", From: "note", To: "event", Relation: "involves"},
			{ID: "l-pair", From: "claim", To: "party", Relation: "said by", Directed: true},
		},
	})
	return m
}

func TestRenderKinds(t *testing.T) {
	b, win := show(t, kindsBoard(), 880, 380)
	b.Select("claim")
	test.AssertImageMatches(t, "kinds.png", win.Canvas().Capture())

	b.ClearSelection()
	b.SetFilter("northwind")
	b.SetZoom(0.4)
	test.AssertImageMatches(t, "kinds-filtered-40.png", win.Canvas().Capture())
}
