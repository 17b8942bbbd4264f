package data

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// sampleNS seeds the sample case's UUIDs, so that every sample board has
// the same IDs: two sample boards merge cleanly and the brief of a sample
// board is the same bytes every time.
var sampleNS = uuid.MustParse("6f1c2b7e-4f0e-4c59-9a43-0d6c1e7b5a10")

// sampleTime is the creation time of the sample case: the article's year.
var sampleTime = time.Date(2019, 4, 1, 9, 0, 0, 0, time.UTC)

// SampleTitle is the title of the sample case board.
const SampleTitle = "Jane Does v. Salesforce (Backpage)"

// BuildSample builds the sample case, the Salesforce/Backpage lawsuit,
// from the text of the news article (assets/article.txt). Every quote is
// taken verbatim from the article: if the article lacks one, it is an
// error rather than a misquote.
func BuildSample(article string) (Board, Change, error) {
	b := Board{
		Title:   SampleTitle,
		CaseRef: "Sample case — Salesforce/Backpage lawsuit",
		Author:  "Evidence Board sample",
		Marking: "SAMPLE — FROM A PUBLISHED NEWS ARTICLE",
		Created: sampleTime,
		Updated: sampleTime, // every sample board is the same, to the byte of its brief
	}
	sb := &sampleBuilder{article: article}

	janeDoes := sb.party("The 50 Jane Does", PartyGroup, "plaintiff",
		"More than four dozen women who filed the lawsuit, asking for unspecified damages.", 40, 40)
	salesforce := sb.party("Salesforce", PartyOrganisation, "defendant",
		"Customer relations management (CRM) firm; publicly traded; upwards of $13 billion in annual revenue as of 2019.", 1180, 40)
	backpage := sb.party("Backpage", PartyOrganisation, "other",
		"Online classified site; shut down last year after entering a guilty plea.", 1560, 420)
	pimps := sb.party("Pimps who used Backpage ads", PartyGroup, "other",
		"Kept the women in sexual slavery, according to the suit.", 1560, 880)

	article1 := sb.card(Card{Kind: KindSource, Title: "CRM Firm Salesforce At the Core of Backpage Sex Trafficking Allegations",
		Body: "News article reporting the lawsuit filed by 50 Jane Does against Salesforce.", Publisher: "News article (sample case)",
		Date: "2019", Reliability: "C", Credibility: 3, X: 800, Y: 1060, Width: 300, Height: 110})

	liable := sb.claim("Salesforce is liable for sex trafficking, conspiracy and negligence",
		"The lawsuit accuses Salesforce of legal charges including sex trafficking, conspiracy, and negligence.", StatusDisputed, 420, 40)
	brand := sb.claim("Salesforce's marketing strategy helped Backpage build its illicit brand",
		"The suit says the company created a marketing strategy that helped notorious blacklisted site Backpage to build its illicit brand.", StatusAlleged, 420, 250)
	knew := sb.claim("Salesforce knew about sex trafficking on Backpage",
		"The suit alleges Salesforce knew the scourge of sex trafficking while serving Backpage.", StatusDisputed, 420, 470)
	slavery := sb.claim("The women were trafficked through Backpage ads run on Salesforce technology",
		"The women claim they were kept in sexual slavery by pimps who utilized Backpage ads that were managed by the cloud technology built by Salesforce.", StatusAlleged, 420, 690)
	foundation := sb.claim("Salesforce's technology was the foundation of Backpage's massive growth",
		"The allegations continue to claim that Salesforce's technology was, in fact, the foundation for Backpage's massive growth.", StatusAlleged, 800, 690)
	crm := sb.claim("Salesforce provided CRM services to Backpage",
		"Salesforce contends Backpage needed operational support through CRM; service for which, Salesforce provided.", StatusSubstantiated, 1180, 690)
	plea := sb.claim("Backpage pleaded guilty to knowingly facilitating prostitution",
		"Backpage shut down its online classified last year after entering a guilty plea.", StatusSubstantiated, 1560, 40)

	qForced := sb.quote("Lawsuit: victims of sex trafficking",
		"The Jane Does were forced, coerced, and made victims of sex trafficking by means of force, fraud, deceit, coercion, violence, duress, menace, or threat of unlawful injury to themselves or others, including family members. Salesforce committed acts at issue with malice, oppression, fraud, and duress.",
		janeDoes, article1, "para. 3", 40, 180, 300, 230)
	qKnew := sb.quote("Lawsuit: Salesforce knew",
		"Salesforce knew the scourge of sex trafficking because it sought publicity for trying to stop it. But, at the same time, this publicly traded company was, in actuality, among the vilest of rogue companies, concerned only with their bottom line.",
		janeDoes, article1, "para. 5", 40, 450, 300, 210)
	qMillions := sb.quote("Lawsuit: Backpage knew how to profit",
		"how to make millions of dollars trafficking victims and promoting prostitution",
		janeDoes, article1, "para. 4", 40, 700, 300, 130)
	qDenial := sb.quote("Salesforce statement",
		"We are deeply committed to the ethical and humane use of our products and take these allegations seriously.",
		salesforce, article1, "para. 7", 800, 180, 300, 150)
	qContends := sb.quote("Salesforce: Backpage needed CRM support",
		"Backpage needed operational support through customer relationship management (CRM) to help maximize not only customer acquisition and retention, but marketing strategies to those customers as well",
		salesforce, article1, "para. 6", 1180, 420, 300, 190)
	qPlea := sb.quote("Backpage guilty plea",
		"knowingly facilitating prostitution",
		backpage, article1, "para. 2", 1560, 200, 300, 120)

	shutDown := sb.card(Card{Kind: KindEvent, Title: "Backpage shuts down after guilty plea",
		Body: "“just last year”, as the article puts it.", Date: "2018", X: 1560, Y: 640, Width: 220, Height: 90})
	filed := sb.card(Card{Kind: KindEvent, Title: "50 Jane Does sue Salesforce",
		Body: "Filed “this week”, asking for unspecified damages.", Date: "2019", X: 40, Y: 880, Width: 220, Height: 90})
	sb.card(Card{Kind: KindNote, Title: "What the suit asks",
		Body: "That Salesforce accept at least some of the financial burden associated with helping these victims of sex trafficking.",
		X:    420, Y: 900, Width: 240, Height: 110})

	sb.link(janeDoes, liable, "alleges", StatusAlleged)
	sb.link(janeDoes, brand, "alleges", StatusAlleged)
	sb.link(janeDoes, knew, "alleges", StatusAlleged)
	sb.link(janeDoes, slavery, "alleges", StatusAlleged)
	sb.link(janeDoes, foundation, "alleges", StatusAlleged)
	sb.link(salesforce, liable, "denies", StatusNone)
	sb.link(salesforce, knew, "denies", StatusNone)
	sb.link(qDenial, liable, "denies", StatusNone)
	sb.link(qForced, liable, "supports", StatusAlleged)
	sb.link(qKnew, knew, "supports", StatusAlleged)
	sb.link(qMillions, brand, "supports", StatusAlleged)
	sb.link(qContends, crm, "supports", StatusSubstantiated)
	sb.link(crm, foundation, "supports", StatusNone)
	sb.link(qPlea, plea, "supports", StatusSubstantiated)
	sb.link(qForced, janeDoes, "said by", StatusNone)
	sb.link(qKnew, janeDoes, "said by", StatusNone)
	sb.link(qMillions, janeDoes, "said by", StatusNone)
	sb.link(qDenial, salesforce, "said by", StatusNone)
	sb.link(qContends, salesforce, "said by", StatusNone)
	sb.link(qPlea, backpage, "said by", StatusNone)
	sb.link(slavery, pimps, "involves", StatusNone)
	sb.link(slavery, backpage, "involves", StatusNone)
	sb.link(brand, backpage, "involves", StatusNone)
	sb.link(shutDown, plea, "supports", StatusNone)
	sb.link(filed, janeDoes, "involves", StatusNone)

	if sb.err != nil {
		return b, Change{}, sb.err
	}
	return b, Change{Label: "Build the sample case", PutCards: sb.cards, PutLinks: sb.links}, nil
}

// SampleModel is the sample case in memory, for the board's and the
// brief's tests and anything else that wants it without a file.
func SampleModel(article string) (*Model, error) {
	b, ch, err := BuildSample(article)
	if err != nil {
		return nil, err
	}
	m := NewModel(b)
	m.Apply(ch)
	return m, nil
}

// CreateSample writes the sample case as a new board file at path; it
// refuses to replace an existing file.
func CreateSample(path, article string) (*Store, error) {
	b, ch, err := BuildSample(article)
	if err != nil {
		return nil, fileErr(path, "sample case: %v", err)
	}
	s, err := Create(path, b)
	if err != nil {
		return nil, err
	}
	s.Author = b.Author
	now := s.Now
	s.Now = func() time.Time { return sampleTime }
	_, _, err = NewCase(s, NewModel(b)).Apply(ch)
	s.Now = now
	if err != nil {
		s.Close()
		return nil, fileErr(path, "writing the sample case: %v", err)
	}
	return s, nil
}

type sampleBuilder struct {
	article string
	cards   []Card
	links   []Link
	err     error
}

func (sb *sampleBuilder) id(name string) string {
	return uuid.NewSHA1(sampleNS, []byte(name)).String()
}

func (sb *sampleBuilder) card(c Card) string {
	c.ID = sb.id(string(c.Kind) + ":" + c.Title)
	c.Created, c.Updated = sampleTime, sampleTime
	sb.cards = append(sb.cards, c)
	return c.ID
}

func (sb *sampleBuilder) party(name, typ, role, body string, x, y float64) string {
	w, h := DefaultSize(KindParty)
	return sb.card(Card{Kind: KindParty, Title: name, Body: body, PartyType: typ, Role: role, X: x, Y: y, Width: w, Height: h})
}

func (sb *sampleBuilder) claim(title, body string, st Status, x, y float64) string {
	return sb.card(Card{Kind: KindClaim, Title: title, Body: body, Status: st, X: x, Y: y, Width: 300, Height: 140})
}

func (sb *sampleBuilder) quote(title, words, speaker, source, locator string, x, y, w, h float64) string {
	if !strings.Contains(sb.article, words) && sb.err == nil {
		sb.err = fmt.Errorf("the article does not contain the quote %q", words)
	}
	return sb.card(Card{Kind: KindQuote, Title: title, QuoteText: words, SpeakerID: speaker, SourceID: source,
		Locator: locator, X: x, Y: y, Width: w, Height: h})
}

func (sb *sampleBuilder) link(from, to, relation string, st Status) {
	id := sb.id("link:" + from + ":" + relation + ":" + to)
	sb.links = append(sb.links, Link{ID: id, From: from, To: to, Relation: relation, Directed: true,
		Status: st, Created: sampleTime, Updated: sampleTime})
}
