package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

func exportGrouped(t *testing.T) (*data.Model, []byte) {
	t.Helper()
	m := formattest.Grouped(t)
	var buf bytes.Buffer
	if err := Export(&buf, m); err != nil {
		t.Fatal(err)
	}
	return m, buf.Bytes()
}

func TestGroupsRoundTrip(t *testing.T) {
	m, raw := exportGrouped(t)
	header := strings.SplitN(string(raw), "\r\n", 2)[0]
	header = strings.SplitN(header, "\n", 2)[0]
	if !strings.HasSuffix(header, ",from,to,relation,directed,note,group,folded") {
		t.Errorf("header %q: the group columns are not at its end", header)
	}
	ch, rep, err := Import(bytes.NewReader(raw), "g.csv", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) > 0 {
		t.Errorf("skipped: %v", rep.Skipped)
	}
	formattest.CheckApplies(t, nil, ch)
	back := data.NewModel(data.Board{})
	back.Apply(ch)
	for id, c := range m.Cards {
		if got := back.Cards[id]; got == nil || got.Group != c.Group || got.Folded != c.Folded || got.Kind != c.Kind {
			t.Errorf("card %s: %+v, want group %q folded %v", id, got, c.Group, c.Folded)
		}
	}
}

// A CSV of ours written before groups, without their two columns, is
// still read as ours, not as a stranger's spreadsheet.
func TestOurCSVFromBeforeGroups(t *testing.T) {
	m, raw := exportGrouped(t)
	r := stdcsv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff"))))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var old bytes.Buffer
	old.WriteString("\ufeff")
	w := stdcsv.NewWriter(&old)
	for _, row := range rows {
		w.Write(row[:len(row)-2])
	}
	w.Flush()
	ch, rep, err := Import(bytes.NewReader(old.Bytes()), "old.csv", nil, nil)
	if err != nil {
		t.Fatalf("an old CSV of ours: %v", err)
	}
	if len(ch.PutCards) != len(m.Cards) || len(ch.PutLinks) != len(m.Links) || len(rep.Skipped) > 0 {
		t.Fatalf("%d cards %d links (want %d %d), skipped %v", len(ch.PutCards), len(ch.PutLinks), len(m.Cards), len(m.Links), rep.Skipped)
	}
	for _, c := range ch.PutCards {
		if c.Group != "" || c.Folded {
			t.Errorf("card %s has a group from a file that has none", c.ID)
		}
	}
}
