package data

import "testing"

// TestRelationColourFollowsStance pins the rule the board and the brief
// share: a link drawn red stands against a claim, one drawn green or amber
// stands for it, and nothing else is drawn in either. The board draws
// RelationOf(r).Color and the brief counts RelationOf(r).Stance, so once
// this holds they cannot disagree ("refutes" was red on screen and missing
// from the brief's evidence against).
func TestRelationColourFollowsStance(t *testing.T) {
	words := append([]string{"", "knows", "  Said   By ", "REFUTES"}, Relations...)
	for syn := range relationSynonyms {
		words = append(words, syn)
	}
	for _, w := range words {
		r := RelationOf(w)
		var want []string
		switch r.Stance {
		case StanceAgainst:
			want = []string{relColorAgainst}
		case StanceFor:
			want = []string{relColorFor, relColorPosition}
		default:
			want = []string{relColorSource, relColorOther}
		}
		ok := false
		for _, c := range want {
			ok = ok || r.Color == c
		}
		if !ok {
			t.Errorf("relation %q: stance %d drawn in %s", w, r.Stance, r.Color)
		}
		if r.Position && r.Stance == StanceNeutral {
			t.Errorf("relation %q: a position must be for or against", w)
		}
	}
	for syn, name := range relationSynonyms {
		if RelationOf(syn).Name != name || RelationOf(name).Name != name {
			t.Errorf("synonym %q does not mean %q", syn, name)
		}
	}
	for _, c := range []struct {
		rel    string
		stance Stance
		pos    bool
	}{
		{"alleges", StanceFor, true}, {"supports", StanceFor, false}, {"confirms", StanceFor, false},
		{"denies", StanceAgainst, true}, {"contradicts", StanceAgainst, false}, {"Refutes", StanceAgainst, false},
		{"disputes", StanceAgainst, false}, {"said by", StanceNeutral, false}, {"knows", StanceNeutral, false},
	} {
		if r := RelationOf(c.rel); r.Stance != c.stance || r.Position != c.pos {
			t.Errorf("%q: stance %d position %v, want %d %v", c.rel, r.Stance, r.Position, c.stance, c.pos)
		}
	}
}

func TestColours(t *testing.T) {
	for _, c := range []struct {
		in  string
		ok  bool
		out string
	}{
		{"#2b6cb0", true, "#2b6cb0"}, {"#ABC", true, "#aabbcc"}, {"2b6cb0", true, "#2b6cb0"},
		{"", false, ""}, {"#12345", false, ""}, {"blue", false, ""}, {"#gggggg", false, ""},
	} {
		col, ok := ParseColor(c.in)
		if ok != c.ok || (ok && FormatColor(col) != c.out) {
			t.Errorf("ParseColor(%q) = %v %v", c.in, FormatColor(col), ok)
		}
	}
	if !validColor("#a0b1c2") || validColor("#abc") || validColor("a0b1c2") {
		t.Error("validColor takes only #rrggbb")
	}
}

func TestGrading(t *testing.T) {
	for _, c := range []struct {
		rel  string
		cred int
		want string
	}{
		{"B", 2, "B2 — source usually reliable; information probably true"},
		{"A", 0, "A — source completely reliable"},
		{"", 6, "6 — information truth cannot be judged"},
		{"", 0, ""}, {"Z", 9, ""},
	} {
		if got := (&Card{Reliability: c.rel, Credibility: c.cred}).Grading(); got != c.want {
			t.Errorf("%s%d: %q", c.rel, c.cred, got)
		}
	}
	if got := StatusLabels(); len(got) != len(Statuses) || got[0] != "Not assessed" || got[3] != "Substantiated" {
		t.Errorf("status labels %q", got)
	}
}
