package app

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// What the window shows while it starts or opens a board, and how work
// off the UI thread waits for that to be on screen.

// firstPaint returns a transparent object that calls fn the first time a
// frame that shows it is painted: a raster's image is made only then.
func firstPaint(fn func()) fyne.CanvasObject {
	var once sync.Once
	return canvas.NewRaster(func(w, h int) image.Image {
		once.Do(fn)
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
}

// waitPainted waits until painted is closed (a firstPaint's frame is on
// screen), or a second at most: a window that is not painted (hidden at
// once) must not hold up what follows.
func waitPainted(painted <-chan struct{}) {
	select {
	case <-painted:
	case <-time.After(time.Second):
	}
}

// progressView is a line of text over a progress bar, in the middle of
// where it is placed: what the window shows while it starts or opens a
// board.
func progressView(text string, bar *widget.ProgressBarInfinite) fyne.CanvasObject {
	label := widget.NewLabel(text)
	label.Alignment = fyne.TextAlignCenter
	return container.NewCenter(container.NewVBox(label, container.NewGridWrap(fyne.NewSize(360, bar.MinSize().Height), bar)))
}
