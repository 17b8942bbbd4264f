package team

import (
	"testing"
	"time"

	"evidenceboard/data"
)

// resolve decides what of a pulled change applies; these cases need no
// server.
func TestResolve(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m := data.NewModel(data.Board{})
	m.Cards["a"] = &data.Card{ID: "a", Kind: data.KindNote, Title: "A"}
	m.Cards["b"] = &data.Card{ID: "b", Kind: data.KindParty, Title: "B"}
	upd := func(id string, after map[string]any) data.Record {
		return data.Record{Action: "update", Entity: data.EntityCard, ID: id, After: after}
	}
	for _, tc := range []struct {
		name      string
		stamps    map[string]stamp // "id/field" → stamp
		recent    bool             // the stamps are this copy's changes since its last pull
		recs      []data.Record
		wantRecs  int
		wantTitle string // the title the first kept record sets, if any
		wantConf  int
	}{
		{"a later update applies", map[string]stamp{"a/title": {t0, "x"}}, false,
			[]data.Record{upd("a", map[string]any{"title": "new"})}, 1, "new", 0},
		{"an earlier update loses to the value here", map[string]stamp{"a/title": {t0.Add(time.Hour), "x"}}, true,
			[]data.Record{upd("a", map[string]any{"title": "old"})}, 0, "", 1},
		{"only the losing field is dropped", map[string]stamp{"a/title": {t0.Add(time.Hour), "x"}}, false,
			[]data.Record{upd("a", map[string]any{"title": "old", "body": "kept"})}, 1, "", 0},
		{"a creation here stamps every field", map[string]stamp{"a/": {t0.Add(time.Hour), "x"}}, false,
			[]data.Record{upd("a", map[string]any{"title": "old"})}, 0, "", 0},
		{"an update of a card gone here is dropped", nil, false,
			[]data.Record{upd("gone", map[string]any{"title": "x"})}, 0, "", 1},
		{"a deletion older than the card's making is dropped", map[string]stamp{"a/": {t0.Add(time.Hour), "x"}}, false,
			[]data.Record{{Action: "delete", Entity: data.EntityCard, ID: "a"}}, 0, "", 0},
		{"a link to a card gone is dropped", nil, false,
			[]data.Record{{Action: "create", Entity: data.EntityLink, ID: "l", After: map[string]any{"from": "a", "to": "gone"}}}, 0, "", 1},
		{"a link to a card made in the same change stands", nil, false,
			[]data.Record{{Action: "create", Entity: data.EntityCard, ID: "c", After: map[string]any{"kind": "note", "title": "C"}},
				{Action: "create", Entity: data.EntityLink, ID: "l", After: map[string]any{"from": "a", "to": "c"}}}, 2, "C", 0},
		{"a link to a card deleted in the same change is dropped", nil, false,
			[]data.Record{{Action: "delete", Entity: data.EntityCard, ID: "b"},
				{Action: "create", Entity: data.EntityLink, ID: "l", After: map[string]any{"from": "a", "to": "b"}}}, 1, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newStamps()
			recent := map[string]bool{}
			for key, s := range tc.stamps {
				var id, field string
				for i := range key {
					if key[i] == '/' {
						id, field = key[:i], key[i+1:]
						break
					}
				}
				k := entityKey{data.EntityCard, id}
				if st.m[k] == nil {
					st.m[k] = map[string]stamp{}
				}
				st.m[k][field] = s
				recent[s.uuid] = tc.recent
			}
			cl := data.ChangeLog{ID: "pulled", At: t0.Add(time.Minute), Records: tc.recs}
			res := resolve(m, cl, st, recent)
			if len(res.log.Records) != tc.wantRecs || res.conflicts != tc.wantConf {
				t.Fatalf("kept %d records (%+v), %d conflicts; want %d, %d", len(res.log.Records), res.log.Records, res.conflicts, tc.wantRecs, tc.wantConf)
			}
			if tc.wantTitle != "" && res.log.Records[0].After["title"] != tc.wantTitle {
				t.Errorf("title %v, want %q", res.log.Records[0].After["title"], tc.wantTitle)
			}
			if tc.name == "only the losing field is dropped" {
				if _, ok := res.log.Records[0].After["title"]; ok {
					t.Error("the losing field was kept")
				}
			}
		})
	}
}

// FuzzPulledRecords feeds the records a hostile server could send through
// what a pull does before the board's own checks: decode, vet, resolve,
// replay. None of it may panic.
func FuzzPulledRecords(f *testing.F) {
	for _, s := range []string{
		`[{"action":"create","entity":"card","id":"c","after":{"kind":"note","title":"T","x":1,"y":2,"width":200,"height":80,"tags":["a"]}}]`,
		`[{"action":"update","entity":"card","id":"a","after":{"title":"x","speaker_id":"b"}},{"action":"delete","entity":"card","id":"b"}]`,
		`[{"action":"create","entity":"link","id":"l","after":{"from":"a","to":"b","directed":true}}]`,
		`[{"action":"update","entity":"board","id":"board","after":{"title":7,"marking":null}}]`,
		`[{"action":"explode"}]`, `{}`, `[null]`, `[{"after":[]}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		recs, err := decodeRecords(s)
		if err != nil || knownRecords(recs) != "" {
			return
		}
		m := data.NewModel(data.Board{})
		m.Cards["a"] = &data.Card{ID: "a", Kind: data.KindNote}
		m.Cards["b"] = &data.Card{ID: "b", Kind: data.KindParty}
		res := resolve(m, data.ChangeLog{ID: "p", At: time.Unix(1, 0), Records: recs}, newStamps(), nil)
		if ch, err := m.Replay(res.log); err == nil {
			m.Apply(m.Expand(ch))
		}
	})
}
