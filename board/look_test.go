package board

import (
	"os"
	"testing"
)

// TestLook writes PNGs of the board for a person to look at, when
// BOARD_LOOK names a directory.
func TestLook(t *testing.T) {
	dir := os.Getenv("BOARD_LOOK")
	if dir == "" {
		t.Skip("set BOARD_LOOK=dir to write screenshots")
	}
	m := sampleModel(t)
	b, win := show(t, m, 1400, 900)
	b.FitAll()
	savePNG(t, win, dir+"/sample-fit.png")
	b.SetZoom(1)
	var link string
	for id := range b.m.Links {
		link = id
		break
	}
	b.Select(link)
	b.CenterOn(link)
	savePNG(t, win, dir+"/sample-100.png")
}

// TestLookGenerated writes PNGs of a generated 10k-card board.
func TestLookGenerated(t *testing.T) {
	dir := os.Getenv("BOARD_LOOK")
	if dir == "" {
		t.Skip("set BOARD_LOOK=dir to write screenshots")
	}
	m := generated(10000)
	b, win := show(t, m, 1400, 900)
	savePNG(t, win, dir+"/gen-100.png")
	b.SetZoom(0.35)
	savePNG(t, win, dir+"/gen-35.png")
	b.SetZoom(0.1)
	savePNG(t, win, dir+"/gen-10.png")
	t.Logf("live cards at 10%%: %d", b.VisibleCardCount())
}
