package data

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"
)

// generateNS is the namespace of the UUIDs Generate derives from its seed.
var generateNS = uuid.MustParse("0b6f0d1e-98a4-4c1b-8f53-6f2f3c5a1e77")

// generateTime is the creation time stamped on every generated card and
// link, so that the same seed gives the same bytes.
var generateTime = time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC)

// Generator layout: cards sit on a grid of cells this big, scattered a
// little inside their cell.
const (
	genCellW = 340
	genCellH = 240
)

// CreateGenerated writes the board Generate(n, seed) builds as a new file
// at path and returns it open. A board that could not be written whole (a
// full disk) is not left behind half made: it was made here, so it goes.
func CreateGenerated(path string, n int, seed int64) (*Case, error) {
	b, ch := Generate(n, seed)
	s, err := Create(path, b)
	if err != nil {
		return nil, err
	}
	s.Author = b.Author
	cs := NewCase(s, NewModel(b))
	if _, _, err := cs.Apply(ch); err != nil {
		s.Close()
		os.Remove(path + journalSuffix)
		os.Remove(path)
		return nil, err
	}
	return cs, nil
}

// Generate builds a synthetic board of n cards of every kind and about 2n
// links, for benchmarks, screenshots and trying the board at scale. The
// same n and seed give the same board, IDs included. Cards are laid out
// as a scattered grid, about 1.6 times as wide as tall, and links join
// near neighbours, as they do on a real board.
func Generate(n int, seed int64) (Board, Change) {
	if n < 0 {
		n = 0
	}
	b := Board{
		Title:   fmt.Sprintf("Generated board: %d cards (seed %d)", n, seed),
		CaseRef: fmt.Sprintf("GEN-%d-%d", n, seed),
		Author:  "evidenceboard generate",
		Created: generateTime,
	}
	g := &generator{
		seed: seed,
		rnd:  rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
	}
	g.cols = int(math.Ceil(math.Sqrt(float64(n) * 1.6)))
	if g.cols < 1 {
		g.cols = 1
	}
	g.cards = make([]Card, 0, n)
	for i := 0; i < n; i++ {
		g.cards = append(g.cards, g.card(i))
	}
	g.references()
	g.links = make([]Link, 0, 2*n)
	g.seen = make(map[[2]int]bool, 2*n)
	for i := 0; i < n; i++ {
		g.linksFrom(i)
	}
	return b, Change{Label: fmt.Sprintf("Generate %d cards", n), PutCards: g.cards, PutLinks: g.links}
}

type generator struct {
	seed  int64
	rnd   *rand.Rand
	cols  int
	cards []Card
	links []Link
	seen  map[[2]int]bool
}

func (g *generator) id(what string, i int) string {
	return uuid.NewSHA1(generateNS, fmt.Appendf(nil, "%d:%s:%d", g.seed, what, i)).String()
}

// kindAt spreads the kinds over the board in the proportions of a real
// case: many claims and quotes, fewer parties and sources.
func (g *generator) kindAt() Kind {
	switch r := g.rnd.IntN(20); {
	case r < 2:
		return KindParty
	case r < 7:
		return KindClaim
	case r < 12:
		return KindQuote
	case r < 14:
		return KindSource
	case r < 17:
		return KindEvent
	}
	return KindNote
}

var genWords = strings.Fields(`account agreement allegation approval archive audit board bank broker
budget campaign committee company contract council court deadline deposit director document donation
email evidence filing fund hearing invoice ledger letter licence loan meeting memo minister minutes
notice office officer payment permit policy press record report review ruling shipment statement
subsidiary supplier testimony transfer trust vendor warehouse witness`)

var genNames = strings.Fields(`Adler Baptiste Castell Dorsey Ekwueme Farrow Galindo Hollis Ivers Jansen
Kowalski Lindqvist Moreau Nakamura Okafor Petrov Quintero Rasmussen Sorensen Takahashi Umber Varga
Whitlock Xu Yilmaz Zeller`)

func (g *generator) words(min, max int) string {
	n := min + g.rnd.IntN(max-min+1)
	w := make([]string, n)
	for i := range w {
		w[i] = genWords[g.rnd.IntN(len(genWords))]
	}
	return strings.Join(w, " ")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *generator) card(i int) Card {
	k := g.kindAt()
	w, h := DefaultSize(k)
	col, row := i%g.cols, i/g.cols
	c := Card{
		ID:      g.id("card", i),
		Kind:    k,
		X:       float64(col*genCellW) + float64(g.rnd.IntN(60)),
		Y:       float64(row*genCellH) + float64(g.rnd.IntN(60)),
		Width:   w,
		Height:  h,
		Created: generateTime,
		Updated: generateTime,
	}
	switch k {
	case KindParty:
		name := genNames[g.rnd.IntN(len(genNames))]
		switch g.rnd.IntN(3) {
		case 0:
			c.Title, c.PartyType = fmt.Sprintf("%s %s", string(rune('A'+g.rnd.IntN(26))), name), PartyPerson
		case 1:
			c.Title, c.PartyType = name+" Holdings", PartyOrganisation
		default:
			c.Title, c.PartyType = "The "+name+" group", PartyGroup
		}
		c.Role = Roles[g.rnd.IntN(len(Roles))]
		c.Body = capitalise(g.words(4, 12)) + "."
	case KindClaim:
		c.Title = capitalise(g.words(4, 9))
		c.Body = capitalise(g.words(8, 30)) + "."
		c.Status = Statuses[1+g.rnd.IntN(len(Statuses)-1)]
		c.Reliability = Reliabilities[1+g.rnd.IntN(len(Reliabilities)-1)]
		c.Credibility = 1 + g.rnd.IntN(6)
	case KindQuote:
		c.Title = capitalise(g.words(2, 5))
		c.QuoteText = capitalise(g.words(10, 40)) + "."
		c.Locator = fmt.Sprintf("p. %d", 1+g.rnd.IntN(300))
	case KindSource:
		c.Title = capitalise(g.words(3, 8))
		c.Publisher = genNames[g.rnd.IntN(len(genNames))] + " Press"
		c.Date = fmt.Sprintf("%d-%02d", 2010+g.rnd.IntN(15), 1+g.rnd.IntN(12))
		c.Reliability = Reliabilities[1+g.rnd.IntN(len(Reliabilities)-1)]
		c.Credibility = 1 + g.rnd.IntN(6)
		c.URL = fmt.Sprintf("https://example.org/doc/%d", i)
	case KindEvent:
		c.Title = capitalise(g.words(3, 7))
		c.Date = fmt.Sprintf("%d-%02d-%02d", 2010+g.rnd.IntN(15), 1+g.rnd.IntN(12), 1+g.rnd.IntN(28))
		c.Body = capitalise(g.words(5, 15)) + "."
	default:
		c.Title = capitalise(g.words(2, 6))
		c.Body = capitalise(g.words(10, 40)) + "."
	}
	if g.rnd.IntN(4) == 0 {
		c.Tags = []string{genWords[g.rnd.IntN(len(genWords))]}
	}
	return c
}

// near returns the indices of the cards in the grid cells around card i,
// nearest rows first.
func (g *generator) near(i, radius int) []int {
	col, row := i%g.cols, i/g.cols
	var out []int
	for dr := -radius; dr <= radius; dr++ {
		for dc := -radius; dc <= radius; dc++ {
			c, r := col+dc, row+dr
			j := r*g.cols + c
			if (dr == 0 && dc == 0) || c < 0 || c >= g.cols || r < 0 || j >= len(g.cards) {
				continue
			}
			out = append(out, j)
		}
	}
	return out
}

// references gives each quote a nearby speaker (a party) and source.
func (g *generator) references() {
	for i := range g.cards {
		c := &g.cards[i]
		if c.Kind != KindQuote {
			continue
		}
		for _, j := range g.near(i, 3) {
			switch o := &g.cards[j]; {
			case o.Kind == KindParty && c.SpeakerID == "":
				c.SpeakerID = o.ID
			case o.Kind == KindSource && c.SourceID == "":
				c.SourceID = o.ID
			}
		}
	}
}

// relation picks what a link from a card of kind a to one of kind b says.
func (g *generator) relation(a, b Kind) string {
	switch {
	case a == KindQuote && b == KindParty:
		return "said by"
	case a == KindParty && b == KindClaim:
		if g.rnd.IntN(3) == 0 {
			return "denies"
		}
		return "alleges"
	case a == KindQuote && b == KindClaim, a == KindEvent && b == KindClaim:
		return "supports"
	case a == KindClaim && b == KindClaim:
		if g.rnd.IntN(2) == 0 {
			return "contradicts"
		}
		return "supports"
	case a == KindSource || b == KindSource:
		return "cites"
	case b == KindParty || a == KindParty:
		return "involves"
	}
	return Relations[g.rnd.IntN(len(Relations))]
}

// linksFrom adds two links from card i to near neighbours.
func (g *generator) linksFrom(i int) {
	cand := g.near(i, 2)
	if len(cand) == 0 {
		return
	}
	for added, tries := 0, 0; added < 2 && tries < 8; tries++ {
		j := cand[g.rnd.IntN(len(cand))]
		key := [2]int{min(i, j), max(i, j)}
		if g.seen[key] {
			continue
		}
		g.seen[key] = true
		a, b := &g.cards[i], &g.cards[j]
		st := StatusNone
		if g.rnd.IntN(3) == 0 {
			st = Statuses[1+g.rnd.IntN(len(Statuses)-1)]
		}
		g.links = append(g.links, Link{
			ID:       g.id("link", len(g.links)),
			From:     a.ID,
			To:       b.ID,
			Relation: g.relation(a.Kind, b.Kind),
			Directed: g.rnd.IntN(5) != 0,
			Status:   st,
			Created:  generateTime,
			Updated:  generateTime,
		})
		added++
	}
}
