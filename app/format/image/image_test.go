package image

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"evidenceboard/app/format/formattest"
	"evidenceboard/data"
)

func near(a, b color.Color, tol int) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) int { return int(math.Abs(float64(x>>8) - float64(y>>8))) }
	return d(r1, r2) <= tol && d(g1, g2) <= tol && d(b1, b2) <= tol
}

// TestPNGLooksLikeTheBoard samples the picture of the sample case where
// the board shows known colours: the background, each card's fill near
// its bottom-right corner (clear of text), each card's kind strip.
func TestPNGLooksLikeTheBoard(t *testing.T) {
	m := formattest.Sample(t)
	for _, scale := range []float64{1, 0.5} {
		var buf bytes.Buffer
		used, err := PNG(&buf, m, Options{Scale: scale})
		if err != nil {
			t.Fatal(err)
		}
		if used != scale {
			t.Errorf("scale %v drawn at %v", scale, used)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		lay := newLayout(m)
		if b := img.Bounds(); b.Dx() != int(math.Ceil(lay.w*scale)) || b.Dy() != int(math.Ceil(lay.h*scale)) {
			t.Errorf("scale %v: %v for a board %vx%v", scale, b, lay.w, lay.h)
		}
		at := func(x, y float64) color.Color {
			return img.At(int((x-lay.minX)*scale), int((y-lay.minY)*scale))
		}
		if !near(at(lay.minX+5, lay.minY+5), hex(background), 2) {
			t.Errorf("scale %v: background is %v", scale, at(lay.minX+5, lay.minY+5))
		}
		checked := 0
		for _, c := range m.Cards {
			covered := false
			for _, o := range m.Cards { // a card under another shows the other's colour
				if o != c && o.Y >= c.Y && o.X < c.X+c.Width && o.X+o.Width > c.X && o.Y < c.Y+c.Height && o.Y+o.Height > c.Y {
					covered = true
				}
			}
			px, py := c.X+c.Width-4, c.Y+c.Height-4
			sx, sy := c.X+c.Width/2, c.Y+strip/2
			labelAt := func(x, y float64) bool { // a link's label is drawn over cards
				for _, l := range lay.links {
					mx, my := (l.x0+l.x1)/2, (l.y0+l.y1)/2
					if l.label != "" && math.Abs(x-mx) < width(l.label, false, labelSize)/2+8 && math.Abs(y-my) < labelSize {
						return true
					}
				}
				return false
			}
			if covered || labelAt(px, py) || labelAt(sx, sy) {
				continue
			}
			checked++
			fill := c.Kind.DefaultColor()
			if c.Color != "" {
				fill = c.Color
			}
			if got := at(px, py); !near(got, hex(fill), 8) {
				t.Errorf("scale %v: %q is %v, want %s", scale, c.Title, got, fill)
			}
			if got := at(sx, sy); !near(got, hex(c.Kind.AccentColor()), 40) {
				t.Errorf("scale %v: %q's strip is %v, want %s", scale, c.Title, got, c.Kind.AccentColor())
			}
		}
		if checked < len(m.Cards)*2/3 {
			t.Errorf("scale %v: only %d of %d cards could be looked at", scale, checked, len(m.Cards))
		}
	}
}

func TestPNGHasText(t *testing.T) {
	// Text is drawn: the title area of a card has dark pixels.
	m := data.NewModel(data.Board{})
	m.Cards["a"] = &data.Card{ID: "a", Kind: data.KindNote, Title: "Hello board", Width: 200, Height: 90}
	var buf bytes.Buffer
	if _, err := PNG(&buf, m, Options{Scale: 1}); err != nil {
		t.Fatal(err)
	}
	img, _ := png.Decode(&buf)
	dark := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 100 {
				dark++
			}
		}
	}
	if dark < 30 {
		t.Errorf("%d dark pixels: no text drawn", dark)
	}
}

func TestPNGLimit(t *testing.T) {
	m := data.NewModel(data.Board{})
	m.Cards["a"] = &data.Card{ID: "a", Kind: data.KindNote, Title: "a", X: -data.MaxCoord, Y: -data.MaxCoord, Width: 200, Height: 90}
	m.Cards["b"] = &data.Card{ID: "b", Kind: data.KindNote, Title: "b", X: data.MaxCoord - 200, Y: data.MaxCoord - 90, Width: 200, Height: 90}
	used, err := PNG(io.Discard, m, Options{Scale: 4})
	if err != nil {
		t.Fatal(err)
	}
	if w := 2 * data.MaxCoord * used; w*w > MaxPixels*1.01 {
		t.Errorf("a board 2e7 wide drawn at %v", used)
	}
	for _, s := range []float64{math.NaN(), math.Inf(1), -1, 0} {
		if _, err := PNG(io.Discard, data.NewModel(data.Board{}), Options{Scale: s}); err != nil {
			t.Errorf("scale %v: %v", s, err)
		}
	}
}

func TestSVG(t *testing.T) {
	m := formattest.Sample(t)
	for _, c := range m.Cards {
		if c.Kind == data.KindClaim {
			c.Title = "Tags <b>&amp; \"quotes\"</b> ]]> \x01"
			break
		}
	}
	var buf bytes.Buffer
	if err := SVG(&buf, m); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	rects, texts := 0, 0
	var all strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tt := tok.(type) {
		case xml.StartElement:
			switch tt.Name.Local {
			case "rect":
				rects++
			case "text":
				texts++
			}
		case xml.CharData:
			all.Write(tt)
		}
	}
	if rects < 2*len(m.Cards) || texts < 2*len(m.Cards) {
		t.Errorf("%d rects, %d texts for %d cards", rects, texts, len(m.Cards))
	}
	for _, c := range m.Cards {
		words := strings.Fields(c.Title)
		if len(words) > 0 && !strings.Contains(all.String(), words[0]) {
			t.Errorf("the title of %q is not in the SVG", c.Title)
		}
	}
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		f := filepath.Join(t.TempDir(), "board.svg")
		if err := writeFile(f, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(xmllint, "--noout", f).CombinedOutput(); err != nil {
			t.Errorf("xmllint: %v %s", err, out)
		}
	}
}

func TestWrap(t *testing.T) {
	if err := loadFonts(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		w    float64
	}{
		{"a few short words to wrap in a narrow card", 80},
		{"Averyveryverylongwordwithoutanyspacesatall", 60},
		{"ünïcödé wörds ünd mörë", 50},
	}
	for _, tt := range tests {
		lines := wrap(tt.text, false, bodySize, tt.w)
		if strings.Join(strings.Fields(strings.Join(lines, " ")), "") != strings.Join(strings.Fields(tt.text), "") {
			t.Errorf("%q wrapped loses text: %q", tt.text, lines)
		}
		for _, l := range lines {
			if width(l, false, bodySize) > tt.w && len([]rune(l)) > 1 {
				t.Errorf("%q: line %q is %v wide, over %v", tt.text, l, width(l, false, bodySize), tt.w)
			}
		}
	}
}

func generated(b *testing.B) *data.Model {
	bd, gen := data.Generate(10000, 1)
	m := data.NewModel(bd)
	m.Apply(gen)
	return m
}

func BenchmarkPNG10k(b *testing.B) {
	m := generated(b)
	for b.Loop() {
		if err := ExportPNG(io.Discard, m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVG10k(b *testing.B) {
	m := generated(b)
	for b.Loop() {
		if err := SVG(io.Discard, m); err != nil {
			b.Fatal(err)
		}
	}
}

func writeFile(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }
