package data

// PlaceClear moves c straight down, as a merge places the cards it brings,
// until it overlaps no other card of m, and reports whether it moved. A
// new card made from a menu goes where PlaceClear puts it, never on
// another card. Its cost is linear in the cards of m.
func (m *Model) PlaceClear(c *Card) bool {
	pl := newPlacer()
	for id, o := range m.Cards {
		if id != c.ID {
			pl.add(o)
		}
	}
	return pl.place(c)
}
