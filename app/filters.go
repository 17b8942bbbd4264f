package app

import (
	"fmt"
	"image/color"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
	"evidenceboard/data/view"
)

// The filter panel: what the board hides (board.SetHidden with a
// view.Filter) and the tags' colours. It opens under the toolbar's Filter
// button (View → Filter…, Ctrl+Shift+F) over the board, which changes as
// each box is ticked; the status bar says "showing 12 of 48" while
// anything is hidden. The filter belongs to the window, not the file:
// undo leaves it, and opening another board clears it. A tag's colour
// belongs to the board and is one undoable change.

// filterKey opens the filter panel.
var filterKey = ctrlShift(fyne.KeyF)

// filterPanel is the panel and the toolbar button that opens it.
type filterPanel struct {
	s      *Shell
	button *widget.Button
	pop    *widget.PopUp
	model  *data.Model // the board the open panel was made for
	count  *widget.Label
	// The date bounds as typed, and the message about them.
	from, to *dialogEntry
	dateMsg  *widget.Label
	// The other boxes, while the panel is open.
	kinds, statuses, rel, cred *checkRow
	party                      *dialogSelect
	tagShown                   map[string]*dialogCheck
	tagSwatch                  map[string]*swatch
	clearAll                   *widget.Button
	// The palette offered for a tag's colour, while it is open.
	palette     []*swatch
	noColour    *widget.Button
	paletteMenu *widget.PopUp
}

// filterPanel is the shell's filter panel, made when first asked for.
func (s *Shell) filterPanel() *filterPanel {
	if s.filters == nil {
		p := &filterPanel{s: s}
		p.button = widget.NewButtonWithIcon("Filter", theme.VisibilityIcon(), p.toggle)
		p.button.Importance = widget.LowImportance
		s.filters = p
	}
	return s.filters
}

// filterButton is the toolbar's Filter button.
func (s *Shell) filterButton() *widget.Button { return s.filterPanel().button }

// toggleFilters opens the filter panel, or closes it when open.
func (s *Shell) toggleFilters() { s.filterPanel().toggle() }

// filterStatus is the status bar's word on the filter: "showing 12 of
// 48" while the board hides anything, else "". It also keeps the panel's
// count and the button's look current.
func (s *Shell) filterStatus() string {
	if s.board == nil || s.editor == nil {
		return ""
	}
	p := s.filterPanel()
	if p.pop != nil && p.model != s.editor.Model() {
		p.close() // another board was opened: its boxes are not these
	}
	f := s.board.Hidden()
	shown, total := s.board.Shown()
	text := ""
	if shown < total || !f.IsZero() {
		text = fmt.Sprintf("showing %d of %d", shown, total)
	}
	if p.count != nil {
		p.count.SetText(text)
	}
	imp := widget.LowImportance
	if !f.IsZero() {
		imp = widget.HighImportance
	}
	if p.button.Importance != imp {
		p.button.Importance = imp
		p.button.Refresh()
	}
	return text
}

func (p *filterPanel) toggle() {
	if p.pop != nil && p.pop.Visible() {
		p.close()
		return
	}
	p.open()
}

// escape closes the palette, if open, else the panel, if open, and
// reports whether there was one (Shell.escape, for Escape).
func (p *filterPanel) escape() bool {
	if p == nil {
		return false
	}
	if m := p.paletteMenu; m != nil && m.Visible() {
		m.Hide()
		return true
	}
	if p.pop == nil || !p.pop.Visible() {
		return false
	}
	p.close()
	p.s.focusBoard()
	return true
}

func (p *filterPanel) close() {
	if m := p.paletteMenu; m != nil {
		m.Hide()
		p.paletteMenu = nil
	}
	if p.pop != nil {
		p.pop.Hide()
		p.pop = nil
	}
	p.count = nil
}

// open builds the panel from the board's filter and model and shows it
// under the Filter button.
func (p *filterPanel) open() {
	s := p.s
	if s.board == nil || s.editor == nil {
		return
	}
	p.close()
	c := s.win.Canvas()
	p.model = s.editor.Model()
	p.pop = widget.NewPopUp(container.NewPadded(p.content()), c)
	pos := fyne.NewPos(8, 60)
	if d := fyne.CurrentApp().Driver(); d != nil && p.button.Visible() {
		pos = d.AbsolutePositionForObject(p.button).AddXY(0, p.button.Size().Height+4)
	}
	size := p.pop.MinSize()
	if max := c.Size(); pos.X+size.Width > max.Width {
		pos.X = max.Width - size.Width
	}
	p.pop.ShowAtPosition(pos)
	s.filterStatus()
}

// apply hides what f does not show and says how much is shown.
func (p *filterPanel) apply(f view.Filter) {
	if p.s.board == nil {
		return
	}
	p.s.board.SetHidden(f)
	if t := p.s.toolbar; t.query != "" {
		t.filter(t.query) // "N found" counts what is shown
	}
	p.s.timeline.changed() // the timeline shows what the board shows
	p.s.updateStatus()
}

// refilter puts back filter f and the search after the board was shown
// afresh from the same file (SetModel clears both).
func (s *Shell) refilter(f view.Filter) {
	s.board.SetHidden(f)
	if t := s.toolbar; t.query != "" {
		t.filter(t.query)
	}
}

// change applies the board's filter as changed by fn.
func (p *filterPanel) change(fn func(f *view.Filter)) {
	if p.s.board == nil {
		return
	}
	f := p.s.board.Hidden()
	fn(&f)
	p.apply(f)
}

// reliabilityOptions are the reliability grades a filter offers, and
// "ungraded" (stored as "").
var reliabilityOptions = []string{"A", "B", "C", "D", "E", "F", "ungraded"}

// credibilityOptions are the credibility grades, and "ungraded" (0).
var credibilityOptions = []string{"1", "2", "3", "4", "5", "6", "ungraded"}

// content is the panel's widgets for the board's filter now.
func (p *filterPanel) content() fyne.CanvasObject {
	s := p.s
	m := s.editor.Model()
	f := s.board.Hidden()
	p.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	p.clearAll = widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), func() {
		p.apply(view.Filter{})
		p.open() // every box as it now is
	})
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), p.close)
	closeBtn.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Show on the board", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(p.clearAll, closeBtn), p.count)

	// Kinds, statuses and grades: every box ticked is no criterion; the
	// last box of a row cannot be unticked (a board showing nothing helps
	// no one).
	kindLabels := make([]string, len(data.Kinds))
	for i, k := range data.Kinds {
		kindLabels[i] = k.Plural()
	}
	p.kinds = p.checkRow(kindLabels, func(i int) bool { return len(f.Kinds) == 0 || slices.Contains(f.Kinds, data.Kinds[i]) },
		func(f *view.Filter, sel []string) { f.Kinds = pick(kindLabels, sel, data.Kinds) })
	statusLabels := data.StatusLabels()
	p.statuses = p.checkRow(statusLabels, func(i int) bool { return len(f.Statuses) == 0 || slices.Contains(f.Statuses, data.Statuses[i]) },
		func(f *view.Filter, sel []string) { f.Statuses = pick(statusLabels, sel, data.Statuses) })
	relValues := []string{"A", "B", "C", "D", "E", "F", ""}
	p.rel = p.checkRow(reliabilityOptions, func(i int) bool { return len(f.Reliabilities) == 0 || slices.Contains(f.Reliabilities, relValues[i]) },
		func(f *view.Filter, sel []string) { f.Reliabilities = pick(reliabilityOptions, sel, relValues) })
	credValues := []int{1, 2, 3, 4, 5, 6, 0}
	p.cred = p.checkRow(credibilityOptions, func(i int) bool { return len(f.Credibilities) == 0 || slices.Contains(f.Credibilities, credValues[i]) },
		func(f *view.Filter, sel []string) { f.Credibilities = pick(credibilityOptions, sel, credValues) })

	// Dates: each bound applies once it reads as a date; until then the
	// line under them says why, and the bound before stays.
	p.from, p.to = s.newEntry(), s.newEntry()
	p.from.SetPlaceHolder("from, e.g. April 2018")
	p.to.SetPlaceHolder("to, e.g. 2019")
	p.from.SetText(f.From.Human())
	p.to.SetText(f.To.Human())
	p.dateMsg = widget.NewLabel("")
	p.dateMsg.Wrapping = fyne.TextWrapWord
	p.from.OnChanged = func(string) { p.dateChanged() }
	p.to.OnChanged = func(string) { p.dateChanged() }
	undated := s.newCheck("Hide undated cards", func(on bool) { p.change(func(f *view.Filter) { f.HideUndated = on }) })
	undated.Checked = f.HideUndated
	p.sayDates(f)

	// Linked to a party.
	parties := []string{""}
	partyLabels := []string{"Anyone"}
	seen := map[string]int{}
	for _, c := range m.SortedCards() {
		if c.Kind != data.KindParty {
			continue
		}
		label := data.OneLine(c.Title, 40)
		if label == "" {
			label = "(untitled party)"
		}
		if seen[label]++; seen[label] > 1 {
			label += " (" + strconv.Itoa(seen[label]) + ")"
		}
		parties = append(parties, c.ID)
		partyLabels = append(partyLabels, label)
	}
	if f.Party != "" && m.Cards[f.Party] == nil {
		parties = append(parties, f.Party)
		partyLabels = append(partyLabels, "(a deleted party)")
	}
	party := s.newSelect(partyLabels, nil)
	p.party = party
	for i, id := range parties {
		if id == f.Party {
			party.SetSelectedIndex(i)
		}
	}
	party.OnChanged = func(string) {
		if i := party.SelectedIndex(); i >= 0 {
			p.change(func(f *view.Filter) { f.Party = parties[i] })
		}
	}

	form := widget.NewForm(
		widget.NewFormItem("Kinds", p.kinds.box),
		widget.NewFormItem("Claims", p.statuses.box),
		widget.NewFormItem("Source reliability", p.rel.box),
		widget.NewFormItem("Credibility", p.cred.box),
		widget.NewFormItem("Dated", container.NewVBox(container.NewGridWithColumns(2, p.from, p.to), p.dateMsg, undated)),
		widget.NewFormItem("Linked to", party),
	)
	return container.NewVBox(head, widget.NewSeparator(), form, widget.NewSeparator(), p.tagList(f))
}

// dateChanged applies the date bounds that read as dates.
func (p *filterPanel) dateChanged() {
	from, errFrom := data.ParseDate(p.from.Text)
	to, errTo := data.ParseDate(p.to.Text)
	p.change(func(f *view.Filter) {
		if errFrom == nil {
			f.From = from
		}
		if errTo == nil {
			f.To = to
		}
	})
	switch {
	case errFrom != nil:
		p.dateMsg.SetText("From: " + errFrom.Error())
	case errTo != nil:
		p.dateMsg.SetText("To: " + errTo.Error())
	default:
		p.sayDates(p.s.board.Hidden())
	}
}

// sayDates says which dates are shown, in words.
func (p *filterPanel) sayDates(f view.Filter) {
	switch {
	case f.From.IsZero() && f.To.IsZero():
		p.dateMsg.SetText("Any date")
	case f.To.IsZero():
		p.dateMsg.SetText("From " + f.From.Human() + " on")
	case f.From.IsZero():
		p.dateMsg.SetText("Up to the end of " + f.To.Human())
	default:
		p.dateMsg.SetText(f.From.Human() + " to the end of " + f.To.Human())
	}
}

// boardTags lists the tags on m's cards and in its tag colours, sorted
// without regard to case, with how many cards carry each.
func boardTags(m *data.Model) (tags []string, count map[string]int) {
	count = map[string]int{}
	for _, c := range m.Cards {
		for _, t := range c.Tags {
			count[t]++
		}
	}
	for t := range m.Board.TagColors {
		if _, ok := count[t]; !ok {
			count[t] = 0
		}
	}
	for t := range count {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool {
		a, b := strings.ToLower(tags[i]), strings.ToLower(tags[j])
		if a != b {
			return a < b
		}
		return tags[i] < tags[j]
	})
	return tags, count
}

// tagList is a row per tag: its colour, whether it is shown, its name and
// how many cards carry it.
func (p *filterPanel) tagList(f view.Filter) fyne.CanvasObject {
	s := p.s
	m := s.editor.Model()
	tags, count := boardTags(m)
	title := widget.NewLabelWithStyle("Tags (strands)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	untagged := s.newCheck("Hide untagged cards", func(on bool) { p.change(func(f *view.Filter) { f.HideUntagged = on }) })
	untagged.Checked = f.HideUntagged
	if len(tags) == 0 {
		return container.NewVBox(title, widget.NewLabel("No card has a tag yet: add tags in the inspector."))
	}
	rows := container.NewVBox()
	p.tagShown, p.tagSwatch = map[string]*dialogCheck{}, map[string]*swatch{}
	for _, tag := range tags {
		tag := tag
		col, ok := m.Board.TagColor(tag)
		sw := newSwatch(col, ok, func(sw *swatch) { p.pickColor(tag, sw) })
		if !s.writable() {
			sw.disabled = true
		}
		show := s.newCheck(fmt.Sprintf("%s (%d)", data.OneLine(tag, 40), count[tag]), func(on bool) {
			p.change(func(f *view.Filter) { *f = f.WithTagHidden(tag, !on) })
		})
		show.Checked = !f.TagHidden(tag)
		p.tagShown[tag], p.tagSwatch[tag] = show, sw
		rows.Add(container.NewBorder(nil, nil, container.NewCenter(sw), nil, show))
	}
	scroll := container.NewVScroll(rows)
	h := rows.MinSize().Height
	if h > 180 {
		h = 180
	}
	scroll.SetMinSize(fyne.NewSize(280, h))
	return container.NewVBox(container.NewBorder(nil, nil, title, untagged), scroll)
}

// pickColor offers the palette for tag's colour, under swatch sw.
func (p *filterPanel) pickColor(tag string, sw *swatch) {
	s := p.s
	if !s.writable() {
		return
	}
	c := s.win.Canvas()
	var menu *widget.PopUp
	choose := func(hex string) {
		menu.Hide()
		m := s.editor.Model()
		if m.Board.TagColors[tag] == hex {
			return
		}
		nb := m.Board.WithTagColor(tag, hex)
		label := "Colour the tag “" + data.OneLine(tag, 30) + "”"
		if hex == "" {
			label = "Take the colour off the tag “" + data.OneLine(tag, 30) + "”"
		}
		if s.report(s.editor.Do(data.Change{Label: label, Board: &nb})) {
			col, ok := nb.TagColor(tag)
			sw.set(col, ok)
		}
	}
	var cells []fyne.CanvasObject
	p.palette = nil
	for _, hex := range data.TagPalette {
		hex := hex
		cell := newSwatch(data.ColorOr(hex, ""), true, func(*swatch) { choose(hex) })
		p.palette = append(p.palette, cell)
		cells = append(cells, cell)
	}
	none := widget.NewButton("No colour", func() { choose("") })
	p.noColour = none
	none.Importance = widget.LowImportance
	menu = widget.NewPopUp(container.NewVBox(container.NewGridWithColumns(5, cells...), none), c)
	p.paletteMenu = menu
	pos := fyne.NewPos(0, 0)
	if d := fyne.CurrentApp().Driver(); d != nil {
		pos = d.AbsolutePositionForObject(sw).AddXY(0, sw.Size().Height+2)
	}
	menu.ShowAtPosition(pos)
}

// swatch is a small square of colour that can be tapped; without a
// colour it is drawn as an outline.
type swatch struct {
	widget.BaseWidget
	rect     *canvas.Rectangle
	onTap    func(*swatch)
	disabled bool
}

func newSwatch(col color.NRGBA, ok bool, onTap func(*swatch)) *swatch {
	sw := &swatch{rect: canvas.NewRectangle(color.Transparent), onTap: onTap}
	sw.rect.CornerRadius = 3
	sw.rect.StrokeWidth = 1
	sw.set(col, ok)
	sw.ExtendBaseWidget(sw)
	return sw
}

// set shows col, or an empty outline when ok is false.
func (sw *swatch) set(col color.NRGBA, ok bool) {
	if ok {
		sw.rect.FillColor, sw.rect.StrokeColor = col, col
	} else {
		sw.rect.FillColor, sw.rect.StrokeColor = color.Transparent, theme.Color(theme.ColorNameForeground)
	}
	sw.rect.Refresh()
}

// Color is the colour shown; ok is false for none.
func (sw *swatch) Color() (color.Color, bool) {
	return sw.rect.FillColor, sw.rect.FillColor != color.Transparent
}

// Tapped is part of fyne.Tappable.
func (sw *swatch) Tapped(*fyne.PointEvent) {
	if !sw.disabled && sw.onTap != nil {
		sw.onTap(sw)
	}
}

// MinSize is a square a finger or pointer can hit.
func (sw *swatch) MinSize() fyne.Size { return fyne.NewSize(20, 20) }

// CreateRenderer is part of fyne.Widget.
func (sw *swatch) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(sw.rect) }

// checkRow is a row of check boxes, one per option, as tight as their
// labels (Fyne's horizontal CheckGroup gives each the widest one's room).
type checkRow struct {
	Options []string
	checks  []*dialogCheck
	box     *fyne.Container
	// OnChanged is told the options ticked, in order, after a box changed.
	OnChanged func(selected []string)
}

// checkRow makes a row of the options, ticked where on says; a change
// applies set to the board's filter, and the last box ticked stays.
func (p *filterPanel) checkRow(options []string, on func(i int) bool, set func(f *view.Filter, selected []string)) *checkRow {
	r := &checkRow{Options: options, box: container.NewHBox()}
	for i, o := range options {
		c := p.s.newCheck(o, nil)
		c.Checked = on(i)
		c.OnChanged = func(bool) {
			if r.OnChanged != nil {
				r.OnChanged(r.Selected())
			}
		}
		r.checks = append(r.checks, c)
		r.box.Add(c)
	}
	r.OnChanged = func(sel []string) {
		if len(sel) == 0 {
			r.SetSelected(options[:1])
			return
		}
		p.change(func(f *view.Filter) { set(f, sel) })
	}
	return r
}

// Selected lists the options ticked, in order.
func (r *checkRow) Selected() []string {
	var out []string
	for i, c := range r.checks {
		if c.Checked {
			out = append(out, r.Options[i])
		}
	}
	return out
}

// SetSelected ticks just the options named, then tells OnChanged once.
func (r *checkRow) SetSelected(sel []string) {
	on := r.OnChanged
	r.OnChanged = nil
	for i, c := range r.checks {
		c.SetChecked(slices.Contains(sel, r.Options[i]))
	}
	r.OnChanged = on
	if on != nil {
		on(r.Selected())
	}
}

// pick maps the selected labels to their values; every label selected is
// no criterion (nil), so what is not named is never hidden by accident.
func pick[T any](labels, selected []string, values []T) []T {
	if len(selected) == len(labels) {
		return nil
	}
	var out []T
	for i, l := range labels {
		if slices.Contains(selected, l) {
			out = append(out, values[i])
		}
	}
	return out
}
