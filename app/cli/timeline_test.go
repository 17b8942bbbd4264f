package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"evidenceboard/data"
)

// timelineBoard writes a board with the given cards and links.
func timelineBoard(t *testing.T, cards []data.Card, links []data.Link) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tl.evboard")
	st, err := data.Create(path, data.Board{Title: "Timeline"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	c, err := data.OpenCase(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for i := range cards {
		cards[i].Width, cards[i].Height = 200, 100
	}
	if _, _, err := c.Apply(data.Change{Label: "Add", PutCards: cards, PutLinks: links}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTimelineCommand(t *testing.T) {
	cards := []data.Card{
		{ID: "e1", Kind: data.KindEvent, Title: "Filing", Date: "2019-03-25"},
		{ID: "e2", Kind: data.KindEvent, Title: "Raid\tand\nseizure", Date: "2018-04-06"},
		{ID: "e3", Kind: data.KindEvent, Title: "Same year", Date: "2018"},
		{ID: "c1", Kind: data.KindClaim, Title: "Undated claim"},
		{ID: "e4", Kind: data.KindEvent, Title: "Sometime"},
		{ID: "p1", Kind: data.KindParty, Title: "Salesforce"},
		{ID: "p2", Kind: data.KindParty, Title: "Backpage"},
		{ID: "q1", Kind: data.KindQuote, Title: "A quote", Date: "April 2018", SpeakerID: "p1"},
	}
	links := []data.Link{
		{ID: "l1", From: "e2", To: "p1", Relation: "involves"},
		{ID: "l2", From: "p2", To: "e2", Relation: "involves"},
		{ID: "l3", From: "e1", To: "c1", Relation: "supports"},
	}
	path := timelineBoard(t, cards, links)
	code, stdout, stderr := run("timeline", path)
	if code != 0 || stderr != "" {
		t.Fatalf("timeline: exit %d, %q", code, stderr)
	}
	want := []string{
		"2018\tevent\tSame year\t",
		"2018-04\tquote\tA quote\tSalesforce",
		"2018-04-06\tevent\tRaid and seizure\tBackpage, Salesforce",
		"2019-03-25\tevent\tFiling\t",
		"\tevent\tSometime\t",
	}
	got := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
	for _, line := range got {
		if strings.Count(line, "\t") != 3 {
			t.Errorf("line %q has not four fields", line)
		}
	}
}

func TestTimelineCommandBadFile(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.evboard")
	os.WriteFile(junk, []byte("not a board"), 0o644)
	cases := []struct{ name, path string }{
		{"not a board", junk},
		{"missing", filepath.Join(dir, "missing.evboard")},
	}
	for _, tc := range cases {
		code, stdout, stderr := run("timeline", tc.path)
		if code != 1 || stdout != "" || !strings.HasPrefix(stderr, "evidenceboard: "+tc.path+": ") ||
			strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", tc.name, code, stdout, stderr)
		}
	}
	if code, _, _ := run("timeline"); code != 2 {
		t.Errorf("no argument: exit %d, want 2", code)
	}
}

// The sample case prints a line per dated card, in date order.
func TestTimelineCommandSample(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.evboard")
	if code, _, stderr := run("sample", p); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := run("timeline", p)
	if code != 0 || stderr != "" || stdout == "" {
		t.Fatalf("timeline: %d %q", code, stderr)
	}
	var last data.Date
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("line %q", line)
		}
		d, err := data.ParseDate(f[0])
		if err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if !d.IsZero() && last.Compare(d) > 0 && !last.IsZero() {
			t.Fatalf("%s after %s", d, last)
		}
		last = d
	}
}
