package vn

import "unicode/utf8"

// What makes a string unfit to be stored as text, as TextFault names it.
const (
	NotUTF8   = "not_utf8"   // invalid UTF-8, or a lone surrogate
	Control   = "control"    // NUL, another C0 control character, or DEL
	LineBreak = "line_break" // a tab or line break in a one-line field
)

// TextFault returns what makes s unfit to be stored as text (NotUTF8,
// Control or LineBreak, the first found), or "" when nothing does. Tab, CR
// and LF are allowed only when multiline is set: in free text such as a
// plan's narrative, never in a title, a name or a code.
func TextFault(s string, multiline bool) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return NotUTF8
		}
		if f := RuneFault(r, multiline); f != "" {
			return f
		}
		i += size
	}
	return ""
}

// RuneFault returns what makes r unfit in text (Control, LineBreak or
// NotUTF8 for a surrogate), or "" when nothing does.
func RuneFault(r rune, multiline bool) string {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		if multiline {
			return ""
		}
		return LineBreak
	case r < 0x20 || r == 0x7f:
		return Control
	case r >= 0xd800 && r <= 0xdfff:
		return NotUTF8
	}
	return ""
}
