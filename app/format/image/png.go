package image

import (
	stdimage "image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"evidenceboard/data"
)

// MaxPixels bounds a PNG's size (about 5000 × 3200): a board larger than
// that at the chosen scale is drawn smaller, so that a 10,000-card board
// does not ask for gigabytes, nor take long to compress.
const MaxPixels = 16_000_000

// Options are a PNG's.
type Options struct {
	// Scale is pixels per board unit; 0 means 1 (100%).
	Scale float64
}

// PNG draws m as a PNG picture to w at opt.Scale (made smaller if the
// picture would be over MaxPixels). It returns the scale used.
func PNG(w io.Writer, m *data.Model, opt Options) (float64, error) {
	if err := loadFonts(); err != nil {
		return 0, err
	}
	drawMu.Lock()
	defer drawMu.Unlock()
	lay := newLayout(m)
	s := opt.Scale
	if s <= 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		s = 1
	}
	s = math.Min(s, 8)
	if px := lay.w * lay.h * s * s; px > MaxPixels {
		s *= math.Sqrt(MaxPixels / px)
	}
	W, H := max(1, int(math.Ceil(lay.w*s))), max(1, int(math.Ceil(lay.h*s)))
	r := &raster{img: stdimage.NewRGBA(stdimage.Rect(0, 0, W, H)), s: s, ox: lay.minX, oy: lay.minY}
	draw.Draw(r.img, r.img.Bounds(), stdimage.NewUniform(hex(background)), stdimage.Point{}, draw.Src)
	for _, c := range lay.frames { // groups, under the links
		r.card(c)
	}
	for _, l := range lay.links {
		r.line(l.x0, l.y0, l.x1, l.y1, 1.5, l.color, l.dashed)
		if l.directed {
			a := arrow(l.x0, l.y0, l.x1, l.y1, 10)
			r.poly([][2]float64{{a[0], a[1]}, {a[2], a[3]}, {a[4], a[5]}}, l.color)
		}
	}
	for _, c := range lay.cards {
		r.card(c)
	}
	for _, l := range lay.links {
		if l.label == "" {
			continue
		}
		tw := width(l.label, false, labelSize)
		mx, my := (l.x0+l.x1)/2, (l.y0+l.y1)/2
		h := labelSize * 1.4
		r.roundRect(mx-tw/2-3, my-h/2, tw+6, h, h/3, "#ffffff")
		r.text(mx-tw/2, my+labelSize*0.35, l.label, labelSize, false, l.color)
	}
	// Fast compression: a board is mostly flat colour, which compresses
	// well at any level, and the best level takes several times longer.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return s, enc.Encode(w, r.img)
}

// ExportPNG is PNG at 100% (smaller for a large board), for the export
// command.
func ExportPNG(w io.Writer, m *data.Model) error {
	_, err := PNG(w, m, Options{Scale: 1})
	return err
}

// card draws a card (or a group's frame) with its text.
func (r *raster) card(c cardShape) {
	rad := math.Min(radius, math.Min(c.w, c.h)/4)
	// The border is the accent drawn a little larger under the fill.
	r.roundRect(c.x-0.6, c.y-0.6, c.w+1.2, c.h+1.2, rad+0.6, c.accent)
	r.roundRect(c.x+0.6, c.y+0.6, c.w-1.2, c.h-1.2, math.Max(0, rad-0.6), c.fill)
	r.poly([][2]float64{{c.x + rad*0.6, c.y}, {c.x + c.w - rad*0.6, c.y}, {c.x + c.w - rad*0.6, c.y + strip}, {c.x + rad*0.6, c.y + strip}}, c.accent)
	for _, t := range c.lines {
		r.text(t.x, t.y, t.text, t.size, t.bold, t.color)
	}
}

type raster struct {
	img    *stdimage.RGBA
	s      float64
	ox, oy float64
	z      vector.Rasterizer
}

func (r *raster) pt(x, y float64) (float32, float32) {
	return float32((x - r.ox) * r.s), float32((y - r.oy) * r.s)
}

// fill rasterises a path given in pixels over its bounding box only.
func (r *raster) fill(pts [][2]float32, build func(z *vector.Rasterizer, dx, dy float32), col string) {
	minX, minY, maxX, maxY := float32(math.Inf(1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, p := range pts {
		minX, minY = min(minX, p[0]), min(minY, p[1])
		maxX, maxY = max(maxX, p[0]), max(maxY, p[1])
	}
	b := r.img.Bounds()
	x0, y0 := max(0, int(math.Floor(float64(minX)))), max(0, int(math.Floor(float64(minY))))
	x1, y1 := min(b.Dx(), int(math.Ceil(float64(maxX)))+1), min(b.Dy(), int(math.Ceil(float64(maxY)))+1)
	if x1 <= x0 || y1 <= y0 {
		return
	}
	r.z.Reset(x1-x0, y1-y0)
	build(&r.z, float32(x0), float32(y0))
	rect := stdimage.Rect(x0, y0, x1, y1)
	r.z.Draw(r.img, rect, stdimage.NewUniform(hex(col)), stdimage.Point{})
}

func (r *raster) poly(pts [][2]float64, col string) {
	px := make([][2]float32, len(pts))
	for i, p := range pts {
		px[i][0], px[i][1] = r.pt(p[0], p[1])
	}
	r.fill(px, func(z *vector.Rasterizer, dx, dy float32) {
		z.MoveTo(px[0][0]-dx, px[0][1]-dy)
		for _, p := range px[1:] {
			z.LineTo(p[0]-dx, p[1]-dy)
		}
		z.ClosePath()
	}, col)
}

func (r *raster) roundRect(x, y, w, h, rad float64, col string) {
	if w <= 0 || h <= 0 {
		return
	}
	x0, y0 := r.pt(x, y)
	x1, y1 := r.pt(x+w, y+h)
	k := float32(rad * r.s)
	r.fill([][2]float32{{x0, y0}, {x1, y1}}, func(z *vector.Rasterizer, dx, dy float32) {
		a, b, c, d := x0-dx, y0-dy, x1-dx, y1-dy
		z.MoveTo(a+k, b)
		z.LineTo(c-k, b)
		z.QuadTo(c, b, c, b+k)
		z.LineTo(c, d-k)
		z.QuadTo(c, d, c-k, d)
		z.LineTo(a+k, d)
		z.QuadTo(a, d, a, d-k)
		z.LineTo(a, b+k)
		z.QuadTo(a, b, a+k, b)
		z.ClosePath()
	}, col)
}

// line strokes a line as a thin quadrilateral, in dashes when asked.
func (r *raster) line(x0, y0, x1, y1, w float64, col string, dashed bool) {
	d := math.Hypot(x1-x0, y1-y0)
	if d < 1e-9 {
		return
	}
	ux, uy := (x1-x0)/d, (y1-y0)/d
	seg := func(a, b float64) {
		px, py := -uy*w/2, ux*w/2
		sx, sy, ex, ey := x0+ux*a, y0+uy*a, x0+ux*b, y0+uy*b
		r.poly([][2]float64{{sx + px, sy + py}, {ex + px, ey + py}, {ex - px, ey - py}, {sx - px, sy - py}}, col)
	}
	if !dashed || r.s < 0.3 {
		seg(0, d) // dashes under 2 px apart read as a line anyway
		return
	}
	for a := 0.0; a < d && a < 1e6; a += 10 {
		seg(a, math.Min(a+6, d))
	}
}

func (r *raster) text(x, y float64, s string, size float64, bold bool, col string) {
	px := size * r.s
	if px < 4 {
		return // too small to read: a picture of a large board shows its shapes
	}
	f := face(bold, px)
	if f == nil {
		return
	}
	X, Y := r.pt(x, y)
	dr := font.Drawer{Dst: r.img, Src: stdimage.NewUniform(hex(col)), Face: f,
		Dot: fixed.Point26_6{X: fixed.Int26_6(X * 64), Y: fixed.Int26_6(Y * 64)}}
	dr.DrawString(s)
}

// hex reads "#rrggbb".
func hex(s string) color.RGBA {
	if len(s) != 7 {
		return color.RGBA{128, 128, 128, 255}
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{128, 128, 128, 255}
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}
