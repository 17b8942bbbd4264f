// Package ftm writes a board as FollowTheMoney entities (followthemoney.tech),
// the data model of Aleph and OpenAleph, one JSON object a line, ready for
// `ftm validate` and `alephclient write-entities`.
//
// Cards become things (parties Person, Organization or LegalEntity, events
// Event, sources Document, claims, quotes and notes Note) and links
// become the nearest FtM relationship between them (Directorship,
// Employment, Family, Associate, Membership, Representation, Payment,
// Documentation), or UnknownLink with the relation as its role.
// docs/FTM.md gives the whole mapping.
package ftm

import (
	"bufio"
	"encoding/json"
	"io"
	"sort"
	"strings"

	"evidenceboard/data"
)

// FormatName is the format as a person reads it.
const FormatName = "FollowTheMoney"

// Entity is one FtM entity: an id, a schema, and its properties, each a
// list of strings.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

func (e *Entity) add(prop string, values ...string) {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			e.Properties[prop] = append(e.Properties[prop], v)
		}
	}
}

// CardSchema is the FtM schema of card c.
func CardSchema(c *data.Card) string {
	switch c.Kind {
	case data.KindParty:
		switch c.PartyType {
		case data.PartyPerson:
			return "Person"
		case data.PartyOrganisation, data.PartyGroup:
			return "Organization"
		}
		return "LegalEntity"
	case data.KindEvent:
		return "Event"
	case data.KindSource:
		return "Document"
	}
	return "Note"
}

// CardEntity is card c as an FtM entity.
func CardEntity(c *data.Card) Entity {
	e := Entity{ID: c.ID, Schema: CardSchema(c), Properties: map[string][]string{}}
	var notes []string
	if c.Status != "" {
		notes = append(notes, "Status: "+string(c.Status))
	}
	if c.Reliability != "" || c.Credibility > 0 {
		g := c.Reliability
		if c.Credibility > 0 {
			g += string(rune('0' + c.Credibility))
		}
		notes = append(notes, "Grading: "+g)
	}
	if c.Role != "" {
		notes = append(notes, "Role: "+c.Role)
	}
	if c.Locator != "" {
		notes = append(notes, "Locator: "+c.Locator)
	}
	notes = append(notes, "Evidence Board card: "+c.Kind.Label())
	e.add("name", c.Title) // every Thing needs a name
	switch e.Schema {
	case "Document":
		e.add("title", c.Title)
		e.add("description", c.Body)
		e.add("date", c.Date)
	case "Note":
		e.add("description", strings.TrimSpace(c.Body+"\n\n"+quoted(c.QuoteText)))
		// A quote is a note on whoever said it, or failing that on its
		// source.
		if c.SpeakerID != "" {
			e.add("entity", c.SpeakerID)
		} else if c.SourceID != "" {
			e.add("entity", c.SourceID)
		}
		if c.Date != "" {
			notes = append(notes, "Date: "+c.Date)
		}
	case "Event":
		e.add("description", c.Body)
		e.add("date", c.Date)
	default:
		e.add("description", c.Body)
		if c.Date != "" {
			notes = append(notes, "Date: "+c.Date)
		}
	}
	e.add("sourceUrl", c.URL)
	e.add("publisher", c.Publisher)
	e.add("keywords", c.Tags...)
	e.add("notes", strings.Join(notes, "\n"))
	return e
}

func quoted(q string) string {
	if q == "" {
		return ""
	}
	return "\u201c" + q + "\u201d"
}

// relationship is an FtM relationship schema and the properties naming its
// two ends, with the schemas each end may have.
type relationship struct {
	schema, from, to string
	fromOK, toOK     func(string) bool
	roleProp         string
}

func isLegal(s string) bool { return s == "Person" || s == "Organization" || s == "LegalEntity" }
func isOrg(s string) bool   { return s == "Organization" }
func isPerson(s string) bool {
	return s == "Person"
}
func isDoc(s string) bool  { return s == "Document" || s == "PlainText" }
func anyThing(string) bool { return true }

// relationships maps words of a link's relation to FtM schemas. The first
// whose word the relation contains, and whose ends fit, is used.
var relationships = []struct {
	words []string
	rel   relationship
}{
	{[]string{"director", "secretary", "officer", "board member"},
		relationship{"Directorship", "director", "organization", isLegal, isOrg, "role"}},
	{[]string{"employ", "works for", "employee"},
		relationship{"Employment", "employee", "employer", isPerson, isLegal, "role"}},
	{[]string{"spouse", "wife", "husband", "brother", "sister", "father", "mother", "son", "daughter",
		"parent", "child", "cousin", "family", "relative"},
		relationship{"Family", "person", "relative", isPerson, isPerson, "relationship"}},
	{[]string{"associate", "knows", "partner", "friend"},
		relationship{"Associate", "person", "associate", isPerson, isPerson, "relationship"}},
	{[]string{"member"},
		relationship{"Membership", "member", "organization", isLegal, isOrg, "role"}},
	{[]string{"counsel", "represent", "lawyer", "attorney", "agent"},
		relationship{"Representation", "agent", "client", isLegal, isLegal, "role"}},
	{[]string{"paid", "pays", "payment", "transfer"},
		relationship{"Payment", "payer", "beneficiary", isLegal, isLegal, "purpose"}},
	{[]string{"cites", "source", "reported", "documents"},
		relationship{"Documentation", "entity", "document", anyThing, isDoc, "role"}},
}

// LinkEntity is link l between cards of schemas fromSchema and toSchema
// as an FtM relationship entity.
func LinkEntity(l *data.Link, fromSchema, toSchema string) Entity {
	// The words as typed, and the relation of ours they mean: a "quoted
	// in" link cites, as data.RelationOf reads it.
	rel := strings.ToLower(l.Relation) + " " + data.RelationOf(l.Relation).Name
	e := Entity{ID: l.ID, Properties: map[string][]string{}}
	for _, r := range relationships {
		for _, w := range r.words {
			if !strings.Contains(rel, w) {
				continue
			}
			from, to := l.From, l.To
			fs, ts := fromSchema, toSchema
			ok := r.rel.fromOK(fs) && r.rel.toOK(ts)
			if !ok && !l.Directed || !ok && r.rel.schema == "Documentation" {
				// Either way round, for a plain line; a document is
				// the document whichever way the arrow points.
				from, to, fs, ts = to, from, ts, fs
				ok = r.rel.fromOK(fs) && r.rel.toOK(ts)
			}
			if ok {
				e.Schema = r.rel.schema
				e.add(r.rel.from, from)
				e.add(r.rel.to, to)
				e.add(r.rel.roleProp, l.Relation)
				addLinkNotes(&e, l)
				return e
			}
		}
	}
	e.Schema = "UnknownLink"
	e.add("subject", l.From)
	e.add("object", l.To)
	e.add("role", l.Relation)
	addLinkNotes(&e, l)
	return e
}

func addLinkNotes(e *Entity, l *data.Link) {
	var desc []string
	if l.Status != "" {
		desc = append(desc, "Status: "+string(l.Status))
	}
	if l.Note != "" {
		desc = append(desc, l.Note)
	}
	e.add("description", strings.Join(desc, "\n"))
}

// Export writes m to w as FtM entities, one JSON object a line: the cards
// first, then the links, each in id order. Groups are left out, with the
// links to them: a frame on the board is no entity of an investigation,
// and FtM has nothing that holds others.
func Export(w io.Writer, m *data.Model) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	ids := make([]string, 0, len(m.Cards))
	for id, c := range m.Cards {
		if c.Kind != data.KindGroup {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	schema := make(map[string]string, len(ids))
	for _, id := range ids {
		e := CardEntity(m.Cards[id])
		if ref := e.Properties["entity"]; len(ref) > 0 && m.Cards[ref[0]] == nil {
			delete(e.Properties, "entity") // a selection without the speaker
		}
		schema[id] = e.Schema
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	lids := make([]string, 0, len(m.Links))
	for id, l := range m.Links {
		if schema[l.From] != "" && schema[l.To] != "" {
			lids = append(lids, id)
		}
	}
	sort.Strings(lids)
	for _, id := range lids {
		l := m.Links[id]
		e := LinkEntity(l, schema[l.From], schema[l.To])
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return bw.Flush()
}
