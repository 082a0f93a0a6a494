package access_test

import (
	"errors"
	"strings"

	"baove/units"
)

func asError[T error](err error, target *T) bool { return errors.As(err, target) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func unitsCode(s string) units.ProvinceCode { return units.ProvinceCode(s) }
