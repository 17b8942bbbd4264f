package data

import (
	"encoding/binary"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"time"

	"evidenceboard/data/geom"
)

// MergeItem names one card or link a merge added, updated or deleted.
type MergeItem struct {
	Entity string // "card" or "link"
	ID     string
	Title  string // a card's title; "A → B (relation)" for a link
	Note   string // e.g. "moved clear of an overlap"; may be ""
}

// MergeConflict is a card or link both sides changed since they last
// agreed (or one changed and the other deleted). The merge kept the most
// recent version (KeptTheirs says whose) and records the other here, so
// the person can review it and flip it with Resolve or
// Store.ResolveConflict. For a card, MineCard and TheirsCard hold the two
// versions; for a link, MineLink and TheirsLink. nil means that side had
// deleted it.
type MergeConflict struct {
	Entity     string
	ID         string
	Title      string
	MineCard   *Card
	TheirsCard *Card
	MineLink   *Link
	TheirsLink *Link
	// MineAt and TheirsAt are when each side's version was made: its
	// Updated time, or when it was deleted.
	MineAt, TheirsAt time.Time
	KeptTheirs       bool
}

// MergeReport says what a merge did (or, from PlanMerge, will do).
type MergeReport struct {
	Theirs    string // the path merged in
	Added     []MergeItem
	Updated   []MergeItem
	Deleted   []MergeItem
	Conflicts []MergeConflict
	// Skipped lists what could not be brought in as it was, and why: a
	// link whose card is not on the merged board, a reference cleared.
	Skipped []string
}

// Resolve returns the change that flips a conflict: it puts the version
// the merge did not keep when takeTheirs differs from KeptTheirs (or
// deletes, when that version is a deletion), and is empty otherwise. The
// caller passes it through Model.Expand and Store.Apply like any edit, so
// the flip is undoable.
func (c MergeConflict) Resolve(takeTheirs bool) Change {
	ch := Change{Label: "Resolve merge conflict"}
	if takeTheirs == c.KeptTheirs {
		return ch
	}
	switch c.Entity {
	case "card":
		v := c.MineCard
		if takeTheirs {
			v = c.TheirsCard
		}
		if v == nil {
			ch.DeleteCards = []string{c.ID}
		} else {
			ch.PutCards = []Card{v.Clone()}
		}
	case "link":
		v := c.MineLink
		if takeTheirs {
			v = c.TheirsLink
		}
		if v == nil {
			ch.DeleteLinks = []string{c.ID}
		} else {
			ch.PutLinks = []Link{*v}
		}
	}
	return ch
}

// ResolveIn is Resolve made ready to apply to the board m as it is now:
// the chosen side's version is put (or the thing deleted) unless the
// board already holds it — so a conflict flipped once and then flipped
// back gets its first version again, whatever KeptTheirs says — through
// m.Expand, with a speaker or source reference to a card no longer on the
// board cleared. It fails when the version to restore is a link whose
// card is gone. Case.ResolveConflict applies the result.
func (c MergeConflict) ResolveIn(m *Model, takeTheirs bool) (Change, error) {
	c.KeptTheirs = !takeTheirs // Resolve then always names the chosen version
	ch := c.Resolve(takeTheirs)
	switch {
	case len(ch.PutCards) == 1:
		if cur := m.Cards[c.ID]; cur != nil && cardKey(cur) == cardKey(&ch.PutCards[0]) {
			return Change{Label: ch.Label}, nil
		}
	case len(ch.PutLinks) == 1:
		if cur := m.Links[c.ID]; cur != nil && linkKey(cur) == linkKey(&ch.PutLinks[0]) {
			return Change{Label: ch.Label}, nil
		}
	case len(ch.DeleteCards) == 1 && m.Cards[c.ID] == nil, len(ch.DeleteLinks) == 1 && m.Links[c.ID] == nil:
		return Change{Label: ch.Label}, nil
	}
	ch = m.Expand(ch)
	if ch.Empty() {
		return ch, nil
	}
	final := map[string]bool{}
	for id := range m.Cards {
		final[id] = true
	}
	for _, id := range ch.DeleteCards {
		delete(final, id)
	}
	for i := range ch.PutCards {
		final[ch.PutCards[i].ID] = true
	}
	for i := range ch.PutCards {
		c := &ch.PutCards[i]
		for _, ref := range c.Refs() {
			if *ref != "" && !final[*ref] {
				*ref = ""
			}
		}
	}
	for _, l := range ch.PutLinks {
		if !final[l.From] || !final[l.To] {
			return Change{}, fmt.Errorf("cannot restore the link %q: one of its cards is no longer on the board", clean(c.Title, 80))
		}
	}
	return ch, nil
}

// ResolveConflict flips c on the open board, in one transaction (see
// Resolve and ResolveIn), and returns the change that undoes it.
func (cs *Case) ResolveConflict(c MergeConflict, takeTheirs bool) (undo Change, err error) {
	ch, err := c.ResolveIn(cs.model, takeTheirs)
	if err != nil {
		return Change{}, fileErr(cs.store.path, "%v", err)
	}
	_, undo, err = cs.Apply(ch)
	return undo, err
}

// Merge brings the board at theirsPath into this one and returns what it
// did: PlanMerge, then Apply, so the whole merge is one transaction,
// recorded in the history, with the change that undoes it.
func (cs *Case) Merge(theirsPath string) (*MergeReport, Change, error) {
	s := cs.store
	if s.readOnly {
		if s.why != nil {
			return nil, Change{}, s.why
		}
		return nil, Change{}, fileErr(s.path, "%v", ErrReadOnly)
	}
	ch, rep, err := s.PlanMerge(cs.model, theirsPath)
	if err != nil {
		return nil, Change{}, err
	}
	_, undo, err := cs.Apply(ch)
	if err != nil {
		return nil, Change{}, fileErr(s.path, "merging %s: %v", theirsPath, err)
	}
	return rep, undo, nil
}

// PlanMerge works out the merge of the board at theirsPath into this one,
// whose current state is m (the caller's model, as in the file), and
// returns it as one change, already through m.Expand (so m.Inverse of it
// undoes the merge), with the report of what it does. Nothing is written.
//
// Theirs is a file from someone else: it must pass Inspect, and is read
// through a read-only store. Cards and links are matched by ID:
//
//   - on one side only, never seen by the other: a new one from theirs is
//     added where it was, moved down clear of any card it would overlap;
//     a new one of ours stays.
//   - on both, the same (Updated aside): nothing.
//   - on both, different: if one side's version is in the other's history,
//     that side is behind and the other's version stands ("changed on one
//     side"). Otherwise both changed it: the more recently Updated
//     version is kept and the other is reported as a conflict.
//   - deleted on one side (a tombstone in the deleted table): if the other
//     side's version is one the deleting side had (in its history), the
//     deletion stands; otherwise the other side changed it since, and the
//     newer of the change and the deletion wins, reported as a conflict.
//
// Each version a merge keeps of theirs, or keeps of ours over theirs, is
// written so that theirs' version lands in our history too: merging the
// same board again then finds nothing to do. Board properties are not
// merged: ours stand.
func (s *Store) PlanMerge(m *Model, theirsPath string) (Change, *MergeReport, error) {
	theirs, err := OpenReadOnly(theirsPath)
	if err != nil {
		return Change{}, nil, err
	}
	defer theirs.Close()
	return s.planMerge(m, theirs, theirsPath)
}

// planMerge is PlanMerge with theirs already open and past its
// inspection: FuzzMerge plans the same merge twice (the second must find
// nothing to do) and inspects the file once for both.
func (s *Store) planMerge(m *Model, theirs *Store, theirsPath string) (Change, *MergeReport, error) {
	rep := &MergeReport{Theirs: theirsPath}
	tm, err := theirs.Load()
	if err != nil {
		return Change{}, nil, err
	}
	mine, err := readMergeSide(s, m)
	if err != nil {
		return Change{}, nil, err
	}
	// Theirs' clock is not ours to trust: a time later than now (a
	// tombstone or an edit dated 9999 would win every conflict) is taken
	// as now, and the report says so.
	now := s.now()
	if last, _, err := theirs.LastChange(); err == nil && !last.IsZero() && last.Before(now) {
		now = last // nothing in theirs can be later than its own last change
	}
	future := 0
	for _, c := range tm.Cards {
		if c.Updated.After(now) {
			c.Updated, future = now, future+1
		}
	}
	for _, l := range tm.Links {
		if l.Updated.After(now) {
			l.Updated, future = now, future+1
		}
	}
	their, err := readMergeSide(theirs, tm)
	if err == nil {
		for k, at := range their.tomb {
			if at.After(now) {
				their.tomb[k], future = now, future+1
			}
		}
		if future > 0 {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("%d times in %s lay after its last change or in the future; each was taken as %s",
				future, filepath.Base(theirsPath), now.Format(HistoryTimeLayout)))
		}
	}
	if err != nil {
		return Change{}, nil, err
	}
	p := &merger{m: m, tm: tm, mine: mine, their: their, rep: rep}
	ch := p.plan()
	if err := mergeDocuments(&ch, m, tm, theirs); err != nil {
		return Change{}, nil, err
	}
	ch.Label = "Merge " + filepath.Base(theirsPath)
	ch = m.Expand(ch)
	p.reportSideEffects(ch)
	// The merged board must be one this app opens: no more cards or
	// links than a board may hold.
	cards, links := len(m.Cards), len(m.Links)
	added := map[string]bool{}
	for _, c := range ch.PutCards {
		if m.Cards[c.ID] == nil && !added[c.ID] {
			added[c.ID] = true
			cards++
		}
	}
	for _, l := range ch.PutLinks {
		if m.Links[l.ID] == nil && !added[l.ID] {
			added[l.ID] = true
			links++
		}
	}
	cards -= len(ch.DeleteCards)
	links -= len(ch.DeleteLinks)
	if cards > mergeMaxCards || links > mergeMaxLinks {
		return Change{}, nil, fileErr(theirsPath, "merging it would make a board of %d cards and %d links, over the limits of %d and %d; nothing was merged",
			cards, links, mergeMaxCards, mergeMaxLinks)
	}
	return ch, rep, nil
}

// mergeMaxCards and mergeMaxLinks are the limits planMerge holds a merged
// board to: always MaxCards and MaxLinks, which alone say what the limits
// are. They are variables only so that a test can lower them and see a
// merge refused with boards of a few cards, not half a million.
var mergeMaxCards, mergeMaxLinks = MaxCards, MaxLinks

// mergeSide is what a merge needs of one file besides its model: the
// history of every card and link, and its tombstones.
type mergeSide struct {
	model              *Model
	cardHist, linkHist map[string][]HistoryEntry
	tomb               map[entityRef]time.Time
	keys               map[entityRef]map[string]bool // content keys of every version in the history
}

func readMergeSide(s *Store, m *Model) (*mergeSide, error) {
	side := &mergeSide{model: m, tomb: map[entityRef]time.Time{}, keys: map[entityRef]map[string]bool{}}
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return nil, fileErr(s.path, "%v", shortSQLiteErr(err))
	}
	if v < 2 {
		side.cardHist, side.linkHist = map[string][]HistoryEntry{}, map[string][]HistoryEntry{}
		return side, nil
	}
	// Cards' and links' history in one read, oldest first as historyOf
	// gives each.
	entries, err := readHistory(s.db, "", historyQuery(v)+` WHERE h.entity IN ('card', 'link') ORDER BY h.id`)
	if err != nil {
		return nil, fileErr(s.path, "reading the history: %v", shortSQLiteErr(err))
	}
	side.cardHist, side.linkHist = map[string][]HistoryEntry{}, map[string][]HistoryEntry{}
	for _, e := range entries {
		if e.Entity == "link" {
			side.linkHist[e.EntityID] = append(side.linkHist[e.EntityID], e)
		} else {
			side.cardHist[e.EntityID] = append(side.cardHist[e.EntityID], e)
		}
	}
	rows, err := s.db.Query(`SELECT id, entity, at FROM deleted`)
	if err != nil {
		return nil, fileErr(s.path, "reading deletions: %v", shortSQLiteErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id, entity, at string
		if err := rows.Scan(&id, &entity, &at); err != nil {
			return nil, fileErr(s.path, "reading deletions: %v", shortSQLiteErr(err))
		}
		// A tombstone deletes only the kind of thing it names: a link's
		// never takes a card that happens to share its id.
		side.tomb[entityRef{entity, id}] = parseTime(at)
	}
	return side, rows.Err()
}

// entityRef names a card or a link: a card and a link may share an id.
type entityRef struct{ entity, id string }

// had reports whether the side's history holds a version with content
// key k of the card or link id.
func (sd *mergeSide) had(entity, id, k string) bool {
	// A card and a link may share an id (ids come from the files), and
	// each has its own versions.
	ck := entityRef{entity, id}
	ks, ok := sd.keys[ck]
	if !ok {
		if entity == "link" {
			ks = versions(linkDef, sd.linkHist[id], sd.model.Links[id], linkKey)
		} else {
			ks = versions(cardDef, sd.cardHist[id], sd.model.Cards[id], cardKey)
		}
		sd.keys[ck] = ks
	}
	return ks[k]
}

// versions lists the content keys of every version of one entity that a
// side's history shows, oldest record first in hist, cur its version now
// (nil when deleted). Since schema 3 a record holds only the fields its
// change touched, so the versions are found by walking back from the
// present: each record's "before" laid over the version after it. Rows of
// schema 2, which hold whole values, walk back the same way.
func versions[T any](d *entityDef[T], hist []HistoryEntry, cur *T, key func(*T) string) map[string]bool {
	ks := map[string]bool{}
	var vals map[string]any
	if cur != nil {
		vals = d.values(cur)
	}
	add := func(v map[string]any) {
		var t T
		d.set(&t, v)
		ks[key(&t)] = true
	}
	overlay := func(base, top map[string]any) map[string]any {
		out := make(map[string]any, len(base)+len(top))
		for k, v := range base {
			out[k] = v
		}
		for k, v := range top {
			out[k] = v
		}
		return out
	}
	if vals != nil {
		add(vals)
	}
	for i := len(hist) - 1; i >= 0; i-- {
		e := hist[i]
		before, after := decodeValues(e.Before), decodeValues(e.After)
		switch e.Action {
		case "delete":
			vals = before
			add(vals)
		case "create":
			add(overlay(vals, after))
			vals = nil
		default:
			vals = overlay(vals, after)
			add(vals)
			vals = overlay(vals, before)
			add(vals)
		}
	}
	return ks
}

// cardKey is a card's content: every field but ID and Updated, tags
// sorted and unique, times as the file keeps them. Two versions of a card
// have one key exactly when their content is the same (the key of every
// version in both histories is taken at each merge: it is built field by
// field, not through encoding/json, at a fifth of the cost).
func cardKey(c *Card) string { return contentKey(reflect.ValueOf(c).Elem(), cardKeyFields) }

// linkKey is cardKey for a link.
func linkKey(l *Link) string { return contentKey(reflect.ValueOf(l).Elem(), linkKeyFields) }

var (
	cardKeyFields = keyFields(reflect.TypeFor[Card]())
	linkKeyFields = keyFields(reflect.TypeFor[Link]())
)

// keyFields is how contentKey writes each field of t, ID and Updated
// left out. A field of a kind it does not know (an unexported one, a map)
// stops the program at its start, not a merge half way.
func keyFields(t reflect.Type) []goFieldKind {
	kinds := goFieldKinds(t, "ID", "Updated")
	for i, k := range kinds {
		if k == fieldOther {
			panic(fmt.Sprintf("data: contentKey does not know how to write %s.%s", t.Name(), t.Field(i).Name))
		}
	}
	return kinds
}

// contentKey writes the fields of v, an addressable struct, by kinds:
// each value after its length where it has one, so that no two contents
// give one key.
func contentKey(v reflect.Value, kinds []goFieldKind) string {
	b := make([]byte, 0, 256)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for i, k := range kinds {
		f := v.Field(i)
		switch k {
		case fieldSkip:
		case fieldString:
			str(f.String())
		case fieldFloat:
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f.Float()))
		case fieldInt:
			b = binary.LittleEndian.AppendUint64(b, uint64(f.Int()))
		case fieldBool:
			if f.Bool() {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		case fieldTime:
			t := parseTime(fmtTime(*f.Addr().Interface().(*time.Time)))
			str(t.Format(time.RFC3339Nano))
		case fieldStrings:
			ss := slices.Compact(slices.Sorted(slices.Values(*f.Addr().Interface().(*[]string))))
			b = binary.AppendUvarint(b, uint64(len(ss)))
			for _, s := range ss {
				str(s)
			}
		}
	}
	return string(b)
}

type merger struct {
	m, tm       *Model
	mine, their *mergeSide
	rep         *MergeReport
	ch          Change
	final       map[string]*Card // the cards of the merged board
	deletedLink map[string]bool
}

func (p *merger) plan() Change {
	p.final = map[string]*Card{}
	for id, c := range p.m.Cards {
		p.final[id] = c
	}
	p.deletedLink = map[string]bool{}
	var adds []*Card     // new to us: placed after the rest is known
	var puts []*Card     // theirs' versions that replace ours
	var keeps [][2]*Card // ours kept over theirs in a conflict: {mine, theirs}
	ids := unionKeys(p.m.Cards, p.tm.Cards)
	for _, id := range ids {
		M, T := p.m.Cards[id], p.tm.Cards[id]
		switch {
		case M != nil && T != nil:
			mk, tk := cardKey(M), cardKey(T)
			if mk == tk {
				continue
			}
			tInMine, mInTheirs := p.mine.had("card", id, tk), p.their.had("card", id, mk)
			switch {
			case tInMine && !mInTheirs:
				// Theirs is behind: ours stands.
			case mInTheirs && !tInMine:
				puts = append(puts, T)
				p.rep.Updated = append(p.rep.Updated, MergeItem{Entity: "card", ID: id, Title: T.Title})
			case tInMine && mInTheirs:
				// Each saw the other's version: the newer stands.
				if T.Updated.After(M.Updated) {
					puts = append(puts, T)
					p.rep.Updated = append(p.rep.Updated, MergeItem{Entity: "card", ID: id, Title: T.Title})
				}
			default:
				c := MergeConflict{Entity: "card", ID: id, Title: M.Title, MineCard: clonePtr(M), TheirsCard: clonePtr(T),
					MineAt: M.Updated, TheirsAt: T.Updated, KeptTheirs: T.Updated.After(M.Updated)}
				if c.KeptTheirs {
					c.Title = T.Title
					puts = append(puts, T)
				} else {
					keeps = append(keeps, [2]*Card{M, T})
				}
				p.rep.Conflicts = append(p.rep.Conflicts, c)
			}
		case M != nil:
			at, gone := p.their.tomb[entityRef{"card", id}]
			if !gone {
				continue // ours alone
			}
			if p.their.had("card", id, cardKey(M)) {
				p.deleteCard(id, M)
				continue
			}
			c := MergeConflict{Entity: "card", ID: id, Title: M.Title, MineCard: clonePtr(M),
				MineAt: M.Updated, TheirsAt: at, KeptTheirs: at.After(M.Updated)}
			if c.KeptTheirs {
				p.deleteCard(id, M)
			}
			p.rep.Conflicts = append(p.rep.Conflicts, c)
		case T != nil:
			at, gone := p.mine.tomb[entityRef{"card", id}]
			if !gone {
				adds = append(adds, T)
				continue
			}
			if p.mine.had("card", id, cardKey(T)) {
				continue // we deleted it after seeing their version
			}
			c := MergeConflict{Entity: "card", ID: id, Title: T.Title, TheirsCard: clonePtr(T),
				MineAt: at, TheirsAt: T.Updated, KeptTheirs: T.Updated.After(at)}
			if c.KeptTheirs {
				adds = append(adds, T)
			}
			p.rep.Conflicts = append(p.rep.Conflicts, c)
		}
	}
	for _, T := range puts {
		p.final[T.ID] = T
	}
	for _, T := range adds {
		p.final[T.ID] = T
	}
	// Theirs' versions go in as theirs had them, then fixed where they
	// must be: a reference to a card not on the merged board cleared, a
	// new card moved clear of the cards already there.
	for _, T := range puts {
		p.putTheirs(T, nil)
	}
	for _, pair := range keeps {
		// Theirs' version into our history, then ours over it, so the
		// next merge sees theirs' version as seen.
		mine := pair[0].Clone()
		p.fixRefs(&mine)
		p.ch.PutCards = append(p.ch.PutCards, pair[1].Clone(), mine)
	}
	p.placeAdds(adds)
	p.mergeLinks()
	return p.ch
}

func clonePtr(c *Card) *Card { cc := c.Clone(); return &cc }

func (p *merger) deleteCard(id string, M *Card) {
	p.ch.DeleteCards = append(p.ch.DeleteCards, id)
	delete(p.final, id)
	p.rep.Deleted = append(p.rep.Deleted, MergeItem{Entity: "card", ID: id, Title: M.Title})
}

// fixRefs clears speaker and source references to cards not on the
// merged board.
func (p *merger) fixRefs(c *Card) bool {
	fixed := false
	for _, ref := range c.Refs() {
		if *ref != "" && p.final[*ref] == nil {
			p.rep.Skipped = append(p.rep.Skipped, fmt.Sprintf("card %q: its reference to card %s, not on the merged board, was cleared", clean(c.Title, 60), *ref))
			*ref = ""
			fixed = true
		}
	}
	return fixed
}

// mineCard is MINE's card id, if any (nil when the merger has no MINE).
func (p *merger) mineCard(id string) *Card {
	if p.m == nil {
		return nil
	}
	return p.m.Cards[id]
}

// fitted is T with its references to cards not on the merged board
// cleared, as fixRefs clears them, without a word in the report.
func (p *merger) fitted(T *Card) *Card {
	c := T.Clone()
	for _, ref := range c.Refs() {
		if *ref != "" && p.final[*ref] == nil {
			*ref = ""
		}
	}
	return &c
}

// putTheirs writes theirs' version of a card. When it has to be changed
// to fit the merged board - moved to fitted's place, a reference to a card
// not on the board cleared - it is written as theirs had it and then,
// in the same change, as fitted: the history then holds theirs' version,
// and merging the same board again finds nothing to do. (Foreign keys are
// checked at commit, so the first version may name a card that is gone.)
func (p *merger) putTheirs(T *Card, fitted *Card) {
	fit := T.Clone()
	if fitted != nil {
		fit = fitted.Clone()
	}
	if M := p.mineCard(T.ID); M != nil && fitted == nil && cardKey(p.fitted(T)) == cardKey(M) {
		// Fitted to the merged board, theirs' version is what we have:
		// the same board merged again, after its reference was cleared.
		p.rep.Updated = slices.DeleteFunc(p.rep.Updated, func(it MergeItem) bool { return it.Entity == "card" && it.ID == T.ID })
		return
	}
	if !p.fixRefs(&fit) && fitted == nil {
		p.ch.PutCards = append(p.ch.PutCards, fit)
		return
	}
	p.ch.PutCards = append(p.ch.PutCards, T.Clone(), fit)
}

// mergeGap is the space left below a card a new one is moved under.
const mergeGap = 20

// placeAdds adds the cards new to us where theirs had them, each moved
// straight down below any card it would overlap, in order of position so
// that theirs' layout keeps its shape where it can.
func (p *merger) placeAdds(adds []*Card) {
	sort.Slice(adds, func(i, j int) bool {
		a, b := adds[i], adds[j]
		if a.Y != b.Y {
			return a.Y < b.Y
		}
		if a.X != b.X {
			return a.X < b.X
		}
		return a.ID < b.ID
	})
	isAdd := make(map[string]bool, len(adds))
	for _, c := range adds {
		isAdd[c.ID] = true
	}
	pl := newPlacer()
	for id, c := range p.final { // the order does not matter: see hit
		if !isAdd[id] {
			pl.add(c)
		}
	}
	for _, T := range adds {
		c := T.Clone()
		moved := pl.place(&c)
		if moved && c.Y+c.Height > MaxCoord {
			c.Y, moved = T.Y, false // no room below: leave it where it was
		}
		pl.add(&c)
		item := MergeItem{Entity: "card", ID: c.ID, Title: c.Title}
		if moved {
			item.Note = "moved clear of an overlap"
		}
		p.final[c.ID] = &c
		p.rep.Added = append(p.rep.Added, item)
		if moved {
			p.putTheirs(T, &c)
		} else {
			p.putTheirs(T, nil)
		}
	}
}

// overlaps reports whether cards a and b share some area; cards that
// only touch do not overlap.
func overlaps(a, b *Card) bool {
	return a.X < b.X+b.Width && b.X < a.X+a.Width && a.Y < b.Y+b.Height && b.Y < a.Y+a.Height
}

const (
	// placeCell is the side of a cell of the placement grid for cards
	// of ordinary size: a little more than a large card.
	placeCell = 400
	// placeBigCell is the side of a cell of the grid for cards over
	// placeBigSpan cells of placeCell: a card of MaxCardSize covers at
	// most 14×14 of them, so no card is on a grid's list of wide items,
	// which every query would have to look at.
	placeBigCell = 8000
	placeBigSpan = 16
	// placeTries and placeBudget bound the work spent on one card moved
	// down one overlap at a time: moves, and cells and cards looked at.
	// Past either the card is taken at once below every card in the
	// columns it spans. Without this, in a pile of n cards at one spot
	// the n-th new card moves n times, and 100,000 of them take minutes.
	placeTries  = 16
	placeBudget = 4096
)

// placed is a card filed in a placement grid.
type placed struct {
	geom.Spot
	c *Card
}

// SpotOf is where the placement grid keeps the card.
func (p *placed) SpotOf() *geom.Spot { return &p.Spot }

// placer finds the cards a new card would overlap without testing every
// card, and where a card can go below every card in its columns.
type placer struct {
	small, big *geom.Grid[*placed]
	// floor[i-floorLo] is, for column i of placeCell units, the lowest
	// bottom edge (the greatest y) of any card reaching into it; -Inf when
	// none does, as for every column outside the slice. It spans only the
	// columns cards were added in: the whole board's would be 50,000
	// columns to make and fill for every merge and every new card
	// (PlaceClear), most of them empty.
	floor   []float64
	floorLo int
}

// placeCols is how many columns of placeCell the floor keeps: every x a
// valid card can reach, from -MaxCoord to MaxCoord+MaxCardSize.
const placeCols = int((2*MaxCoord+MaxCardSize)/placeCell) + 3

func newPlacer() *placer {
	return &placer{
		small: geom.NewGrid[*placed](placeCell),
		big:   geom.NewGrid[*placed](placeBigCell),
	}
}

// floorAt is the floor of column i.
func (pl *placer) floorAt(i int) float64 {
	if j := i - pl.floorLo; j >= 0 && j < len(pl.floor) {
		return pl.floor[j]
	}
	return math.Inf(-1)
}

// spanFloor makes the floor's slice span columns a to b, with room to
// grow either way so that cards added one by one copy it rarely.
func (pl *placer) spanFloor(a, b int) {
	lo, hi := pl.floorLo, pl.floorLo+len(pl.floor)-1
	if len(pl.floor) > 0 && a >= lo && b <= hi {
		return
	}
	if len(pl.floor) == 0 {
		lo, hi = a, b
	}
	slack := max(hi-lo+1, 16)
	if a < lo {
		lo = max(a-slack, 0)
	}
	if b > hi {
		hi = min(b+slack, placeCols-1)
	}
	floor := make([]float64, hi-lo+1)
	for i := range floor {
		floor[i] = pl.floorAt(lo + i)
	}
	pl.floor, pl.floorLo = floor, lo
}

func cardBox(c *Card) geom.Rect {
	return geom.Rect{X: c.X, Y: c.Y, W: c.Width, H: c.Height}
}

// cellsSpanned is how many cells of side cell the card covers, kept
// within int64 for any input.
func cellsSpanned(c *Card, cell float64) int64 {
	n := func(lo, size float64) float64 { return math.Floor((lo+size)/cell) - math.Floor(lo/cell) + 1 }
	v := n(c.X, c.Width) * n(c.Y, c.Height)
	if !(v < 1<<40) { // huge, or NaN from a value a valid board cannot hold
		return 1 << 40
	}
	return int64(v)
}

// cols returns the floor's columns the card covers, clamped to the
// board: a card outside it (which a valid board does not hold) shares
// the edge column with the others there, which can only put a card
// further down than needed, never onto another.
func (pl *placer) cols(c *Card) (int, int) {
	col := func(x float64) int {
		v := math.Floor((x+MaxCoord)/placeCell) + 1
		if !(v >= 0) { // also NaN
			return 0
		}
		return int(math.Min(v, float64(placeCols-1)))
	}
	return col(c.X), col(c.X + c.Width)
}

// add files c, as it is now, among the cards new cards must not overlap.
func (pl *placer) add(c *Card) {
	g := pl.small
	if cellsSpanned(c, placeCell) > placeBigSpan {
		g = pl.big
	}
	g.Insert(&placed{c: c}, cardBox(c))
	a, b := pl.cols(c)
	pl.spanFloor(a, b)
	bottom := c.Y + c.Height
	for i := a - pl.floorLo; i <= b-pl.floorLo; i++ {
		if bottom > pl.floor[i] {
			pl.floor[i] = bottom
		}
	}
}

// floorUnder is the lowest bottom edge of any card in the columns c
// covers: c placed below it overlaps nothing.
func (pl *placer) floorUnder(c *Card) float64 {
	a, b := pl.cols(c)
	f := math.Inf(-1)
	for i := a; i <= b; i++ {
		f = math.Max(f, pl.floorAt(i))
	}
	return f
}

// place moves c straight down until it overlaps no card filed, and
// reports whether it moved. Each step takes it below the lowest-reaching
// card it overlaps; when the steps cost too much, it goes below every
// card in its columns at once.
func (pl *placer) place(c *Card) bool {
	moved := false
	work := 0
	for tries := 0; ; tries++ {
		hit, done := pl.hit(c, &work)
		if done && hit == nil {
			return moved
		}
		if !done || tries >= placeTries {
			if f := pl.floorUnder(c); f+mergeGap > c.Y { // never up
				c.Y = f + mergeGap
				return true
			}
			return moved // nothing in its columns reaches it
		}
		moved = true
		c.Y = hit.Y + hit.Height + mergeGap
	}
}

// hit returns, of the cards c overlaps, the one reaching lowest (so that
// moving c below it clears the most at once; the smaller ID between
// equals, so that the result does not depend on the order cards were
// filed in), or nil. It adds the cells and cards it looked at to *work
// and gives up, with done false, once that passes placeBudget.
func (pl *placer) hit(c *Card, work *int) (best *Card, done bool) {
	r := cardBox(c)
	consider := func(p *placed) bool {
		o := p.c
		if overlaps(c, o) && (best == nil || o.Y+o.Height > best.Y+best.Height ||
			(o.Y+o.Height == best.Y+best.Height && o.ID < best.ID)) {
			best = o
		}
		return true
	}
	for _, g := range []struct {
		g    *geom.Grid[*placed]
		cell float64
	}{{pl.small, placeCell}, {pl.big, placeBigCell}} {
		if g.g.Len() == 0 {
			continue
		}
		// The grid bounds a query by the cells in use; count the cells at
		// most that.
		*work += int(min(cellsSpanned(c, g.cell), int64(4*g.g.Cells()+64)))
		if *work > placeBudget {
			return best, false
		}
		looked, complete := g.g.QueryLimit(r, placeBudget-*work, consider)
		*work += looked
		if !complete {
			return best, false
		}
	}
	return best, true
}

func (p *merger) linkTitle(l *Link) string {
	name := func(id string) string {
		if c := p.final[id]; c != nil && c.Title != "" {
			return c.Title
		}
		if c := p.m.Cards[id]; c != nil && c.Title != "" {
			return c.Title
		}
		if c := p.tm.Cards[id]; c != nil && c.Title != "" {
			return c.Title
		}
		return "card " + id
	}
	t := name(l.From) + " → " + name(l.To)
	if l.Relation != "" {
		t += " (" + l.Relation + ")"
	}
	return t
}

func (p *merger) mergeLinks() {
	ids := unionKeys(p.m.Links, p.tm.Links)
	putLink := func(T *Link) bool {
		if p.final[T.From] == nil || p.final[T.To] == nil {
			p.rep.Skipped = append(p.rep.Skipped, fmt.Sprintf("link %q: one of its cards is not on the merged board", clean(p.linkTitle(T), 80)))
			return false
		}
		p.ch.PutLinks = append(p.ch.PutLinks, *T)
		return true
	}
	for _, id := range ids {
		M, T := p.m.Links[id], p.tm.Links[id]
		switch {
		case M != nil && T != nil:
			mk, tk := linkKey(M), linkKey(T)
			if mk == tk {
				continue
			}
			tInMine, mInTheirs := p.mine.had("link", id, tk), p.their.had("link", id, mk)
			item := MergeItem{Entity: "link", ID: id, Title: p.linkTitle(T)}
			switch {
			case tInMine && !mInTheirs:
			case mInTheirs && !tInMine, tInMine && mInTheirs && T.Updated.After(M.Updated):
				if putLink(T) {
					p.rep.Updated = append(p.rep.Updated, item)
				}
			case tInMine && mInTheirs:
			default:
				mm, tt := *M, *T
				c := MergeConflict{Entity: "link", ID: id, Title: p.linkTitle(M), MineLink: &mm, TheirsLink: &tt,
					MineAt: M.Updated, TheirsAt: T.Updated, KeptTheirs: T.Updated.After(M.Updated)}
				if c.KeptTheirs {
					c.KeptTheirs = putLink(T)
				} else if p.final[T.From] != nil && p.final[T.To] != nil && p.final[M.From] != nil && p.final[M.To] != nil {
					p.ch.PutLinks = append(p.ch.PutLinks, *T, *M)
				}
				p.rep.Conflicts = append(p.rep.Conflicts, c)
			}
		case M != nil:
			at, gone := p.their.tomb[entityRef{"link", id}]
			if !gone {
				continue
			}
			if p.their.had("link", id, linkKey(M)) {
				p.deleteLink(M)
				continue
			}
			mm := *M
			c := MergeConflict{Entity: "link", ID: id, Title: p.linkTitle(M), MineLink: &mm,
				MineAt: M.Updated, TheirsAt: at, KeptTheirs: at.After(M.Updated)}
			if c.KeptTheirs {
				p.deleteLink(M)
			}
			p.rep.Conflicts = append(p.rep.Conflicts, c)
		case T != nil:
			at, gone := p.mine.tomb[entityRef{"link", id}]
			if !gone {
				if putLink(T) {
					p.rep.Added = append(p.rep.Added, MergeItem{Entity: "link", ID: id, Title: p.linkTitle(T)})
				}
				continue
			}
			if p.mine.had("link", id, linkKey(T)) {
				continue
			}
			tt := *T
			c := MergeConflict{Entity: "link", ID: id, Title: p.linkTitle(T), TheirsLink: &tt,
				MineAt: at, TheirsAt: T.Updated, KeptTheirs: T.Updated.After(at)}
			if c.KeptTheirs {
				c.KeptTheirs = putLink(T)
			}
			p.rep.Conflicts = append(p.rep.Conflicts, c)
		}
	}
}

func (p *merger) deleteLink(M *Link) {
	p.ch.DeleteLinks = append(p.ch.DeleteLinks, M.ID)
	p.deletedLink[M.ID] = true
	p.rep.Deleted = append(p.rep.Deleted, MergeItem{Entity: "link", ID: M.ID, Title: p.linkTitle(M)})
}

// reportSideEffects adds to the report the links Expand deleted with
// their cards.
func (p *merger) reportSideEffects(ch Change) {
	for _, id := range ch.DeleteLinks {
		if p.deletedLink[id] {
			continue
		}
		if l := p.m.Links[id]; l != nil {
			p.deletedLink[id] = true
			p.rep.Deleted = append(p.rep.Deleted, MergeItem{Entity: "link", ID: id, Title: p.linkTitle(l),
				Note: "its card was deleted"})
		}
	}
}

func unionKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	return sortedKeys(seen)
}

// Deletions counts what the merge deletes from our board: the cards and
// links it deletes, and the conflicts it settles by theirs' deletion.
func (r *MergeReport) Deletions() int {
	n := len(r.Deleted)
	for _, c := range r.Conflicts {
		if c.KeptTheirs && c.TheirsCard == nil && c.TheirsLink == nil {
			n++
		}
	}
	return n
}

// Drastic reports whether a merge deletes so much of a board of size
// things (cards and links) that a person must agree first: more than 20,
// or more than a quarter of the board. The command line wants
// --allow-deletions for it, the app a confirmation.
func (r *MergeReport) Drastic(size int) bool {
	n := r.Deletions()
	return n > 20 || (n > 0 && 4*n > size)
}

// Empty reports whether the merge found nothing to bring in.
func (r *MergeReport) Empty() bool {
	return len(r.Added) == 0 && len(r.Updated) == 0 && len(r.Deleted) == 0 && len(r.Conflicts) == 0
}

// Summary is the report in one line: "2 added, 1 updated, 1 deleted, 1
// conflict".
func (r *MergeReport) Summary() string {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	return fmt.Sprintf("%d added, %d updated, %d deleted, %s", len(r.Added), len(r.Updated), len(r.Deleted),
		plural(len(r.Conflicts), "conflict", "conflicts"))
}

// Lines is the report item by item, one line each, times in loc.
func (r *MergeReport) Lines(loc *time.Location) []string {
	if loc == nil {
		loc = time.Local
	}
	var out []string
	item := func(what string, it MergeItem) {
		l := fmt.Sprintf("%-9s %s %q", what, it.Entity, clean(it.Title, 80))
		if it.Note != "" {
			l += " (" + it.Note + ")"
		}
		out = append(out, l)
	}
	for _, it := range r.Added {
		item("added", it)
	}
	for _, it := range r.Updated {
		item("updated", it)
	}
	for _, it := range r.Deleted {
		item("deleted", it)
	}
	for _, c := range r.Conflicts {
		out = append(out, fmt.Sprintf("%-9s %s %q: %s", "conflict", c.Entity, clean(c.Title, 80), c.Describe(loc)))
	}
	for _, s := range r.Skipped {
		out = append(out, fmt.Sprintf("%-9s %s", "skipped", s))
	}
	return out
}

// Describe says what the two sides did and which was kept, e.g. "changed
// on both sides; kept theirs (26 Nov 2026 14:03) over mine (26 Nov 2026
// 12:00)".
func (c MergeConflict) Describe(loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	mineDel := c.MineCard == nil && c.MineLink == nil
	theirsDel := c.TheirsCard == nil && c.TheirsLink == nil
	what := "changed on both sides"
	switch {
	case mineDel:
		what = "deleted in mine, changed in theirs"
	case theirsDel:
		what = "changed in mine, deleted in theirs"
	}
	kept, other := "mine", "theirs"
	keptAt, otherAt := c.MineAt, c.TheirsAt
	if c.KeptTheirs {
		kept, other = other, kept
		keptAt, otherAt = otherAt, keptAt
	}
	return fmt.Sprintf("%s; kept %s (%s) over %s (%s)", what, kept, keptAt.In(loc).Format(HistoryTimeLayout),
		other, otherAt.In(loc).Format(HistoryTimeLayout))
}

// mergeDocuments brings in, by hash, the documents of theirs that the
// cards the merge puts need and ours lacks: same hash, same document, so
// one we have already is never copied twice. A document theirs could not
// read (Unreadable) is not brought; the card then has no readable
// document, as it had none in theirs. Deleting a document is not merged.
func mergeDocuments(ch *Change, m, tm *Model, theirs *Store) error {
	added := map[string]bool{}
	for _, c := range ch.PutCards {
		id := c.Document
		if id == "" || added[id] || m.Documents[id] != nil {
			continue
		}
		d := tm.Documents[id]
		if d == nil || d.Unreadable != "" {
			continue
		}
		b, err := theirs.DocumentBytes(id)
		if err != nil {
			return err
		}
		t, err := theirs.DocumentText(id)
		if err != nil {
			return err
		}
		dd := *d
		dd.Bytes, dd.Text = b, t
		ch.PutDocuments = append(ch.PutDocuments, dd)
		added[id] = true
	}
	return nil
}
