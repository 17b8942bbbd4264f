package data

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The rules for text that comes from a board (titles, bodies, ids, tags,
// notes) and for showing it. One notation marks everything that must not
// act on a screen or a terminal: ⟨U+202E⟩ for a character, ⟨0x9B⟩ for a
// byte that is not UTF-8. It is the same on the board, in the brief and
// on the command line, so a person who has seen it once knows it.
//
// Stored text may hold tab, newline and carriage return (pasted text from
// Windows keeps its CR LF) but no other C0 control: NUL in particular
// makes SQLite's own tools show "A" where the app shows "ABC", and the
// others have no meaning in a card. Bidirectional controls are allowed,
// since right-to-left writing needs them, but Visible shows them instead
// of obeying them, so a title cannot read "exe.live" when it holds
// "evil.exe".

// checkText is the rule every stored string of a board follows: not over
// MaxTextLen bytes, valid UTF-8, and no C0 control but tab, newline and
// carriage return.
func checkText(s string) error {
	if len(s) > MaxTextLen {
		return fmt.Errorf("text of %d bytes is over the limit of %d", len(s), MaxTextLen)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("text is not valid UTF-8")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			what := "the control character " + mark(rune(c))
			if c == 0 {
				what = "a NUL byte " + mark(0)
			}
			return fmt.Errorf("text holds %s at byte %d; only tab, newline and carriage return are allowed", what, i)
		}
	}
	return nil
}

// maxRecordText is the most bytes the texts of one card, link or board
// may come to, as the history's JSON writes them, in what the app writes.
// A record holds the fields a change touched, before and after, in one
// row, and SQLite holds no row over LimitLength: an item whose every field
// changes must fit twice, with room for the rest of the row. Six fields
// of a mebibyte of letters fit (or of "<" and "&": the history does not
// escape them); characters JSON writes in two bytes (quote, backslash,
// newline, tab) count twice, and a card of ten full fields is refused.
const maxRecordText = LimitLength/2 - 64<<10

// maxItemText is the same bound for what a board holds when it is read:
// one copy must fit, so that the item can be deleted (a deletion's record
// holds it once) and edited a field at a time. A board an earlier version
// wrote may hold an item between the two bounds; it opens, and an edit
// that leaves it over maxRecordText is refused in words.
const maxItemText = LimitLength - 64<<10

// checkRecordText refuses texts that together come to more than limit
// bytes as the history's JSON writes them (maxRecordText, maxItemText).
func checkRecordText(texts []string, limit int) error {
	raw := 0
	for _, t := range texts {
		raw += len(t)
	}
	if raw*6 <= limit { // no byte takes more than six in JSON
		return nil
	}
	n := 0
	for _, t := range texts {
		n += jsonTextLen(t)
	}
	if n > limit {
		return fmt.Errorf("its texts come to %.1f MiB as the history records them, over the %.1f MiB allowed",
			float64(n)/(1<<20), float64(limit)/(1<<20))
	}
	return nil
}

// jsonTextLen is the length of s inside a JSON string as encodeValues
// writes it: quote, backslash, and the controls JSON names (\b \f \n \r
// \t) take two bytes, other controls and U+2028, U+2029 six, bytes that
// are not UTF-8 six (as U+FFFD).
func jsonTextLen(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t':
				n += 2
			case c < 0x20:
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == 0x2028, r == 0x2029:
			n += 6
		default:
			n += size
		}
		i += size
	}
	return n
}

// isBidiControl reports whether r changes the direction text is laid out
// in: the embeddings and overrides U+202A–U+202E, the isolates
// U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200E || r == 0x200F || r == 0x061C
}

// isControl reports whether r is a C0 or C1 control or DEL: the
// characters a terminal may act on (ESC starts its sequences; in 8-bit
// mode U+009B is a CSI by itself).
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7F && r <= 0x9F
}

func mark(r rune) string { return fmt.Sprintf("⟨U+%04X⟩", r) }

// Visible returns s for drawing on the board or in the brief: every
// bidirectional control, and every control character other than tab,
// newline and carriage return, is replaced by its mark (⟨U+202E⟩), so it
// is seen rather than obeyed. Bytes that are not UTF-8 become ⟨0xNN⟩.
// Text without such characters is returned as it is.
func Visible(s string) string {
	return marked(s, func(r rune) bool {
		return isBidiControl(r) || isControl(r) && r != '\t' && r != '\n' && r != '\r'
	})
}

// Printable returns s for printing on a terminal as part of one line:
// every control character (tab and newline too, so text cannot start a
// line of its own that looks like ours), every bidirectional control and
// every byte that is not UTF-8 is replaced by its mark. The command line
// passes all outside text through it (titles, ids, file names, error
// messages), and FileError.Error uses it, so an escape sequence in a
// board can neither clear the screen nor print a fake "ok".
func Printable(s string) string {
	return marked(s, func(r rune) bool { return isControl(r) || isBidiControl(r) })
}

// marked replaces the runes bad says, and the bytes that are not UTF-8,
// by their marks.
func marked(s string, bad func(rune) bool) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || bad(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, "⟨0x%02X⟩", s[i])
		case bad(r):
			b.WriteString(mark(r))
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// OneLine returns s on one line: every run of white space, line breaks
// included, becomes one space, and the ends are trimmed. With max > 0 it
// is cut to at most max characters, the last one an ellipsis, on a
// character boundary; bytes that are not UTF-8 become U+FFFD. Labels, window titles, report lines and error
// messages all shorten text this way.
func OneLine(s string, max int) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}
