package units_test

import (
	"baove/audit"
	"errors"
	"io"
	"strings"
)

// importer imports units as the actor it is.
type importer audit.Actor

func (i importer) UnitImporter() (audit.Actor, error) { return audit.Actor(i), nil }

func stringsReader(s string) io.Reader { return strings.NewReader(s) }

func asError[T error](err error, target *T) bool { return errors.As(err, target) }
