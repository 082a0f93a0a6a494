package units_test

import (
	"errors"
	"io"
	"strings"
)

func stringsReader(s string) io.Reader { return strings.NewReader(s) }

func asError[T error](err error, target *T) bool { return errors.As(err, target) }
