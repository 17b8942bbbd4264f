package canvas

import (
	"strconv"
	"strings"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
)

// A card's Markdown, as Obsidian shows it and keeps it:
//
//	# Title
//
//	Body
//
//	> the quote, verbatim
//
//	---
//	kind:: quote
//	status:: disputed
//
// The fields after the last "---" use Obsidian's (Dataview's) inline
// field syntax, "key:: value", so a canvas saved by Obsidian, which drops
// the "evidenceboard" key, still says each card's kind and fields.

// fieldKeys are the inline fields, in the order they are written.
var fieldKeys = []string{"kind", "status", "party type", "role", "date", "publisher", "url",
	"reliability", "credibility", "locator", "speaker", "source", "tags"}

// ToText is the Markdown text of card c in a canvas.
func ToText(c *data.Card) string {
	var sb strings.Builder
	if c.Title != "" {
		sb.WriteString("# " + data.OneLine(c.Title, 0) + "\n")
	}
	if c.Body != "" {
		sb.WriteString("\n" + c.Body + "\n")
	}
	if c.QuoteText != "" {
		sb.WriteString("\n")
		for _, line := range strings.Split(c.QuoteText, "\n") {
			sb.WriteString("> " + line + "\n")
		}
	}
	if c.URL != "" {
		sb.WriteString("\n<" + c.URL + ">\n")
	}
	sb.WriteString("\n---\n")
	vals := map[string]string{
		"kind": string(c.Kind), "status": string(c.Status), "party type": c.PartyType,
		"role": c.Role, "date": c.Date, "publisher": c.Publisher, "url": c.URL,
		"reliability": c.Reliability, "locator": c.Locator, "speaker": c.SpeakerID,
		"source": c.SourceID, "tags": strings.Join(c.Tags, ", "),
	}
	if c.Credibility > 0 {
		vals["credibility"] = strconv.Itoa(c.Credibility)
	}
	for _, k := range fieldKeys {
		if v := data.OneLine(vals[k], 0); v != "" {
			sb.WriteString(k + ":: " + v + "\n")
		}
	}
	return strings.TrimLeft(sb.String(), "\n")
}

// fromText reads a text node into c: our own Markdown (see ToText) back
// into the card's fields, any other text as a note whose title is its
// first line. It returns the file's ids of the card's speaker and source.
func fromText(c *data.Card, text string) (speaker, source string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	fields, head, ok := splitFields(text)
	if !ok {
		c.Kind = data.KindNote
		c.Title = ingest.TitleFrom(text)
		first, rest, _ := strings.Cut(strings.TrimLeft(text, " \t\n"), "\n")
		if ingest.TitleFrom(first) == c.Title {
			c.Body = strings.TrimSpace(rest)
		} else {
			c.Body = strings.TrimSpace(text)
		}
		return "", ""
	}
	c.Kind = data.Kind(fields["kind"])
	c.Status = data.Status(fields["status"])
	c.PartyType, c.Role, c.Date = fields["party type"], fields["role"], fields["date"]
	c.Publisher, c.URL, c.Reliability = fields["publisher"], fields["url"], fields["reliability"]
	c.Locator = fields["locator"]
	c.Credibility, _ = strconv.Atoi(fields["credibility"])
	if t := fields["tags"]; t != "" {
		for _, tag := range strings.Split(t, ",") {
			c.Tags = append(c.Tags, strings.TrimSpace(tag))
		}
	}
	lines := strings.Split(strings.TrimRight(head, "\n"), "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[0], "# ") {
		c.Title = strings.TrimSpace(lines[0][2:])
		lines = lines[1:]
	}
	// The URL line and the quote block are at the end, in that order.
	trimBlank := func() {
		for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
			lines = lines[:len(lines)-1]
		}
	}
	trimBlank()
	if c.URL != "" && len(lines) > 0 && lines[len(lines)-1] == "<"+c.URL+">" {
		lines = lines[:len(lines)-1]
		trimBlank()
	}
	var quote []string
	for len(lines) > 0 && strings.HasPrefix(lines[len(lines)-1], ">") {
		q := strings.TrimPrefix(lines[len(lines)-1], ">")
		quote = append([]string{strings.TrimPrefix(q, " ")}, quote...)
		lines = lines[:len(lines)-1]
	}
	c.QuoteText = strings.Join(quote, "\n")
	c.Body = strings.TrimSpace(strings.Join(lines, "\n"))
	return fields["speaker"], fields["source"]
}

// splitFields finds the inline fields after the last "---" line; ok is
// false unless every line there is one and "kind" is one of ours.
func splitFields(text string) (fields map[string]string, head string, ok bool) {
	text = strings.TrimRight(text, "\n")
	i := strings.LastIndex(text, "\n---\n")
	var tail string
	switch {
	case i >= 0:
		head, tail = text[:i], text[i+5:]
	case strings.HasPrefix(text, "---\n"):
		tail = text[4:]
	default:
		return nil, "", false
	}
	fields = map[string]string{}
	for _, line := range strings.Split(tail, "\n") {
		k, v, found := strings.Cut(line, ":: ")
		if !found {
			if k, found = strings.CutSuffix(line, "::"); !found {
				return nil, "", false
			}
		}
		k = strings.TrimSpace(k)
		known := false
		for _, fk := range fieldKeys {
			known = known || k == fk
		}
		if !known {
			return nil, "", false
		}
		fields[k] = strings.TrimSpace(v)
	}
	if !data.Kind(fields["kind"]).Valid() {
		return nil, "", false
	}
	return fields, head, true
}
