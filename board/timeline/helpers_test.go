package timeline

import (
	"fmt"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"evidenceboard/data"
)

// model is a board from cards written "id kind date title" (date "-" for
// none, "_" for a space in it) and links written "from>to".
func model(cards, links []string) *data.Model {
	m := data.NewModel(data.Board{Title: "t"})
	for _, s := range cards {
		f := strings.SplitN(s, " ", 4)
		date := strings.ReplaceAll(f[2], "_", " ")
		if date == "-" {
			date = ""
		}
		m.Cards[f[0]] = &data.Card{ID: f[0], Kind: data.Kind(f[1]), Date: date, Title: f[3], Width: 200, Height: 100}
	}
	for i, s := range links {
		f := strings.Split(s, ">")
		id := "l" + string(rune('a'+i))
		m.Links[id] = &data.Link{ID: id, From: f[0], To: f[1]}
	}
	return m
}

// show puts a new timeline of m in a test window of w×h with no padding,
// so that window and widget coordinates are the same.
func show(t testing.TB, m *data.Model, w, h float32) (*Timeline, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	tl := New()
	tl.SetModel(m)
	win := test.NewTempWindow(t, tl)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return tl, win
}

// savePNG writes what the window shows to path, for a person to look at.
func savePNG(t testing.TB, win fyne.Window, path string) {
	t.Helper()
	img := win.Canvas().Capture()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// itemOf is the item that draws card id on row r.
func itemOf(tl *Timeline, id string, r int) *item {
	for _, it := range tl.byCard[id] {
		if it.row == tl.rows[r] {
			return it
		}
	}
	return nil
}

// screenRect is where item it is drawn, in widget coordinates; ok is false
// when it has no objects.
func screenRect(tl *Timeline, it *item) (fyne.Position, fyne.Size, bool) {
	if it == nil || it.view == nil {
		return fyne.Position{}, fyne.Size{}, false
	}
	return it.view.bar.Position().Add(tl.sc.world.Position()), it.view.bar.Size(), true
}

// sampleLike is a small case: parties, events on them, a span, undated.
func sampleLike() *data.Model {
	return model([]string{
		"p1 party - Salesforce",
		"p2 party - Backpage",
		"p3 party 2004 The 50 Jane Does",
		"e1 event 2018-04-06 FBI seizes Backpage",
		"e2 event 2019-03-25 Jane Does sue Salesforce",
		"e3 event 2013 Contract signed",
		"e4 event April_2018 Guilty plea",
		"e5 event 2016-01-10 Nobody's event",
		"e6 event - Sometime",
		"s1 source 2019-05 Article",
	}, []string{"e1>p2", "e2>p1", "p3>e2", "e3>p1", "e3>p2", "e4>p2", "s1>p1"})
}

func TestLookAtIt(t *testing.T) {
	if os.Getenv("TIMELINE_PNG") == "" {
		t.Skip("set TIMELINE_PNG=path to write a picture")
	}
	tl, win := show(t, sampleLike(), 1100, 380)
	tl.SetSelected([]string{"e2"})
	if os.Getenv("TIMELINE_LIGHT") != "" {
		fyne.CurrentApp().Settings().SetTheme(theme.LightTheme())
		tl.Refresh()
	}
	savePNG(t, win, os.Getenv("TIMELINE_PNG"))
	tl, win = show(t, datedModel(10000), 1280, 800)
	tl.SetZoom(4)
	tl.CenterOn(tl.tl.Dated[5000].Card.ID)
	last := tl.rows[len(tl.rows)-1]
	tl.PanBy(0, last.y-tl.v.top-100)
	savePNG(t, win, strings.TrimSuffix(os.Getenv("TIMELINE_PNG"), ".png")+"-10k.png")
}

// datedModel is a generated board of n cards (data.Generate: parties,
// links, quotes with speakers) in which every card has a date: a day for
// most, a month for one in five, a year for one in ten, from 2010 to 2024.
func datedModel(n int) *data.Model {
	b, ch := data.Generate(n, 1)
	rnd := rand.New(rand.NewPCG(1, 2)) // the same dates every run
	for i := range ch.PutCards {
		c := &ch.PutCards[i]
		y, mo, d := 2010+rnd.IntN(15), 1+rnd.IntN(12), 1+rnd.IntN(28)
		switch {
		case i%10 == 0:
			c.Date = fmt.Sprintf("%d", y)
		case i%5 == 0:
			c.Date = fmt.Sprintf("%d-%02d", y, mo)
		default:
			c.Date = fmt.Sprintf("%d-%02d-%02d", y, mo, d)
		}
	}
	m := data.NewModel(b)
	m.Apply(ch)
	return m
}
