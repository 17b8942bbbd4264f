package brief

import (
	"regexp"
	"strings"
	"testing"

	"evidenceboard/data"
)

func TestRoleOf(t *testing.T) {
	tests := []struct {
		rel  string
		kind data.Kind
		want role
	}{
		{"alleges", data.KindParty, roleAlleges},
		{"supports", data.KindParty, roleAlleges}, // a party's word is a position, not evidence
		{"confirms", data.KindParty, roleAlleges},
		{"denies", data.KindParty, roleDenies},
		{"contradicts", data.KindParty, roleDenies},
		{"supports", data.KindQuote, roleSupports},
		{"Corroborates", data.KindSource, roleSupports},
		{"supports", data.KindEvent, roleSupports},
		{"supports", data.KindClaim, roleSupports},
		{"contradicts", data.KindQuote, roleContradicts},
		{"refutes", data.KindSource, roleContradicts},
		{"alleges", data.KindQuote, roleAlleges}, // a quoted accusation is still an accusation
		{"accuses", data.KindSource, roleAlleges},
		{"denies", data.KindQuote, roleDenies},
		{"rejects", data.KindEvent, roleDenies},
		{"supports", data.KindNote, roleNone}, // a note is the investigator's remark
		{"said by", data.KindParty, roleNone},
		{"cites", data.KindQuote, roleNone},
		{"whatever", data.KindQuote, roleNone},
		{"", data.KindParty, roleNone},
	}
	for _, tt := range tests {
		if got := roleOf(tt.rel, tt.kind); got != tt.want {
			t.Errorf("roleOf(%q, %s) = %d, want %d", tt.rel, tt.kind, got, tt.want)
		}
	}
}

// rulesBoard has one claim of every shape the rules tell apart.
func rulesBoard() *data.Model {
	m := data.NewModel(data.Board{Title: "Rules case"})
	add := func(id string, k data.Kind, title string, tags ...string) {
		m.Cards[id] = &data.Card{ID: id, Kind: k, Title: title, Tags: tags, X: float64(len(m.Cards)) * 260,
			Width: 200, Height: 90}
	}
	link := func(id, from, rel, to string) {
		m.Links[id] = &data.Link{ID: id, From: from, To: to, Relation: rel, Directed: true}
	}
	add("acc", data.KindParty, "Accuser Ltd")
	add("def", data.KindParty, "Defender plc")
	add("fan", data.KindParty, "Cheerleader")
	add("q1", data.KindQuote, "Witness quote")
	m.Cards["q1"].QuoteText = "I saw the ledger."
	add("src", data.KindSource, "Ledger")
	add("c1", data.KindClaim, "Alpha was paid")
	add("c2", data.KindClaim, "Beta was told")
	add("c3", data.KindClaim, "Gamma was present")
	add("n1", data.KindNote, "To check: plea dates")
	add("e1", data.KindEvent, "Meeting held", "to-check")

	// c1: alleged by one party (and "supported" by another, still a
	// position), supported by a quote, contradicted by a source, denied.
	link("l1", "acc", "alleges", "c1")
	link("l2", "fan", "supports", "c1")
	link("l3", "q1", "supports", "c1")
	link("l4", "src", "refutes", "c1")
	link("l5", "def", "denies", "c1")
	link("l6", "n1", "involves", "c1")
	// c2: alleged and denied, nothing else: not a contested point.
	link("l7", "acc", "accuses", "c2")
	link("l8", "def", "rejects", "c2")
	// c3: alleged only.
	link("l9", "acc", "alleges", "c3")
	return m
}

func TestAllegationsApartFromEvidence(t *testing.T) {
	m := rulesBoard()
	cd := analyse(m)
	ev := cd.evidence["c1"]
	names := func(items []evItem) string {
		var s []string
		for _, it := range items {
			s = append(s, it.card.Title)
		}
		return strings.Join(s, ",")
	}
	for _, tt := range []struct{ got, want string }{
		{names(ev.alleges), "Accuser Ltd,Cheerleader"},
		{names(ev.supports), "Witness quote"},
		{names(ev.contradicts), "Ledger"},
		{names(ev.denies), "Defender plc"},
		{names(ev.notes), "To check: plea dates"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	var contested []string
	for _, c := range cd.contested {
		contested = append(contested, c.ID)
	}
	if strings.Join(contested, ",") != "c1" {
		t.Errorf("contested = %v, want only c1 (c2 is alleged and denied, c3 only alleged)", contested)
	}
	if len(cd.denied) != 1 || cd.denied[0].ID != "c2" {
		t.Errorf("alleged and denied = %v, want c2", cd.denied)
	}

	pdf, _ := render(t, m, DefaultOptions())
	text := pdfText(t, writeTemp(t, pdf))
	// The claims table: claim, status, then alleged, for, against, denied.
	for _, re := range []string{
		`1 Alpha was paid NOT ASSESSED 2 1 1 1 `,
		`2 Beta was told NOT ASSESSED 1 0 0 1 `,
		`3 Gamma was present NOT ASSESSED 1 0 0 0 `,
	} {
		if !strings.Contains(text, re) {
			t.Errorf("the claims table lacks the row %q", re)
		}
	}
	// Claim 1 set out: each card under its own heading, in order.
	claims := text[strings.Index(text, "set each claim out."):]
	start := strings.Index(claims, "1. Alpha was paid")
	end := strings.Index(claims, "2. Beta was told")
	if start < 0 || end < start {
		t.Fatalf("claims not set out:\n%s", text)
	}
	c1 := claims[start:end]
	order := regexp.MustCompile(`ALLEGED BY .*Accuser Ltd.*Cheerleader.* SUPPORTED BY .*I saw the ledger.* ` +
		`CONTRADICTED BY .*Ledger.* DENIED BY .*Defender plc .*NOTES AND OPEN QUESTIONS .*To check: plea dates`)
	if !order.MatchString(c1) {
		t.Errorf("claim 1's links are not under their own headings:\n%s", c1)
	}
	if strings.Contains(c1[strings.Index(c1, "SUPPORTED BY"):strings.Index(c1, "CONTRADICTED BY")], "Accuser") {
		t.Errorf("an allegation is listed as support:\n%s", c1)
	}
	// The contested points hold claim 1 only and name claim 2 as denied.
	cs := text[strings.LastIndex(text, "Contested points Each claim"):]
	cs = cs[:strings.Index(cs, "Quotes")]
	if !strings.Contains(cs, "Alpha was paid") || strings.Contains(cs, "Gamma was present") ||
		!strings.Contains(cs, "1 claim is alleged and denied with no evidence linked for it: claim 2") {
		t.Errorf("contested points:\n%s", cs)
	}
}

func TestOpenQuestions(t *testing.T) {
	m := rulesBoard()
	m.Cards["n2"] = &data.Card{ID: "n2", Kind: data.KindNote, Title: "Ask the clerk", Body: "Who filed the motion?",
		Width: 200, Height: 90, Y: 400}
	m.Cards["q9"] = &data.Card{ID: "q9", Kind: data.KindQuote, Title: "Unsourced remark", Tags: []string{"Question?"},
		Width: 200, Height: 90, Y: 600}
	cd := analyse(m)
	var got []string
	for _, c := range cd.questions {
		got = append(got, c.ID)
	}
	// Notes and tagged cards, in the brief's card order (by kind, then title).
	if strings.Join(got, ",") != "q9,e1,n2,n1" {
		t.Errorf("questions = %v", got)
	}
	for _, tt := range []struct {
		tags []string
		want bool
	}{
		{[]string{"to check"}, true}, {[]string{"To-Check"}, true}, {[]string{"TODO"}, true},
		{[]string{"to_check"}, true}, {[]string{"question"}, true}, {[]string{"questioned"}, false},
		{[]string{"checked"}, false}, {nil, false},
	} {
		if got := isQuestion(&data.Card{Kind: data.KindClaim, Tags: tt.tags}); got != tt.want {
			t.Errorf("isQuestion(tags %q) = %v", tt.tags, got)
		}
	}

	pdf, _ := render(t, m, DefaultOptions())
	text := pdfText(t, writeTemp(t, pdf))
	i := strings.LastIndex(text, "Open questions The investigator's notes")
	if i < 0 {
		t.Fatalf("no open questions section:\n%s", text)
	}
	sec := text[i:]
	sec = sec[:strings.Index(sec, "Quotes Quotations")]
	for _, want := range []string{"To check: plea dates", "involves claim 1, “Alpha was paid”", "Ask the clerk",
		"Who filed the motion?", "Event: Meeting held", "Quote: Unsourced remark", "Tags: to-check"} {
		if !strings.Contains(sec, want) {
			t.Errorf("open questions lack %q:\n%s", want, sec)
		}
	}
	if strings.Contains(sec, "Gamma was present") {
		t.Errorf("a card neither a note nor tagged is among the open questions:\n%s", sec)
	}
}
