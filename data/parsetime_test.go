package data

import (
	"testing"
	"time"
)

// slowParseTime is parseTime without its fast path: what parseStamp must
// agree with.
func slowParseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t.UTC()
}

func TestParseStampAgreesWithTimeParse(t *testing.T) {
	for _, tc := range []struct {
		s    string
		fast bool // parseStamp takes it
	}{
		{"2026-11-26T14:03:00.000Z", true},
		{"2024-02-29T23:59:59.999Z", true},
		{"2023-02-29T00:00:00.000Z", false},
		{"2026-13-01T00:00:00.000Z", false},
		{"2026-00-01T00:00:00.000Z", false},
		{"2026-04-31T00:00:00.000Z", false},
		{"2026-01-01T24:00:00.000Z", false},
		{"2026-01-01T00:60:00.000Z", false},
		{"2026-01-01T00:00:60.000Z", false},
		{"2026-01-01T00:00:00.000+01:00", false},
		{"2026-01-01T00:00:00Z", false},
		{"2026-0a-01T00:00:00.000Z", false},
		{"0000-01-01T00:00:00.000Z", true},
		{"", false},
	} {
		got, ok := parseStamp(tc.s)
		if ok != tc.fast {
			t.Errorf("%q: parseStamp took it: %v, want %v", tc.s, ok, tc.fast)
		}
		if want := slowParseTime(tc.s); !parseTime(tc.s).Equal(want) || ok && got != want {
			t.Errorf("%q: parseTime %v, time.Parse %v", tc.s, parseTime(tc.s), want)
		}
	}
}

func FuzzParseStamp(f *testing.F) {
	f.Add("2026-11-26T14:03:00.000Z")
	f.Add("2024-02-29T23:59:59.999Z")
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := parseStamp(s); ok && got != slowParseTime(s) {
			t.Fatalf("%q: parseStamp %v, time.Parse %v", s, got, slowParseTime(s))
		}
	})
}
