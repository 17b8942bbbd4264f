package app

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/app/format"
	"evidenceboard/app/format/brief"
	"evidenceboard/data"
)

// exportBriefDialog asks what the brief should hold and where to write
// it, renders it off the UI thread with a progress bar, and offers to
// open the PDF when done (File → Export brief…).
func (s *Shell) exportBriefDialog() {
	if s.editor == nil {
		return
	}
	opts := brief.DefaultOptions()
	diagram := s.newCheck("The board, drawn", func(on bool) { opts.Diagram = on })
	timeline := s.newCheck("Timeline of dated cards", func(on bool) { opts.Timeline = on })
	appendix := s.newCheck("Appendix: every link", func(on bool) { opts.Appendix = on })
	context := s.newCheck("Each quoted passage with its context in the document", func(on bool) { opts.Context = on })
	diagram.SetChecked(true)
	timeline.SetChecked(true)
	appendix.SetChecked(true)
	marking := s.newEntry()
	marking.SetText(s.editor.Model().Board.Marking)
	marking.SetPlaceHolder("e.g. CONFIDENTIAL — DRAFT")
	d := dialog.NewForm("Export brief", "Choose where to save…", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Include", widget.NewLabel("Cover, contents, parties, claims, contested points, quotes, sources")),
		widget.NewFormItem("", diagram),
		widget.NewFormItem("", timeline),
		widget.NewFormItem("", appendix),
		widget.NewFormItem("", context),
		widget.NewFormItem("Marking on every page", marking),
		widget.NewFormItem("", widget.NewLabel("The marking is saved with the board.")),
	}, func(ok bool) {
		if !ok {
			return
		}
		// The marking belongs to the board: a changed one is saved with it
		// (one undoable change, in the history) before the export, so the
		// next export, and the header of every page, keep it.
		if !s.report(s.setMarking(marking.Text)) {
			return
		}
		opts.Marking = ""
		base := strings.TrimSuffix(filepath.Base(s.editor.Store().Path()), data.Extension)
		s.saveAsDialog("Save the brief as", base+" brief.pdf", ".pdf", true, func(path string) { s.exportBrief(path, opts) })
	}, s.win)
	submitOnEnter(d, &marking.Entry)
	d.Resize(fyne.NewSize(560, 400))
	s.showDialog(d)
}

// setMarking makes text (trimmed) the board's marking, as one undoable
// change labelled "Set marking"; nothing is done when it is unchanged.
func (s *Shell) setMarking(text string) error {
	text = strings.TrimSpace(text)
	b := s.editor.Model().Board
	if text == b.Marking {
		return nil
	}
	b.Marking = text
	return s.editor.Do(data.Change{Label: "Set marking", Board: &b})
}

// exportBrief renders a snapshot of the board, so that editing may go on
// while the PDF is made.
func (s *Shell) exportBrief(path string, opts brief.Options) {
	m := s.editor.Model().Clone()
	src := s.editor.Store().Path()
	// The brief names the file as it is now: its last change, its
	// SHA-256, and when it was exported.
	opts.ExportedAt = time.Now().UTC().Truncate(time.Second)
	if !s.report(opts.Stamp(s.editor.Store())) {
		return
	}
	bar := widget.NewProgressBar()
	prog := dialog.NewCustomWithoutButtons("Exporting the brief…", bar, s.win)
	prog.Resize(fyne.NewSize(420, 120))
	s.showBusy(prog)
	store := s.editor.Store()
	go func() {
		opts.ReadSources(store, m)
		res, err := brief.WriteFile(m, opts, format.Target{Path: path, Force: true, Source: src}, func(f float64) {
			fyne.Do(func() { bar.SetValue(f) })
		})
		fyne.Do(func() {
			prog.Hide()
			if !s.report(err) {
				return
			}
			msg := fmt.Sprintf("%d pages written to\n%s", res.Pages, path)
			if len(res.Missing) > 0 {
				msg += fmt.Sprintf("\n\n%d characters could not be drawn with the brief's fonts and are shown as boxes; the last page lists them.", len(res.Missing))
			}
			done := dialog.NewCustomConfirm("Brief exported", "Open it", "Close", wrapped(msg), func(open bool) {
				if open {
					abs, _ := filepath.Abs(path)
					s.report(s.app.OpenURL(&url.URL{Scheme: "file", Path: abs}))
				}
			}, s.win)
			done.Resize(fyne.NewSize(480, 200))
			s.showDialog(done)
		})
	}()
}
