package data

import (
	"database/sql"
	"path/filepath"
	"testing"

	"evidenceboard/data/cputime"
	"evidenceboard/data/geom"
)

// BenchmarkPreviewRead is the data side of a 100,000-card board's first
// frame (app/preview.go): the extent of its cards, then the cards of the
// area a 1280×800 view shows fitted at 10 % (about 1,500), their links and
// the cards those lead to. Its floor is a plain read of every card's place,
// which finding the extent and the area each is.
func BenchmarkPreviewRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "gen"+Extension)
	cs, err := CreateGenerated(path, 100000, 1)
	if err != nil {
		b.Fatal(err)
	}
	cs.Close()
	b.Run("preview", func(b *testing.B) {
		var cpu float64
		for i := 0; i < b.N; i++ {
			c0 := cputime.Now()
			pv, err := OpenPreview(path)
			if err != nil {
				b.Fatal(err)
			}
			ext, _, err := pv.Extent()
			if err != nil {
				b.Fatal(err)
			}
			cx, cy := ext.Centre()
			m, err := pv.Read(geom.Rect{X: cx - 6400, Y: cy - 4000, W: 12800, H: 8000}, 5000)
			pv.Close()
			if err != nil {
				b.Fatal(err)
			}
			cpu += float64(cputime.Now() - c0)
			b.ReportMetric(float64(len(m.Cards)), "cards")
		}
		b.ReportMetric(cpu/float64(b.N), "cpu-ns/op")
	})
	b.Run("floor", func(b *testing.B) {
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		var cpu float64
		for i := 0; i < b.N; i++ {
			c0 := cputime.Now()
			rows, err := db.Query(`SELECT x, y, width, height FROM cards`)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var x, y, w, h float64
				if err := rows.Scan(&x, &y, &w, &h); err != nil {
					b.Fatal(err)
				}
				n++
			}
			rows.Close()
			if n != 100000 {
				b.Fatalf("%d cards read", n)
			}
			cpu += float64(cputime.Now() - c0)
		}
		b.ReportMetric(cpu/float64(b.N), "cpu-ns/op")
	})
}
