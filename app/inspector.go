package app

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// Inspector is the panel beside the board that edits every field of the
// selected card or link. Each edit is saved as it is made, through the
// editor; typing into one field is one undo step.
type Inspector struct {
	s       *Shell
	box     *fyne.Container
	scroll  *container.Scroll
	ids     []string
	loaders []func() // put the model's current values into the widgets
	loading bool     // set while loaders run, so OnChanged does not write back
	// undone is set while loaders run after an undo or redo: then even the
	// field being typed in shows the file's value again.
	undone bool
	title  *widget.Entry
}

func newInspector(s *Shell) *Inspector {
	in := &Inspector{s: s, box: container.NewVBox()}
	in.scroll = container.NewVScroll(container.NewPadded(in.box))
	return in
}

func (in *Inspector) object() fyne.CanvasObject { return in.scroll }

// show rebuilds the panel for the selected IDs.
func (in *Inspector) show(ids []string) {
	in.ids = append([]string(nil), ids...)
	in.loaders, in.title = nil, nil
	in.box.Objects = nil
	e := in.s.editor
	switch {
	case e == nil:
		in.add(heading("No board open"))
	case len(ids) == 0:
		in.showBoard()
	case len(ids) > 1:
		in.add(heading(fmt.Sprintf("%d items selected", len(ids))))
		in.add(wrapped("Drag any of them to move them together; Delete removes them all; with two cards selected, Connect links them."))
	case e.Model().Cards[ids[0]] != nil:
		in.showCard(ids[0])
	case e.Model().Links[ids[0]] != nil:
		in.showLink(ids[0])
	}
	in.refresh()
	in.box.Refresh()
	in.scroll.ScrollToTop()
}

// refreshAll is refresh after an undo or redo, which reaches the field
// being typed in too.
func (in *Inspector) refreshAll() {
	in.undone = true
	in.refresh()
	in.undone = false
}

// refresh puts the model's values into the widgets, after any change.
func (in *Inspector) refresh() {
	if in.s.editor == nil {
		return
	}
	for _, id := range in.ids {
		m := in.s.editor.Model()
		if m.Cards[id] == nil && m.Links[id] == nil {
			in.show(nil) // what we showed was deleted
			return
		}
	}
	in.loading = true
	for _, load := range in.loaders {
		load()
	}
	in.loading = false
}

func (in *Inspector) focusTitle() {
	if in.title != nil && in.s.inspectorPane.Visible() {
		in.s.win.Canvas().Focus(in.title)
		// Select the placeholder title so that typing replaces it.
		in.title.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

func (in *Inspector) add(objs ...fyne.CanvasObject) { in.box.Objects = append(in.box.Objects, objs...) }

func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// wrapped is a label that wraps, so that no text widens the panel.
func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (in *Inspector) readOnly() bool { return in.s.editor.Store().ReadOnly() }

// field adds a labelled widget to the panel.
func (in *Inspector) field(label string, w fyne.CanvasObject) {
	l := widget.NewLabel(label)
	l.TextStyle.Bold = true
	l.Importance = widget.LowImportance
	in.add(l, w)
}

// cardField binds a text entry to a card field.
func (in *Inspector) cardText(id, label, field string, multi bool, get func(*data.Card) string, set func(*data.Card, string)) *widget.Entry {
	var e *widget.Entry
	var w fyne.Focusable // what the panel shows and focuses
	if multi {
		v := newVerbatimEntry(4) // keeps typed text exact at wrap points
		e, w = &v.Entry, v
	} else {
		e = widget.NewEntry()
		w = e
	}
	in.field(label, w.(fyne.CanvasObject))
	in.loaders = append(in.loaders, func() {
		// The entry being typed in keeps its text: "a, " is on its way to
		// two tags, not one to tidy up.
		if c := in.s.editor.Model().Cards[id]; c != nil && e.Text != get(c) && (in.undone || in.s.win.Canvas().Focused() != w) {
			e.SetText(get(c))
		}
	})
	e.OnChanged = func(v string) { in.editCard(id, field, func(c *data.Card) { set(c, v) }) }
	if in.readOnly() {
		e.Disable()
	}
	return e
}

// cardChoice binds a drop-down to a card field; labels and values are
// parallel slices.
func (in *Inspector) cardChoice(id, label, field string, labels, values []string, get func(*data.Card) string, set func(*data.Card, string)) {
	sel := widget.NewSelect(labels, nil)
	in.field(label, sel)
	in.loaders = append(in.loaders, func() {
		if c := in.s.editor.Model().Cards[id]; c != nil {
			for i, v := range values {
				if v == get(c) && sel.SelectedIndex() != i {
					sel.SetSelectedIndex(i)
				}
			}
		}
	})
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 {
			in.editCard(id, field, func(c *data.Card) { set(c, values[i]) })
		}
	}
	if in.readOnly() {
		sel.Disable()
	}
}

func (in *Inspector) editCard(id, field string, fn func(*data.Card)) {
	if in.loading || in.s.editor == nil {
		return
	}
	old := in.s.editor.Model().Cards[id]
	if old == nil {
		return
	}
	c := old.Clone()
	fn(&c)
	in.s.report(in.s.editor.EditCard(c, field))
}

func (in *Inspector) showCard(id string) {
	m := in.s.editor.Model()
	c := m.Cards[id]
	in.add(heading(c.Kind.Label()))
	in.title = in.cardText(id, "Title", "title", false, func(c *data.Card) string { return c.Title }, func(c *data.Card, v string) { c.Title = v })
	switch c.Kind {
	case data.KindParty:
		in.cardChoice(id, "Type", "type", []string{"—", "Person", "Organisation", "Group"}, data.PartyTypes,
			func(c *data.Card) string { return c.PartyType }, func(c *data.Card, v string) { c.PartyType = v })
		role := widget.NewSelectEntry(data.Roles)
		in.field("Role", role)
		in.loaders = append(in.loaders, func() {
			if c := in.s.editor.Model().Cards[id]; c != nil && role.Text != c.Role {
				role.SetText(c.Role)
			}
		})
		role.OnChanged = func(v string) { in.editCard(id, "role", func(c *data.Card) { c.Role = v }) }
		if in.readOnly() {
			role.Disable()
		}
	case data.KindQuote:
		in.cardText(id, "Words, verbatim", "quote", true, func(c *data.Card) string { return c.QuoteText }, func(c *data.Card, v string) { c.QuoteText = v })
		labels, values := in.cardsOfKind(data.KindParty)
		in.cardChoice(id, "Speaker", "speaker", labels, values,
			func(c *data.Card) string { return c.SpeakerID }, func(c *data.Card, v string) { c.SpeakerID = v })
		labels, values = in.cardsOfKind(data.KindSource)
		in.cardChoice(id, "Source", "source", labels, values,
			func(c *data.Card) string { return c.SourceID }, func(c *data.Card, v string) { c.SourceID = v })
		in.cardText(id, "Locator (page, paragraph, time)", "locator", false, func(c *data.Card) string { return c.Locator }, func(c *data.Card, v string) { c.Locator = v })
		in.quoteCheck(id) // quotemarks.go
		in.add(widget.NewButtonWithIcon("Show in source", theme.FileTextIcon(), func() { in.s.report(in.s.reader.showInSource(id)) }))
	case data.KindClaim:
		labels := data.StatusLabels()
		values := make([]string, len(data.Statuses))
		for i, st := range data.Statuses {
			values[i] = string(st)
		}
		in.cardChoice(id, "Status", "status", labels, values,
			func(c *data.Card) string { return string(c.Status) }, func(c *data.Card, v string) { c.Status = data.Status(v) })
		in.grading(id)
		in.cardDate(id, "Date")
	case data.KindSource:
		in.cardText(id, "Publisher", "publisher", false, func(c *data.Card) string { return c.Publisher }, func(c *data.Card, v string) { c.Publisher = v })
		in.cardDate(id, "Date")
		u := in.cardText(id, "Link (URL)", "url", false, func(c *data.Card) string { return c.URL }, func(c *data.Card, v string) { c.URL = v })
		u.ActionItem = widget.NewButtonWithIcon("", theme.ComputerIcon(), func() { in.openURL(id) })
		in.add(widget.NewButtonWithIcon("Read", theme.FileTextIcon(), func() { in.s.report(in.s.reader.open(id)) }))
		in.grading(id)
	case data.KindEvent:
		in.cardDate(id, "Date")
	}
	in.groupFields(id) // groups.go
	in.cardText(id, "Notes", "body", true, func(c *data.Card) string { return c.Body }, func(c *data.Card, v string) { c.Body = v })
	in.cardText(id, "Tags (comma-separated)", "tags", false,
		func(c *data.Card) string { return strings.Join(c.Tags, ", ") },
		func(c *data.Card, v string) { c.Tags = splitTags(v) })
	in.links(id)
	in.history(id)
}

// history shows what happened to the card or link, kept current.
func (in *Inspector) history(id string) {
	box := container.NewStack(in.s.historyView(id))
	in.add(widget.NewSeparator(), heading("History"), box)
	in.loaders = append(in.loaders, func() {
		box.Objects = []fyne.CanvasObject{in.s.historyView(id)}
		box.Refresh()
	})
}

// grading adds the Admiralty reliability and credibility choices.
func (in *Inspector) grading(id string) {
	rel := []string{"Ungraded", "A — completely reliable", "B — usually reliable", "C — fairly reliable",
		"D — not usually reliable", "E — unreliable", "F — cannot be judged"}
	in.cardChoice(id, "Source reliability", "reliability", rel, data.Reliabilities,
		func(c *data.Card) string { return c.Reliability }, func(c *data.Card, v string) { c.Reliability = v })
	cred := []string{"Ungraded", "1 — confirmed", "2 — probably true", "3 — possibly true", "4 — doubtful", "5 — improbable", "6 — cannot be judged"}
	vals := []string{"0", "1", "2", "3", "4", "5", "6"}
	in.cardChoice(id, "Credibility", "credibility", cred, vals,
		func(c *data.Card) string { return strconv.Itoa(c.Credibility) },
		func(c *data.Card, v string) { c.Credibility, _ = strconv.Atoi(v) })
}

// links lists a card's links; tapping one selects it.
func (in *Inspector) links(id string) {
	m := in.s.editor.Model()
	ls := m.LinksOf(id)
	if len(ls) == 0 {
		return
	}
	in.add(widget.NewSeparator(), heading("Links"))
	for _, l := range ls {
		l := l
		b := widget.NewButton("", func() {
			in.s.board.Select(l.ID)
			in.show([]string{l.ID})
		})
		b.Importance = widget.LowImportance
		in.add(container.NewStack(b, truncatedLabel(in.linkText(l))))
	}
}

// truncatedLabel is a one-line label cut short with an ellipsis, so that a
// long text never widens the panel; laid over a button with no text of
// its own, it makes a button whose text is cut short.
func truncatedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (in *Inspector) linkText(l *data.Link) string {
	m := in.s.editor.Model()
	name := func(id string) string {
		if c := m.Cards[id]; c != nil {
			return data.OneLine(c.Title, 22)
		}
		return "?"
	}
	if l.Directed {
		return fmt.Sprintf("%s: %s %s", name(l.From), l.Relation, name(l.To))
	}
	return fmt.Sprintf("%s / %s / %s", name(l.From), l.Relation, name(l.To))
}

// cardsOfKind lists the cards of kind k for a drop-down, "(none)" first.
func (in *Inspector) cardsOfKind(k data.Kind) (labels, values []string) {
	labels, values = []string{"(none)"}, []string{""}
	var cs []*data.Card
	for _, c := range in.s.editor.Model().Cards {
		if c.Kind == k {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		return cs[i].Title < cs[j].Title || cs[i].Title == cs[j].Title && cs[i].ID < cs[j].ID
	})
	seen := map[string]int{}
	for _, c := range cs {
		label := data.OneLine(c.Title, 40)
		if seen[label]++; seen[label] > 1 {
			label = fmt.Sprintf("%s (%d)", label, seen[label])
		}
		labels, values = append(labels, label), append(values, c.ID)
	}
	return labels, values
}

func (in *Inspector) showLink(id string) {
	l := in.s.editor.Model().Links[id]
	in.add(heading("Link"))
	ends := widget.NewLabel(in.linkText(l))
	ends.Wrapping = fyne.TextWrapWord
	in.add(ends)
	in.loaders = append(in.loaders, func() {
		if l := in.s.editor.Model().Links[id]; l != nil {
			ends.SetText(in.linkText(l))
		}
	})
	edit := func(field string, fn func(*data.Link)) {
		if in.loading {
			return
		}
		old := in.s.editor.Model().Links[id]
		if old == nil {
			return
		}
		nl := *old
		fn(&nl)
		in.s.report(in.s.editor.EditLink(nl, field))
	}
	rel := widget.NewSelectEntry(data.Relations)
	in.field("Relation", rel)
	rel.OnChanged = func(v string) { edit("relation", func(l *data.Link) { l.Relation = v }) }
	labels := data.StatusLabels()
	status := widget.NewSelect(labels, nil)
	in.field("Status", status)
	status.OnChanged = func(string) {
		if i := status.SelectedIndex(); i >= 0 {
			edit("status", func(l *data.Link) { l.Status = data.Statuses[i] })
		}
	}
	dir := widget.NewCheck("Directed (arrow from first to second)", func(on bool) {
		edit("direction", func(l *data.Link) { l.Directed = on })
	})
	in.add(dir)
	reverse := widget.NewButtonWithIcon("Reverse direction", theme.ViewRefreshIcon(), func() {
		edit("ends", func(l *data.Link) { l.From, l.To = l.To, l.From })
	})
	noteField := newVerbatimEntry(3) // keeps typed text exact at wrap points
	note := &noteField.Entry
	in.add(reverse)
	in.field("Note", noteField)
	note.OnChanged = func(v string) { edit("note", func(l *data.Link) { l.Note = v }) }
	in.loaders = append(in.loaders, func() {
		l := in.s.editor.Model().Links[id]
		if l == nil {
			return
		}
		if rel.Text != l.Relation {
			rel.SetText(l.Relation)
		}
		for i, st := range data.Statuses {
			if st == l.Status && status.SelectedIndex() != i {
				status.SetSelectedIndex(i)
			}
		}
		dir.SetChecked(l.Directed)
		if note.Text != l.Note {
			note.SetText(l.Note)
		}
	})
	in.history(id)
	if in.readOnly() {
		rel.Disable()
		status.Disable()
		dir.Disable()
		reverse.Disable()
		note.Disable()
	}
}

// showBoard shows the board's summary when nothing is selected.
func (in *Inspector) showBoard() {
	// Title, reference and counts follow every change (an undo
	// included), as the status bar does.
	title, ref, counts := heading(""), wrapped(""), widget.NewLabel("")
	in.add(title, ref, counts)
	in.loaders = append(in.loaders, func() {
		m := in.s.editor.Model()
		title.SetText(data.OneLine(m.Board.Title, 60))
		ref.SetText(m.Board.CaseRef)
		ref.Hidden = m.Board.CaseRef == ""
		counts.SetText(boardCounts(m))
	})
	in.add(widget.NewSeparator(), wrapped("Click a card to edit it here. Double-click empty board to add a card, "+
		"drag from a card's round handle onto another to connect them, and drag empty board to select several."))
}

// boardCounts is the board summary's count of cards by kind and of links.
func boardCounts(m *data.Model) string {
	cnt := m.Counts()
	var lines []string
	for _, k := range data.Kinds {
		lines = append(lines, fmt.Sprintf("%s: %d", k.Plural(), cnt.ByKind[k]))
	}
	lines = append(lines, fmt.Sprintf("Links: %d", cnt.Links))
	return strings.Join(lines, "\n")
}

// openURL opens a source's link in the browser: only http, https and
// mailto, only when the person asked for it, and only once they have seen
// the whole address (with any direction override shown, not obeyed) and
// said yes: the title of a card from someone else may say one thing and
// its link go elsewhere.
func (in *Inspector) openURL(id string) {
	c := in.s.editor.Model().Cards[id]
	if c == nil {
		return
	}
	u, err := data.SafeURL(c.URL)
	if err != nil {
		in.s.showError(err)
		return
	}
	addr := widget.NewLabel(data.Visible(u.String())) // exactly what is opened
	addr.Wrapping = fyne.TextWrapBreak
	msg := container.NewVBox(widget.NewLabel("This opens, outside Evidence Board:"), addr)
	d := dialog.NewCustomConfirm("Open this link?", "Open", "Cancel", msg, func(ok bool) {
		if ok {
			in.s.report(in.s.app.OpenURL(u))
		}
	}, in.s.win)
	d.Resize(fyne.NewSize(560, 0))
	in.s.showDialog(d)
}

func splitTags(v string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.Split(v, ",") {
		t = strings.TrimSpace(t)
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
