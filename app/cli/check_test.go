package cli

import (
	"bytes"
	"strings"
	"testing"

	"evidenceboard/data/hostile"
)

// run runs the command line and returns its exit code and output.
func run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCheckRefusesEveryHostileFile(t *testing.T) {
	cases, err := hostile.Corpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range cases {
		code, stdout, stderr := run("check", h.Path)
		prefix := "evidenceboard: " + h.Path + ": "
		if code != 1 || stdout != "" || !strings.HasPrefix(stderr, prefix) ||
			strings.Count(stderr, "\n") != 1 || len(stderr) <= len(prefix)+1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", h.Name, code, stdout, stderr)
		}
	}
}

func TestCheckGoodBoard(t *testing.T) {
	p := t.TempDir() + "/good.evboard"
	if code, _, stderr := run("sample", p); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := run("check", p)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, p+": ok\n") {
		t.Fatalf("check: %d %q %q", code, stdout, stderr)
	}
}

// check says a board has an unfinished change, and leaves it for the app
// to undo.
func TestCheckSaysUnfinishedChange(t *testing.T) {
	h, err := hostile.Case(t.TempDir(), "journal-from-a-crash")
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run("check", h.Path)
	if code != 1 || !strings.Contains(stderr, "left in the middle of a change") {
		t.Fatalf("check: exit %d, %q", code, stderr)
	}
}
