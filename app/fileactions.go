package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// saveCopyDialog writes a compact, self-contained copy of the open board
// (File → Save a copy as…).
func (s *Shell) saveCopyDialog() {
	if s.editor == nil {
		return
	}
	base := strings.TrimSuffix(filepath.Base(s.editor.Store().Path()), data.Extension)
	s.saveAsDialog("Save a copy as", base+" copy"+data.Extension, data.Extension, false, func(path string) {
		if s.report(s.editor.Store().SaveCopy(path)) {
			s.showInfo("Copy saved", "A self-contained copy of this board is in\n"+path+
				"\n\nYou are still working on the original.")
		}
	})
}

// mergeDialog brings a colleague's copy of the board into this one
// (File → Merge a board…): it shows what the merge will do, makes it as
// one undoable change, then lists any conflicts to review.
func (s *Shell) mergeDialog() {
	if s.editor == nil {
		return
	}
	s.pickBoard(s.planMerge)
}

// planMerge works out the merge of theirs off the UI thread, behind a
// progress dialog that keeps the board still meanwhile, then shows the
// plan and asks.
func (s *Shell) planMerge(theirs string) {
	e := s.editor
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons("Reading "+filepath.Base(theirs)+"…", bar, s.win)
	s.showBusy(prog)
	go func() {
		ch, rep, err := e.Store().PlanMerge(e.Model(), theirs)
		fyne.Do(func() {
			bar.Stop()
			prog.Hide()
			if s.editor != e { // the board was closed meanwhile
				return
			}
			s.confirmMerge(e, theirs, ch, rep, err)
		})
	}()
}

// confirmMerge shows a planned merge and applies it if the person agrees;
// one that deletes much of the board (MergeReport.Drastic) says so first.
func (s *Shell) confirmMerge(e *Editor, theirs string, ch data.Change, rep *data.MergeReport, err error) {
	if !s.report(err) {
		return
	}
	if ch.Empty() {
		s.showInfo("Nothing to merge", filepath.Base(theirs)+" holds nothing this board lacks.")
		return
	}
	lines := widget.NewLabel(screenText(strings.Join(rep.Lines(time.Local), "\n")))
	lines.Wrapping = fyne.TextWrapWord
	head := wrapped(rep.Summary())
	button := "Merge"
	if m := e.Model(); rep.Drastic(len(m.Cards) + len(m.Links)) {
		head = wrapped(fmt.Sprintf("%s\n\nThis merge deletes %d cards and links of your board. Look at the list below before you go on; Undo takes the whole merge back.",
			rep.Summary(), rep.Deletions()))
		button = fmt.Sprintf("Delete %d and merge", rep.Deletions())
	}
	body := container.NewBorder(head, nil, nil, nil, container.NewVScroll(lines))
	confirm := dialog.NewCustomConfirm("Merge "+filepath.Base(theirs), button, "Cancel", body, func(ok bool) {
		if !ok || s.editor != e { // another board was opened meanwhile
			return
		}
		if s.report(e.Do(ch)) && len(rep.Conflicts) > 0 {
			s.conflictsDialog(e, rep.Conflicts)
		}
	}, s.win)
	confirm.Resize(fyne.NewSize(640, 480))
	s.showDialog(confirm)
}

// conflictsDialog lists what both sides changed; each can be flipped to
// the version the merge did not keep, as an undoable change.
func (s *Shell) conflictsDialog(e *Editor, conflicts []data.MergeConflict) {
	rows := container.NewVBox()
	for _, c := range conflicts {
		c := c
		kept := "mine"
		if c.KeptTheirs {
			kept = "theirs"
		}
		choice := widget.NewRadioGroup([]string{"Keep mine", "Keep theirs"}, nil)
		choice.Horizontal = true
		choice.SetSelected("Keep " + kept)
		choice.OnChanged = func(v string) {
			if v == "" || s.editor != e { // only on the board merged into
				return
			}
			ch, err := c.ResolveIn(e.Model(), v == "Keep theirs")
			if s.report(err) && s.report(e.Do(ch)) {
				c.KeptTheirs = v == "Keep theirs"
			}
		}
		rows.Add(wrapped(screenText(c.Describe(time.Local))))
		rows.Add(choice)
		rows.Add(widget.NewSeparator())
	}
	d := dialog.NewCustom(fmt.Sprintf("%d %s to review", len(conflicts), plural(len(conflicts), "conflict", "conflicts")),
		"Done", container.NewVScroll(rows), s.win)
	d.Resize(fyne.NewSize(640, 480))
	s.showDialog(d)
}

// historyView lists what happened to one card or link, newest first.
func (s *Shell) historyView(id string) fyne.CanvasObject {
	entries, err := s.editor.Store().History(id)
	if err != nil {
		return wrapped("History unavailable: " + err.Error())
	}
	box := container.NewVBox()
	for i, e := range entries {
		if i == 20 {
			box.Add(wrapped(fmt.Sprintf("… and %d earlier changes (evidenceboard history FILE CARD lists them all)", len(entries)-20)))
			break
		}
		l := wrapped(screenText(e.Line))
		l.SizeName = theme.SizeNameCaptionText
		box.Add(l)
	}
	if len(entries) == 0 {
		box.Add(wrapped("No changes recorded yet."))
	}
	return box
}

// screenText readies text for a Fyne label. Fyne 2.8 draws "→" followed
// by a space as the arrow, a replacement glyph and a gap; the long arrow
// "⟶" draws cleanly, so the screen shows that instead.
func screenText(s string) string { return strings.ReplaceAll(s, "→", "⟶") }
