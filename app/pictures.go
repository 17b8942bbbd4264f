package app

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"fyne.io/fyne/v2"

	"evidenceboard/app/format/source"
	"evidenceboard/data"
)

// maxThumbBytes bounds the encoded thumbnails the app keeps, so that a
// picture the board's cache let go of comes back by decoding a thumbnail
// of at most 512 px, not by reading and scaling the original again.
const maxThumbBytes = 32 << 20

// pictureWorkers is how many pictures are made at once, off the UI
// thread: enough to keep up with a pan, few enough to leave the UI a core.
const pictureWorkers = 2

// pictures makes the pictures of image sources for the board
// (board.SetPictures): the stored bytes are read and extracted
// (source.Extract checks an image's size before decoding it and makes
// its thumbnail) off the UI thread, and the decoded thumbnail is handed
// to the board on the UI thread.
type pictures struct {
	s      *Shell
	thumbs map[string][]byte // document ID → its encoded thumbnail
	order  []string          // thumbs' keys, oldest first
	size   int               // bytes in thumbs
	slots  chan struct{}
	// loaded, when set, is called on the UI thread after each picture is
	// handed over or refused (tests wait for it).
	loaded func(doc string, err error)
	// hold, when set, keeps a made picture off the UI thread until it is
	// closed (quoteMarks.hold says why).
	hold chan struct{}
}

func newPictures(s *Shell) *pictures {
	return &pictures{s: s, thumbs: map[string][]byte{}, slots: make(chan struct{}, pictureWorkers)}
}

// install gives the board a loader for the board just opened.
func (p *pictures) install() {
	e := p.s.editor
	p.s.board.SetPictures(func(doc string, done func(image.Image)) { p.load(e, doc, done) })
}

// isPicture is whether document d, on the board, has a picture.
func isPicture(d *data.Document) bool {
	return d != nil && d.Unreadable == "" && (d.Type == source.TypePNG || d.Type == source.TypeJPEG)
}

// load answers the board's question for document doc of editor e's board.
func (p *pictures) load(e *Editor, doc string, done func(image.Image)) {
	if p.s.editor != e || e == nil || !isPicture(e.Model().Documents[doc]) {
		done(nil)
		return
	}
	name := e.Model().Documents[doc].Name
	store, thumb, hold := e.Store(), p.thumbs[doc], p.hold
	go func() {
		p.slots <- struct{}{}
		img, thumb, err := makePicture(store, doc, name, thumb)
		<-p.slots
		if hold != nil {
			<-hold
		}
		fyne.Do(func() {
			if thumb != nil && err == nil {
				p.keep(doc, thumb)
			}
			if p.s.editor != e {
				img = nil
			}
			done(img)
			if p.loaded != nil {
				p.loaded(doc, err)
			}
		})
	}()
}

// makePicture decodes document doc's thumbnail, reading and extracting
// the stored document first when thumb is nil. It runs off the UI thread.
func makePicture(store *data.Store, doc, name string, thumb []byte) (image.Image, []byte, error) {
	if thumb == nil {
		raw, err := store.DocumentBytes(doc)
		if err != nil {
			return nil, nil, err
		}
		d, err := source.Extract(name, raw)
		if err != nil {
			return nil, nil, err
		}
		if len(d.Thumbnail) == 0 {
			return nil, nil, fmt.Errorf("%s: no picture", name)
		}
		thumb = d.Thumbnail
	}
	var img image.Image
	var err error
	// The thumbnail is the original when that was small, so its format is
	// the original's: read by signature, as Extract recognised it.
	if bytes.HasPrefix(thumb, []byte("\x89PNG")) {
		img, err = png.Decode(bytes.NewReader(thumb))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(thumb))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: its thumbnail cannot be read (%v)", name, err)
	}
	return img, thumb, nil
}

// keep remembers a thumbnail, forgetting the oldest beyond maxThumbBytes.
func (p *pictures) keep(doc string, thumb []byte) {
	if _, ok := p.thumbs[doc]; ok || len(thumb) > maxThumbBytes {
		return
	}
	p.thumbs[doc] = thumb
	p.order = append(p.order, doc)
	p.size += len(thumb)
	for p.size > maxThumbBytes {
		old := p.order[0]
		p.order = p.order[1:]
		p.size -= len(p.thumbs[old])
		delete(p.thumbs, old)
	}
}
