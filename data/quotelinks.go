package data

// A quote's Speaker and Source fields are facts a person also draws as
// links: "said by" its speaker, "cites" its source. The fields are where
// the fact is kept (the brief reads them); the board and the board's
// picture draw them as links, so the fact is entered once, in either
// place: a quote whose field is set shows the link without one being
// made, and an explicit link with the same meaning is drawn once, not
// twice.

// The relations a quote's fields are drawn as.
const (
	RelationSaidBy = "said by"
	RelationCites  = "cites"
)

// QuoteLinkSep separates the quote's ID from the relation in the ID of a
// link drawn from a quote's field. It is a NUL, which no stored ID holds
// (Link.Validate refuses control characters): the two never meet.
const QuoteLinkSep = "\x00"

// QuoteLinks returns the links quote q's Speaker and Source fields stand
// for, directed from the quote, leaving out any that stated(to, relation)
// says an explicit link between the quote and card to already says (a
// relation of the same meaning, data.RelationOf, either way round), and
// any to a card has(id) says is not on the board. A card that is not a
// quote has none.
func QuoteLinks(q *Card, has func(id string) bool, stated func(to, relation string) bool) []Link {
	if q == nil || q.Kind != KindQuote {
		return nil
	}
	var out []Link
	for _, r := range [...]struct{ to, relation string }{{q.SpeakerID, RelationSaidBy}, {q.SourceID, RelationCites}} {
		if r.to == "" || r.to == q.ID || !has(r.to) || stated(r.to, r.relation) {
			continue
		}
		out = append(out, Link{ID: q.ID + QuoteLinkSep + r.relation, From: q.ID, To: r.to, Relation: r.relation, Directed: true})
	}
	return out
}

// SameRelation reports whether a link's relation text means relation
// (one of ours, by name or synonym).
func SameRelation(text, relation string) bool { return RelationOf(text).Name == relation }
