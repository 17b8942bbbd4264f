package app

import (
	"fmt"
	"math"

	"evidenceboard/data"
)

// The commands below turn what a person did into a data.Change against
// the editor's model; Editor.Do makes it. They are the one place that
// knows how an intent becomes an edit, whichever of board, menu, keyboard
// or inspector it came from.

// MoveCards moves cards by (dx, dy) board units.
func (e *Editor) MoveCards(ids []string, dx, dy float64) error {
	return e.Do(e.moveChange(ids, dx, dy))
}

// backgroundMove is the number of cards from which a move is written off
// the UI thread (MoveCardsInBackground).
var backgroundMove = 5000

// MoveCardsInBackground is MoveCards for a move of many cards (a select-all
// nudge on a large board): from backgroundMove cards on, it is written off
// the UI thread (DoInBackground); done gets the outcome on the UI thread.
func (e *Editor) MoveCardsInBackground(ids []string, dx, dy float64, done func(error)) {
	ch := e.moveChange(ids, dx, dy)
	if len(ch.PutCards) < backgroundMove {
		done(e.Do(ch))
		return
	}
	e.DoInBackground(ch, done)
}

func (e *Editor) moveChange(ids []string, dx, dy float64) data.Change {
	if dx == 0 && dy == 0 {
		return data.Change{}
	}
	ch := data.Change{Label: plural(len(ids), "Move card", "Move %d cards")}
	for _, id := range ids {
		c := e.Model().Cards[id]
		if c == nil {
			continue
		}
		cc := c.Clone()
		cc.X = data.ClampCoord(cc.X + dx)
		cc.Y = data.ClampCoord(cc.Y + dy)
		ch.PutCards = append(ch.PutCards, cc)
	}
	regroup(e.Model(), &ch) // into or out of a group's frame (groups.go)
	return ch
}

// ResizeCard gives a card a new size, kept within the limits of the file.
func (e *Editor) ResizeCard(id string, w, h float64) error {
	c := e.Model().Cards[id]
	if c == nil {
		return nil
	}
	cc := c.Clone()
	cc.Width = math.Max(data.MinCardSize, math.Min(w, data.MaxCardSize))
	cc.Height = math.Max(data.MinCardSize, math.Min(h, data.MaxCardSize))
	ch := data.Change{Label: "Resize card", PutCards: []data.Card{cc}}
	regroup(e.Model(), &ch) // a frame resized over cards takes them in (groups.go)
	return e.Do(ch)
}

// CreateCard adds a new card of kind k centred on (x, y) and returns it.
func (e *Editor) CreateCard(k data.Kind, x, y float64) (data.Card, error) {
	w, h := data.DefaultSize(k)
	c := data.Card{ID: data.NewID(), Kind: k, Title: "New " + k.Label(),
		X: data.ClampCoord(x - w/2), Y: data.ClampCoord(y - h/2), Width: w, Height: h}
	if k == data.KindClaim {
		c.Status = data.StatusAlleged
	}
	ch := data.Change{Label: "Add " + k.Label(), PutCards: []data.Card{c}}
	regroup(e.Model(), &ch) // a card made inside a frame is in its group (groups.go)
	for _, put := range ch.PutCards {
		if put.ID == c.ID {
			c = put
		}
	}
	return c, e.Do(ch)
}

// Connect links two cards with a directed link, its relation guessed from
// their kinds (a quote is "said by" a party; a party "alleges" a claim).
func (e *Editor) Connect(from, to string) (data.Link, error) {
	a, b := e.Model().Cards[from], e.Model().Cards[to]
	if a == nil || b == nil || from == to {
		return data.Link{}, fmt.Errorf("pick two different cards to connect")
	}
	l := data.Link{ID: data.NewID(), From: from, To: to, Relation: guessRelation(a.Kind, b.Kind), Directed: true}
	return l, e.Do(data.Change{Label: "Connect cards", PutLinks: []data.Link{l}})
}

func guessRelation(from, to data.Kind) string {
	switch {
	case from == data.KindQuote && to == data.KindParty:
		return "said by"
	case from == data.KindParty && to == data.KindClaim:
		return "alleges"
	case to == data.KindClaim:
		return "supports"
	case to == data.KindSource:
		return "cites"
	}
	return "involves"
}

// Delete removes cards and links; a card's links go with it.
func (e *Editor) Delete(ids []string) error {
	ch := data.Change{}
	for _, id := range ids {
		if e.Model().Cards[id] != nil {
			ch.DeleteCards = append(ch.DeleteCards, id)
		} else if e.Model().Links[id] != nil {
			ch.DeleteLinks = append(ch.DeleteLinks, id)
		}
	}
	n := len(ch.DeleteCards) + len(ch.DeleteLinks)
	ch.Label = plural(n, "Delete", "Delete %d items")
	return e.Do(ch)
}

// EditCard replaces a card's fields. field names what was edited so that
// typing into one field is one undo step.
func (e *Editor) EditCard(c data.Card, field string) error {
	old := e.Model().Cards[c.ID]
	if old == nil {
		return nil
	}
	return e.DoCoalesced("card:"+c.ID+":"+field, data.Change{Label: "Edit " + field, PutCards: []data.Card{c}})
}

// EditLink replaces a link's fields.
func (e *Editor) EditLink(l data.Link, field string) error {
	if e.Model().Links[l.ID] == nil {
		return nil
	}
	return e.DoCoalesced("link:"+l.ID+":"+field, data.Change{Label: "Edit link " + field, PutLinks: []data.Link{l}})
}

// EditBoard replaces the board's properties.
func (e *Editor) EditBoard(b data.Board) error {
	return e.Do(data.Change{Label: "Edit board properties", Board: &b})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}
