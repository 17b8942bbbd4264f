package board

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"evidenceboard/data"
	"evidenceboard/data/cputime"
)

// solid is a w×h picture of one colour.
func solid(w, h int, c color.NRGBA) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{C: c}, image.Point{}, draw.Src)
	return img
}

var picRed = color.NRGBA{R: 0xe0, G: 0x10, B: 0x10, A: 0xff}

// docID is a made-up document ID for n.
func docID(n int) string { return fmt.Sprintf("%064x", n+1) }

// pictureBoard has an image source, a source whose document is text, a
// source with no document, a quote and a note.
func pictureBoard() *data.Model {
	m := data.NewModel(data.Board{Title: "pictures"})
	m.Apply(data.Change{PutCards: []data.Card{
		{ID: "image", Kind: data.KindSource, Title: "Harbour photo", Document: docID(1), X: 20, Y: 20, Width: 240, Height: 200},
		{ID: "text", Kind: data.KindSource, Title: "Inspection log", Document: docID(2), X: 300, Y: 20, Width: 240, Height: 200},
		{ID: "plain", Kind: data.KindSource, Title: "A web page", X: 580, Y: 20, Width: 240, Height: 200},
		{ID: "quote", Kind: data.KindQuote, Title: "Interview", QuoteText: "I signed it.", SourceID: "image", X: 20, Y: 260, Width: 240, Height: 120},
		{ID: "note", Kind: data.KindNote, Title: "Ask", X: 300, Y: 260, Width: 200, Height: 90},
	}})
	return m
}

// loaderOf answers from pics at once; asked counts the questions.
func loaderOf(pics map[string]image.Image, asked map[string]int) PictureFunc {
	return func(doc string, done func(image.Image)) {
		asked[doc]++
		done(pics[doc])
	}
}

// picOf is card id's picture object, nil if its view has none.
func picOf(b *Board, id string) *canvas.Image {
	e := b.cards[id]
	if e == nil || e.view == nil {
		return nil
	}
	return e.view.extra.pic
}

func TestPictureShownOnImageCardsOnly(t *testing.T) {
	b, win := show(t, pictureBoard(), 900, 420)
	asked := map[string]int{}
	b.SetPictures(loaderOf(map[string]image.Image{docID(1): solid(200, 100, picRed)}, asked))

	for id, want := range map[string]bool{"image": true, "text": false, "plain": false, "quote": false, "note": false} {
		if got := b.ShowsPicture(id); got != want {
			t.Errorf("card %s shows a picture: %v, want %v", id, got, want)
		}
	}
	if asked[docID(1)] != 1 || asked[docID(2)] != 1 || len(asked) != 2 {
		t.Errorf("the loader was asked %v: once for each source's document, for nothing else", asked)
	}

	// Below the title, as wide as the text, its aspect kept.
	p := picOf(b, "image")
	e := b.cards["image"]
	var titleBottom float64
	for _, r := range e.layout.texts {
		if r.size == titleSize {
			titleBottom = max(titleBottom, r.y+lineHeight(r.size))
		}
	}
	if titleBottom == 0 {
		t.Fatal("no title laid out")
	}
	pos, size := p.Position(), p.Size()
	if float64(pos.Y) < titleBottom || pos.Y+size.Height > 200-cardPad+0.5 {
		t.Errorf("picture at y %v..%v, title ends at %v, card 200 high", pos.Y, pos.Y+size.Height, titleBottom)
	}
	if r := size.Width / size.Height; r < 1.98 || r > 2.02 {
		t.Errorf("picture %v: aspect %.3f, want 2", size, r)
	}
	if size.Width > 240-2*cardPad+0.5 {
		t.Errorf("picture %v wider than the card's text", size)
	}

	// What a person sees: red in the middle of the picture, on that card only.
	img := win.Canvas().Capture()
	cpos, _, _ := b.CardScreenRect("image")
	mid := cpos.Add(pos).AddXY(size.Width/2, size.Height/2)
	if c := pixel(img, mid); !near(c, picRed) {
		t.Errorf("middle of the picture is %v, want %v", c, picRed)
	}
	for _, id := range []string{"text", "plain"} {
		other, _, _ := b.CardScreenRect(id)
		if c := pixel(img, other.Add(pos).AddXY(size.Width/2, size.Height/2)); near(c, picRed) {
			t.Errorf("card %s shows red where the image card has its picture", id)
		}
	}

	// Asked once: drawing again takes it from the cache.
	b.Changed("image")
	b.SetZoom(1.5)
	b.SetZoom(1)
	if asked[docID(1)] != 1 || !b.ShowsPicture("image") {
		t.Errorf("asked %d times; shown %v", asked[docID(1)], b.ShowsPicture("image"))
	}

	// Zoomed out, cards show their title alone.
	b.SetZoom(0.3)
	if b.ShowsPicture("image") {
		t.Error("a compact card shows its picture")
	}
}

// pixel is the colour of img at p (canvas coordinates; the test canvas has
// a scale of 1).
func pixel(img image.Image, p fyne.Position) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(int(p.X), int(p.Y))).(color.NRGBA)
}

func near(a, b color.NRGBA) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) < 12 && d(a.G, b.G) < 12 && d(a.B, b.B) < 12
}

// TestPictureArrivesLater: a loader that answers later (as the app's
// does, off the UI thread) leaves the card without a picture until then,
// and the answer draws it; an answer for a replaced loader is dropped.
func TestPictureArrivesLater(t *testing.T) {
	b, _ := show(t, pictureBoard(), 900, 420)
	var waiting []func(image.Image)
	b.SetPictures(func(doc string, done func(image.Image)) {
		if doc == docID(1) {
			waiting = append(waiting, done)
		} else {
			done(nil)
		}
	})
	if b.ShowsPicture("image") || len(waiting) != 1 {
		t.Fatalf("before the answer: shown %v, %d waiting", b.ShowsPicture("image"), len(waiting))
	}
	b.Changed("image") // redrawn while waiting: not asked again
	if len(waiting) != 1 {
		t.Fatalf("asked again while waiting: %d", len(waiting))
	}
	waiting[0](solid(50, 50, picRed))
	if !b.ShowsPicture("image") {
		t.Fatal("the answer did not draw the picture")
	}

	// A new loader (another board opened): the old one's late answers
	// are dropped, and the cache is kept (a document ID is its hash).
	b2, _ := show(t, pictureBoard(), 900, 420)
	var stale func(image.Image)
	b2.SetPictures(func(doc string, done func(image.Image)) {
		if doc == docID(1) {
			stale = done
		}
	})
	b2.SetPictures(func(doc string, done func(image.Image)) {})
	stale(solid(50, 50, picRed))
	if b2.ShowsPicture("image") {
		t.Error("an answer to a replaced loader was shown")
	}
}

// imageBoard is n image source cards in a grid, each its own document.
func imageBoard(n int) *data.Model {
	m := data.NewModel(data.Board{Title: "images"})
	var ch data.Change
	for i := 0; i < n; i++ {
		ch.PutCards = append(ch.PutCards, data.Card{ID: fmt.Sprintf("img-%04d", i), Kind: data.KindSource,
			Title: fmt.Sprintf("Photo %d", i), Document: docID(i), X: float64(i%40) * 300, Y: float64(i/40) * 260,
			Width: 240, Height: 200})
	}
	m.Apply(ch)
	return m
}

// TestPicturesCulled: only cards in view hold pictures; views given back
// to the pool hold none, and the cache stays within its bound however far
// the view travels.
func TestPicturesCulled(t *testing.T) {
	keep := maxPicturePixels
	maxPicturePixels = 20 * 120 * 90 // twenty pictures
	defer func() { maxPicturePixels = keep }()
	m := imageBoard(400)
	b, _ := show(t, m, 1000, 700)
	pics := map[string]image.Image{}
	for i := 0; i < 400; i++ {
		pics[docID(i)] = solid(120, 90, color.NRGBA{R: uint8(i), G: 0x80, B: 0x40, A: 0xff})
	}
	asked := map[string]int{}
	b.SetPictures(loaderOf(pics, asked))

	check := func(when string) {
		t.Helper()
		live := map[*cardView]bool{}
		shown := 0
		for _, e := range b.sc.liveCards {
			live[e.view] = true
			if b.ShowsPicture(e.id) {
				shown++
			}
		}
		if shown == 0 {
			t.Fatalf("%s: no picture shown", when)
		}
		held := 0
		for _, o := range b.sc.cardLayer.Objects {
			for _, v := range b.sc.freeCards {
				if v.box == o && v.extra.pic != nil && (v.extra.pic.Image != nil || v.extra.pic.Visible()) {
					t.Fatalf("%s: a pooled view holds a picture", when)
				}
			}
		}
		for _, e := range b.sc.liveCards {
			if e.view.extra.pic != nil && e.view.extra.pic.Image != nil {
				held++
			}
		}
		if held != shown {
			t.Errorf("%s: %d pictures held by %d cards showing one", when, held, shown)
		}
		if n := len(b.sc.liveCards); n >= 400 {
			t.Errorf("%s: %d cards live: nothing culled", when, n)
		}
		if p := b.ext.pics.pixels; p > maxPicturePixels {
			t.Errorf("%s: %d pixels cached, over the bound of %d", when, p, maxPicturePixels)
		}
	}
	check("at the start")
	for i := 0; i < 30; i++ {
		b.PanBy(400, 60)
		check(fmt.Sprintf("after pan %d", i))
	}
	// Every picture that was evicted and came back into view was asked
	// for again; none twice while waiting or cached.
	for i := 0; i < 20; i++ {
		b.PanBy(-600, -90)
	}
	check("back at the start")
	total := 0
	for _, n := range asked {
		total += n
	}
	if total <= len(asked) {
		t.Errorf("%d loads for %d documents: the bound evicted nothing", total, len(asked))
	}
}

func TestPictureCacheLRU(t *testing.T) {
	keep := maxPicturePixels
	maxPicturePixels = 3 * 100
	defer func() { maxPicturePixels = keep }()
	var p pictures
	for i := 0; i < 3; i++ {
		p.put(docID(i), solid(10, 10, picRed))
	}
	if p.get(docID(0)) == nil { // 0 is now the most recently used
		t.Fatal("lost a picture within the bound")
	}
	p.put(docID(3), solid(10, 10, picRed))
	if p.get(docID(1)) != nil {
		t.Error("the least recently used picture was kept over the bound")
	}
	for _, i := range []int{0, 2, 3} {
		if p.get(docID(i)) == nil {
			t.Errorf("picture %d dropped", i)
		}
	}
	if p.pixels != 300 || p.lru.Len() != 3 {
		t.Errorf("%d pixels in %d pictures", p.pixels, p.lru.Len())
	}
	p.put(docID(9), solid(30, 30, picRed)) // larger than the bound alone
	if p.lru.Len() != 1 || p.get(docID(9)) == nil {
		t.Errorf("a picture over the bound: %d kept", p.lru.Len())
	}
}

func TestPictureRect(t *testing.T) {
	line := func(y float64) textRun { return textRun{text: "x", x: cardPad, y: y, size: titleSize} }
	foot := lineHeight(footSize)
	tests := []struct {
		name   string
		texts  []textRun
		pills  []pill
		w, h   float64
		px     image.Rectangle
		ok     bool
		want   rect
		approx bool
	}{
		{"below a title", []textRun{line(30)}, nil, 240, 200, image.Rect(0, 0, 220, 110), true,
			rect{x: cardPad, y: 30 + lineHeight(titleSize) + pictureGap, w: 220, h: 110}, false},
		{"tall picture centred across", []textRun{line(30)}, nil, 240, 200, image.Rect(0, 0, 50, 500), true,
			rect{}, true},
		{"above a footer", []textRun{line(30), {text: "— A", x: cardPad, y: 200 - 8 - foot, size: footSize}}, nil, 240, 200,
			image.Rect(0, 0, 1000, 100), true, rect{x: cardPad, y: 30 + lineHeight(titleSize) + pictureGap, w: 220, h: 22}, false},
		{"no room", []textRun{line(30), line(30 + lineHeight(titleSize)), line(30 + 2*lineHeight(titleSize))}, nil, 220, 90,
			image.Rect(0, 0, 10, 10), false, rect{}, false},
		{"a chip row at the bottom", []textRun{line(30)}, []pill{{x: cardPad, y: 200 - 8 - 14, w: 40, h: 14}}, 240, 200,
			image.Rect(0, 0, 100, 100), true, rect{}, true},
		{"no pixels", []textRun{line(30)}, nil, 240, 200, image.Rectangle{}, false, rect{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &cardLayout{w: tt.w, h: tt.h, texts: tt.texts, pills: tt.pills}
			l.texts = append(l.texts, textRun{text: "SOURCE", x: cardPad, y: headerY + 2, size: badgeSize})
			r, ok := pictureRect(l, tt.w, tt.h, tt.px)
			if ok != tt.ok {
				t.Fatalf("ok %v, want %v (%+v)", ok, tt.ok, r)
			}
			if !ok {
				return
			}
			// Always: inside the card's text area, clear of every text and
			// pill below the header, aspect kept.
			if r.x < cardPad-1e-9 || r.x+r.w > tt.w-cardPad+1e-9 || r.y+r.h > tt.h-cardPad+1e-9 {
				t.Errorf("%+v outside the card", r)
			}
			for _, x := range l.texts {
				if x.y >= headerY+headerH && r.y < x.y+lineHeight(x.size) && x.y < r.y+r.h {
					t.Errorf("%+v crosses text at %v", r, x.y)
				}
			}
			for _, p := range l.pills {
				if r.y < p.y+p.h && p.y < r.y+r.h {
					t.Errorf("%+v crosses a pill at %v", r, p.y)
				}
			}
			if a, b := r.w/r.h, float64(tt.px.Dx())/float64(tt.px.Dy()); a/b < 0.999 || a/b > 1.001 {
				t.Errorf("aspect %v, want %v", a, b)
			}
			if !tt.approx && (abs(r.x-tt.want.x) > 0.01 || abs(r.y-tt.want.y) > 0.01 || abs(r.w-tt.want.w) > 0.01 || abs(r.h-tt.want.h) > 0.01) {
				t.Errorf("%+v, want %+v", r, tt.want)
			}
			if tt.name == "tall picture centred across" && abs((r.x+r.w/2)-tt.w/2) > 0.01 {
				t.Errorf("%+v not centred on the card", r)
			}
		})
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// benchPanModel is benchPan on a given board, with setup run on the board
// before the timer starts.
func benchPanModel(b *testing.B, m *data.Model, setup func(*Board)) {
	bd, _ := show(b, m, 1280, 800)
	if setup != nil {
		setup(bd)
	}
	bd.FitAll()
	bd.SetZoom(1)
	b.ReportAllocs()
	runtime.GC()
	b.ResetTimer()
	cpu := cputime.Now()
	dir := 1.0
	for i := 0; i < b.N; i++ {
		if i%400 == 0 {
			dir = -dir
		}
		bd.PanBy(dir*15, dir*7)
	}
	reportCPU(b, cpu)
	b.StopTimer()
	b.ReportMetric(float64(bd.VisibleCardCount()), "live-cards")
}

// BenchmarkPanStepImages is BenchmarkPanStep's 1,000 cards as image
// sources with their pictures (the floor: the same cards as sources
// without a document). Pictures come from a loader that answers at once
// from sixteen 512 × 384 images; the cache holds about sixty, so panning
// over the board also evicts and reloads.
func BenchmarkPanStepImages(b *testing.B) {
	pics := map[string]image.Image{}
	base := generated(1000)
	i := 0
	for _, c := range base.SortedCards() {
		c.Kind, c.Document = data.KindSource, docID(i)
		c.Height = max(c.Height, 180) // room for a picture below the title
		if i < 16 {
			pics[docID(i)] = solid(512, 384, color.NRGBA{R: uint8(i * 16), G: 0x80, B: 0x40, A: 0xff})
		} else {
			pics[docID(i)] = pics[docID(i%16)]
		}
		i++
	}
	plain := data.NewModel(base.Board)
	for id, c := range base.Cards {
		cc := c.Clone()
		cc.Document = ""
		plain.Cards[id] = &cc
	}
	for id, l := range base.Links {
		plain.Links[id] = l
	}
	b.Run("plain", func(b *testing.B) { benchPanModel(b, plain, nil) })
	b.Run("images", func(b *testing.B) {
		benchPanModel(b, base, func(bd *Board) {
			bd.SetPictures(func(doc string, done func(image.Image)) { done(pics[doc]) })
			bd.FitAll()
			bd.SetZoom(1)
			shown := 0
			for id := range base.Cards {
				if bd.ShowsPicture(id) {
					shown++
				}
			}
			if shown == 0 {
				b.Fatal("no pictures shown")
			}
		})
	})
}
