package app

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
	"evidenceboard/data/geom"
)

// Groups: a group is a card of kind data.KindGroup, drawn as a frame; a
// card is in it when Card.Group names it. What a frame holds follows its
// geometry, by the one rule the JSON Canvas import uses too
// (geom.Innermost: the smallest unfolded frame that wholly holds the
// card): a card dragged into a frame joins it, dragged out leaves it, and
// a frame moved or resized over cards takes them in, each in the same
// change as the move or resize.

// Margins of the frame "Group selected cards" draws round the cards, in
// board units: room for the title band above them.
const (
	groupMargin = 30
	groupTop    = 50
)

// GroupCards makes a group round the cards ids (groups among them are
// left out: groups do not nest), in one change with the cards' Group set,
// and returns it. Other cards the new frame wholly holds join it too, by
// the geometry rule, unless a smaller group holds them.
func (e *Editor) GroupCards(ids []string) (data.Card, error) {
	m := e.Model()
	var in []*data.Card
	for _, id := range ids {
		if c := m.Cards[id]; c != nil && c.Kind != data.KindGroup {
			in = append(in, c)
		}
	}
	if len(in) == 0 {
		return data.Card{}, errors.New("select the cards to group (a group cannot hold a group)")
	}
	r := geom.Rect{X: in[0].X, Y: in[0].Y, W: in[0].Width, H: in[0].Height}
	for _, c := range in[1:] {
		r = r.Union(geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height})
	}
	if r.W+2*groupMargin > data.MaxCardSize || r.H+groupMargin+groupTop > data.MaxCardSize {
		// A frame cut to the limit would leave some of them outside it.
		return data.Card{}, fmt.Errorf("the selected cards spread further than a group can reach (%d units a side)", int(data.MaxCardSize))
	}
	g := data.Card{ID: data.NewID(), Kind: data.KindGroup, Title: "Group",
		X: data.ClampCoord(r.X - groupMargin), Y: data.ClampCoord(r.Y - groupTop),
		Width:  math.Min(r.W+2*groupMargin, data.MaxCardSize),
		Height: math.Min(r.H+groupMargin+groupTop, data.MaxCardSize)}
	ch := data.Change{Label: plural(len(in), "Group card", "Group %d cards"), PutCards: []data.Card{g}}
	chosen := map[string]bool{}
	for _, c := range in {
		cc := c.Clone()
		cc.Group = g.ID
		ch.PutCards = append(ch.PutCards, cc)
		chosen[c.ID] = true
	}
	// The cards the new frame holds that were not chosen: the geometry
	// decides for them as for any card.
	frame := geom.Rect{X: g.X, Y: g.Y, W: g.Width, H: g.Height}
	for _, c := range m.Cards {
		if !chosen[c.ID] && c.Kind != data.KindGroup && frame.Contains(cardBox(c)) {
			ch.PutCards = append(ch.PutCards, c.Clone())
		}
	}
	byID(ch.PutCards[len(in)+1:])
	regroupIn(m, &ch, len(in)+1)
	dropUnchanged(m, &ch, len(in)+1)
	return g, e.Do(ch)
}

// Ungroup deletes the groups among ids, or else the groups of the cards
// among them, keeping their cards (Model.Expand clears their Group).
func (e *Editor) Ungroup(ids []string) error {
	groups := e.groupsOf(ids)
	if len(groups) == 0 {
		return errors.New("select a group, or a card in one, to ungroup it")
	}
	return e.Do(data.Change{Label: plural(len(groups), "Ungroup", "Ungroup %d groups"), DeleteCards: groups})
}

// SetFolded folds (or unfolds) the groups among ids, or else the groups
// of the cards among them; with fold nil, each group is turned over: a
// folded one unfolded, an unfolded one folded.
func (e *Editor) SetFolded(ids []string, fold *bool) error {
	groups := e.groupsOf(ids)
	if len(groups) == 0 {
		return errors.New("select a group to fold or unfold it")
	}
	ch := data.Change{}
	folding := 0
	for _, id := range groups {
		c := e.Model().Cards[id].Clone()
		want := !c.Folded
		if fold != nil {
			want = *fold
		}
		if want == c.Folded {
			continue
		}
		c.Folded = want
		if want {
			folding++
		}
		ch.PutCards = append(ch.PutCards, c)
	}
	switch {
	case len(ch.PutCards) == 0:
		return nil
	case folding == len(ch.PutCards):
		ch.Label = plural(folding, "Fold group", "Fold %d groups")
	case folding == 0:
		ch.Label = plural(len(ch.PutCards), "Unfold group", "Unfold %d groups")
	default:
		ch.Label = "Fold and unfold groups"
	}
	return e.Do(ch)
}

// groupsOf is the group cards among ids, or, when there are none, the
// groups the cards among ids are in; sorted.
func (e *Editor) groupsOf(ids []string) []string {
	m := e.Model()
	set := map[string]bool{}
	for _, id := range ids {
		if c := m.Cards[id]; c != nil && c.Kind == data.KindGroup {
			set[id] = true
		}
	}
	if len(set) == 0 {
		for _, id := range ids {
			if c := m.Cards[id]; c != nil && c.Group != "" && m.Cards[c.Group] != nil {
				set[c.Group] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func byID(cards []data.Card) {
	sort.Slice(cards, func(i, j int) bool { return cards[i].ID < cards[j].ID })
}

func cardBox(c *data.Card) geom.Rect { return geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height} }

// regroup puts each card that ch moves or resizes in the group whose
// frame then wholly holds it (geom.Innermost over the unfolded groups as
// they will be), and, for each frame ch moves or resizes, the cards it
// takes in or lets go. A card keeps its group when the group moves with
// it or is folded (the card is hidden: it cannot have been dropped). A
// board without groups costs nothing more.
func regroup(m *data.Model, ch *data.Change) {
	if m.Counts().ByKind[data.KindGroup] == 0 && !putsGroup(ch) {
		return
	}
	withMembers(m, ch)
	n := len(ch.PutCards)
	// A frame moved or resized: the cards its old or new place meets
	// are judged again, so a frame laid over a card holds it, as in
	// Obsidian, and the file says what the board shows.
	var resized []geom.Rect
	for _, c := range ch.PutCards {
		if old := m.Cards[c.ID]; c.Kind == data.KindGroup && !c.Folded && old != nil && cardBox(old) != cardBox(&c) {
			resized = append(resized, cardBox(old).Union(cardBox(&c)))
		}
	}
	if len(resized) > 0 {
		inCh := map[string]bool{}
		for _, c := range ch.PutCards {
			inCh[c.ID] = true
		}
		for _, c := range m.Cards {
			if inCh[c.ID] || c.Kind == data.KindGroup {
				continue
			}
			for _, r := range resized {
				if r.Intersects(cardBox(c)) {
					ch.PutCards = append(ch.PutCards, c.Clone())
					break
				}
			}
		}
		byID(ch.PutCards[n:])
	}
	regroupIn(m, ch, 0)
	dropUnchanged(m, ch, n)
}

// withMembers adds to ch the cards of each group ch moves, moved with
// it, that ch does not move already: the board's drag names them all, an
// arrow-key nudge of a selected group only the group.
func withMembers(m *data.Model, ch *data.Change) {
	type delta struct{ dx, dy float64 }
	moved := map[string]delta{}
	in := map[string]bool{}
	for _, c := range ch.PutCards {
		in[c.ID] = true
		if old := m.Cards[c.ID]; c.Kind == data.KindGroup && old != nil && (old.X != c.X || old.Y != c.Y) {
			moved[c.ID] = delta{c.X - old.X, c.Y - old.Y}
		}
	}
	if len(moved) == 0 {
		return
	}
	var add []data.Card
	for _, c := range m.Cards {
		if d, ok := moved[c.Group]; ok && c.Group != "" && !in[c.ID] {
			cc := c.Clone()
			cc.X, cc.Y = data.ClampCoord(cc.X+d.dx), data.ClampCoord(cc.Y+d.dy)
			add = append(add, cc)
		}
	}
	byID(add)
	ch.PutCards = append(ch.PutCards, add...)
}

// dropUnchanged leaves out of ch the cards from the n-th on, put there
// only to be judged again, that keep their group.
func dropUnchanged(m *data.Model, ch *data.Change, n int) {
	out := ch.PutCards[:n]
	for _, c := range ch.PutCards[n:] {
		if old := m.Cards[c.ID]; old == nil || old.Group != c.Group {
			out = append(out, c)
		}
	}
	ch.PutCards = out
}

func putsGroup(ch *data.Change) bool {
	for _, c := range ch.PutCards {
		if c.Kind == data.KindGroup {
			return true
		}
	}
	return false
}

// regroupIn sets the group of every card in ch.PutCards from from on by
// the geometry rule, against the groups as ch leaves them.
func regroupIn(m *data.Model, ch *data.Change, from int) {
	put := map[string]*data.Card{}
	for i := range ch.PutCards {
		put[ch.PutCards[i].ID] = &ch.PutCards[i]
	}
	// The unfolded groups, by ID, so that of two frames alike the same
	// one wins every time.
	var groups []*data.Card
	for _, c := range m.Cards {
		if c.Kind == data.KindGroup && put[c.ID] == nil {
			groups = append(groups, c)
		}
	}
	for i := range ch.PutCards {
		if c := &ch.PutCards[i]; c.Kind == data.KindGroup {
			groups = append(groups, c)
		}
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].ID < groups[j].ID })
	var frames []geom.Rect
	var ids []string
	for _, c := range groups {
		if !c.Folded {
			frames = append(frames, cardBox(c))
			ids = append(ids, c.ID)
		}
	}
	for i := from; i < len(ch.PutCards); i++ {
		c := &ch.PutCards[i]
		if c.Kind == data.KindGroup {
			continue
		}
		old := m.Cards[c.ID]
		if c.Group != "" && old != nil && old.Group == c.Group {
			if g := put[c.Group]; g != nil {
				if old := m.Cards[c.Group]; old != nil && (g.X != old.X || g.Y != old.Y) {
					continue // it moves with its group
				}
			}
			if g := m.Cards[c.Group]; g != nil && g.Folded {
				continue // folded away with its group
			}
		}
		c.Group = ""
		if j := geom.Innermost(cardBox(c), frames); j >= 0 {
			c.Group = ids[j]
		}
	}
}

// groupSelected is Edit → Group selected cards.
func (s *Shell) groupSelected() {
	if s.board == nil || s.editor == nil {
		return
	}
	g, err := s.editor.GroupCards(s.board.Selected())
	if s.report(err) {
		s.board.Select(g.ID)
		s.inspector.show([]string{g.ID})
		s.inspector.focusTitle()
	}
}

// ungroupSelected is Edit → Ungroup.
func (s *Shell) ungroupSelected() {
	if s.board != nil && s.editor != nil {
		s.report(s.editor.Ungroup(s.board.Selected()))
	}
}

// foldSelected is Edit → Fold or unfold group, and the board's OnFold.
func (s *Shell) foldSelected() {
	if s.board != nil {
		s.foldGroups(s.board.Selected())
	}
}

func (s *Shell) foldGroups(ids []string) {
	if s.editor != nil {
		s.report(s.editor.SetFolded(ids, nil))
	}
}

// groupFields adds to the inspector what it shows of groups: for a group,
// how many cards it holds and its fold, select-all and ungroup buttons;
// for a card in a group, the group.
func (in *Inspector) groupFields(id string) {
	m := in.s.editor.Model()
	c := m.Cards[id]
	if c == nil {
		return
	}
	if c.Kind != data.KindGroup {
		if g := m.Cards[c.Group]; g != nil && c.Group != "" {
			b := widget.NewButton("In group: "+data.OneLine(g.Title, 40), func() {
				in.s.board.Select(g.ID)
				in.show([]string{g.ID})
			})
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			in.add(b)
		}
		return
	}
	count := widget.NewLabel("")
	fold := widget.NewButtonWithIcon("", theme.VisibilityOffIcon(), func() { in.s.foldGroups([]string{id}) })
	in.loaders = append(in.loaders, func() {
		g := in.s.editor.Model().Cards[id]
		if g == nil {
			return
		}
		count.SetText(fmt.Sprintf("Holds %s.", plural(len(in.s.board.Members(id)), "1 card", "%d cards")))
		if g.Folded {
			fold.SetText("Unfold")
			fold.SetIcon(theme.VisibilityIcon())
		} else {
			fold.SetText("Fold")
			fold.SetIcon(theme.VisibilityOffIcon())
		}
	})
	members := widget.NewButton("Select its cards", func() {
		in.s.board.Select(in.s.board.Members(id)...)
	})
	in.loaders = append(in.loaders, func() {
		if g := in.s.editor.Model().Cards[id]; g != nil && g.Folded {
			members.Disable() // its cards are hidden
		} else {
			members.Enable()
		}
	})
	ungroup := widget.NewButtonWithIcon("Ungroup", theme.ContentClearIcon(), func() {
		in.s.report(in.s.editor.Ungroup([]string{id}))
	})
	if in.readOnly() {
		fold.Disable()
		ungroup.Disable()
	}
	in.add(count, container.NewGridWithColumns(2, fold, ungroup), members)
}
