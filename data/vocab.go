package data

import (
	"image/color"
	"strconv"
	"strings"
)

// This file is the board's vocabulary: every word of the domain that more
// than one part of the app shows or reasons with — relations and where they
// stand towards a claim, statuses, Admiralty grades, colours — is defined
// here once. The board, the inspector, the brief, the history and the
// formats read these; none keeps a list of its own.

// Stance is where a link stands towards the claim at one of its ends.
type Stance int

// The stances a relation can take.
const (
	StanceNeutral Stance = iota // says nothing for or against: "said by", "cites", "involves"
	StanceFor                   // "supports", "alleges"
	StanceAgainst               // "contradicts", "denies"
)

// Relation is a relation a link can carry, with what it means.
type Relation struct {
	// Name is the relation as stored and shown ("supports").
	Name string
	// Stance is where a link with this relation stands towards a claim.
	Stance Stance
	// Position marks a party's stated position ("alleges", "denies") as
	// against evidence ("supports", "contradicts"): an accuser's allegation
	// is not support for the accusation, and a brief counts them apart.
	Position bool
	// Color is how a link with this relation is drawn, "#rrggbb".
	Color string
}

// The colours of links by what they say.
const (
	relColorAgainst  = "#c53030"
	relColorFor      = "#2f855a"
	relColorPosition = "#b7791f"
	relColorSource   = "#2b6cb0"
	relColorOther    = "#7a8088"
)

// relations is the vocabulary of relations, in the order menus offer them.
var relations = []Relation{
	{Name: "alleges", Stance: StanceFor, Position: true, Color: relColorPosition},
	{Name: "denies", Stance: StanceAgainst, Position: true, Color: relColorAgainst},
	{Name: "supports", Stance: StanceFor, Color: relColorFor},
	{Name: "contradicts", Stance: StanceAgainst, Color: relColorAgainst},
	{Name: "said by", Color: relColorSource},
	{Name: "cites", Color: relColorSource},
	{Name: "involves", Color: relColorOther},
}

// relationSynonyms are words people type for one of our relations; a
// link keeps the word it was given, and means what its synonym means.
var relationSynonyms = map[string]string{
	"refutes":      "contradicts",
	"disputes":     "contradicts",
	"disproves":    "contradicts",
	"confirms":     "supports",
	"corroborates": "supports",
	"proves":       "supports",
	"claims":       "alleges",
	"accuses":      "alleges",
	"asserts":      "alleges",
	"rejects":      "denies",
	"quoted in":    "cites",
	"source":       "cites",
}

// Relations lists the relations a link usually carries, in menu order. A
// link may carry any other short text as well.
var Relations = func() []string {
	out := make([]string, len(relations))
	for i, r := range relations {
		out[i] = r.Name
	}
	return out
}()

// RelationOf says what a link's relation text means: one of ours (by name
// or synonym, case and surrounding space aside), or, for any other text, a
// neutral relation of that name drawn in grey.
func RelationOf(text string) Relation {
	key := strings.ToLower(strings.Join(strings.Fields(text), " "))
	if syn, ok := relationSynonyms[key]; ok {
		key = syn
	}
	for _, r := range relations {
		if r.Name == key {
			return r
		}
	}
	return Relation{Name: text, Color: relColorOther}
}

// Label is a status as a person reads it.
func (s Status) Label() string {
	switch s {
	case StatusNone:
		return "Not assessed"
	case StatusAlleged:
		return "Alleged"
	case StatusDisputed:
		return "Disputed"
	case StatusSubstantiated:
		return "Substantiated"
	case StatusRefuted:
		return "Refuted"
	}
	return "Unrecognised status" // a file from a newer version, or a broken one
}

// StatusLabels lists Statuses' labels, in the same order, for choosers.
func StatusLabels() []string {
	out := make([]string, len(Statuses))
	for i, s := range Statuses {
		out[i] = s.Label()
	}
	return out
}

// reliabilityWords are the Admiralty (NATO) source reliability grades.
var reliabilityWords = map[string]string{
	"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
	"D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}

// credibilityWords are the Admiralty information credibility grades, 1-6.
var credibilityWords = []string{"", "confirmed by other sources", "probably true", "possibly true",
	"doubtful", "improbable", "truth cannot be judged"}

// ReliabilityWords is what a reliability grade ("A".."F") means; "" for
// an ungraded or unknown grade.
func ReliabilityWords(grade string) string { return reliabilityWords[grade] }

// CredibilityWords is what a credibility grade (1..6) means; "" for 0 or
// an unknown grade.
func CredibilityWords(grade int) string {
	if grade < 1 || grade >= len(credibilityWords) {
		return ""
	}
	return credibilityWords[grade]
}

// Grading describes a card's Admiralty grade, e.g. "B2 — source usually
// reliable; information probably true", or "" when ungraded.
func (c *Card) Grading() string {
	rel, cred := ReliabilityWords(c.Reliability), CredibilityWords(c.Credibility)
	switch {
	case rel != "" && cred != "":
		return c.Reliability + strconv.Itoa(c.Credibility) + " — source " + rel + "; information " + cred
	case rel != "":
		return c.Reliability + " — source " + rel
	case cred != "":
		return strconv.Itoa(c.Credibility) + " — information " + cred
	}
	return ""
}

// ParseColor reads a colour as "#rrggbb" or "#rgb" (the "#" optional);
// ok is false for anything else. Every reader of card and kind colours goes
// through it.
func ParseColor(s string) (c color.NRGBA, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}

// ColorOr parses s, falling back to def (itself "#rrggbb"), then to grey.
func ColorOr(s, def string) color.NRGBA {
	if c, ok := ParseColor(s); ok {
		return c
	}
	if c, ok := ParseColor(def); ok {
		return c
	}
	return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
}

// FormatColor writes c as "#rrggbb", the form cards store.
func FormatColor(c color.NRGBA) string {
	const hex = "0123456789abcdef"
	b := []byte{'#', hex[c.R>>4], hex[c.R&15], hex[c.G>>4], hex[c.G&15], hex[c.B>>4], hex[c.B&15]}
	return string(b)
}

// validColor reports whether s is a colour as cards store it, "#rrggbb".
func validColor(s string) bool {
	_, ok := ParseColor(s)
	return ok && len(s) == 7 && s[0] == '#'
}
