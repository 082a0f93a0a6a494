package access

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"baove"
	"baove/i18n"
	"baove/vn"
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 12

// MaxPasswordLength bounds the work a login can ask of the server: a
// password has at most this many bytes. The API's schema states the same
// bound from this constant.
const MaxPasswordLength = 256

// checkPassword records on field the first rule a new password of username
// breaks, if any. A password is refused when it is shorter than
// MinPasswordLength or longer than MaxPasswordLength, only spaces, contains
// the username, or is common, a repetition or a sequence (see weakness).
// Stored passwords are never checked again: these rules apply when one is
// set.
func checkPassword(p *baove.Problems, field, username, password string) {
	if key, args := passwordProblem(username, password); key != "" {
		p.AddKey(field, key, args, nil)
	}
}

// passwordProblem returns the message key of the first rule password breaks
// and its arguments, or "" when it breaks none.
func passwordProblem(username, password string) (string, i18n.Args) {
	folded := vn.Fold(password)
	switch {
	case password != "" && strings.TrimSpace(password) == "":
		return "access.password.blank", nil
	case utf8.RuneCountInString(password) < MinPasswordLength:
		return "access.password.too_short", i18n.Args{"min": MinPasswordLength}
	case len(password) > MaxPasswordLength:
		return "access.password.too_long", i18n.Args{"max": i18n.Count(MaxPasswordLength)}
	case username != "" && strings.Contains(folded, vn.Fold(username)):
		return "access.password.has_username", nil
	}
	return weakness(folded), nil
}

// weakness returns the message key of what makes a folded password easy to
// guess, or "". The password is judged whole and by its core, the part
// between the digits and marks people add at either end ("Matkhau@2026" is
// "matkhau"), read through the usual letter swaps ("p@ssw0rd").
func weakness(folded string) string {
	c := core(folded)
	switch {
	case isCommon(folded) || isCommon(c):
		return "access.password.common"
	case repeats(folded) || repeats(c):
		return "access.password.repetition"
	case isSequence(folded) || isSequence(c):
		return "access.password.sequence"
	}
	return ""
}

// core returns s without the non-letters at either end, its usual letter
// swaps undone; "" when fewer than 4 characters remain, too few to judge.
func core(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	s = unleet.Replace(s)
	if utf8.RuneCountInString(s) < 4 {
		return ""
	}
	return s
}

var unleet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "1", "i", "3", "e", "$", "s", "5", "s", "7", "t")

// commonFile lists common passwords, one per line, folded, with their
// separators and the digits people add at either end removed.
//
//go:embed common_passwords.txt
var commonFile string

var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
})

// isCommon reports whether s, its separators removed, is on the list.
func isCommon(s string) bool {
	squashed := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '.' || r == '_' {
			return -1
		}
		return r
	}, s)
	return squashed != "" && commonPasswords()[squashed]
}

// repeats reports whether s is a block of at most half its length written
// again and again: "aaaaaaaaaaaa", "abcabcabcabc", "hahahaha".
func repeats(s string) bool {
	r := []rune(s)
	for k := 1; k <= len(r)/2; k++ {
		if slices.Equal(r[k:], r[:len(r)-k]) {
			return true
		}
	}
	return false
}

// sequences are runs people type: digits (round and round), the alphabet,
// the keyboard's rows and columns. Read backwards too.
var sequences = []string{
	"012345678901234567890123456789",
	"abcdefghijklmnopqrstuvwxyz",
	"qwertyuiopasdfghjklzxcvbnm",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
	"1q2w3e4r5t6y7u8i9o0p",
	"147258369",
}

// isSequence reports whether s, of 4 characters or more, is a run of one of
// the sequences: "123456789012", "abcdefghijkl", "qwertyuiop".
func isSequence(s string) bool {
	if utf8.RuneCountInString(s) < 4 {
		return false
	}
	for _, seq := range sequences {
		if strings.Contains(seq, s) || strings.Contains(reverse(seq), s) {
			return true
		}
	}
	return false
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}
