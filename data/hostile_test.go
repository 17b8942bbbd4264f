package data_test

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"evidenceboard/data"
	"evidenceboard/data/hostile"
)

// This file is an external test (package data_test): data/hostile imports
// data, so data's own tests cannot import it.

// sidecars lists the files SQLite may leave beside path (copy_test.go has
// the same for package data's own tests).
func sidecars(path string) []string {
	var out []string
	for _, suf := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Lstat(path + suf); err == nil {
			out = append(out, filepath.Base(path+suf))
		}
	}
	return out
}

// hashes fingerprints every file of a case (a missing file hashes as "").
func hashes(h hostile.File) map[string]string {
	out := map[string]string{}
	for _, p := range append([]string{h.Path}, h.Others...) {
		st, err := os.Lstat(p)
		if err != nil || !st.Mode().IsRegular() {
			out[p] = ""
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			out[p] = "unreadable"
			continue
		}
		sum := sha256.Sum256(b)
		out[p] = string(sum[:])
	}
	return out
}

func sameHashes(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// checkFileError wants err to be a *data.FileError for path, on one line.
func checkFileError(t *testing.T, what string, h hostile.File, err error) {
	t.Helper()
	var fe *data.FileError
	if !errors.As(err, &fe) {
		t.Errorf("%s: %T %v, want a *data.FileError", what, err, err)
		return
	}
	if fe.Path != h.Path || fe.Reason == "" || strings.ContainsAny(fe.Error(), "\n\r") {
		t.Errorf("%s: unclear error %q (path %q)", what, fe.Error(), fe.Path)
	}
	// Printed to a terminal, it can neither move the cursor nor clear
	// the screen, whatever the file holds (escape-in-card-id).
	if strings.ContainsFunc(fe.Error(), func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
		t.Errorf("%s: control characters in %q", what, fe.Error())
	}
}

func TestHostileCorpus(t *testing.T) {
	dir := t.TempDir()
	cases, err := hostile.Corpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, h := range cases {
		t.Run(h.Name, func(t *testing.T) {
			before := hashes(h)
			rep, err := data.Inspect(h.Path, true)
			if err == nil {
				t.Fatalf("Inspect passed it: %+v", rep)
			}
			checkFileError(t, "Inspect", h, err)
			t.Logf("Inspect: %v", err)
			if !sameHashes(before, hashes(h)) {
				t.Fatal("Inspect changed a byte")
			}
			if _, err := data.OpenReadOnly(h.Path); err == nil {
				t.Error("OpenReadOnly passed it")
			} else {
				checkFileError(t, "OpenReadOnly", h, err)
			}
			if !sameHashes(before, hashes(h)) {
				t.Fatal("OpenReadOnly changed a byte")
			}
			previewHostile(t, h)
			if !sameHashes(before, hashes(h)) {
				t.Fatal("a preview changed a byte")
			}
			s, err := data.Open(h.Path)
			if h.Repair != "" {
				// Open asks first (ErrHotJournal), writing nothing;
				// Recover repairs.
				if !errors.Is(err, data.ErrHotJournal) {
					t.Fatalf("Open: %v; want ErrHotJournal", err)
				}
				if !sameHashes(before, hashes(h)) {
					t.Fatal("Open changed a byte before being asked")
				}
				cs, rec, err := data.Recover(h.Path)
				if err != nil {
					t.Fatalf("Recover did not repair it: %v", err)
				}
				cs.Close()
				if rec == nil {
					t.Fatal("Recover found nothing to recover")
				}
				if _, err := data.Inspect(h.Path, true); err != nil {
					t.Errorf("after the repair: %v", err)
				}
				if sc := sidecars(h.Path); len(sc) > 0 {
					t.Errorf("after the repair, beside it: %v", sc)
				}
				return
			}
			if err == nil {
				s.Close()
				t.Fatal("Open passed it")
			}
			checkFileError(t, "Open", h, err)
			if !sameHashes(before, hashes(h)) {
				t.Fatal("Open changed a byte")
			}
		})
	}
}

// previewHostile reads what the window would preview of h while opening
// it: a refusal is ErrNoPreview or a *data.FileError (never shown: the
// open beside it says what is wrong), and a preview read holds checked
// cards only. Some hostile boards have a preview (a swapped index is
// found by the integrity check, not by reading cards by position); the
// open that follows refuses them and replaces it.
func previewHostile(t *testing.T, h hostile.File) {
	t.Helper()
	pv, err := data.OpenPreview(h.Path)
	if errors.Is(err, data.ErrNoPreview) {
		return
	}
	if err != nil {
		checkFileError(t, "OpenPreview", h, err)
		return
	}
	defer pv.Close()
	ext, ok, err := pv.Extent()
	if err != nil {
		checkFileError(t, "Extent", h, err)
		return
	}
	if !ok {
		return
	}
	m, err := pv.Read(ext, 5000)
	switch {
	case errors.Is(err, data.ErrNoPreview):
	case err != nil:
		checkFileError(t, "Read", h, err)
	default:
		for _, c := range m.Cards {
			if err := c.Validate(); err != nil {
				t.Errorf("the preview holds a card that fails its checks: %v", err)
			}
		}
	}
}

// TestHostileMerges merges each of hostile.Merges's boards into MINE: each
// passes check, and each would harm a merge that trusted it. Times later
// than theirs' last change are taken as that, and the report says so; a
// merge that deletes all of MINE asks first (Drastic); a link's tombstone
// deletes no card; the merged board passes check.
func TestHostileMerges(t *testing.T) {
	dir := t.TempDir()
	mine, cases, err := hostile.Merges(dir)
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(mine)
	if err != nil {
		t.Fatal(err)
	}
	clamped := func(rep *data.MergeReport) bool {
		for _, l := range rep.Skipped {
			if strings.Contains(l, "after its last change or in the future") {
				return true
			}
		}
		return false
	}
	for _, h := range cases {
		t.Run(h.Name, func(t *testing.T) {
			if _, err := data.Inspect(h.Path, true); err != nil {
				t.Fatalf("check refuses it, so it tests nothing of a merge: %v", err)
			}
			p := filepath.Join(t.TempDir(), "mine"+data.Extension)
			if err := os.WriteFile(p, good, 0o644); err != nil {
				t.Fatal(err)
			}
			cs, err := data.OpenCase(p)
			if err != nil {
				t.Fatal(err)
			}
			defer cs.Close()
			m := cs.Model()
			size := len(m.Cards) + len(m.Links)
			_, rep, err := cs.Store().PlanMerge(m, h.Path)
			if err != nil {
				t.Fatal(err)
			}
			switch h.Name {
			case "tombstones-dated-9999":
				if !clamped(rep) || !rep.Drastic(size) || rep.Deletions() != size {
					t.Fatalf("deleting all %d of MINE: clamped %v, drastic %v, %d deletions; report %q",
						size, clamped(rep), rep.Drastic(size), rep.Deletions(), rep.Lines(time.UTC))
				}
			case "edits-dated-9999":
				if _, _, err := cs.Merge(h.Path); err != nil {
					t.Fatal(err)
				}
				for id, c := range cs.Model().Cards {
					if !strings.HasSuffix(c.Title, "(theirs)") || c.Updated.After(time.Now()) {
						t.Fatalf("card %s after the merge: %q, updated %v", id, c.Title, c.Updated)
					}
				}
				if !clamped(rep) {
					t.Fatalf("the report does not say the times were taken as theirs' last change: %q", rep.Lines(time.UTC))
				}
			case "link-tombstone-on-a-card-id":
				if _, _, err := cs.Merge(h.Path); err != nil {
					t.Fatal(err)
				}
				if cs.Model().Cards["claim"] == nil {
					t.Fatal("a link's tombstone deleted the card of the same id")
				}
			default:
				t.Fatalf("no expectation for the case %q", h.Name)
			}
			if _, err := data.Inspect(p, true); err != nil {
				t.Fatalf("the merged board: %v", err)
			}
		})
	}
}
