package data

import "testing"

func TestSafeURL(t *testing.T) {
	for _, ok := range []string{"https://example.org/a", "http://x.y", "mailto:a@b.c"} {
		if _, err := SafeURL(ok); err != nil {
			t.Errorf("%s refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "", "/tmp/x", "https://"} {
		if _, err := SafeURL(bad); err == nil {
			t.Errorf("%q allowed", bad)
		}
	}
}
