package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives a key to the widget that has the keyboard, or to the canvas
// when none has (Shell.typedKey); it does not pass it on. A check box,
// choice or text field that has been clicked therefore keeps Escape from
// the dialog or panel it is in. These are Fyne's widgets with Escape
// closing what Shell.escape closes, as dialogEntry does for a text field.

// dialogCheck is a check box in which Escape closes the dialog or panel.
type dialogCheck struct {
	widget.Check
	s *Shell
}

func (s *Shell) newCheck(label string, changed func(bool)) *dialogCheck {
	c := &dialogCheck{s: s}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey closes the dialog or panel on Escape.
func (c *dialogCheck) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.s.escape() {
		return
	}
	c.Check.TypedKey(ev)
}

// dialogSelect is a choice in which Escape closes the dialog or panel
// (its open list closes on Escape by itself).
type dialogSelect struct {
	widget.Select
	s *Shell
}

func (s *Shell) newSelect(options []string, changed func(string)) *dialogSelect {
	c := &dialogSelect{s: s}
	c.Options, c.OnChanged = options, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey closes the dialog or panel on Escape.
func (c *dialogSelect) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.s.escape() {
		return
	}
	c.Select.TypedKey(ev)
}

// dialogSelectEntry is a text field with a list of suggestions, in which
// Escape closes the dialog or panel.
type dialogSelectEntry struct {
	widget.SelectEntry
	// escape is Shell.escape once the field is in a shown dialog.
	escape func() bool
}

func newSelectEntry(options []string) *dialogSelectEntry {
	e := &dialogSelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

// TypedKey closes the dialog or panel on Escape.
func (e *dialogSelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.escape != nil && e.escape() {
		return
	}
	e.SelectEntry.TypedKey(ev)
}
