package board

import (
	"reflect"
	"testing"

	"evidenceboard/data"
)

func TestContextMenu(t *testing.T) {
	m := twoCards()
	b, _ := show(t, m, 900, 600)
	var created []data.Kind
	b.OnCreate = func(k data.Kind, x, y float64) { created = append(created, k) }
	var deleted []string
	b.OnDelete = func(ids []string) { deleted = ids }
	menu := b.contextMenu(b.ScreenPos(300, 250))
	if len(menu.Items) != len(data.Kinds) {
		t.Fatalf("empty-board menu has %d items, want one per kind", len(menu.Items))
	}
	for _, it := range menu.Items {
		it.Action()
	}
	if !reflect.DeepEqual(created, data.Kinds) {
		t.Errorf("menu created %v", created)
	}
	menu = b.contextMenu(centreOf(t, b, "b"))
	if got := b.Selected(); !reflect.DeepEqual(got, []string{"b"}) {
		t.Fatalf("right-click did not select the card: %v", got)
	}
	menu.Items[len(menu.Items)-1].Action()
	if !reflect.DeepEqual(deleted, []string{"b"}) {
		t.Errorf("menu Delete gave %v", deleted)
	}
}
