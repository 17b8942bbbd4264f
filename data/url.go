package data

import (
	"fmt"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// SafeURL parses a source card's link and allows only what cannot hurt
// the person who clicks it in a board someone else made:
//
//   - http and https with a host, without user info ("https://bank@evil"
//     reads as the bank's address), and not to this machine or its link:
//     localhost and *.localhost, loopback (127.0.0.0/8, ::1), the
//     unspecified address (0.0.0.0, ::) and link-local addresses
//     (169.254.0.0/16, where cloud metadata lives, and fe80::/10), in any
//     spelling a browser accepts (2130706433, 0x7f.1, 127.1,
//     [::ffff:127.0.0.1], a trailing dot). Private networks (10/8,
//     192.168/16, …) are allowed: intranet pages are real sources.
//   - mailto with exactly one address and at most a subject: no attach=
//     (which some mail programs honour with a local file), cc=, bcc=,
//     body= or any other field, and no second address.
//
// Nothing else: no file, script, share or custom scheme. The app opens only
// what it allows, after showing the whole address, and the brief links
// only to it.
func SafeURL(raw string) (*url.URL, error) {
	show := OneLine(Printable(raw), 60)
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" {
		return nil, fmt.Errorf("%q is not a link", show)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
			return nil, fmt.Errorf("%q has no host", show)
		}
		if h := u.Hostname(); Printable(h) != h {
			return nil, fmt.Errorf("%q has control characters in its host; not opened", show)
		}
		if u.User != nil {
			return nil, fmt.Errorf("%q has a user name before its host, which hides where it goes; not opened", show)
		}
		if why := localHost(u.Hostname()); why != "" {
			return nil, fmt.Errorf("%q points at %s; not opened", show, why)
		}
		return u, nil
	case "mailto":
		if err := checkMailto(u); err != nil {
			return nil, fmt.Errorf("%q: %v", show, err)
		}
		return u, nil
	}
	return nil, fmt.Errorf("links of the kind %q are not opened, only http, https and mailto", Printable(u.Scheme))
}

// checkMailto allows one plain address and at most a subject.
func checkMailto(u *url.URL) error {
	if u.Opaque == "" {
		return fmt.Errorf("has no address")
	}
	to, err := url.PathUnescape(u.Opaque)
	if err != nil {
		return fmt.Errorf("is not a mail address")
	}
	a, err := mail.ParseAddress(to)
	if err != nil || a.Name != "" || a.Address != to || strings.ContainsAny(to, ",;") {
		return fmt.Errorf("is not one plain mail address")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return fmt.Errorf("has a malformed query")
	}
	subjects := 0 // mail programs read the field's name in any case
	for k, v := range q {
		if subjects += len(v); !strings.EqualFold(k, "subject") || subjects > 1 {
			return fmt.Errorf("sets %q; a mail link may carry only an address and a subject", Printable(k))
		}
	}
	if u.Fragment != "" {
		return fmt.Errorf("has a fragment; a mail link may carry only an address and a subject")
	}
	return nil
}

// localHost says what a host names on this machine or its link ("" when
// it names neither).
func localHost(host string) string {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return "this computer (localhost)"
	}
	a, ok := hostAddr(h)
	if !ok {
		return ""
	}
	a = a.Unmap()
	switch {
	case a.IsLoopback():
		return "this computer (a loopback address)"
	case a.IsUnspecified():
		return "this computer (an unspecified address)"
	case a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast():
		return "a link-local address"
	}
	return ""
}

// hostAddr reads host as an IP address the way a browser does (the WHATWG
// URL standard's IPv4 parser): one to four parts, each decimal, octal (a
// leading 0) or hex (0x), the last filling the remaining bytes. A host
// whose last part is numeric but which does not parse is reported as the
// unspecified address, so it is refused rather than guessed at.
func hostAddr(h string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(strings.Trim(h, "[]")); err == nil {
		return a, true
	}
	parts := strings.Split(h, ".")
	last := parts[len(parts)-1]
	if _, ok := ipv4Part(last); !ok && !allDigits(last) {
		return netip.Addr{}, false // a name, not an address
	}
	bad := netip.IPv4Unspecified()
	if len(parts) > 4 {
		return bad, true
	}
	var n uint64
	for i, p := range parts {
		v, ok := ipv4Part(p)
		if !ok {
			return bad, true
		}
		if i < len(parts)-1 {
			if v > 255 {
				return bad, true
			}
			n = n<<8 | v
			continue
		}
		rest := uint(5 - len(parts)) // bytes the last part fills
		if v >= 1<<(8*rest) {
			return bad, true
		}
		n = n<<(8*rest) | v
	}
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

func ipv4Part(p string) (uint64, bool) {
	if p == "" {
		return 0, false
	}
	base := 10
	switch {
	case len(p) >= 2 && (p[:2] == "0x" || p[:2] == "0X"):
		base, p = 16, p[2:]
		if p == "" {
			return 0, true
		}
	case len(p) >= 2 && p[0] == '0':
		base, p = 8, p[1:]
	}
	v, err := strconv.ParseUint(p, base, 64)
	return v, err == nil
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
