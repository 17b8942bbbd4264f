package data

import "testing"

func TestSafeURL(t *testing.T) {
	for _, ok := range []string{
		"https://example.org/a", "http://x.y", "HTTPS://Example.org:8443/p?q=1#f",
		"http://10.0.0.5/intranet", "http://192.168.1.20/", "https://[2001:db8::1]/",
		"http://1.2.3.4/", "https://cafe.example/", "http://example.com./",
		"mailto:a@b.c", "mailto:a@b.c?subject=Hello%20there", "mailto:a@b.c?Subject=x",
	} {
		if _, err := SafeURL(ok); err != nil {
			t.Errorf("%s refused: %v", ok, err)
		}
	}
	for _, bad := range []string{
		"file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "", "/tmp/x", "https://",
		"http:opaque", "https://:80/",
		// user info hides the real host
		"https://bank.example@evil.example/", "https://user:pw@example.org/", "http://@example.org/",
		// this machine, in every spelling a browser accepts
		"http://localhost/", "http://LOCALHOST:8080/admin", "http://localhost./", "http://app.localhost/",
		"http://127.0.0.1/", "http://127.1/", "http://127.0.0.1./", "http://2130706433/", "http://0x7f000001/",
		"http://0x7f.1/", "http://017700000001/", "http://0177.0.0.1/", "http://[::1]/", "http://[::]/",
		"http://0.0.0.0:8000/", "http://0/", "http://[::ffff:127.0.0.1]/", "http://[0:0:0:0:0:ffff:7f00:1]/",
		"http://169.254.169.254/latest/meta-data/", "http://[fe80::1%25eth0]/",
		"http://256.1.1.1/", "http://1.2.3.4.5/", "http://example.99999999999999999999/",
		// mail links that do more than address a mail
		"mailto:", "mailto:a@b.c?attach=/etc/passwd", "mailto:a@b.c?cc=x@y.z", "mailto:a@b.c?bcc=x@y.z",
		"mailto:a@b.c?body=hi", "mailto:a@b.c?subject=a&subject=b", "mailto:a@b.c?subject=a&Subject=b", "mailto:a@b.c,x@y.z",
		"mailto:a@b.c%2Cx@y.z", "mailto:A%20Person%20%3Ca@b.c%3E", "mailto:a@b.c?subject=x&Attach=y",
		"mailto:a@b.c#frag", "mailto:not-an-address",
		// what a browser would decode or reorder
		"http://%31%32%37.0.0.1/", "http://loc%61lhost/", "http://127.0.0.1:80@x/", "https://exa\u202Emple.org/",
	} {
		if u, err := SafeURL(bad); err == nil {
			t.Errorf("%q allowed (%v)", bad, u)
		}
	}
}
