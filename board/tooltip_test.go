package board

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"evidenceboard/data"
)

// tipText is what the tooltip shows, its lines joined by spaces.
func tipText(b *Board) string {
	var all []string
	for _, x := range b.sc.tip.texts {
		if x.Visible() {
			all = append(all, x.Text)
		}
	}
	return strings.Join(all, " ")
}

// waitTip waits for the tooltip to show or not, as want says.
func waitTip(t *testing.T, b *Board, want bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for b.sc.tip.box.Visible() != want {
		if time.Now().After(deadline) {
			t.Fatalf("tooltip shown = %v, want %v", b.sc.tip.box.Visible(), want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func move(b *Board, p fyne.Position) {
	b.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}})
}

func TestHoverShowsFullText(t *testing.T) {
	old := tipDelay
	tipDelay = 20 * time.Millisecond
	defer func() { tipDelay = old }()
	m := twoCards()
	body := "Payments of €40,000 in three instalments, routed through a consultancy, in the month before each inspection, which the log does not record; the last word is HARBOURMASTER."
	c := m.Cards["a"]
	c.Body = body
	b, _ := show(t, m, 900, 600)
	if !b.cards["a"].layout.cut {
		t.Fatal("the long body fits the card: the test needs text the card cuts")
	}

	// Resting on the card with cut text shows all of it, inside the board.
	p := centreOf(t, b, "a")
	move(b, p)
	if b.sc.tip.box.Visible() {
		t.Fatal("the tooltip shows before the pointer has rested")
	}
	waitTip(t, b, true)
	got := tipText(b)
	for _, w := range []string{"Alpha", "Alleged", "HARBOURMASTER."} {
		if !strings.Contains(got, w) {
			t.Errorf("tooltip %q lacks %q", got, w)
		}
	}
	pos, size := b.sc.tip.box.Position(), b.sc.tip.box.Size()
	if pos.X < 0 || pos.Y < 0 || pos.X+size.Width > b.Size().Width || pos.Y+size.Height > b.Size().Height {
		t.Errorf("tooltip at %v, %v: outside the board of %v", pos, size, b.Size())
	}
	// Moving within the card keeps it; moving off hides it; so does a press.
	move(b, p.AddXY(5, 5))
	if !b.sc.tip.box.Visible() {
		t.Error("a small move within the card hid the tooltip")
	}
	move(b, fyne.NewPos(880, 580))
	if b.sc.tip.box.Visible() {
		t.Error("the tooltip stays after the pointer left the card")
	}
	move(b, p)
	waitTip(t, b, true)
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
	if b.sc.tip.box.Visible() {
		t.Error("the tooltip stays when a drag or click begins")
	}
	b.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})

	// A card that shows all its text has no tooltip.
	move(b, fyne.NewPos(880, 580))
	move(b, centreOf(t, b, "b"))
	time.Sleep(5 * tipDelay)
	if b.sc.tip.box.Visible() {
		t.Errorf("tooltip %q on a card that shows all its text", tipText(b))
	}

	// Near the window's bottom-right corner, it is placed up and left.
	c2 := m.Cards["a"].Clone()
	c2.X, c2.Y = b.toBoard(fyne.NewPos(700, 480))
	m.Apply(data.Change{PutCards: []data.Card{c2}})
	b.Changed("a")
	move(b, fyne.NewPos(0, 0))
	move(b, fyne.NewPos(880, 570))
	if h := b.hitTest(fyne.NewPos(880, 570)); h.card == nil || h.card.id != "a" {
		t.Fatal("the card is not under the pointer")
	}
	waitTip(t, b, true)
	pos, size = b.sc.tip.box.Position(), b.sc.tip.box.Size()
	if pos.X+size.Width > 900 || pos.Y+size.Height > 600 || pos.X < 0 || pos.Y < 0 {
		t.Errorf("tooltip at %v, %v: outside the board", pos, size)
	}
}

func TestTipPlace(t *testing.T) {
	area := fyne.NewSize(800, 600)
	size := fyne.NewSize(200, 100)
	for _, tc := range []struct{ p, want fyne.Position }{
		{fyne.NewPos(100, 100), fyne.NewPos(100+tipOffsetX, 100+tipOffsetY)},
		{fyne.NewPos(700, 100), fyne.NewPos(700-tipOffsetX-200, 100+tipOffsetY)},
		{fyne.NewPos(100, 550), fyne.NewPos(100+tipOffsetX, 550-6-100)},
		{fyne.NewPos(5, 5), fyne.NewPos(5+tipOffsetX, 5+tipOffsetY)},
	} {
		if got := tipPlace(tc.p, size, area); got != tc.want {
			t.Errorf("pointer at %v: tooltip at %v, want %v", tc.p, got, tc.want)
		}
	}
	// A board smaller than the tooltip: it starts at the board's corner.
	if got := tipPlace(fyne.NewPos(50, 50), size, fyne.NewSize(150, 80)); got != (fyne.Position{}) {
		t.Errorf("tooltip at %v on a small board", got)
	}
}
