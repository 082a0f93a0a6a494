package budget_test

import (
	"errors"
	"strings"
)

func asError[T error](err error, target *T) bool { return errors.As(err, target) }

// contains reports whether s contains every one of parts.
func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
