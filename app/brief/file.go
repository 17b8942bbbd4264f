package brief

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"evidenceboard/data"
)

// WriteFile renders the brief of m into a temporary file beside out and
// then puts it in place, so that a failure leaves no half-written PDF.
// Without force it will not replace an existing file, even one that
// appeared meanwhile. progress is as for Render. The command line and the
// app's File → Export brief… both write through it.
func WriteFile(m *data.Model, opts Options, out string, force bool, progress func(float64)) (*Result, error) {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write: %v", out, unwrapPath(err))
	}
	defer os.Remove(tmp.Name()) // a no-op once it has been put in place
	w := bufio.NewWriterSize(tmp, 1<<16)
	res, err := Render(m, opts, w, progress)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", out, unwrapPath(err))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return nil, fmt.Errorf("%s: %v", out, unwrapPath(err))
	}
	if force {
		err = os.Rename(tmp.Name(), out)
	} else if err = os.Link(tmp.Name(), out); errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("%s: already exists; use --force to replace it", out)
	} else if err != nil {
		// A file system without hard links: fall back to a checked rename.
		if _, serr := os.Lstat(out); serr == nil {
			return nil, fmt.Errorf("%s: already exists; use --force to replace it", out)
		}
		err = os.Rename(tmp.Name(), out)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write: %v", out, unwrapPath(err))
	}
	return res, nil
}

// unwrapPath drops the path an *os.PathError repeats, since the message
// already names the file.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
