package board

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// FocusGained is part of fyne.Focusable.
func (b *Board) FocusGained() {}

// FocusLost is part of fyne.Focusable: keys held are forgotten, since
// their release will not reach the board.
func (b *Board) FocusLost() { b.in.shift, b.in.ctrl, b.in.space = false, false, false }

// TypedRune is part of fyne.Focusable.
func (b *Board) TypedRune(rune) {}

// TypedKey is part of fyne.Focusable: Delete and Backspace delete the
// selection, arrows nudge it, Escape cancels a drag or clears it.
func (b *Board) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if !b.readOnly && len(b.sel) > 0 && b.OnDelete != nil {
			b.OnDelete(b.Selected())
		}
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown:
		b.nudge(ev.Name)
	case fyne.KeyEscape:
		if b.in.mode != dragNone {
			b.in.cancel(b)
			return
		}
		b.ClearSelection()
	}
}

func (b *Board) nudge(k fyne.KeyName) {
	ids := b.selectedCards()
	if b.readOnly || len(ids) == 0 || b.OnMove == nil || b.in.mode != dragNone {
		return
	}
	step := float64(NudgeStep)
	if b.keyMods()&fyne.KeyModifierShift != 0 {
		step = NudgeFine
	}
	var dx, dy float64
	switch k {
	case fyne.KeyLeft:
		dx = -step
	case fyne.KeyRight:
		dx = step
	case fyne.KeyUp:
		dy = -step
	case fyne.KeyDown:
		dy = step
	}
	sort.Strings(ids)
	b.OnMove(ids, dx, dy)
}

// KeyDown is part of desktop.Keyable: it tracks Shift, Ctrl and Space.
func (b *Board) KeyDown(ev *fyne.KeyEvent) { b.trackKey(ev.Name, true) }

// KeyUp is part of desktop.Keyable.
func (b *Board) KeyUp(ev *fyne.KeyEvent) { b.trackKey(ev.Name, false) }

func (b *Board) trackKey(k fyne.KeyName, down bool) {
	switch k {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		b.in.shift = down
	case desktop.KeyControlLeft, desktop.KeyControlRight, desktop.KeySuperLeft, desktop.KeySuperRight:
		b.in.ctrl = down
	case fyne.KeySpace:
		b.in.space = down
	}
}
