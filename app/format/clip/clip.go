// Package clip is the clipboard's format: cards copied from a board (with
// the links among them) as text, and what pasting text onto a board
// makes. Whatever is on the clipboard is untrusted, like any file: cards
// come back through the importers' ingest.Builder, so a paste passes the
// same checks as an import and as opening a board, and is one change.
package clip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"evidenceboard/app/format/ingest"
	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// Marker is the value of the "format" key that tells our cards from any
// other JSON on the clipboard.
const Marker = "evidenceboard-cards"

// Offset is how far a duplicate lands from its original, down and right,
// so both stay visible.
const Offset = 40

// clipboard is the text Copy writes: versioned, with every card and link
// under the names the file format gives their fields.
type clipboard struct {
	Format  string      `json:"format"`
	Version int         `json:"version"`
	Cards   []data.Card `json:"cards"`
	Links   []data.Link `json:"links"`
}

// Copy is the clipboard text for the cards ids of m and the links among
// them; "" when none of ids is a card.
func Copy(m *data.Model, ids []string) string {
	cb := clipboard{Format: Marker, Version: 1}
	in := map[string]bool{}
	for _, id := range ids {
		if c := m.Cards[id]; c != nil && !in[id] {
			in[id] = true
			cb.Cards = append(cb.Cards, c.Clone())
		}
	}
	if len(cb.Cards) == 0 {
		return ""
	}
	for _, l := range m.Links {
		if in[l.From] && in[l.To] {
			cb.Links = append(cb.Links, *l)
		}
	}
	sort.Slice(cb.Links, func(i, j int) bool { return cb.Links[i].ID < cb.Links[j].ID })
	b, err := json.MarshalIndent(cb, "", " ")
	if err != nil {
		return ""
	}
	return string(b)
}

// IsCards reports whether text is cards we copied (it may still be
// damaged: Paste says so).
func IsCards(text string) bool {
	head := strings.TrimSpace(text[:min(len(text), 200)])
	return strings.HasPrefix(head, "{") && strings.Contains(head, `"format"`) && strings.Contains(head, Marker)
}

// Paste makes the change that adds the copied cards in text to m: new
// IDs where the copied ones are already on the board, references and
// links among them kept, a speaker, source or group on the board kept,
// the rest dropped. The cards keep their arrangement, moved so that
// their box's top-left corner is at (x, y). The report says what was
// left out.
func Paste(m *data.Model, text string, x, y float64) (data.Change, *ingest.Report, error) {
	if len(text) > ingest.MaxFileSize {
		return data.Change{}, nil, fmt.Errorf("the clipboard %v", ingest.ErrTooBig)
	}
	var cb clipboard
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	if err := dec.Decode(&cb); err != nil || cb.Format != Marker {
		return data.Change{}, nil, fmt.Errorf("the clipboard holds cards Evidence Board cannot read: %s", errLine(err))
	}
	if cb.Version != 1 {
		return data.Change{}, nil, fmt.Errorf("the clipboard holds cards from a newer Evidence Board (version %d)", cb.Version)
	}
	b := ingest.NewBuilder(m, "cards")
	b.Placing = true
	for i, c := range cb.Cards {
		b.AddCard(c.ID, fmt.Sprintf("card %d", i+1),
			ingest.Pending{Card: c, Placed: true, Speaker: c.SpeakerID, Source: c.SourceID, Group: c.Group})
	}
	for i, l := range cb.Links {
		b.AddLink(l.ID, fmt.Sprintf("link %d", i+1), l.From, l.To, l)
	}
	ch, rep, err := b.Change("Paste")
	if err != nil {
		return data.Change{}, nil, fmt.Errorf("the clipboard: %v", err)
	}
	moveTo(ch.PutCards, x, y)
	return ch, rep, nil
}

// Text makes the card pasting plain text gives: a source card for a web
// address, a note otherwise, with its top-left corner at (x, y). ok is
// false when the text holds nothing to paste.
func Text(text string, x, y float64) (c data.Card, ok bool) {
	if len(text) > data.MaxTextLen {
		return data.Card{}, false // Shell.paste says why: TooLong
	}
	text = strings.TrimSpace(ingest.Clean(text, 0))
	if text == "" {
		return data.Card{}, false
	}
	c = data.Card{ID: data.NewID(), Kind: data.KindNote}
	if !strings.ContainsAny(text, " \t\n") {
		if u, err := data.SafeURL(text); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			c.Kind, c.URL = data.KindSource, text
			c.Title = ingest.Clean(strings.TrimSuffix(u.Host+u.EscapedPath(), "/"), ingest.MaxTitleLen)
		}
	}
	if c.Kind == data.KindNote {
		c.Title = ingest.TitleFrom(text)
		if c.Title != text {
			c.Body = text
		}
	}
	c.Width, c.Height = data.DefaultSize(c.Kind)
	c.X, c.Y = data.ClampCoord(x), data.ClampCoord(y)
	return c, c.Validate() == nil
}

// TooLong reports whether pasted text is more than a card holds (its
// longest field, data.MaxTextLen): it is refused whole rather than cut.
func TooLong(text string) bool { return len(text) > data.MaxTextLen }

// moveTo moves cards together so that their box's top-left corner is at
// (x, y), kept within the board's edges.
func moveTo(cards []data.Card, x, y float64) {
	if len(cards) == 0 {
		return
	}
	box := geom.Rect{X: cards[0].X, Y: cards[0].Y, W: cards[0].Width, H: cards[0].Height}
	for _, c := range cards[1:] {
		box = box.Union(geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height})
	}
	dx, dy := x-box.X, y-box.Y
	for i := range cards {
		cards[i].X = data.ClampCoord(cards[i].X + dx)
		cards[i].Y = data.ClampCoord(cards[i].Y + dy)
	}
}

// errLine is why a clipboard text could not be read, on one line.
func errLine(err error) string {
	if err == nil {
		return "it is not our format"
	}
	return data.OneLine(err.Error(), 100)
}
