package app

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// verbatimEntry is a multi-line, word-wrapping text field that stores
// exactly what was typed or pasted. Every multi-line field of the app is
// one, because "Words, verbatim" is a promise.
//
// Why it exists: Fyne (v2.8.1) keeps an entry's cursor as a row and a
// column of the wrapped text, not as an offset into the text. Word
// wrapping drops the one space at each wrap point from both rows. When
// that space is the last character of a line (a space typed where the
// line wraps, at the end of the text or just before a newline), no row
// and column stands for the place after it: the entry clamps the cursor
// to the end of the row, before the space, and the next letter typed goes
// in front of the space. Typing "Backpage principals" at a wrap point
// stored "Backpageprincipals ". Backspace, Delete, Return and paste
// there went astray the same way. (Fyne has fixed other cursor faults of
// wrapping entries before, fyne-io/fyne#1737 and #2698; not this one.)
//
// So the field remembers the true offset after each edit it makes, and
// before the next edit puts the cursor on a row and column that stands
// for that offset (a column past the row's visible end does: Fyne adds it
// to the row's first offset) just before handing the edit to Fyne. Fyne
// still makes every edit, so its own undo (Ctrl+Z in the field) and
// OnChanged work as before. A click or a key that moves the cursor takes
// Fyne's cursor again, except that a cursor Fyne puts before a dropped
// space that ends a line is taken to be after it (see settle); a drag, a
// double tap or a shortcut other than paste takes Fyne's cursor as it is.
type verbatimEntry struct {
	widget.Entry

	// at is the cursor's true offset in runes, trusted while the text and
	// Fyne's row and column are still as the last edit left them.
	at          int
	atText      string
	atRow       int
	atCol       int
	remembering bool
}

// newVerbatimEntry returns a word-wrapping multi-line field showing at
// least rows rows.
func newVerbatimEntry(rows int) *verbatimEntry {
	e := &verbatimEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// offset is where the cursor truly is, in runes.
func (e *verbatimEntry) offset() int {
	if e.remembering && e.Text == e.atText && e.CursorRow == e.atRow && e.CursorColumn == e.atCol {
		return e.at
	}
	return e.CursorTextOffset()
}

// remember records that the cursor is truly at offset at, whatever row
// and column Fyne shows it on.
func (e *verbatimEntry) remember(at int) {
	e.at, e.atText, e.atRow, e.atCol, e.remembering = at, e.Text, e.CursorRow, e.CursorColumn, true
}

func (e *verbatimEntry) forget() { e.remembering = false }

// place sets Fyne's row and column so that they stand for offset at: the
// last row starting at or before it, and the column counted from that
// row's start, even past its visible end. It must run just before the
// edit, with no refresh between, since a refresh clamps the column.
func (e *verbatimEntry) place(at int) {
	row, start := 0, 0
	for r := 1; r <= len(e.Text); r++ {
		// A row past the last reads as offset 0 at column 0, so the
		// starts stop rising there.
		e.CursorRow, e.CursorColumn = r, 0
		s := e.CursorTextOffset()
		if s <= start || s > at {
			break
		}
		row, start = r, s
	}
	e.CursorRow, e.CursorColumn = row, at-start
}

// edit makes one edit through Fyne at the true cursor, then checks that
// the text is what the edit should give; only then is the new offset
// trusted. del runes before the cursor (back) or after it are removed and
// ins inserted; the cursor ends after ins.
func (e *verbatimEntry) edit(back bool, del int, ins string, fyneEdit func()) {
	if e.Disabled() || e.SelectedText() != "" {
		// A selection is replaced where Fyne says it starts.
		e.forget()
		fyneEdit()
		return
	}
	old := []rune(e.Text)
	at := e.offset()
	if at < 0 || at > len(old) {
		at = e.CursorTextOffset()
	}
	from, to := at, at
	if back {
		from = max(0, at-del)
	} else {
		to = min(len(old), at+del)
	}
	e.place(at)
	fyneEdit()
	want := string(old[:from]) + ins + string(old[to:])
	if e.Text != want {
		e.forget()
		return
	}
	e.remember(from + len([]rune(ins)))
}

// TypedRune inserts r at the true cursor.
func (e *verbatimEntry) TypedRune(r rune) {
	e.edit(false, 0, string(r), func() { e.Entry.TypedRune(r) })
}

// TypedKey makes the editing keys act at the true cursor, and forgets the
// remembered offset when a key moves the cursor. Every other key (a
// window sends TypedKey for each letter and the space too, before its
// TypedRune) leaves the cursor where it is.
func (e *verbatimEntry) TypedKey(key *fyne.KeyEvent) {
	do := func() { e.Entry.TypedKey(key) }
	switch key.Name {
	case fyne.KeyBackspace:
		e.edit(true, 1, "", do)
	case fyne.KeyDelete:
		e.edit(false, 1, "", do)
	case fyne.KeyReturn, fyne.KeyEnter:
		e.edit(false, 0, "\n", do)
	case fyne.KeyTab:
		e.edit(false, 0, "\t", do)
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight, fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		do()
		e.settle()
	default:
		do()
	}
}

// TypedShortcut pastes at the true cursor; any other shortcut (undo,
// select all, word moves, cut) forgets the remembered offset.
func (e *verbatimEntry) TypedShortcut(s fyne.Shortcut) {
	do := func() { e.Entry.TypedShortcut(s) }
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		if text := p.Clipboard.Content(); text != "" {
			e.edit(false, 0, text, do)
			return
		}
	}
	e.forget()
	do()
}

// MouseDown places the cursor where the pointer is, as Fyne does, then
// settles it.
func (e *verbatimEntry) MouseDown(m *desktop.MouseEvent) {
	e.Entry.MouseDown(m)
	e.settle()
}

// settle runs after Fyne has placed the cursor for a click or a key. Fyne
// cannot show the place after a space dropped at a wrap that ends a line:
// it shows the cursor before that space, at the end of the row, and both
// places look the same. Someone who clicks or moves there to go on
// typing means after what they typed, so that is where the cursor goes.
// (Left from there steps back over the last visible character.)
func (e *verbatimEntry) settle() {
	e.forget()
	if e.SelectedText() != "" {
		return
	}
	text := []rune(e.Text)
	c := e.CursorTextOffset()
	if c < 0 || c >= len(text) || text[c] == '\n' || !unicode.IsSpace(text[c]) || (c+1 < len(text) && text[c+1] != '\n') {
		return
	}
	row, col := e.CursorRow, e.CursorColumn
	// A row and column for the place after the space survive a refresh
	// only if Fyne can show that place; a refresh clamps any other.
	e.place(c + 1)
	e.Refresh()
	if e.CursorTextOffset() == c+1 {
		e.CursorRow, e.CursorColumn = row, col // the space is shown: leave the cursor as placed
		e.Refresh()
		return
	}
	e.remember(c + 1)
}

// DoubleTapped selects a word, as Fyne does.
func (e *verbatimEntry) DoubleTapped(p *fyne.PointEvent) {
	e.forget()
	e.Entry.DoubleTapped(p)
}

// Dragged selects text, as Fyne does.
func (e *verbatimEntry) Dragged(d *fyne.DragEvent) {
	e.forget()
	e.Entry.Dragged(d)
}
