package source

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"time"

	"golang.org/x/image/draw"

	"evidenceboard/data"
)

// extractImage checks the header's dimensions before any pixel is decoded,
// then decodes once to make the thumbnail. An image has no text: it has one
// page and no paragraphs, so a quote can never be verified against it.
func extractImage(doc *Document, raw []byte, _ time.Time) error {
	var cfg image.Config
	var err error
	if doc.Type == TypePNG {
		cfg, err = png.DecodeConfig(bytes.NewReader(raw))
	} else {
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(raw))
	}
	if err != nil {
		return fail(doc.Name, "the %s is damaged (%s)", describe[doc.Type], data.OneLine(err.Error(), 120))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fail(doc.Name, "the %s has no pixels (%d × %d)", describe[doc.Type], cfg.Width, cfg.Height)
	}
	if cfg.Width > MaxImageSide || cfg.Height > MaxImageSide || int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return fail(doc.Name, "the image is %d × %d pixels, over the limit of %d pixels a side and %d megapixels",
			cfg.Width, cfg.Height, MaxImageSide, MaxImagePixels/1_000_000)
	}
	doc.Width, doc.Height = cfg.Width, cfg.Height
	var img image.Image
	if doc.Type == TypePNG {
		img, err = png.Decode(bytes.NewReader(raw))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(raw))
	}
	if err != nil {
		return fail(doc.Name, "the %s is damaged (%s)", describe[doc.Type], data.OneLine(err.Error(), 120))
	}
	if cfg.Width <= ThumbnailSide && cfg.Height <= ThumbnailSide {
		doc.Thumbnail = raw // small already: the original is its own thumbnail
		return nil
	}
	doc.Thumbnail, err = thumbnail(img, doc.Type)
	if err != nil {
		return fail(doc.Name, "cannot make a thumbnail of the %s (%s)", describe[doc.Type], data.OneLine(err.Error(), 120))
	}
	return nil
}

// thumbnail scales img to at most ThumbnailSide on its longest side (never
// up) and encodes it as the source was: PNG keeps transparency and sharp
// text in screenshots, JPEG keeps photographs small.
func thumbnail(img image.Image, kind string) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > ThumbnailSide || h > ThumbnailSide {
		if w >= h {
			w, h = ThumbnailSide, max(1, h*ThumbnailSide/b.Dx())
		} else {
			w, h = max(1, w*ThumbnailSide/b.Dy()), ThumbnailSide
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var out bytes.Buffer
	var err error
	if kind == TypePNG {
		err = png.Encode(&out, dst)
	} else {
		err = jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85})
	}
	return out.Bytes(), err
}
