package upload

import (
	"fmt"
	"unicode/utf8"

	"baove/i18n"
)

// textProblem returns the message key and arguments of what is wrong with
// a cell's text, or "" when nothing is: text that is not valid UTF-8, or
// that holds a control character (U+0000 to U+001F), which no one types
// into a cell and a database or a report may choke on. A free-text cell
// may hold tabs and line breaks ("\n", or "\r\n" as Windows writes them).
func textProblem(s string, freeText bool) (string, i18n.Args) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalidAt(s, i):
			return "upload.invalid_utf8", i18n.Args{"position": utf8.RuneCountInString(s[:i]) + 1}
		case r >= 0x20:
		case freeText && (r == '\t' || r == '\n' || r == '\r' && i+1 < len(s) && s[i+1] == '\n'):
		default:
			return "upload.control_character", i18n.Args{"char": fmt.Sprintf("U+%04X", r), "position": utf8.RuneCountInString(s[:i]) + 1}
		}
	}
	return "", nil
}

// isInvalidAt reports whether the rune at byte i of s is an invalid byte
// rather than a real U+FFFD.
func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}
