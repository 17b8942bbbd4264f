package board

import (
	"container/list"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data"
)

// PictureFunc gives the board the picture of a stored document: the board
// calls it on the UI thread, once per document, when a source card
// showing that document comes into view and its picture is not in the
// board's cache. It must not block: it starts the work and calls done
// once, on the UI thread (at once, or later through fyne.Do), with the
// picture, or with nil when the document has none (it is not an image, or
// cannot be read). The board and the app never read a file on the UI
// thread for a picture.
type PictureFunc func(docID string, done func(image.Image))

// maxPicturePixels bounds the decoded pictures the board keeps, in
// pixels (4 bytes each): about sixty thumbnails of 512 × 512. A card in
// view keeps its own picture whatever the cache drops, so the bound costs
// a reload only for cards that come back into view. A variable so that
// tests can make it small.
var maxPicturePixels = 16 << 20

// minPicture is the smallest room, in board units, a card's picture is
// drawn in: less shows nothing recognisable.
const minPicture = 24

// pictureGap is the margin between a picture and the text above and below it.
const pictureGap = 4

// pictures is the board's cache of decoded pictures, least recently used
// first out, counted in pixels, and the documents asked for and known to
// have none. Documents are content-addressed, so a picture stays right
// for its ID on any board.
type pictures struct {
	load    PictureFunc
	arrived func(doc string) // redraws the cards showing doc (Board.pictureArrived)
	gen     int              // bumped by SetPictures: answers to an older loader are dropped
	lru     list.List
	byDoc   map[string]*list.Element
	pixels  int
	none    map[string]bool // documents without a picture
	pending map[string]bool // asked for, not answered yet
	loads   int             // how many times load was called (tests)
}

// picEntry is one cached picture.
type picEntry struct {
	doc    string
	img    image.Image
	pixels int
}

// get returns the cached picture of doc, marking it used, or nil.
func (p *pictures) get(doc string) image.Image {
	el := p.byDoc[doc]
	if el == nil {
		return nil
	}
	p.lru.MoveToFront(el)
	return el.Value.(*picEntry).img
}

// put caches img as doc's picture and drops the least recently used
// pictures until the cache is within maxPicturePixels (a picture larger
// than that alone is kept until the next one comes).
func (p *pictures) put(doc string, img image.Image) {
	if p.byDoc == nil {
		p.byDoc = map[string]*list.Element{}
	}
	if el := p.byDoc[doc]; el != nil {
		p.lru.MoveToFront(el)
		return
	}
	b := img.Bounds()
	e := &picEntry{doc: doc, img: img, pixels: b.Dx() * b.Dy()}
	p.byDoc[doc] = p.lru.PushFront(e)
	p.pixels += e.pixels
	for p.pixels > maxPicturePixels && p.lru.Len() > 1 {
		old := p.lru.Back().Value.(*picEntry)
		p.lru.Remove(p.lru.Back())
		delete(p.byDoc, old.doc)
		p.pixels -= old.pixels
	}
}

// request asks the loader for doc's picture unless it was asked already
// or is known to have none. It returns the picture if the loader answered
// at once; a later answer calls p.arrived(doc).
func (p *pictures) request(doc string) image.Image {
	if p.load == nil || p.pending[doc] || p.none[doc] {
		return nil
	}
	if p.pending == nil {
		p.pending, p.none = map[string]bool{}, map[string]bool{}
	}
	p.pending[doc] = true
	p.loads++
	gen, sync := p.gen, true
	var got image.Image
	p.load(doc, func(img image.Image) {
		if gen != p.gen || !p.pending[doc] {
			return // a loader replaced since, or done called twice
		}
		delete(p.pending, doc)
		if img == nil || img.Bounds().Empty() {
			p.none[doc] = true
			return
		}
		p.put(doc, img)
		if sync {
			got = img
			return
		}
		p.arrived(doc)
	})
	sync = false
	return got
}

// SetPictures sets where the board gets the pictures of image sources: a
// source card whose document has a picture shows it below its title,
// scaled to fit and keeping its aspect. Pictures already cached stay (a
// document's ID is its content's hash); what the previous loader was
// asked and has not answered is asked again of this one.
func (b *Board) SetPictures(load PictureFunc) {
	p := &b.ext.pics
	p.load, p.arrived = load, b.pictureArrived
	p.gen++
	p.pending, p.none = nil, nil
	for _, e := range b.sc.liveCards {
		if mayHavePicture(e.c) {
			b.sc.drawCard(e)
		}
	}
}

// ShowsPicture reports whether card id is drawn with a picture now.
func (b *Board) ShowsPicture(id string) bool {
	e := b.cards[id]
	return e != nil && e.view != nil && e.view.extra.pic != nil && e.view.extra.pic.Visible() && e.view.extra.pic.Image != nil
}

// mayHavePicture is whether the app is asked for card c's picture: a
// source card with a document (the app knows which documents are images).
func mayHavePicture(c *data.Card) bool {
	return c != nil && c.Kind == data.KindSource && c.Document != ""
}

// pictureArrived redraws the cards in view that show document doc.
func (b *Board) pictureArrived(doc string) {
	for _, e := range b.sc.liveCards {
		if mayHavePicture(e.c) && e.c.Document == doc {
			b.sc.drawCard(e)
			b.repaint(e.view.box)
		}
	}
}

// repaint asks the board's canvas to paint o again. The extras are made,
// or shown, after the canvas last walked the board, so their own Refresh
// reaches no canvas: when they change alone (a picture or a mark came in
// later), nothing else would have the window painted.
func (b *Board) repaint(o fyne.CanvasObject) {
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(b); c != nil {
			c.Refresh(o)
		}
	}
}

// cardExtra is what a card view draws of what the app knows beyond the
// model: an image source's picture (picture.go) and a quote's check
// (quotemark.go). Its objects are made when a card first needs them and
// placed by cardView.rebuild between the card's text and its veil.
type cardExtra struct {
	pic    *canvas.Image
	picDoc string // the document whose picture pic holds
	mark   *markView
	objs   []fyne.CanvasObject
}

// objects are the extra objects in drawing order.
func (x *cardExtra) objects() []fyne.CanvasObject { return x.objs }

// release lets go of the picture when the view leaves the view, so that
// pooled views hold no pictures and the cache's bound is the memory's.
func (x *cardExtra) release() {
	if x.pic != nil {
		x.pic.Image, x.picDoc = nil, ""
		x.pic.Hide()
	}
	if x.mark != nil {
		x.mark.hide()
	}
}

// drawExtras draws card e's picture and quote mark; the scene calls it
// after drawing the card with layout l at size w×h and zoom z.
func (b *Board) drawExtras(e *cardEnt, l *cardLayout, w, h, z float64) {
	if e.view == nil {
		return
	}
	b.drawPicture(e, l, w, h, z)
	b.drawQuoteMark(e, w, h, z)
}

// drawPicture shows card e's picture in the largest free band below its
// title, or hides it. A card is drawn with a picture only with its full
// layout: compact cards show their title alone.
func (b *Board) drawPicture(e *cardEnt, l *cardLayout, w, h, z float64) {
	v := e.view
	x := &v.extra
	var img image.Image
	doc := ""
	if mayHavePicture(e.c) && l != nil && !l.titleOnly && z >= compactZoom {
		doc = e.c.Document
		if x.picDoc == doc && x.pic != nil && x.pic.Image != nil {
			img = x.pic.Image
			if b.ext.pics.get(doc) == nil {
				b.ext.pics.put(doc, img) // in use: recently used again
			}
		} else if img = b.ext.pics.get(doc); img == nil {
			img = b.ext.pics.request(doc)
		}
	}
	var r rect
	ok := img != nil
	if ok {
		r, ok = pictureRect(l, w, h, img.Bounds())
	}
	if !ok {
		if x.pic != nil && (x.pic.Visible() || x.pic.Image != nil) {
			x.pic.Image, x.picDoc = nil, ""
			x.pic.Hide()
		}
		return
	}
	if x.pic == nil {
		x.pic = &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScaleSmooth}
		x.objs = append(x.objs, x.pic)
		v.rebuild()
	}
	changed := x.pic.Image != img
	x.pic.Image, x.picDoc = img, doc
	x.pic.Move(fyne.NewPos(float32(r.x*z), float32(r.y*z)))
	x.pic.Resize(fyne.NewSize(float32(r.w*z), float32(r.h*z)))
	x.pic.Show()
	if changed {
		x.pic.Refresh()
	}
}

// rect is a rectangle in board units, relative to a card's corner.
type rect struct{ x, y, w, h float64 }

// pictureRect is where a picture of size px goes on a card of w×h laid
// out as l: in the tallest band below the header that no text or chip
// crosses, as wide as the card's text, scaled to fit with its aspect kept,
// centred across and at the top of the band. ok is false when the band is
// smaller than minPicture either way.
func pictureRect(l *cardLayout, w, h float64, px image.Rectangle) (r rect, ok bool) {
	if l == nil || px.Dx() <= 0 || px.Dy() <= 0 {
		return rect{}, false
	}
	top := float64(headerY + headerH)
	// The bands taken, below the header: every line of text and every pill.
	type band struct{ from, to float64 }
	var buf [32]band // a card has fewer lines than this: no allocation
	taken := buf[:0]
	for _, t := range l.texts {
		if t.y >= top {
			taken = append(taken, band{t.y, t.y + lineHeight(t.size)})
		}
	}
	for _, p := range l.pills {
		if p.y >= top {
			taken = append(taken, band{p.y, p.y + p.h})
		}
	}
	bestFrom, bestTo := 0.0, 0.0
	from := top
	for {
		// The next taken band at or below from.
		next, nextTo := h-cardPad+pictureGap, 0.0
		for _, t := range taken {
			if t.to > from && t.from < next {
				next, nextTo = t.from, t.to
			}
		}
		if next > from && next-from > bestTo-bestFrom {
			bestFrom, bestTo = from, next
		}
		if nextTo == 0 {
			break
		}
		if nextTo > from {
			from = nextTo
		}
	}
	avail := rect{x: cardPad, y: bestFrom + pictureGap, w: w - 2*cardPad, h: bestTo - bestFrom - 2*pictureGap}
	if avail.w < minPicture || avail.h < minPicture {
		return rect{}, false
	}
	s := min(avail.w/float64(px.Dx()), avail.h/float64(px.Dy()))
	pw, ph := float64(px.Dx())*s, float64(px.Dy())*s
	return rect{x: avail.x + (avail.w-pw)/2, y: avail.y, w: pw, h: ph}, true
}
