package brief

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"evidenceboard/app/format"
	"evidenceboard/data"
)

// WriteFile renders the brief of m to t through format.WriteFile: a
// temporary file put in place only when whole, never over a board. progress
// is as for Render. The command line and the app's File → Export brief…
// both write through it.
func WriteFile(m *data.Model, opts Options, t format.Target, progress func(float64)) (*Result, error) {
	var res *Result
	err := format.WriteFile(t, func(w io.Writer) error {
		var err error
		res, err = Render(m, opts, w, progress)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// Stamp fills in what the brief says about the board file s: the time of
// its last change and the number of changes (from its history), its name
// and the SHA-256 of its bytes as they are now. The command line and the
// app call it just before rendering, so the brief names the file it was
// made from.
func (o *Options) Stamp(s *data.Store) error {
	last, n, err := s.LastChange()
	if err != nil {
		return err
	}
	f, err := os.Open(s.Path())
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("%s: %w", s.Path(), err)
	}
	o.BoardAsOf, o.Changes = last, n
	o.FileName = filepath.Base(s.Path())
	o.FileSHA256 = hex.EncodeToString(h.Sum(nil))
	return nil
}
