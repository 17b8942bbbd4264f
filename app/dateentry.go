package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// dateEntry is a card's date field. What is typed is read with
// data.ParseDate as it is typed, and kept only on Enter or on leaving the
// field: a date typed one key at a time passes through forms that parse
// but were not meant ("2018" on the way to "2018-13-01"), and none of
// them may be stored on the way. A date kept is shown in its stored form;
// one that cannot be read is refused with a line under the field saying
// why, and the card keeps its date.
type dateEntry struct {
	widget.Entry
	note   *widget.Label // under the field: the date in words, or why it was refused
	commit func()
}

func newDateEntry() *dateEntry {
	e := &dateEntry{note: widget.NewLabel("")}
	e.note.Wrapping = fyne.TextWrapWord
	e.note.Hide()
	e.SetPlaceHolder("2018-04-06, 6 April 2018, April 2018 or 2018")
	e.ExtendBaseWidget(e)
	e.OnChanged = func(string) { e.explain() }
	e.OnSubmitted = func(string) { e.commit() }
	return e
}

// FocusLost keeps what was typed, when it can be read.
func (e *dateEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.commit != nil {
		e.commit()
	}
}

// explain says under the field what the text means: the date in words,
// or why it is not a date.
func (e *dateEntry) explain() {
	d, err := data.ParseDate(e.Text)
	switch {
	case err != nil:
		e.note.SetText(err.Error())
		e.note.Importance = widget.DangerImportance
		e.note.Show()
	case d.IsZero():
		e.note.Hide()
	default:
		e.note.SetText(d.Human())
		e.note.Importance = widget.LowImportance
		e.note.Show()
	}
	e.note.Refresh()
}

// cardDate binds a dateEntry to card id's date.
func (in *Inspector) cardDate(id, label string) *dateEntry {
	e := newDateEntry()
	in.field(label, e)
	in.add(e.note)
	in.loaders = append(in.loaders, func() {
		if c := in.s.editor.Model().Cards[id]; c != nil && e.Text != c.Date && (in.undone || in.s.win.Canvas().Focused() != e) {
			e.SetText(c.Date) // a date from an older file may not be readable: explain says so
		}
		e.explain()
	})
	e.commit = func() {
		if in.loading || in.s.editor == nil {
			return
		}
		c := in.s.editor.Model().Cards[id]
		if c == nil {
			return
		}
		d, err := data.ParseDate(e.Text)
		if err != nil {
			e.explain() // refused: the card keeps its date
			return
		}
		if d.String() != c.Date {
			in.editCard(id, "date", func(c *data.Card) { c.Date = d.String() })
		}
		if e.Text != d.String() {
			e.SetText(d.String())
		}
	}
	if in.readOnly() {
		e.Disable()
	}
	return e
}
