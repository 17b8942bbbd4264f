package data

// DefaultColor is the colour a card of kind k is drawn in when it has none
// of its own, as "#rrggbb". The board and the brief both use it, so a
// card looks the same on screen and in print.
func (k Kind) DefaultColor() string {
	switch k {
	case KindClaim:
		return "#fff1c1" // amber: an assertion to weigh
	case KindQuote:
		return "#dcebff" // blue: someone's own words
	case KindParty:
		return "#e4f3e0" // green: a person or organisation
	case KindSource:
		return "#ece4f7" // violet: where evidence comes from
	case KindEvent:
		return "#ffe0d6" // coral: a dated happening
	}
	return "#f1f1ee" // notes: paper
}

// AccentColor is the strong colour of kind k, for the card's badge,
// border and the brief's headings.
func (k Kind) AccentColor() string {
	switch k {
	case KindClaim:
		return "#b7791f"
	case KindQuote:
		return "#2b6cb0"
	case KindParty:
		return "#2f855a"
	case KindSource:
		return "#6b46c1"
	case KindEvent:
		return "#c05621"
	}
	return "#5f6368"
}

// StatusColor is the colour that marks a claim's status.
func (s Status) StatusColor() string {
	switch s {
	case StatusAlleged:
		return "#d69e2e"
	case StatusDisputed:
		return "#dd6b20"
	case StatusSubstantiated:
		return "#2f855a"
	case StatusRefuted:
		return "#c53030"
	}
	return "#718096"
}
