package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"evidenceboard/data"
)

// briefRun runs the command line and returns its exit code and output.
func briefRun(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// briefSample writes the sample case into dir.
func briefSample(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "sample.evboard")
	if code, _, stderr := briefRun("sample", p); code != 0 {
		t.Fatalf("sample: %d %s", code, stderr)
	}
	return p
}

func TestBriefCommand(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764466620") // the runs below must give the same bytes
	dir := t.TempDir()
	board := briefSample(t, dir)
	out := filepath.Join(dir, "brief.pdf")

	code, stdout, stderr := briefRun("brief", board, "-o", out)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "wrote the brief") {
		t.Fatalf("brief: %d %q %q", code, stdout, stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatalf("no PDF written: %v", err)
	}

	// It will not overwrite without --force, and says so on one line.
	code, _, stderr = briefRun("brief", board, "-o", out)
	if code != 1 || stderr != "evidenceboard: "+out+": already exists; use --force to replace it\n" {
		t.Fatalf("overwrite without --force: %d %q", code, stderr)
	}
	code, _, stderr = briefRun("brief", board, "-o", out, "--force", "--no-diagram", "--no-timeline",
		"--no-appendix", "--marking", "CONFIDENTIAL — DRAFT")
	if code != 0 {
		t.Fatalf("--force: %d %q", code, stderr)
	}
	second, _ := os.ReadFile(out)
	if bytes.Equal(first, second) || len(second) >= len(first) {
		t.Errorf("the options did not change the brief")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		s := string(text)
		if !strings.Contains(s, "CONFIDENTIAL — DRAFT") || strings.Contains(s, "Appendix: links") ||
			strings.Contains(s, "Timeline") || strings.Contains(s, "laid out as on the board") {
			t.Errorf("the options are not applied:\n%s", s)
		}
	}

	// The same board gives the same bytes through the command too.
	again := filepath.Join(dir, "again.pdf")
	if code, _, stderr := briefRun("brief", board, "-o", again, "--force", "--no-diagram", "--no-timeline",
		"--no-appendix", "--marking", "CONFIDENTIAL — DRAFT"); code != 0 {
		t.Fatal(stderr)
	}
	if b, _ := os.ReadFile(again); !bytes.Equal(b, second) {
		t.Error("two runs of the command give different PDFs")
	}
	briefLeftovers(t, dir)
}

func TestBriefCommandBadInput(t *testing.T) {
	dir := t.TempDir()
	notBoard := filepath.Join(dir, "notes.evboard")
	os.WriteFile(notBoard, []byte("just some text, not a board"), 0o644)
	out := filepath.Join(dir, "out.pdf")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"brief", notBoard, "-o", out}, 1, "evidenceboard: " + notBoard + ": "},
		{[]string{"brief", filepath.Join(dir, "missing.evboard"), "-o", out}, 1, "evidenceboard: " + filepath.Join(dir, "missing.evboard") + ": "},
		{[]string{"brief", briefSample(t, dir), "-o", filepath.Join(dir, "no-such-dir", "out.pdf")}, 1, "evidenceboard: " + filepath.Join(dir, "no-such-dir", "out.pdf") + ": "},
		{[]string{"brief", notBoard}, 2, "-o OUT.pdf"},
		{[]string{"brief"}, 2, "usage: evidenceboard brief"},
		{[]string{"brief", notBoard, "-o", out, "--as-of", "yesterday"}, 2, "--as-of \"yesterday\": give a time"},
	} {
		code, _, stderr := briefRun(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.msg)
		}
		if code == 1 && strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: the error is not one line: %q", tc.args, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed brief left %s behind", out)
	}
	briefLeftovers(t, dir)
}

// briefLeftovers fails if a temporary file was left in dir.
func briefLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// humanStamp is how the brief prints a time, written out independently of
// the brief's own code.
func humanStamp(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%d %s %d, %s UTC", t.Day(), t.Month(), t.Year(), t.Format("15:04:05"))
}

func TestBriefDates(t *testing.T) {
	need := func(tool string) {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	need("pdftotext")
	dir := t.TempDir()
	board := briefSample(t, dir)

	// A change made later than the board's own properties: the cover
	// must give its time, not the board row's.
	c, err := data.OpenCase(board)
	if err != nil {
		t.Fatal(err)
	}
	changed := time.Date(2026, 11, 30, 1, 37, 12, 0, time.UTC)
	c.Store().Now = func() time.Time { return changed }
	note := data.Card{ID: "note-plea", Kind: data.KindNote, Title: "To check: plea dates", Width: 200, Height: 90}
	if _, _, err := c.Apply(data.Change{Label: "Add note", PutCards: []data.Card{note}}); err != nil {
		t.Fatal(err)
	}
	last, changes, err := c.Store().LastChange()
	c.Close()
	if err != nil || !last.Equal(changed) {
		t.Fatalf("LastChange = %v, %d, %v", last, changes, err)
	}
	sum := sha256.Sum256(must(os.ReadFile(board)))

	t.Setenv("SOURCE_DATE_EPOCH", "1764470000")
	exported := time.Unix(1764470000, 0)
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	for _, out := range []string{a, b} {
		if code, _, stderr := briefRun("brief", board, "-o", out); code != 0 {
			t.Fatal(stderr)
		}
	}
	pa, pb := must(os.ReadFile(a)), must(os.ReadFile(b))
	if !bytes.Equal(pa, pb) {
		t.Error("the same board with the same SOURCE_DATE_EPOCH gives different bytes")
	}
	text := string(must(exec.Command("pdftotext", a, "-").Output()))
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"BOARD AS OF " + humanStamp(changed),
		"EXPORTED " + humanStamp(exported),
		// The integrity note: keys and values come out of pdftotext as
		// two columns.
		"Board file SHA-256 at export History Exported",
		fmt.Sprintf("%d changes, the last at %s", changes, humanStamp(changed)),
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the brief lacks %q", want)
		}
	}
	// The hash may be broken across lines where the column is narrow:
	// compare without white space.
	if bare := strings.Join(strings.Fields(text), ""); !strings.Contains(bare, "sample.evboard"+hex.EncodeToString(sum[:])) {
		t.Errorf("the brief lacks the file's SHA-256 %x", sum)
	}

	// --as-of wins over SOURCE_DATE_EPOCH, and another time other bytes.
	cPath := filepath.Join(dir, "c.pdf")
	if code, _, stderr := briefRun("brief", board, "-o", cPath, "--as-of", "2027-01-02T03:04:05+01:00"); code != 0 {
		t.Fatal(stderr)
	}
	pc := must(os.ReadFile(cPath))
	if bytes.Equal(pa, pc) {
		t.Error("another export time gives the same bytes")
	}
	ct := strings.Join(strings.Fields(string(must(exec.Command("pdftotext", cPath, "-").Output()))), " ")
	if !strings.Contains(ct, "EXPORTED 2 January 2027, 02:04:05 UTC") {
		t.Errorf("--as-of is not the export time printed")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestExportTime(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 30, 2, 0, 0, 999, time.UTC) }
	for _, tc := range []struct {
		asOf, epoch string
		want        string // RFC 3339, or "error"
	}{
		{"", "", "2026-11-30T02:00:00Z"},
		{"", "0", "1970-01-01T00:00:00Z"},
		{"", " 1764466620 ", "2025-11-30T01:37:00Z"},
		{"2026-05-01", "1764466620", "2026-05-01T00:00:00Z"},
		{"2026-05-01T10:00:00+02:00", "", "2026-05-01T08:00:00Z"},
		{"2026-05-01 10:00:00", "", "2026-05-01T10:00:00Z"},
		{"tomorrow", "", "error"},
		{"", "-5", "error"},
		{"", "1e9", "error"},
		{"", "99999999999999", "error"},
	} {
		got, err := exportTime(tc.asOf, tc.epoch, now)
		s := got.Format(time.RFC3339)
		if err != nil {
			s = "error"
		}
		if s != tc.want {
			t.Errorf("exportTime(%q, %q) = %s, %v; want %s", tc.asOf, tc.epoch, s, err, tc.want)
		}
	}
}
