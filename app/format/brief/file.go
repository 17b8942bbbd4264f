package brief

import (
	"io"

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
