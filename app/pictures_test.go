package app

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	"evidenceboard/data"
)

// TestImageSourceShowsItsPicture adds a PNG and a JPEG as Add source
// document… does: each gets a card tall enough for its picture, and the
// board shows the picture, made off the UI thread from the stored bytes;
// a text source shows none and costs no load.
func TestImageSourceShowsItsPicture(t *testing.T) {
	s, _, _ := openShell(t)
	text := addArticle(t, s)
	if s.board.ShowsPicture(text.ID) {
		t.Fatal("a text source shows a picture")
	}
	for _, name := range []string{"groff-page.png", "brief-board.jpg"} {
		path := filepath.Join("format", "source", "testdata", name)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		id := data.DocumentID(raw)
		loaded := make(chan error, 4)
		s.pictures.loaded = func(doc string, err error) {
			if doc == id {
				loaded <- err
			}
		}
		added, hold := make(chan error, 1), make(chan struct{})
		s.pictures.hold = hold
		s.addDocument(path, 400, 300, func(err error) { added <- err })
		for _, ch := range []chan error{added, loaded} {
			if ch == loaded {
				close(hold) // the picture waits until the add is done
			}
			select {
			case err := <-ch:
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("%s: not added and shown", name)
			}
		}
		s.pictures.loaded, s.pictures.hold = nil, nil
		var card *data.Card
		for _, c := range s.Editor().Model().Cards {
			if c.Document == id {
				card = c
			}
		}
		if card == nil {
			t.Fatalf("%s: no card", name)
		}
		if !s.board.ShowsPicture(card.ID) {
			t.Errorf("%s: the picture is not shown", name)
		}
		if _, dh := data.DefaultSize(data.KindSource); card.Height <= dh {
			t.Errorf("%s: card %v high, no taller than a plain source's %v", name, card.Height, dh)
		}
		if len(s.pictures.thumbs[id]) == 0 {
			t.Errorf("%s: the thumbnail is not kept", name)
		}
	}
	if s.board.ShowsPicture(text.ID) {
		t.Error("a text source shows a picture")
	}
	s.reader.close()
}

// TestMakePicture: a stored thumbnail is decoded without reading the
// board; a broken one is one line naming the file.
func TestMakePicture(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("format", "source", "testdata", "brief-board.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	img, thumb, err := makePicture(nil, "x", "photo.jpg", raw)
	if err != nil || !bytes.Equal(thumb, raw) {
		t.Fatalf("a kept thumbnail: %v", err)
	}
	want, _ := jpeg.DecodeConfig(bytes.NewReader(raw))
	if b := img.Bounds(); b.Dx() != want.Width || b.Dy() != want.Height {
		t.Fatalf("decoded %v, want %d × %d", b, want.Width, want.Height)
	}
	if _, _, err := makePicture(nil, "x", "photo.jpg", raw[:200]); err == nil || !bytes.Contains([]byte(err.Error()), []byte("photo.jpg")) {
		t.Fatalf("a broken thumbnail: %v", err)
	}
}

// TestThumbnailsBounded: the kept thumbnails stay within maxThumbBytes,
// the oldest going first.
func TestThumbnailsBounded(t *testing.T) {
	p := newPictures(nil)
	chunk := make([]byte, maxThumbBytes/4+1)
	for _, doc := range []string{"a", "b", "c", "d", "e"} {
		p.keep(doc, chunk)
	}
	if p.size > maxThumbBytes || len(p.thumbs) != 3 {
		t.Fatalf("%d bytes in %d thumbnails", p.size, len(p.thumbs))
	}
	if p.thumbs["a"] != nil || p.thumbs["b"] != nil || p.thumbs["e"] == nil {
		t.Fatal("not the oldest dropped")
	}
}
