package brief

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"evidenceboard/data"
)

// side says on which side of a claim a piece of evidence stands.
type side int

const (
	sideNone side = iota
	sideSupports
	sideContradicts
)

// relationSide classifies a link's relation text (case-insensitive):
// "supports" and "alleges" stand for a claim, "contradicts" and "denies"
// against it; anything else is not evidence.
func relationSide(rel string) side {
	switch strings.ToLower(strings.TrimSpace(rel)) {
	case "supports", "alleges":
		return sideSupports
	case "contradicts", "denies":
		return sideContradicts
	}
	return sideNone
}

// evItem is one piece of evidence on a claim: the card and the link that
// ties it to the claim.
type evItem struct {
	card *data.Card
	link *data.Link
}

// evidence is what stands for and against one claim.
type evidence struct {
	supports, contradicts []evItem
}

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

	index     map[string]int          // card ID → its place in cards
	sourceNo  map[string]int          // source card ID → its number, 1-based
	links     []*data.Link            // every link whose ends exist, by ID
	dangling  []*data.Link            // links with a missing end, by ID
	linksOf   map[string][]*data.Link // card ID → its links, by ID
	evidence  map[string]*evidence    // claim ID → evidence
	contested []*data.Card            // claims with evidence on both sides
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
			sd := relationSide(l.Relation)
			if sd == sideNone || l.From == l.To {
				continue
			}
			var other string
			switch {
			case l.To == c.ID:
				other = l.From
			case !l.Directed && l.From == c.ID:
				other = l.To
			default:
				continue // the claim supports or denies something else
			}
			it := evItem{card: cd.byID[other], link: l}
			if sd == sideSupports {
				ev.supports = append(ev.supports, it)
			} else {
				ev.contradicts = append(ev.contradicts, it)
			}
		}
		sortItems(ev.supports)
		sortItems(ev.contradicts)
		cd.evidence[c.ID] = ev
		if len(ev.supports) > 0 && len(ev.contradicts) > 0 {
			cd.contested = append(cd.contested, c)
		}
	}

	for _, c := range cd.cards {
		if strings.TrimSpace(c.Date) == "" {
			continue
		}
		cd.dated = append(cd.dated, datedCard{card: c, date: parseDate(c.Date)})
	}
	sort.SliceStable(cd.dated, func(i, j int) bool {
		a, b := cd.dated[i].date, cd.dated[j].date
		if a.ok != b.ok {
			return a.ok
		}
		if a.ok && a.key != b.key {
			return a.key < b.key
		}
		if !a.ok && a.raw != b.raw {
			return a.raw < b.raw
		}
		return false // cards are already in SortedCards order
	})
	return cd
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

// cardDate is a parsed Card.Date: "2019", "2019-03" or "2019-03-28".
type cardDate struct {
	ok         bool
	year       int
	month, day int // 0 when not given
	key        int // sortable: yyyymmdd with zeros for missing parts
	raw        string
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

func parseDate(s string) cardDate {
	d := cardDate{raw: strings.TrimSpace(s)}
	parts := strings.Split(d.raw, "-")
	if len(parts) < 1 || len(parts) > 3 {
		return d
	}
	nums := make([]int, 3)
	for i, p := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		if len(p) != want {
			return d
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return d
		}
		nums[i] = n
	}
	if len(parts) >= 2 && (nums[1] < 1 || nums[1] > 12) {
		return d
	}
	if len(parts) == 3 && (nums[2] < 1 || nums[2] > 31) {
		return d
	}
	d.ok = true
	d.year, d.month, d.day = nums[0], nums[1], nums[2]
	d.key = d.year*10000 + d.month*100 + d.day
	return d
}

// String is the date as a person reads it: "28 March 2019", "March 2019",
// "2019", or the text as written when it is not a date we know.
func (d cardDate) String() string {
	if !d.ok {
		return d.raw
	}
	y := strconv.Itoa(d.year)
	switch {
	case d.day > 0:
		return strconv.Itoa(d.day) + " " + monthNames[d.month-1] + " " + y
	case d.month > 0:
		return monthNames[d.month-1] + " " + y
	}
	return y
}

// rect is a card's rectangle in board units, made drawable whatever the
// model holds: no NaN, no infinity, sizes within data's limits.
type rect struct{ x, y, w, h float64 }

func cardRect(c *data.Card) rect {
	fix := func(v, lo, hi, def float64) float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return def
		}
		return math.Max(lo, math.Min(hi, v))
	}
	return rect{
		x: fix(c.X, -data.MaxCoord, data.MaxCoord, 0),
		y: fix(c.Y, -data.MaxCoord, data.MaxCoord, 0),
		w: fix(c.Width, data.MinCardSize, data.MaxCardSize, 200),
		h: fix(c.Height, data.MinCardSize, data.MaxCardSize, 90),
	}
}

// statusLabel is a status as a person reads it.
func statusLabel(s data.Status) string {
	switch s {
	case data.StatusNone:
		return "Not assessed"
	case data.StatusAlleged:
		return "Alleged"
	case data.StatusDisputed:
		return "Disputed"
	case data.StatusSubstantiated:
		return "Substantiated"
	case data.StatusRefuted:
		return "Refuted"
	}
	return "Unrecognised status" // a file from a newer version, or a broken one
}

// kindLabel is a kind as a person reads it; a kind this version does not
// know is a plain "Card".
func kindLabel(k data.Kind) string {
	if !k.Valid() {
		return "Card"
	}
	return k.Label()
}

var reliabilityNames = map[string]string{
	"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
	"D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}

var credibilityNames = []string{"", "confirmed by other sources", "probably true", "possibly true",
	"doubtful", "improbable", "truth cannot be judged"}

// grading describes a card's Admiralty grade, e.g. "B2 — source usually
// reliable; information probably true", or "" when ungraded.
func grading(c *data.Card) string {
	rel, ok := reliabilityNames[c.Reliability]
	cred := ""
	if c.Credibility >= 1 && c.Credibility <= 6 {
		cred = credibilityNames[c.Credibility]
	}
	switch {
	case ok && cred != "":
		return c.Reliability + strconv.Itoa(c.Credibility) + " — source " + rel + "; information " + cred
	case ok:
		return c.Reliability + " — source " + rel
	case cred != "":
		return strconv.Itoa(c.Credibility) + " — information " + cred
	}
	return ""
}
