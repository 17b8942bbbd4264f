package brief

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// role is the part a card plays towards a claim it is linked to. The
// rules, also set out in docs/BRIEF.md and on the brief's cover:
//
//   - a link whose relation has no stance ("said by", "cites", any word
//     the vocabulary does not know) plays no part;
//   - a link from a note plays no part either: a note is the
//     investigator's own remark, neither evidence nor anybody's position;
//     it is listed with the claim and among the open questions;
//   - a link from a party is that party's stated position, whatever its
//     relation: a party "supporting" a claim alleges it, a party
//     "contradicting" it denies it — a person is not evidence, what they
//     said (a quote) or wrote (a source) is;
//   - a link whose relation is a position ("alleges", "denies" and their
//     synonyms) is a position even from a quote, a source or an event: a
//     quoted accusation is still an accusation;
//   - any other link with a stance, from a quote, source, event or claim,
//     is evidence, for or against by its stance.
type role int

const (
	roleNone role = iota
	roleAlleges
	roleSupports
	roleContradicts
	roleDenies
)

// roleOf is the part a card of kind k plays towards a claim through a
// link with relation rel, by the rules above and the board's one
// vocabulary (data.RelationOf), so the brief and the board never disagree
// on what a link means.
func roleOf(rel string, k data.Kind) role {
	r := data.RelationOf(rel)
	if r.Stance == data.StanceNeutral || k == data.KindNote {
		return roleNone
	}
	position := r.Position || k == data.KindParty
	switch {
	case r.Stance == data.StanceFor && position:
		return roleAlleges
	case r.Stance == data.StanceFor:
		return roleSupports
	case position:
		return roleDenies
	}
	return roleContradicts
}

// evItem is one piece of evidence on a claim: the card and the link that
// ties it to the claim.
type evItem struct {
	card *data.Card
	link *data.Link
}

// evidence is what stands for and against one claim, with the parties'
// positions kept apart from the evidence.
type evidence struct {
	alleges     []evItem // positions for: who alleges it
	supports    []evItem // evidence for
	contradicts []evItem // evidence against
	denies      []evItem // positions against: who denies it
	notes       []evItem // note cards linked to the claim, either way
}

// against is how many items stand against the claim, evidence or denial.
func (e *evidence) against() int { return len(e.contradicts) + len(e.denies) }

// contested is true when the claim has evidence for it and evidence or a
// denial against it: an allegation alone, even denied, is not a contested
// point of evidence — it is an allegation.
func (e *evidence) contested() bool { return len(e.supports) > 0 && e.against() > 0 }

// caseData is the board arranged for the brief: cards by kind in a stable
// order, sources numbered, evidence per claim, dated cards in order.
type caseData struct {
	m       *data.Model
	byID    map[string]*data.Card
	cards   []*data.Card // every card, data.Model.SortedCards order
	parties []*data.Card
	claims  []*data.Card
	quotes  []*data.Card
	sources []*data.Card
	events  []*data.Card
	notes   []*data.Card
	groups  []*data.Card // frames on the board: drawn, not evidence

	index     map[string]int          // card ID → its place in cards
	sourceNo  map[string]int          // source card ID → its number, 1-based
	links     []*data.Link            // every link whose ends exist, by ID
	dangling  []*data.Link            // links with a missing end, by ID
	linksOf   map[string][]*data.Link // card ID → its links, by ID
	evidence  map[string]*evidence    // claim ID → evidence
	contested []*data.Card            // claims with evidence or a denial on both sides (evidence.contested)
	denied    []*data.Card            // claims alleged and denied, with no evidence for them
	questions []*data.Card            // notes and cards tagged as questions (isQuestion)
	dated     []datedCard             // cards with a date, in date order
}

func analyse(m *data.Model) *caseData {
	cd := &caseData{
		m:        m,
		byID:     map[string]*data.Card{},
		sourceNo: map[string]int{},
		linksOf:  map[string][]*data.Link{},
		evidence: map[string]*evidence{},
	}
	for id, c := range m.Cards {
		if c != nil {
			cd.byID[id] = c
		}
	}
	// A stable order that does not depend on map iteration, even for a
	// model whose maps hold nil entries or mismatched IDs.
	for _, c := range cd.byID {
		cd.cards = append(cd.cards, c)
	}
	rank := map[data.Kind]int{}
	for i, k := range data.Kinds {
		rank[k] = i + 1
	}
	sort.Slice(cd.cards, func(i, j int) bool {
		a, b := cd.cards[i], cd.cards[j]
		if rank[a.Kind] != rank[b.Kind] {
			return rank[a.Kind] < rank[b.Kind]
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	for _, c := range cd.cards {
		switch c.Kind {
		case data.KindParty:
			cd.parties = append(cd.parties, c)
		case data.KindClaim:
			cd.claims = append(cd.claims, c)
		case data.KindQuote:
			cd.quotes = append(cd.quotes, c)
		case data.KindSource:
			cd.sources = append(cd.sources, c)
		case data.KindEvent:
			cd.events = append(cd.events, c)
		case data.KindGroup:
			cd.groups = append(cd.groups, c)
		default:
			cd.notes = append(cd.notes, c)
		}
	}
	for i, s := range cd.sources {
		cd.sourceNo[s.ID] = i + 1
	}
	cd.index = make(map[string]int, len(cd.cards))
	for i, c := range cd.cards {
		cd.index[c.ID] = i
	}

	for _, l := range m.Links {
		if l == nil {
			continue
		}
		if cd.byID[l.From] == nil || cd.byID[l.To] == nil {
			cd.dangling = append(cd.dangling, l)
			continue
		}
		cd.links = append(cd.links, l)
	}
	byLinkID := func(ls []*data.Link) {
		sort.Slice(ls, func(i, j int) bool {
			if ls[i].ID != ls[j].ID {
				return ls[i].ID < ls[j].ID
			}
			if ls[i].From != ls[j].From {
				return ls[i].From < ls[j].From
			}
			return ls[i].To < ls[j].To
		})
	}
	byLinkID(cd.links)
	byLinkID(cd.dangling)
	for _, l := range cd.links {
		cd.linksOf[l.From] = append(cd.linksOf[l.From], l)
		if l.To != l.From {
			cd.linksOf[l.To] = append(cd.linksOf[l.To], l)
		}
	}

	for _, c := range cd.claims {
		ev := &evidence{}
		for _, l := range cd.linksOf[c.ID] {
			if l.From == l.To {
				continue
			}
			var other string
			switch {
			case l.To == c.ID:
				other = l.From
			case !l.Directed && l.From == c.ID:
				other = l.To
			case cd.byID[l.To].Kind == data.KindNote:
				other = l.To // a claim pointing at a note still has that note
			default:
				continue // the claim supports or denies something else
			}
			o := cd.byID[other]
			it := evItem{card: o, link: l}
			if o.Kind == data.KindNote {
				ev.notes = append(ev.notes, it)
				continue
			}
			switch roleOf(l.Relation, o.Kind) {
			case roleAlleges:
				ev.alleges = append(ev.alleges, it)
			case roleSupports:
				ev.supports = append(ev.supports, it)
			case roleContradicts:
				ev.contradicts = append(ev.contradicts, it)
			case roleDenies:
				ev.denies = append(ev.denies, it)
			}
		}
		for _, items := range [][]evItem{ev.alleges, ev.supports, ev.contradicts, ev.denies, ev.notes} {
			sortItems(items)
		}
		cd.evidence[c.ID] = ev
		switch {
		case ev.contested():
			cd.contested = append(cd.contested, c)
		case len(ev.alleges) > 0 && len(ev.denies) > 0:
			cd.denied = append(cd.denied, c)
		}
	}
	for _, c := range cd.cards {
		if isQuestion(c) {
			cd.questions = append(cd.questions, c)
		}
	}

	// Date order is the timeline's (data.TimelineOf), the one order the
	// app, the command line and the brief share; cards whose date cannot
	// be read follow, as written, in the brief's card order.
	inBrief := make(map[*data.Card]bool, len(cd.cards))
	for _, c := range cd.cards {
		inBrief[c] = true
	}
	placed := map[*data.Card]bool{}
	for _, e := range data.TimelineOf(m).Dated {
		if inBrief[e.Card] {
			placed[e.Card] = true
			cd.dated = append(cd.dated, datedCard{card: e.Card, date: cardDate{ok: true, date: e.Date, raw: strings.TrimSpace(e.Card.Date)}})
		}
	}
	for _, c := range cd.cards {
		if !placed[c] && strings.TrimSpace(c.Date) != "" {
			cd.dated = append(cd.dated, datedCard{card: c, date: parseDate(c.Date)})
		}
	}
	return cd
}

// questionTags are the tags that put a card among the open questions,
// compared without case and with "-" or "_" read as a space.
var questionTags = map[string]bool{"question": true, "questions": true, "to check": true, "todo": true,
	"to do": true, "open question": true}

// isQuestion reports whether c belongs among the open questions: every
// note (the investigator's own remarks, which no other section shows) and
// any card tagged as a question or something to check.
func isQuestion(c *data.Card) bool {
	if c.Kind == data.KindNote {
		return true
	}
	for _, t := range c.Tags {
		t = strings.ToLower(strings.Join(strings.FieldsFunc(t, func(r rune) bool {
			return r == '-' || r == '_' || unicode.IsSpace(r)
		}), " "))
		if questionTags[strings.TrimSuffix(t, "?")] {
			return true
		}
	}
	return false
}

// linksByOther returns the links of card id ordered by the card at their
// other end (in the brief's card order), then by relation.
func (cd *caseData) linksByOther(id string) []*data.Link {
	ls := append([]*data.Link(nil), cd.linksOf[id]...)
	other := func(l *data.Link) int {
		if l.From == id {
			return cd.index[l.To]
		}
		return cd.index[l.From]
	}
	sort.SliceStable(ls, func(i, j int) bool {
		if a, b := other(ls[i]), other(ls[j]); a != b {
			return a < b
		}
		return strings.ToLower(ls[i].Relation) < strings.ToLower(ls[j].Relation)
	})
	return ls
}

// sortItems puts evidence in a reading order: parties first (who says
// so), then quotes, then the rest, each by title.
func sortItems(items []evItem) {
	rank := map[data.Kind]int{data.KindParty: 0, data.KindQuote: 1, data.KindClaim: 2,
		data.KindSource: 3, data.KindEvent: 4, data.KindNote: 5}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].card, items[j].card
		if rank[a.Kind] != rank[b.Kind] {
			return rank[a.Kind] < rank[b.Kind]
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
}

// citations returns the numbers of the sources a card rests on: itself if
// it is a source, a quote's source, and every source card linked to it.
func (cd *caseData) citations(c *data.Card) []int {
	seen := map[int]bool{}
	add := func(id string) {
		if n, ok := cd.sourceNo[id]; ok {
			seen[n] = true
		}
	}
	add(c.ID)
	if c.Kind == data.KindQuote {
		add(c.SourceID)
	}
	if c.Kind != data.KindSource {
		for _, l := range cd.linksOf[c.ID] {
			add(l.From)
			add(l.To)
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// citeText formats citation numbers as "[1] [3]".
func citeText(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = "[" + strconv.Itoa(n) + "]"
	}
	return strings.Join(parts, " ")
}

// datedCard is a card with its date parsed.
type datedCard struct {
	card *data.Card
	date cardDate
}

// cardDate is a parsed Card.Date; raw keeps the text of a date that
// cannot be read (a board from before dates were checked).
type cardDate struct {
	ok   bool
	date data.Date
	raw  string
}

func parseDate(s string) cardDate {
	d, err := data.ParseDate(s)
	return cardDate{ok: err == nil && !d.IsZero(), date: d, raw: strings.TrimSpace(s)}
}

// String is the date as a person reads it: "28 March 2019", "March 2019",
// "2019", or the text as written when it is not a date.
func (d cardDate) String() string {
	if !d.ok {
		return d.raw
	}
	return d.date.Human()
}

// cardRect is a card's rectangle in board units, made drawable whatever
// the model holds: no NaN, no infinity, sizes within data's limits.
func cardRect(c *data.Card) geom.Rect {
	fix := func(v, lo, hi, def float64) float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return def
		}
		return math.Max(lo, math.Min(hi, v))
	}
	return geom.Rect{
		X: fix(c.X, -data.MaxCoord, data.MaxCoord, 0),
		Y: fix(c.Y, -data.MaxCoord, data.MaxCoord, 0),
		W: fix(c.Width, data.MinCardSize, data.MaxCardSize, 200),
		H: fix(c.Height, data.MinCardSize, data.MaxCardSize, 90),
	}
}

// kindLabel is a kind as a person reads it; a kind this version does not
// know is a plain "Card".
func kindLabel(k data.Kind) string {
	if !k.Valid() {
		return "Card"
	}
	return k.Label()
}
