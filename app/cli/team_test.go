package cli

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"evidenceboard/data"
	"evidenceboard/data/team"
	"evidenceboard/data/team/teamtest"
)

// startTeamServer starts a throwaway PostgreSQL for one test (see
// teamtest); without one the test fails saying how to install it, unless
// EVIDENCEBOARD_NO_POSTGRES=1.
func startTeamServer(t *testing.T) *teamtest.Cluster {
	t.Helper()
	if os.Getenv("EVIDENCEBOARD_NO_POSTGRES") == "1" {
		t.Skip("EVIDENCEBOARD_NO_POSTGRES=1: tests against PostgreSQL skipped")
	}
	c, err := teamtest.Start()
	if err != nil {
		t.Fatalf("this test needs PostgreSQL: %v", err)
	}
	t.Cleanup(c.Stop)
	if err := c.Setup(); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTeamCommands(t *testing.T) {
	c := startTeamServer(t)
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	dir := t.TempDir()
	board := filepath.Join(dir, "case.evboard")
	if code, _, stderr := run("sample", board); code != 0 {
		t.Fatal(stderr)
	}
	clone := filepath.Join(dir, "bob.evboard")
	port, _ := teamtest.FreePort()
	down := strings.Replace(c.URL("alice"), strings.Split(strings.Split(c.URL("alice"), ":")[2], "/")[0], strconv.Itoa(port), 1)
	steps := []struct {
		args   []string
		code   int
		stdout string // a line the output must hold
		stderr string
	}{
		{[]string{"team", "cases", c.URL("alice")}, 1, "", "no Evidence Board schema: run evidenceboard team init"},
		{[]string{"team", "init", c.URL("evb_owner")}, 0, "made version 1 (was 0)", ""},
		{[]string{"team", "init", c.URL("evb_owner")}, 0, "at version 1 already", ""},
		{[]string{"team", "publish", board, c.URL("alice")}, 2, "", "usage: evidenceboard team publish BOARD URL --case NAME"},
		{[]string{"team", "publish", board, c.URL("alice"), "--case", "Harbour"}, 0, `published ` + board + ` as case "Harbour"`, ""},
		{[]string{"team", "publish", board, c.URL("alice"), "--case", "Harbour"}, 1, "", "already linked"},
		{[]string{"team", "clone", c.URL("bob"), "--case", "Harbour", clone}, 1, "", "no such case, or not granted to this role"},
		{[]string{"team", "grant", c.URL("alice"), "--case", "Harbour", "newsroom"}, 0, `granted case "Harbour" to role newsroom`, ""},
		{[]string{"team", "cases", c.URL("bob")}, 0, "Harbour\t", ""},
		{[]string{"team", "cases", c.URL("mallory")}, 0, "no cases this role may see", ""},
		{[]string{"team", "cases", c.URL("carol")}, 1, "", "asks for a password for role carol"},
		{[]string{"team", "clone", c.URL("carol"), "--case", "Harbour", clone}, 1, "", "set PGPASSWORD or add a line to ~/.pgpass"},
		{[]string{"team", "clone", c.URL("bob"), "--case", "Harbour", clone}, 0, `cloned case "Harbour" to ` + clone, ""},
		{[]string{"team", "status", clone}, 0, "synced: no changes waiting", ""},
		{[]string{"team", "sync", clone}, 0, "pushed 0, pulled 0, conflicts 0", ""},
		{[]string{"team", "status", board}, 0, `case "Harbour" on postgres://alice@`, ""},
		{[]string{"team", "sync", filepath.Join(dir, "nope.evboard")}, 1, "", "nope.evboard"},
		{[]string{"team", "revoke", c.URL("alice"), "--case", "Harbour", "mallory"}, 1, "", "was not granted"},
		{[]string{"team", "frobnicate"}, 2, "", ""},
		{[]string{"team", "cases", down}, 1, "", "cannot reach the team server"},
	}
	for _, s := range steps {
		code, stdout, stderr := run(s.args...)
		if code != s.code || !strings.Contains(stdout, s.stdout) || !strings.Contains(stderr, s.stderr) {
			t.Fatalf("%q: %d\nstdout %q\nstderr %q\nwant %d, %q, %q", s.args, code, stdout, stderr, s.code, s.stdout, s.stderr)
		}
		if code == 1 && strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: the error is not one line: %q", s.args, stderr)
		}
	}
	// An edit on the clone reaches the board, and the counts say so.
	cs, err := data.OpenCase(clone)
	if err != nil {
		t.Fatal(err)
	}
	cs.Store().Author = "bob"
	id := data.NewID()
	w, h := data.DefaultSize(data.KindNote)
	if _, _, err := cs.Apply(data.Change{Label: "Add", PutCards: []data.Card{{ID: id, Kind: data.KindNote, Title: "From bob", Width: w, Height: h}}}); err != nil {
		t.Fatal(err)
	}
	// A conflict kept for review (as a sync keeps one) is listed.
	mine := cs.Model().Cards[id].Clone()
	theirs := mine.Clone()
	theirs.Title = "From alice"
	mj, _ := json.Marshal(mine)
	tj, _ := json.Marshal(theirs)
	if err := cs.Store().Tx(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO team_conflicts (entity, id, title, mine, theirs, kept_theirs) VALUES ('card', ?, 'From bob', ?, ?, 0)`, id, string(mj), string(tj))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	cs.Close()
	if code, stdout, _ := run("team", "status", clone); code != 0 || !strings.Contains(stdout, "1 changes waiting") ||
		!strings.Contains(stdout, "1 conflicts to review") || !strings.Contains(stdout, "card From bob: changed on both sides; kept mine") {
		t.Errorf("status with a change waiting and a conflict: %q", stdout)
	}
	for _, want := range []struct{ board, out string }{
		{clone, "pushed 1, pulled 0, conflicts 0"},
		{board, "pushed 0, pulled 1, conflicts 0"},
	} {
		if code, stdout, stderr := run("team", "sync", want.board); code != 0 || strings.TrimSpace(stdout) != want.out {
			t.Fatalf("sync %s: %d %q %q, want %q", want.board, code, stdout, stderr, want.out)
		}
	}
	// With the server gone, sync fails in one line and leaves the board.
	before, _ := os.ReadFile(board)
	if err := c.Kill(); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run("team", "sync", board)
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, "evidenceboard: "+board+": offline, changes kept: "+team.ErrUnreachable.Error()) || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("sync with the server down: %d %q %q", code, stdout, stderr)
	}
	if after, _ := os.ReadFile(board); string(after) != string(before) {
		t.Error("a failed sync changed the board")
	}
}
