package data

import (
	"fmt"
	"net/url"
	"strings"
)

// SafeURL parses a source card's link and allows only http and https
// (with a host) and mailto (with an address): a board from someone else
// must not make us open a file, run a script or reach a share. The app
// opens only what it allows, and the brief links only to it.
func SafeURL(raw string) (*url.URL, error) {
	show := strings.Join(strings.Fields(raw), " ")
	if len(show) > 60 {
		show = show[:57] + "..."
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" {
		return nil, fmt.Errorf("%q is not a link", show)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return nil, fmt.Errorf("%q has no host", show)
		}
		return u, nil
	case "mailto":
		if u.Opaque == "" {
			return nil, fmt.Errorf("%q has no address", show)
		}
		return u, nil
	}
	return nil, fmt.Errorf("links of the kind %q are not opened, only http, https and mailto", u.Scheme)
}
