package app

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/data"
)

// recordingApp is the test app, remembering what it was asked to open.
type recordingApp struct {
	fyne.App
	opened []string
}

func (a *recordingApp) OpenURL(u *url.URL) error {
	a.opened = append(a.opened, u.String())
	return nil
}

// A card's link opens only after the person has seen the whole address
// (with a direction override shown, not obeyed) and said Open.
func TestOpenURLAsksWithTheWholeAddress(t *testing.T) {
	s, w, _ := openShell(t)
	rec := &recordingApp{App: s.app}
	s.app = rec
	var src *data.Card
	for _, c := range s.Editor().Model().Cards {
		if c.Kind == data.KindSource {
			src = c
		}
	}
	if src == nil {
		t.Fatal("the sample has no source card")
	}
	link := "https://example.org/reports/2024/evil\u202Efdp.exe?id=42"
	c := src.Clone()
	c.URL = link
	if err := s.Editor().Do(data.Change{Label: "link", PutCards: []data.Card{c}}); err != nil {
		t.Fatal(err)
	}
	for _, answer := range []string{"Cancel", "Open"} {
		s.inspector.openURL(src.ID)
		if len(rec.opened) != 0 {
			t.Fatalf("opened %v before the person answered", rec.opened)
		}
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no question before opening a link")
		}
		shown := shownText(top)
		if !strings.Contains(shown, "https://example.org/reports/2024/evil%E2%80%AEfdp.exe?id=42") ||
			strings.ContainsRune(shown, '\u202E') {
			t.Fatalf("the question does not show the whole address as opened: %q", shown)
		}
		tapButton(t, top, answer)
	}
	if len(rec.opened) != 1 {
		t.Fatalf("opened %v; want it opened once, after Open", rec.opened)
	}
}

// shownText is all the text drawn inside o, lines joined.
func shownText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, m := range textRE.FindAllStringSubmatch(test.RenderObjectToMarkup(o), -1) {
		b.WriteString(html.UnescapeString(m[1]))
	}
	return b.String()
}

var textRE = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// tapButton taps the button labelled text inside o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(wd).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}
