package data

import (
	"encoding/json"
	"math"
	"strconv"
)

// A move record is one history row for a translation of many cards — a
// select-all nudge, a drag of a selection, their undo — so that moving
// 10,000 cards adds one row of about 60 bytes a card instead of 10,000
// rows and their index entries. Its shape, in the columns every history
// row has (docs/FILE_FORMAT.md):
//
//	action 'update', entity 'card', entity_id '' (no card has that ID)
//	before {"cards":["id1","id2",…],"x":[x1,x2,…],"y":[y1,y2,…]}: each card's position before
//	after  {"dx":10,"dy":0}: what every card moved by
//
// One change writes one such row per maxMoveCards cards. Every reader of
// the history sees it expanded, through expandMove alone, into one
// ordinary update record per card ({"x":x1,"y":y1} → {"x":x1+dx,"y":y1+dy}),
// so merge, replay, the history lines and team sync know nothing of it.
// The positions after are computed as SQL computed them (x + dx, in
// float64), so they are the card's positions to the bit.

// maxMoveCards bounds a move record to well under LimitLength: about
// 1.2 MB of JSON.
var maxMoveCards = 20000 // a variable so that a test can make records of a few cards

// movedCard is one card's part in a move record.
type movedCard struct {
	id             string
	x0, y0, x1, y1 float64
}

// isMoveRecord tells a move record from a record of one card.
func isMoveRecord(action, entity, entityID string) bool {
	return action == "update" && entity == string(EntityCard) && entityID == ""
}

// expandMove decodes a move record's before and after into its cards. A
// record that does not decode (a damaged or hostile file) moves no card,
// as any other record that does not decode tells nothing.
func expandMove(before, after string) []movedCard {
	var b struct {
		Cards []string  `json:"cards"`
		X     []float64 `json:"x"`
		Y     []float64 `json:"y"`
	}
	var a struct {
		DX *float64 `json:"dx"`
		DY *float64 `json:"dy"`
	}
	if json.Unmarshal([]byte(before), &b) != nil || json.Unmarshal([]byte(after), &a) != nil ||
		a.DX == nil || a.DY == nil || len(b.X) != len(b.Cards) || len(b.Y) != len(b.Cards) {
		return nil
	}
	out := make([]movedCard, 0, len(b.Cards))
	for i, id := range b.Cards {
		mc := movedCard{id: id, x0: b.X[i], y0: b.Y[i], x1: b.X[i] + *a.DX, y1: b.Y[i] + *a.DY}
		if id == "" || math.IsInf(mc.x1, 0) || math.IsInf(mc.y1, 0) {
			continue // no card has it: we never write one
		}
		out = append(out, mc)
	}
	return out
}

// record is a moved card as an ordinary update record's values.
func (mc movedCard) record() (before, after map[string]any) {
	return map[string]any{"x": mc.x0, "y": mc.y0}, map[string]any{"x": mc.x1, "y": mc.y1}
}

// json is a moved card's before and after as an update row holds them.
func (mc movedCard) json() (before, after string) {
	pos := func(x, y float64) string {
		b := make([]byte, 0, 48)
		b = append(b, `{"x":`...)
		b = appendJSONNum(b, x)
		b = append(b, `,"y":`...)
		b = appendJSONNum(b, y)
		return string(append(b, '}'))
	}
	return pos(mc.x0, mc.y0), pos(mc.x1, mc.y1)
}

// encodeMoveBefore is the before of a move record of cards, with their
// positions as the model m holds them.
func encodeMoveBefore(cards []Card, m *Model) string {
	ids := make([]string, len(cards))
	for i := range cards {
		ids[i] = cards[i].ID
	}
	js, _ := json.Marshal(ids) // a []string always marshals
	b := make([]byte, 0, len(js)+len(cards)*24+32)
	b = append(b, `{"cards":`...)
	b = append(b, js...)
	for _, axis := range []string{"x", "y"} {
		b = append(b, `,"`...)
		b = append(b, axis...)
		b = append(b, `":[`...)
		for i := range cards {
			if i > 0 {
				b = append(b, ',')
			}
			old := m.Cards[cards[i].ID]
			v := old.X
			if axis == "y" {
				v = old.Y
			}
			b = appendJSONNum(b, v)
		}
		b = append(b, ']')
	}
	return string(append(b, '}'))
}

func encodeMoveAfter(dx, dy float64) string {
	b := append([]byte(`{"dx":`), appendJSONNum(nil, dx)...)
	b = append(b, `,"dy":`...)
	b = appendJSONNum(b, dy)
	return string(append(b, '}'))
}

// appendJSONNum writes a finite float64 as a JSON number that reads back
// as the same float64.
func appendJSONNum(b []byte, f float64) []byte {
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}
