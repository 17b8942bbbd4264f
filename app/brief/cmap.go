package brief

import (
	"encoding/binary"
	"errors"
)

// coverage is the set of runes a font has a glyph for, read from its
// TrueType cmap table. Only the Basic Multilingual Plane matters: gofpdf
// v1.16.2 cannot draw anything above U+FFFF.
type coverage struct {
	has [0x10000 / 64]uint64
}

func (c *coverage) set(r rune) {
	if r >= 0 && r < 0x10000 {
		c.has[r>>6] |= 1 << (uint(r) & 63)
	}
}

// Has reports whether the font draws r.
func (c *coverage) Has(r rune) bool {
	return r >= 0 && r < 0x10000 && c.has[r>>6]&(1<<(uint(r)&63)) != 0
}

// intersect keeps only the runes both sets have.
func (c *coverage) intersect(o *coverage) {
	for i := range c.has {
		c.has[i] &= o.has[i]
	}
}

var errCmap = errors.New("font has no usable cmap table")

// parseCmap reads the Unicode cmap of a TrueType font (format 4 or 12).
// It checks every offset, so a broken font gives an error, not a panic.
func parseCmap(font []byte) (*coverage, error) {
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(font) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(font[off:])), true
	}
	u32 := func(off int) (int, bool) {
		if off < 0 || off+4 > len(font) {
			return 0, false
		}
		return int(binary.BigEndian.Uint32(font[off:])), true
	}
	numTables, ok := u16(4)
	if !ok {
		return nil, errCmap
	}
	cmap := -1
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, errCmap
		}
		if string(font[rec:rec+4]) == "cmap" {
			cmap, _ = u32(rec + 8)
			break
		}
	}
	if cmap < 0 {
		return nil, errCmap
	}
	n, ok := u16(cmap + 2)
	if !ok {
		return nil, errCmap
	}
	// Pick the best Unicode subtable: full repertoire (format 12) first.
	best, bestRank := -1, 0
	for i := 0; i < n; i++ {
		rec := cmap + 4 + 8*i
		pid, ok1 := u16(rec)
		eid, ok2 := u16(rec + 2)
		off, ok3 := u32(rec + 4)
		if !ok1 || !ok2 || !ok3 {
			return nil, errCmap
		}
		format, ok := u16(cmap + off)
		if !ok {
			continue
		}
		rank := 0
		switch {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0):
			rank = 3
		case format == 4 && (pid == 3 && eid == 1 || pid == 0):
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = cmap+off, rank
		}
	}
	if best < 0 {
		return nil, errCmap
	}
	c := &coverage{}
	format, _ := u16(best)
	if format == 12 {
		groups, ok := u32(best + 12)
		if !ok {
			return nil, errCmap
		}
		for g := 0; g < groups; g++ {
			p := best + 16 + 12*g
			start, ok1 := u32(p)
			end, ok2 := u32(p + 4)
			gid, ok3 := u32(p + 8)
			if !ok1 || !ok2 || !ok3 {
				return nil, errCmap
			}
			for r := start; r <= end && r < 0x10000; r++ {
				if gid+(r-start) != 0 {
					c.set(rune(r))
				}
			}
		}
		return c, nil
	}
	// Format 4.
	segX2, ok := u16(best + 6)
	if !ok {
		return nil, errCmap
	}
	ends := best + 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	for s := 0; s < segX2/2; s++ {
		end, ok1 := u16(ends + 2*s)
		start, ok2 := u16(starts + 2*s)
		delta, ok3 := u16(deltas + 2*s)
		ro, ok4 := u16(ranges + 2*s)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil, errCmap
		}
		for r := start; r <= end && r < 0xFFFF; r++ {
			var gid int
			if ro == 0 {
				gid = (r + delta) & 0xFFFF
			} else {
				g, ok := u16(ranges + 2*s + ro + 2*(r-start))
				if !ok {
					return nil, errCmap
				}
				if g != 0 {
					gid = (g + delta) & 0xFFFF
				}
			}
			if gid != 0 {
				c.set(rune(r))
			}
		}
	}
	return c, nil
}
