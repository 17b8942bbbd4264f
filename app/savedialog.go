package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// saveAsDialog asks for a folder and a file name for a new file ending in
// ext, and hands the path to fn. It never opens the path itself: Fyne's
// own save dialog creates (and so truncates) the file it returns before
// we see it, which would destroy a board chosen by mistake, the open one
// included. An existing file is refused, or, where replace is allowed (a
// PDF), replaced only after the person confirms; the open board never.
func (s *Shell) saveAsDialog(title, name, ext string, replace bool, fn func(path string)) {
	s.saveAsDialogIn(s.startFolder(), title, name, ext, replace, fn)
}

// saveAsDialogIn is saveAsDialog starting in folder.
func (s *Shell) saveAsDialogIn(folder, title, name, ext string, replace bool, fn func(path string)) {
	nameEntry := s.newEntry()
	nameEntry.SetText(name)
	where := widget.NewLabel(folder)
	where.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButton("Choose…", func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				folder = l.Path()
				where.SetText(folder)
			}
		}, s.win)
		s.showDialog(d)
	})
	var d *dialog.FormDialog
	d = dialog.NewForm(title, "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("File name", nameEntry),
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, choose, where)),
	}, func(ok bool) {
		if !ok {
			return
		}
		path, err := s.newFilePath(folder, nameEntry.Text, ext)
		switch {
		case err == nil:
			fn(path)
		case replace && errors.Is(err, os.ErrExist):
			s.showConfirm("Replace "+filepath.Base(path)+"?",
				"A file of that name is already in "+folder+". Replace it?", func(yes bool) {
					if yes {
						fn(path)
					}
				})
		default:
			s.showError(err)
		}
	}, s.win)
	submitOnEnter(d, &nameEntry.Entry)
	d.Resize(fyne.NewSize(620, 220))
	s.showDialog(d)
	s.win.Canvas().Focus(nameEntry)
}

// newFilePath joins folder and name (adding ext when missing) and checks
// the result names no existing file; an existing one gives an error that
// wraps os.ErrExist, the open board an error of its own.
func (s *Shell) newFilePath(folder, name, ext string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsRune(name, filepath.Separator) {
		return "", fmt.Errorf("give the file a name, without a folder in it")
	}
	if !strings.HasSuffix(strings.ToLower(name), ext) {
		name += ext
	}
	path := filepath.Join(folder, name)
	if s.editor != nil && sameFile(path, s.editor.Store().Path()) {
		return "", fmt.Errorf("%s is the board you have open; choose another name", name)
	}
	if _, err := os.Lstat(path); err == nil {
		return path, existsError(name)
	}
	return path, nil
}

// existsError says a file of that name is already there; it is
// os.ErrExist to errors.Is.
type existsError string

func (e existsError) Error() string { return string(e) + " already exists; choose another name" }
func (e existsError) Unwrap() error { return os.ErrExist }

// sameFile reports whether a and b name one file.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	absA, _ := filepath.Abs(a)
	absB, _ := filepath.Abs(b)
	return absA == absB
}
