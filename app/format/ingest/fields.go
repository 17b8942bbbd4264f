package ingest

import (
	"strconv"
	"strings"

	"evidenceboard/data"
)

// CardFields are the names of a card's fields as GraphML keys, GEXF
// attributes and CSV columns carry them, in the order they are written.
// The last LaterCardFields came with groups (schema 6): "group", the id
// of the group card a card is in, and "folded", "true" for a folded
// group; a file written before them reads as it did.
var CardFields = []string{"kind", "title", "body", "status", "party_type", "role", "quote", "speaker",
	"source", "locator", "reliability", "credibility", "date", "publisher", "url", "color", "tags",
	"x", "y", "width", "height", "group", "folded"}

// LaterCardFields is how many of CardFields, at its end, came after the
// first layout of our CSV (see the csv package).
const LaterCardFields = 2

// LinkFields are the names of a link's fields, as CardFields.
var LinkFields = []string{"relation", "directed", "status", "note"}

// TagSep joins a card's tags in one text field: a tag may hold a comma,
// never a line break.
const TagSep = "\n"

// CardValue is field name of c as text ("" for an unknown name).
func CardValue(c *data.Card, name string) string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	switch name {
	case "kind":
		return string(c.Kind)
	case "title":
		return c.Title
	case "body":
		return c.Body
	case "status":
		return string(c.Status)
	case "party_type":
		return c.PartyType
	case "role":
		return c.Role
	case "quote":
		return c.QuoteText
	case "speaker":
		return c.SpeakerID
	case "source":
		return c.SourceID
	case "locator":
		return c.Locator
	case "reliability":
		return c.Reliability
	case "credibility":
		if c.Credibility == 0 {
			return ""
		}
		return strconv.Itoa(c.Credibility)
	case "date":
		return c.Date
	case "publisher":
		return c.Publisher
	case "url":
		return c.URL
	case "color":
		return c.Color
	case "tags":
		return strings.Join(c.Tags, TagSep)
	case "x":
		return num(c.X)
	case "y":
		return num(c.Y)
	case "width":
		return num(c.Width)
	case "height":
		return num(c.Height)
	case "group":
		return c.Group
	case "folded":
		if c.Folded {
			return "true"
		}
	}
	return ""
}

// cardAliases are the names other tools give our fields.
var cardAliases = map[string]string{
	"label": "title", "name": "title", "description": "body", "text": "body",
	"party type": "party_type", "partytype": "party_type", "quote_text": "quote",
	"colour": "color", "w": "width", "h": "height", "type": "kind",
}

// SetCardValue sets the field name (ours, or another tool's name for it;
// any case) of p's card from text. It reports whether the name is a field
// of ours; a value it cannot use (a kind we do not have, a coordinate
// that is not a number) is reported as not set, so the caller can keep
// it as text. Positions set here mark the card placed only once both x
// and y are set; see Pending.HasX.
func SetCardValue(p *Pending, name, v string) (known bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if a, ok := cardAliases[name]; ok {
		name = a
	}
	c := &p.Card
	raw := v // free text keeps its spaces; the rest is read trimmed
	v = strings.TrimSpace(v)
	num := func(dst *float64) bool {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return false
		}
		if _, ok := Number(f); !ok {
			return false
		}
		*dst = f
		return true
	}
	switch name {
	case "kind":
		k := data.Kind(strings.ToLower(v))
		if !k.Valid() {
			return false
		}
		c.Kind = k
	case "title":
		c.Title = raw
	case "body":
		c.Body = raw
	case "status":
		c.Status = data.Status(strings.ToLower(v))
	case "party_type":
		c.PartyType = v
	case "role":
		c.Role = raw
	case "quote":
		c.QuoteText = raw
	case "speaker":
		p.Speaker = v
	case "source":
		p.Source = v
	case "locator":
		c.Locator = raw
	case "reliability":
		c.Reliability = strings.ToUpper(v)
	case "credibility":
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 6 {
			return false
		}
		c.Credibility = n
	case "date":
		c.Date = v
	case "publisher":
		c.Publisher = raw
	case "url":
		c.URL = v
	case "color":
		col, ok := NormColor(v)
		if !ok {
			return false
		}
		c.Color = col
	case "tags":
		for _, t := range strings.Split(v, TagSep) {
			if t = strings.TrimSpace(t); t != "" {
				c.Tags = append(c.Tags, t)
			}
		}
	case "x":
		if !num(&c.X) {
			return false
		}
		p.HasX = true
	case "y":
		if !num(&c.Y) {
			return false
		}
		p.HasY = true
	case "width":
		return num(&c.Width)
	case "height":
		return num(&c.Height)
	case "group":
		p.Group = v
	case "folded":
		f, err := strconv.ParseBool(v)
		if err != nil {
			return false
		}
		c.Folded = f
	default:
		return false
	}
	p.Placed = p.HasX && p.HasY
	return true
}

// LinkValue is field name of l as text.
func LinkValue(l *data.Link, name string) string {
	switch name {
	case "relation":
		return l.Relation
	case "directed":
		return strconv.FormatBool(l.Directed)
	case "status":
		return string(l.Status)
	case "note":
		return l.Note
	}
	return ""
}

// SetLinkValue sets field name of l (ours or an alias: "label", "type",
// "relationship") from text, and reports whether it is one of ours.
func SetLinkValue(l *data.Link, name, v string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	if strings.TrimSpace(v) == "" && name != "note" && name != "description" {
		return true // an empty value sets nothing, and is nothing to keep
	}
	switch name {
	case "relation", "label", "edge label", "relationship", "type":
		l.Relation = Relation(v)
	case "directed":
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return false
		}
		l.Directed = b
	case "status":
		l.Status = data.Status(strings.ToLower(strings.TrimSpace(v)))
	case "note", "description":
		l.Note = v // free text: as it is
	default:
		return false
	}
	return true
}

// Relation reads a label as one of our relations when it is one (in any
// case), as free text otherwise.
func Relation(label string) string {
	label = strings.TrimSpace(label)
	for _, r := range data.Relations {
		if strings.EqualFold(label, r) {
			return r
		}
	}
	return label
}
