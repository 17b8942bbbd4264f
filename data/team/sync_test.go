package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"evidenceboard/data"
	"evidenceboard/data/team/teamtest"
)

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// newBoard makes an empty board owned by the test.
func newBoard(t testing.TB, name, author string) *data.Case {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+data.Extension)
	s, err := data.Create(path, data.Board{Title: name})
	if err != nil {
		t.Fatal(err)
	}
	s.Author = author
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	cs := data.NewCase(s, m)
	t.Cleanup(func() { cs.Close() })
	return cs
}

func apply(t testing.TB, cs *data.Case, ch data.Change) {
	t.Helper()
	if _, _, err := cs.Apply(ch); err != nil {
		t.Fatal(err)
	}
}

func addCard(t testing.TB, cs *data.Case, title string, x, y float64) string {
	t.Helper()
	id := data.NewID()
	w, h := data.DefaultSize(data.KindNote)
	apply(t, cs, data.Change{Label: "Add note", PutCards: []data.Card{{ID: id, Kind: data.KindNote, Title: title, X: x, Y: y, Width: w, Height: h}}})
	return id
}

func edit(t testing.TB, cs *data.Case, id string, f func(c *data.Card)) {
	t.Helper()
	c := cs.Model().Cards[id].Clone()
	f(&c)
	apply(t, cs, data.Change{Label: "Edit", PutCards: []data.Card{c}})
}

// dump is the board as copies must agree on it: board properties, cards
// and links, without the times each copy stamps for itself.
func dump(m *data.Model) string {
	var b strings.Builder
	fmt.Fprintf(&b, "board %q %q %q %q\n", m.Board.Title, m.Board.CaseRef, m.Board.Author, m.Board.Marking)
	var ids []string
	for id := range m.Cards {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := m.Cards[id].Clone()
		c.Updated = time.Time{}
		j, _ := json.Marshal(c)
		fmt.Fprintf(&b, "card %s\n", j)
	}
	ids = ids[:0]
	for id := range m.Links {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		l := *m.Links[id]
		l.Updated = time.Time{}
		j, _ := json.Marshal(l)
		fmt.Fprintf(&b, "link %s\n", j)
	}
	return b.String()
}

// reload reads a board back from its file: what the file holds must be
// what the model says.
func reload(t testing.TB, cs *data.Case) string {
	t.Helper()
	s, err := data.OpenReadOnly(cs.Store().Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return dump(m)
}

func sync1(t testing.TB, cs *data.Case) Result {
	t.Helper()
	res, err := Sync(ctxT(t), cs)
	if err != nil {
		t.Fatalf("sync %s: %v", cs.Store().Path(), err)
	}
	return res
}

func clone(t testing.TB, c *cluster, role, name string) *data.Case {
	t.Helper()
	out := filepath.Join(t.TempDir(), role+data.Extension)
	cs, _, err := Clone(ctxT(t), c.URL(role), name, out)
	if err != nil {
		t.Fatalf("clone as %s: %v", role, err)
	}
	cs.Store().Author = role
	t.Cleanup(func() { cs.Close() })
	return cs
}

// published makes a board as alice, with two cards and a link, publishes
// it as name and grants it to the newsroom.
func published(t testing.TB, c *cluster, name string) *data.Case {
	t.Helper()
	cs := newBoard(t, "alice", "alice")
	a := addCard(t, cs, "First", 0, 0)
	b := addCard(t, cs, "Second", 300, 0)
	apply(t, cs, data.Change{Label: "Link", PutLinks: []data.Link{{ID: data.NewID(), From: a, To: b, Relation: "supports", Directed: true}}})
	if err := Publish(ctxT(t), cs, c.URL("alice"), name); err != nil {
		t.Fatal(err)
	}
	if err := Grant(ctxT(t), c.URL("alice"), name, "newsroom"); err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestPublishCloneSync(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "basic")
	bob := clone(t, c, "bob", "basic")
	if got, want := dump(bob.Model()), dump(alice.Model()); got != want {
		t.Fatalf("clone differs:\n%s\nwant\n%s", got, want)
	}
	if reload(t, bob) != dump(bob.Model()) {
		t.Fatal("the clone's file and model differ")
	}
	// The history gives back the cards and links; the board's title, set
	// when the board was made, is in no change: the one extra change holds
	// only that.
	if n, recs := published_(t, bob); n != 1 || recs != 1 {
		t.Errorf("the clone has %d \"Published as\" changes with %d records, want 1 with 1", n, recs)
	}
	if a, b := alice.Model().Board.Created, bob.Model().Board.Created; !a.Truncate(time.Millisecond).Equal(b) || b.IsZero() {
		t.Errorf("the clone's board was created %v, the original's %v", b, a)
	}
	// Each edits; a sync round each way brings both to the same board.
	var first string
	for id, card := range alice.Model().Cards {
		if card.Title == "First" {
			first = id
		}
	}
	edit(t, alice, first, func(c *data.Card) { c.Body = "alice's words" })
	addCard(t, bob, "Bob's note", 0, 300)
	edit(t, bob, first, func(c *data.Card) { c.X = 40 })
	for _, tc := range []struct {
		who  *data.Case
		want Result
	}{
		{alice, Result{Pushed: 1}},
		{bob, Result{Pushed: 2, Pulled: 1}},
		{alice, Result{Pulled: 2}},
		{bob, Result{}},
	} {
		got := sync1(t, tc.who)
		if got.Pulled > 0 && len(got.Touched) == 0 {
			t.Errorf("sync %s: pulled %d but touched nothing", tc.who.Store().Author, got.Pulled)
		}
		if got.Pushed != tc.want.Pushed || got.Pulled != tc.want.Pulled || got.Conflicts != tc.want.Conflicts {
			t.Errorf("sync %s: %+v, want %+v", tc.who.Store().Author, got, tc.want)
		}
	}
	if got, want := dump(bob.Model()), dump(alice.Model()); got != want {
		t.Fatalf("copies differ:\n%s\nwant\n%s", got, want)
	}
	if c := alice.Model().Cards[first]; c.Body != "alice's words" || c.X != 40 {
		t.Errorf("edits to different fields of one card did not both stand: %+v", c)
	}
	if reload(t, alice) != dump(alice.Model()) {
		t.Fatal("alice's file and model differ")
	}
	st, err := ReadStatus(alice.Store())
	if err != nil || st.Waiting != 0 || st.Link.CaseName != "basic" || strings.Contains(st.Link.Server, ":@") {
		t.Errorf("status %+v %v", st, err)
	}
	// A name the server has is refused.
	other := newBoard(t, "other", "alice")
	if err := Publish(ctxT(t), other, c.URL("alice"), "basic"); err == nil || !strings.Contains(err.Error(), "already has a case") {
		t.Errorf("publish over an existing name: %v", err)
	}
}

// Both change the same field at nearly the same time: the later change
// wins on both copies, and the one that pulls the other's counts a
// conflict.
func TestConflictLaterWins(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "conflict")
	bob := clone(t, c, "bob", "conflict")
	var id string
	for k := range alice.Model().Cards {
		id = k
		break
	}
	edit(t, bob, id, func(c *data.Card) { c.Title = "bob's title" })
	time.Sleep(5 * time.Millisecond)
	edit(t, alice, id, func(c *data.Card) { c.Title = "alice's title, later" })
	sync1(t, alice)
	res := sync1(t, bob)
	if res.Conflicts != 1 {
		t.Errorf("bob's sync: %+v, want one conflict", res)
	}
	sync1(t, alice)
	for _, cs := range []*data.Case{alice, bob} {
		if got := cs.Model().Cards[id].Title; got != "alice's title, later" {
			t.Errorf("%s has %q", cs.Store().Author, got)
		}
	}
}

// randomEdit makes one edit on cs: add, move, retitle (often a card
// others edit too), link, or delete a card this copy made.
func randomEdit(t testing.TB, cs *data.Case, r *rand.Rand, mine *[]string) {
	m := cs.Model()
	var ids []string
	for id := range m.Cards {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	switch k := r.Intn(10); {
	case k < 3 || len(ids) < 2:
		*mine = append(*mine, addCard(t, cs, fmt.Sprintf("%s %d", cs.Store().Author, r.Intn(1000)), float64(r.Intn(2000)), float64(r.Intn(2000))))
	case k < 5:
		edit(t, cs, ids[r.Intn(len(ids))], func(c *data.Card) { c.X, c.Y = float64(r.Intn(2000)), float64(r.Intn(2000)) })
	case k < 7:
		edit(t, cs, ids[r.Intn(min(3, len(ids)))], func(c *data.Card) { c.Title = fmt.Sprintf("%s was here %d", cs.Store().Author, r.Intn(1000)) })
	case k < 9:
		a, b := ids[r.Intn(len(ids))], ids[r.Intn(len(ids))]
		if a != b {
			apply(t, cs, data.Change{Label: "Link", PutLinks: []data.Link{{ID: data.NewID(), From: a, To: b, Relation: "mentions"}}})
		}
	default:
		for i, id := range *mine {
			if m.Cards[id] != nil {
				apply(t, cs, data.Change{Label: "Delete", DeleteCards: []string{id}})
				*mine = append((*mine)[:i], (*mine)[i+1:]...)
				break
			}
		}
	}
}

// Copies edit one case at once, syncing as they go (two at the same
// moment), one of them offline for a hundred changes; after a last round
// each, all hold the same board.
func TestCopiesConverge(t *testing.T) {
	c := needServer(t)
	for _, tc := range []struct {
		copies, rounds int
	}{
		{2, 15},
		{5, 10},
	} {
		t.Run(fmt.Sprintf("%d copies", tc.copies), func(t *testing.T) {
			name := fmt.Sprintf("converge-%d", tc.copies)
			copies := []*data.Case{published(t, c, name)}
			for i := 1; i < tc.copies; i++ {
				role := "bob"
				if i%2 == 0 {
					role = "alice"
				}
				cs := clone(t, c, role, name)
				cs.Store().Author = fmt.Sprintf("%s-%d", role, i)
				copies = append(copies, cs)
			}
			mine := make([][]string, tc.copies)
			rs := make([]*rand.Rand, tc.copies)
			for i := range rs {
				rs[i] = rand.New(rand.NewSource(int64(i + 1)))
			}
			// The last copy works offline: a hundred changes, then it syncs.
			offline := tc.copies - 1
			for i := 0; i < 100; i++ {
				randomEdit(t, copies[offline], rs[offline], &mine[offline])
			}
			for round := 0; round < tc.rounds; round++ {
				var wg sync.WaitGroup
				errs := make([]error, tc.copies)
				for i, cs := range copies {
					if i == offline && round < tc.rounds-1 {
						continue
					}
					for e := 0; e < 3; e++ {
						randomEdit(t, cs, rs[i], &mine[i])
					}
					wg.Add(1)
					go func() {
						defer wg.Done()
						_, errs[i] = Sync(context.Background(), cs)
					}()
				}
				wg.Wait()
				for i, err := range errs {
					if err != nil {
						t.Fatalf("round %d, copy %d: %v", round, i, err)
					}
				}
			}
			// Two rounds one after another: everyone has everything.
			for pass := 0; pass < 2; pass++ {
				for _, cs := range copies {
					sync1(t, cs)
				}
			}
			want := dump(copies[0].Model())
			for i, cs := range copies {
				if got := dump(cs.Model()); got != want {
					t.Fatalf("copy %d differs from copy 0:\n%s", i, firstDiff(got, want))
				}
				if got := reload(t, cs); got != want {
					t.Fatalf("copy %d's file differs from the boards:\n%s", i, firstDiff(got, want))
				}
				if st, err := ReadStatus(cs.Store()); err != nil || st.Waiting != 0 {
					t.Errorf("copy %d: %+v %v", i, st, err)
				}
			}
			if n := len(copies[0].Model().Cards); n < 20 {
				t.Errorf("only %d cards: the edits did not all arrive", n)
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "got  " + al[i] + "\nwant " + bl[i]
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(al), len(bl))
}

func TestNoGrantRefused(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "secret")
	alice.Close()
	// mallory cannot clone it, nor see it listed, and no file is left.
	out := filepath.Join(t.TempDir(), "m.evboard")
	if _, _, err := Clone(ctxT(t), c.URL("mallory"), "secret", out); !errors.Is(err, ErrNoAccess) {
		t.Errorf("mallory's clone: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused clone left a file")
	}
	cases, err := Cases(ctxT(t), c.URL("mallory"))
	if err != nil || len(cases) != 0 {
		t.Errorf("mallory lists %+v %v", cases, err)
	}
	// With a copy of alice's linked file, mallory's sync is refused too.
	bob := clone(t, c, "bob", "secret")
	addCard(t, bob, "Bob's", 0, 0)
	path := bob.Store().Path()
	bob.Close()
	for _, tc := range []struct {
		role string
		want error
	}{
		{"mallory", ErrNoAccess},
		{"bob", nil},
	} {
		t.Run(tc.role, func(t *testing.T) {
			cs, err := data.OpenCase(path)
			if err != nil {
				t.Fatal(err)
			}
			defer cs.Close()
			if err := cs.Store().Tx(func(tx *sqlTx) error {
				_, err := tx.Exec(`UPDATE team_link SET server = ?`, c.URL(tc.role))
				return err
			}); err != nil {
				t.Fatal(err)
			}
			before := reload(t, cs)
			_, err = Sync(ctxT(t), cs)
			if !errors.Is(err, tc.want) && !(tc.want == nil && err == nil) {
				t.Fatalf("sync as %s: %v, want %v", tc.role, err, tc.want)
			}
			if tc.want != nil && reload(t, cs) != before {
				t.Error("a refused sync changed the board")
			}
		})
	}
	// Once revoked, bob is refused as well.
	if err := Revoke(ctxT(t), c.URL("alice"), "secret", "newsroom"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Clone(ctxT(t), c.URL("bob"), "secret", filepath.Join(t.TempDir(), "b.evboard")); !errors.Is(err, ErrNoAccess) {
		t.Errorf("bob's clone after revoke: %v", err)
	}
	if err := Grant(ctxT(t), c.URL("mallory"), "secret", "mallory"); !errors.Is(err, ErrNoAccess) {
		t.Errorf("mallory granted herself: %v", err)
	}
}

func TestUnreachable(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "unreachable")
	addCard(t, alice, "Kept", 0, 0)
	port, _ := teamtest.FreePort()
	if err := alice.Store().Tx(func(tx *sqlTx) error {
		_, err := tx.Exec(`UPDATE team_link SET server = ?`, fmt.Sprintf("postgres://alice@127.0.0.1:%d/evb?sslmode=disable", port))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	before := reload(t, alice)
	_, err := Sync(ctxT(t), alice)
	if !errors.Is(err, ErrUnreachable) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("sync with the server down: %v", err)
	}
	if reload(t, alice) != before {
		t.Error("the board changed")
	}
	if st, _ := ReadStatus(alice.Store()); st.Waiting != 1 {
		t.Errorf("waiting %d, want 1", st.Waiting)
	}
}

// A pulled change that fails the board's checks stops the pull: the board
// keeps what came before it, and the link does not move past it.
func TestBadPulledChange(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "hostile")
	bob := clone(t, c, "bob", "hostile")
	addCard(t, alice, "Fine", 0, 0)
	sync1(t, alice)
	long := strings.Repeat("x", 2_000_000)
	for _, recs := range []string{
		`[{"action":"create","entity":"card","id":"bad1","after":{"kind":"note","title":"` + long + `","width":10,"height":10}}]`,
		`[{"action":"explode","entity":"card","id":"bad2"}]`,
		`[{"action":"create","entity":"link","id":"bad3","after":{"from":"nowhere","to":"nowhere2"}}, {"action":"create","entity":"card","id":"bad4","after":{"kind":"nonsense","width":10,"height":10}}]`,
	} {
		conn, err := Connect(ctxT(t), c.URL("alice"))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := ReadStatus(alice.Store())
		_, err = conn.Exec(ctxT(t), `INSERT INTO evidenceboard.changes (case_id, uuid, at, records) VALUES ($1, gen_random_uuid(), now(), $2::jsonb)`, st.Link.CaseID, recs)
		conn.Close(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		before, _ := ReadStatus(bob.Store())
		res, err := Sync(ctxT(t), bob)
		if err == nil || !strings.Contains(err.Error(), "the pull stopped before it") {
			t.Fatalf("bad change: %+v %v", res, err)
		}
		after, _ := ReadStatus(bob.Store())
		if bob.Model().Cards["bad1"] != nil || bob.Model().Cards["bad4"] != nil || reload(t, bob) != dump(bob.Model()) {
			t.Error("the bad change was applied")
		}
		if after.Link.PulledSeq <= before.Link.PulledSeq && before.Link.PulledSeq == 0 {
			t.Error("the good change before it was not kept")
		}
		// Clear it away for the next case: the server is trusted no more
		// than a file, and the test plays a hostile one.
		admin, _ := Connect(ctxT(t), c.URL("evb_owner"))
		admin.Exec(ctxT(t), `DELETE FROM evidenceboard.changes WHERE case_id = $1 AND records::text NOT LIKE '%"Fine"%' AND seq > $2`, st.Link.CaseID, after.Link.PulledSeq)
		admin.Close(context.Background())
	}
	found := false
	for _, card := range bob.Model().Cards {
		found = found || card.Title == "Fine"
	}
	if !found {
		t.Error("the good change before the bad ones did not arrive")
	}
}

// Killing the server in the middle of syncs, then starting it again:
// nothing is lost and the next round converges.
func TestServerKilledMidSync(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "killed")
	bob := clone(t, c, "bob", "killed")
	r := rand.New(rand.NewSource(9))
	var mine []string
	for i := 0; i < 300; i++ {
		randomEdit(t, alice, r, &mine)
	}
	sync1(t, alice)
	for i := 0; i < 300; i++ {
		randomEdit(t, alice, r, &mine)
	}
	var wg sync.WaitGroup
	var aerr, berr error
	wg.Add(2)
	go func() { defer wg.Done(); _, aerr = Sync(context.Background(), alice) }()
	go func() { defer wg.Done(); _, berr = Sync(context.Background(), bob) }()
	time.Sleep(150 * time.Millisecond)
	if err := c.Kill(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	t.Logf("syncs cut off: alice %v; bob %v", aerr, berr)
	if reload(t, bob) != dump(bob.Model()) || reload(t, alice) != dump(alice.Model()) {
		t.Fatal("a file and its model differ after the cut")
	}
	if err := c.Restart(); err != nil {
		t.Fatal(err)
	}
	for pass := 0; pass < 2; pass++ {
		sync1(t, alice)
		sync1(t, bob)
	}
	if got, want := dump(bob.Model()), dump(alice.Model()); got != want {
		t.Fatalf("after the restart the copies differ:\n%s", firstDiff(got, want))
	}
	st, _ := ReadStatus(alice.Store())
	conn, err := Connect(ctxT(t), c.URL("alice"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n, distinct int
	conn.QueryRow(ctxT(t), `SELECT count(*), count(DISTINCT uuid) FROM evidenceboard.changes WHERE case_id = $1`, st.Link.CaseID).Scan(&n, &distinct)
	if n != distinct || n < 600 {
		t.Errorf("the server holds %d changes, %d distinct", n, distinct)
	}
}

func TestWatchWakesWithinTwoSeconds(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "live")
	bob := clone(t, c, "bob", "live")
	st, _ := ReadStatus(bob.Store())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wake := Watch(ctx, st.Link)
	time.Sleep(300 * time.Millisecond) // let it LISTEN
	for len(wake) > 0 {
		<-wake
	}
	id := addCard(t, alice, "Live", 0, 0)
	start := time.Now()
	sync1(t, alice)
	deadline := time.After(2 * time.Second)
	for bob.Model().Cards[id] == nil {
		select {
		case <-wake:
			sync1(t, bob)
		case <-deadline:
			t.Fatal("the change did not reach bob within 2 s")
		}
	}
	t.Logf("arrived in %v", time.Since(start))
	cancel()
	for range wake {
	}
}

// BenchmarkPushPull1000 pushes 1,000 changes from one copy and pulls them
// into another.
func BenchmarkPushPull1000(b *testing.B) {
	c := needServer(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		name := fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), i)
		alice := published(b, c, name)
		bob := clone(b, c, "bob", name)
		for j := 0; j < 1000; j++ {
			addCard(b, alice, fmt.Sprintf("card %d", j), float64(j), 0)
		}
		b.StartTimer()
		if res := sync1(b, alice); res.Pushed != 1000 {
			b.Fatalf("pushed %d", res.Pushed)
		}
		if res := sync1(b, bob); res.Pulled != 1000 {
			b.Fatalf("pulled %d", res.Pulled)
		}
	}
}

// BenchmarkPushPullFloor1000 is the floor under BenchmarkPushPull1000:
// the same 1,000 changes' rows inserted by one statement as alice and read
// back by one query as bob, through row-level security, with none of the
// work on the board files (reading the pending changes, stamps, resolving,
// applying through data.Case).
func BenchmarkPushPullFloor1000(b *testing.B) {
	c := needServer(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		name := fmt.Sprintf("floor-%d-%d", time.Now().UnixNano(), i)
		alice := published(b, c, name)
		for j := 0; j < 1000; j++ {
			addCard(b, alice, fmt.Sprintf("card %d", j), float64(j), 0)
		}
		out, err := pending(alice.Store())
		if err != nil {
			b.Fatal(err)
		}
		var ids, authors, labels, recs []string
		var ats []time.Time
		for _, o := range out {
			r, _ := encodeRecords(o.log.Records)
			ids, authors, labels, recs = append(ids, data.NewID()), append(authors, o.log.Author), append(labels, o.log.Label), append(recs, r)
			ats = append(ats, o.log.At)
		}
		st, _ := ReadStatus(alice.Store())
		ac, err := Connect(ctxT(b), c.URL("alice"))
		if err != nil {
			b.Fatal(err)
		}
		bc, err := Connect(ctxT(b), c.URL("bob"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := ac.Exec(ctxT(b), `INSERT INTO evidenceboard.changes (case_id, uuid, author, at, label, records)
			SELECT $1, x.u::uuid, x.a, x.t, x.l, x.r::jsonb FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) AS x(u, a, t, l, r)`,
			st.Link.CaseID, ids, authors, ats, labels, recs); err != nil {
			b.Fatal(err)
		}
		rows, err := bc.Query(ctxT(b), `SELECT seq, uuid::text, author, at, label, records::text FROM evidenceboard.changes
			WHERE case_id = $1 AND seq > $2 ORDER BY seq`, st.Link.CaseID, st.Link.PulledSeq)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var seq int64
			var u, a, l, r string
			var at time.Time
			if err := rows.Scan(&seq, &u, &a, &at, &l, &r); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		b.StopTimer()
		ac.Close(context.Background())
		bc.Close(context.Background())
		if n != 1000 {
			b.Fatalf("read %d", n)
		}
	}
}

type sqlTx = sql.Tx

// A change amended after it was pushed (typing goes on in the same field)
// goes again, so the others get the words as they ended.
func TestAmendedAfterPush(t *testing.T) {
	c := needServer(t)
	alice := published(t, c, "amend")
	bob := clone(t, c, "bob", "amend")
	id := addCard(t, alice, "Draft", 0, 0)
	sync1(t, alice)
	card := alice.Model().Cards[id].Clone()
	card.Title = "Draft, finished"
	apply(t, alice, data.Change{Label: "Edit title", PutCards: []data.Card{card}, Amend: true})
	if st, _ := ReadStatus(alice.Store()); st.Waiting != 0 {
		t.Logf("waiting %d", st.Waiting)
	}
	if res := sync1(t, alice); res.Pushed != 1 {
		t.Errorf("the amended change was not pushed again: %+v", res)
	}
	sync1(t, bob)
	if got := bob.Model().Cards[id].Title; got != "Draft, finished" {
		t.Errorf("bob has %q", got)
	}
	sync1(t, alice)
	if res := sync1(t, alice); res.Pushed+res.Pulled+res.Conflicts != 0 || res.Touched != nil {
		t.Errorf("a quiet round did something: %+v", res)
	}
	if got, want := dump(bob.Model()), dump(alice.Model()); got != want {
		t.Fatalf("copies differ:\n%s", firstDiff(got, want))
	}
}

// A role that must give a password and has none in the address,
// PGPASSWORD or ~/.pgpass gets ErrPassword, naming the role; one
// remembered for the session is used, and a wrong one is forgotten.
func TestPassword(t *testing.T) {
	c := needServer(t)
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	published(t, c, "password")
	addr := c.URL("carol")
	for _, tc := range []struct {
		remember string // "" remembers none
		wantErr  error
	}{
		{"", ErrPassword},
		{"wrong", ErrPassword},
		{"", ErrPassword}, // the wrong one was forgotten
		{teamtest.CarolPassword, nil},
		{"", nil}, // kept for the session
	} {
		if tc.remember != "" {
			if err := RememberPassword(addr, tc.remember); err != nil {
				t.Fatal(err)
			}
		}
		_, err := Cases(ctxT(t), addr)
		if !errors.Is(err, tc.wantErr) || err != nil && !strings.Contains(err.Error(), "carol") {
			t.Errorf("remembering %q: %v, want %v", tc.remember, err, tc.wantErr)
		}
	}
	ForgetPassword(addr)
	// A password in the address is used, and never kept in the board.
	u := strings.Replace(addr, "carol@", "carol:"+url.PathEscape(teamtest.CarolPassword)+"@", 1)
	out := filepath.Join(t.TempDir(), "carol"+data.Extension)
	cs, _, err := Clone(ctxT(t), u, "password", out)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	if st, _ := ReadStatus(cs.Store()); strings.Contains(st.Link.Server, "secret") || st.Link.Server == "" {
		t.Errorf("the board keeps %q", st.Link.Server)
	}
	if _, err := Sync(ctxT(t), cs); !errors.Is(err, ErrPassword) {
		t.Errorf("sync without the password: %v", err)
	}
}

// published_ counts the "Published as" changes in a board's history, and
// their records.
func published_(t testing.TB, cs *data.Case) (n, recs int) {
	t.Helper()
	logs, err := cs.Store().ChangesSince(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range logs {
		if strings.HasPrefix(cl.Label, "Published as ") {
			n++
			recs += len(cl.Records)
		}
	}
	return n, recs
}

// A board whose history does not give it back (older than schema 3, or
// imported without one) is published with one more change that makes it
// the board: the clone is the board all the same.
func TestPublishWithoutHistory(t *testing.T) {
	c := needServer(t)
	alice := newBoard(t, "alice", "alice")
	a := addCard(t, alice, "Kept", 0, 0)
	gone := addCard(t, alice, "Gone", 300, 0)
	apply(t, alice, data.Change{Label: "Delete", DeleteCards: []string{gone}})
	// The history loses its first change: replaying the rest makes no
	// card "Kept", and deletes one that was never made.
	if err := alice.Store().Tx(func(tx *sqlTx) error {
		_, err := tx.Exec(`DELETE FROM changes WHERE no = (SELECT min(no) FROM changes)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := Publish(ctxT(t), alice, c.URL("alice"), "no history"); err != nil {
		t.Fatal(err)
	}
	if err := Grant(ctxT(t), c.URL("alice"), "no history", "newsroom"); err != nil {
		t.Fatal(err)
	}
	bob := clone(t, c, "bob", "no history")
	if got, want := dump(bob.Model()), dump(alice.Model()); got != want || bob.Model().Cards[a] == nil {
		t.Fatalf("clone differs:\n%s\nwant\n%s", got, want)
	}
	if n, recs := published_(t, bob); n != 1 || recs < 2 {
		t.Errorf("the clone has %d \"Published as\" changes with %d records, want 1 making the board", n, recs)
	}
}

// Prompt is asked once when the server wants a password and nothing gives
// one (the command line in a terminal); a wrong answer is not kept.
func TestPasswordPrompt(t *testing.T) {
	c := needServer(t)
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	published(t, c, "prompted")
	addr := c.URL("carol")
	defer func() { Prompt = nil }()
	for _, tc := range []struct {
		answer  string
		ok      bool
		wantErr error
		asked   int
	}{
		{"", false, ErrPassword, 1},            // no answer
		{"wrong", true, ErrPassword, 1},        // a wrong answer
		{teamtest.CarolPassword, true, nil, 1}, // the right one
		{"never asked", true, nil, 0},          // kept for the session
	} {
		asked := 0
		Prompt = func(role, host string) (string, bool) {
			asked++
			if role != "carol" {
				t.Errorf("asked for role %q", role)
			}
			return tc.answer, tc.ok
		}
		_, err := Cases(ctxT(t), addr)
		if !errors.Is(err, tc.wantErr) || asked != tc.asked {
			t.Errorf("answering %q: %v after %d questions, want %v after %d", tc.answer, err, asked, tc.wantErr, tc.asked)
		}
	}
	ForgetPassword(addr)
}
