package board

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data"
)

// Group metrics, in board units at zoom 1.
const (
	bandH      = 30   // the title band along a frame's top
	frameTitle = 13   // a frame's title, bold
	frameCount = 10.5 // "5 cards"
	frameEdge  = 8    // how near a frame's border a press takes the frame
	foldStack  = 5    // how far the plate behind a folded group shows
)

// frameView is the set of canvas objects that draws one group: a frame
// with its title band, or, folded, a card on a stack of cards.
type frameView struct {
	box    *fyne.Container
	back   *canvas.Rectangle // folded: the stack behind
	bg     *canvas.Rectangle
	band   *canvas.Rectangle
	badge  *canvas.Rectangle
	label  *canvas.Text // the badge's word
	title  *canvas.Text
	count  *canvas.Text
	grip   [2]*canvas.Line
	handle *canvas.Circle
}

func newFrameView() *frameView {
	v := &frameView{
		back:   canvas.NewRectangle(color.Transparent),
		bg:     canvas.NewRectangle(color.Transparent),
		band:   canvas.NewRectangle(color.Transparent),
		badge:  canvas.NewRectangle(color.Transparent),
		label:  canvas.NewText("GROUP", colWhite),
		title:  canvas.NewText("", colInk),
		count:  canvas.NewText("", colInkFaint),
		handle: canvas.NewCircle(colWhite),
	}
	v.label.TextStyle = fyne.TextStyle{Bold: true}
	v.title.TextStyle = fyne.TextStyle{Bold: true}
	for i := range v.grip {
		v.grip[i] = canvas.NewLine(colInkFaint)
		v.grip[i].StrokeWidth = 1.2
	}
	v.handle.StrokeWidth = 1.5
	v.box = &fyne.Container{Objects: []fyne.CanvasObject{v.back, v.bg, v.band, v.badge, v.label,
		v.title, v.count, v.grip[0], v.grip[1], v.handle}}
	return v
}

// drawFrame draws card e if it is a group and reports whether it was:
// the scene's drawCard leaves groups to it. The group's card view (which
// the scene gave it like any card's) stays hidden.
func (s *scene) drawFrame(e *cardEnt) bool {
	if e.c.Kind != data.KindGroup {
		return false
	}
	b := s.b
	if e.view != nil {
		e.view.box.Hide()
	}
	g := &b.grp
	v := g.views[e]
	if v == nil {
		if n := len(g.free); n > 0 {
			v, g.free = g.free[n-1], g.free[:n-1]
		} else {
			v = newFrameView()
			g.layer.Objects = append(g.layer.Objects, v.box)
		}
		if g.views == nil {
			g.views = map[*cardEnt]*frameView{}
		}
		g.views[e] = v
	}
	r := b.in.rectOf(b, e)
	z := b.zoom
	sel := b.shownSelected(e.id, e)
	st := cardState{selected: sel, hovered: b.hover == e, target: b.in.target == e || b.grp.drop == e,
		dimmed: b.IsDimmed(e.id)}
	st.showHandles = !b.readOnly && (sel || st.hovered) && z >= compactZoom
	v.box.Move(fyne.NewPos(float32((r.X-s.ax)*z), float32((r.Y-s.ay)*z)))
	v.box.Resize(fyne.NewSize(float32(r.W*z), float32(r.H*z)))
	if e.c.Folded {
		v.drawFolded(e.c, r.W, r.H, z, st, b.memberCount(e.id))
	} else {
		v.drawFrame(e.c, r.W, r.H, z, st, b.memberCount(e.id))
	}
	v.box.Show()
	v.box.Refresh()
	return true
}

// releaseFrame takes group e's frame objects back, when it leaves the
// view or the board.
func (s *scene) releaseFrame(e *cardEnt) {
	g := &s.b.grp
	if v := g.views[e]; v != nil {
		v.box.Hide()
		delete(g.views, e)
		g.free = append(g.free, v)
	}
}

// frameColours are a group's fill and accent: its own colour, or paper
// and grey.
func frameColours(c *data.Card) (fill, accent color.NRGBA) {
	fill = cardFill(c)
	accent = kindAccent(c.Kind)
	if c.Color != "" {
		accent = mix(fill, colInk, 0.55)
	}
	return fill, accent
}

func (v *frameView) drawFrame(c *data.Card, w, h, z float64, st cardState, n int) {
	fill, accent := frameColours(c)
	sw, sh := float32(w*z), float32(h*z)
	v.back.Hide()
	v.badge.Hide()
	v.label.Hide()

	veil, band := withAlpha(fill, 0x60), withAlpha(mix(fill, accent, 0.18), 0xb0)
	v.bg.FillColor = veil
	v.bg.CornerRadius = float32(cardRadius * 1.5 * z)
	v.bg.Shadow = canvas.Shadow{}
	v.bg.StrokeColor, v.bg.StrokeWidth = mix(accent, fill, 0.35), 1.5
	if st.selected || st.target {
		v.bg.StrokeColor, v.bg.StrokeWidth = colSelect, 2
	} else if st.hovered {
		v.bg.StrokeColor = accent
	}
	v.bg.Move(fyne.Position{})
	v.bg.Resize(fyne.NewSize(sw, sh))
	v.bg.Refresh()

	bh := float32(math.Min(bandH, h) * z)
	v.band.FillColor = band
	v.band.TopLeftCornerRadius, v.band.TopRightCornerRadius = v.bg.CornerRadius, v.bg.CornerRadius
	v.band.Move(fyne.Position{})
	v.band.Resize(fyne.NewSize(sw, bh))
	v.band.Show()
	v.band.Refresh()

	under := opaqueOn(band, opaqueOn(veil, colBackground))
	inner := w - 2*cardPad
	if z < titleOnlyZoom || inner < 20 {
		v.title.Hide()
		v.count.Hide()
	} else {
		size := float32(frameTitle)
		if z < compactZoom {
			size = titleOnlySize * 0.75
		}
		cnt := plural(n, "card")
		cw := textWidth(cnt, frameCount, fyne.TextStyle{}) + 8
		room := inner
		if cw < inner/2 && z >= compactZoom {
			room -= cw
			v.setText(v.count, cnt, w-cardPad-cw+8, (bandH-textHeight(frameCount, fyne.TextStyle{}))/2, frameCount, z, colInkSoft, under)
		} else {
			v.count.Hide()
		}
		title := c.Title
		if title == "" {
			title = "Group"
		}
		title = fitLine(clip(title), size, fyne.TextStyle{Bold: true}, room)
		v.setText(v.title, title, cardPad, math.Max(0, (bandH-textHeight(size, v.title.TextStyle))/2), size, z, colInk, under)
	}
	v.drawHandles(sw, sh, st, accent)
	v.veil(st)
}

func (v *frameView) drawFolded(c *data.Card, w, h, z float64, st cardState, n int) {
	fill, accent := frameColours(c)
	sw, sh := float32(w*z), float32(h*z)
	d := float32(foldStack * z)
	v.band.Hide()

	v.back.FillColor = mix(fill, accent, 0.15)
	v.back.StrokeColor, v.back.StrokeWidth = mix(accent, fill, 0.5), 1
	v.back.CornerRadius = float32(cardRadius * z)
	v.back.Move(fyne.NewPos(d, d))
	v.back.Resize(fyne.NewSize(sw, sh))
	v.back.Show()
	v.back.Refresh()

	v.bg.FillColor = fill
	v.bg.CornerRadius = float32(cardRadius * z)
	switch {
	case st.selected || st.target:
		v.bg.StrokeColor, v.bg.StrokeWidth = colSelect, 2
		v.bg.Shadow = canvas.Shadow{Color: colShadowSel, BlurRadius: 8, Offset: fyne.NewPos(0, 1)}
	default:
		v.bg.StrokeColor, v.bg.StrokeWidth = mix(accent, fill, 0.4), 1
		if st.hovered {
			v.bg.StrokeColor = accent
		}
		v.bg.Shadow = canvas.Shadow{Color: colShadow, BlurRadius: 4, Offset: fyne.NewPos(0, 1.5)}
	}
	v.bg.Move(fyne.Position{})
	v.bg.Resize(fyne.NewSize(sw, sh))
	v.bg.Refresh()

	inner := w - 2*cardPad
	bold := fyne.TextStyle{Bold: true}
	if z < titleOnlyZoom || inner < 20 {
		v.badge.Hide()
		v.label.Hide()
		v.title.Hide()
		v.count.Hide()
	} else {
		bw := math.Min(textWidth("GROUP", badgeSize, bold)+12, inner)
		v.badge.FillColor = accent
		v.badge.CornerRadius = float32(headerH * z / 2)
		v.badge.Move(fyne.NewPos(float32(cardPad*z), float32(headerY*z)))
		v.badge.Resize(fyne.NewSize(float32(bw*z), float32(headerH*z)))
		v.badge.Show()
		v.badge.Refresh()
		v.setText(v.label, "GROUP", cardPad+6, headerY+(headerH-textHeight(badgeSize, bold))/2, badgeSize, z, colWhite, accent)
		cnt := plural(n, "card")
		v.setText(v.count, fitLine(cnt, frameCount, fyne.TextStyle{}, inner), cardPad, h-8-lineHeight(frameCount), frameCount, z, colInkSoft, fill)
		title := c.Title
		if title == "" {
			title = "Group"
		}
		v.setText(v.title, fitLine(clip(title), titleSize, bold, inner), cardPad, headerY+headerH+6, titleSize, z, colInk, fill)
	}
	v.drawHandles(sw, sh, st, accent)
	v.grip[0].Hide() // a folded group is not resized: unfold it first
	v.grip[1].Hide()
	v.veil(st)
}

// setText shows t at (x, y) board units inside the frame, at zoom z, on
// the opaque colour under: drawn at a whole pixel size (pixelSize) so it
// never spills, in col moved as far as it must be to read on under.
func (v *frameView) setText(t *canvas.Text, s string, x, y float64, size float32, z float64, col, under color.NRGBA) {
	t.Text, t.TextSize, t.Color = s, pixelSize(size, z), onFill(col, under)
	t.Move(fyne.NewPos(float32(x*z), float32(y*z)))
	t.Resize(fyne.NewSize(float32(textWidth(s, size, t.TextStyle)*z)+2, float32(lineHeight(size)*z)))
	t.Show()
	t.Refresh()
}

// drawHandles draws the resize grip and the connect handle, as a card's.
func (v *frameView) drawHandles(sw, sh float32, st cardState, accent color.NRGBA) {
	if !st.showHandles || sw <= 24 || sh <= 24 {
		v.grip[0].Hide()
		v.grip[1].Hide()
		v.handle.Hide()
		return
	}
	for i, d := range []float32{9, 5} {
		g := v.grip[i]
		g.Position1 = fyne.NewPos(sw-d-3, sh-3)
		g.Position2 = fyne.NewPos(sw-3, sh-d-3)
		g.Show()
		g.Refresh()
	}
	v.handle.StrokeColor = colSelect
	if !st.selected {
		v.handle.StrokeColor = accent
	}
	v.handle.Move(fyne.NewPos(sw-handleRadius, sh/2-handleRadius))
	v.handle.Resize(fyne.NewSize(2*handleRadius, 2*handleRadius))
	v.handle.Show()
	v.handle.Refresh()
}

// veil fades a group the search does not match, as a card's veil does.
func (v *frameView) veil(st cardState) {
	if st.dimmed {
		v.title.Color = colInkFaint
		v.count.Color = colInkFaint
	}
}

// plural is "1 card", "5 cards".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// frameHit is how a press at board point (bx, by) inside card e's drawn
// rectangle takes it, for hit tests: a card or a folded group as drawn
// (order o), and a frame only by its title band or its border, and under
// every card, so that the cards in a frame and the board inside it stay
// free to press, drag and band-select.
func (b *Board) frameHit(e *cardEnt, bx, by float64, o int) (int, bool) {
	if !isFrame(e) {
		return o, true
	}
	r := b.in.rectOf(b, e)
	edge := frameEdge / b.zoom
	if by-r.Y <= math.Max(bandH, edge) || bx-r.X <= edge || r.Right()-bx <= edge || r.Bottom()-by <= edge {
		return -1, true
	}
	return 0, false
}

// inTitleBand reports whether widget point p is on group e's title band
// (or anywhere on it, folded): where a double-click folds or unfolds it.
func (b *Board) inTitleBand(e *cardEnt, p fyne.Position) bool {
	if e.c.Kind != data.KindGroup {
		return false
	}
	bx, by := b.toBoard(p)
	r := b.in.rectOf(b, e)
	if e.c.Folded {
		return r.Has(bx, by)
	}
	return r.Has(bx, by) && by-r.Y <= bandH
}

// foldItem is the context menu's "Fold group" or "Unfold group" for
// card id, or nil when it is not a group.
func (b *Board) foldItem(id string) *fyne.MenuItem {
	e := b.cards[id]
	if e == nil || e.c.Kind != data.KindGroup {
		return nil
	}
	label := "Fold group"
	if e.c.Folded {
		label = "Unfold group"
	}
	it := fyne.NewMenuItem(label, func() {
		if b.OnFold != nil {
			b.OnFold([]string{id})
		}
	})
	it.Disabled = b.readOnly || b.OnFold == nil
	return it
}
