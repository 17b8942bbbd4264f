package data

import "testing"

func TestURIPath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/home/ann/case.evboard", "/home/ann/case.evboard"},
		{"/home/ann/a b?#%.evboard", "/home/ann/a%20b%3F%23%25.evboard"},
		// Windows: filepath.Abs gives C:\Users\..., ToSlash C:/Users/...
		{"C:/Users/Ann/case.evboard", "/C:/Users/Ann/case.evboard"},
		{"D:/Fälle/a b.evboard", "/D:/F%C3%A4lle/a%20b.evboard"},
	} {
		if got := uriPath(tc.in); got != tc.want {
			t.Errorf("uriPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
