package brief

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"evidenceboard/assets"
	"evidenceboard/data"
)

// sampleModel builds the sample case in memory.
func sampleModel(t testing.TB) *data.Model {
	t.Helper()
	b, ch, err := data.BuildSample(assets.Article)
	if err != nil {
		t.Fatal(err)
	}
	m := data.NewModel(b)
	m.Apply(ch)
	return m
}

// render renders m with opts and returns the PDF bytes.
func render(t testing.TB, m *data.Model, opts Options) ([]byte, *Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := Render(m, opts, &buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res
}

func TestWriteSample(t *testing.T) {
	out := os.Getenv("BRIEF_OUT")
	if out == "" {
		t.Skip("set BRIEF_OUT to write the sample brief")
	}
	pdf, res := render(t, sampleModel(t), DefaultOptions())
	if err := os.WriteFile(filepath.Clean(out), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, missing %q", res.Pages, string(res.Missing))
}
