package catalog

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"

	"baove/database"
)

// Kind is what a column holds, as far as carrying and comparing its values
// between engines goes: SQLite keeps instants, days and JSON as TEXT and
// booleans as integers, where PostgreSQL has types of their own.
type Kind int

// The kinds of column.
const (
	Text Kind = iota
	Int
	Bool
	Time
	Date
	JSON
	Bytes
	Float
)

var kindNames = [...]string{"text", "integer", "boolean", "time", "date", "json", "bytes", "float"}

func (k Kind) String() string { return kindNames[k] }

// sqliteKind returns the kind of a column SQLite declares as decl (see
// SQLite's type affinity rules). Instants and days declared TEXT read as
// Text: the other engine's schema says what they are (see Unify).
func sqliteKind(decl string) Kind {
	d := strings.ToUpper(decl)
	switch {
	case strings.Contains(d, "INT"):
		return Int
	case strings.Contains(d, "BOOL"):
		return Bool
	case strings.Contains(d, "BLOB"):
		return Bytes
	case strings.Contains(d, "REAL"), strings.Contains(d, "FLOA"), strings.Contains(d, "DOUB"):
		return Float
	}
	return Text
}

// postgresKind returns the kind of a column of PostgreSQL's data type
// typ (information_schema's name for it).
func postgresKind(typ string) Kind {
	switch typ {
	case "bigint", "integer", "smallint":
		return Int
	case "boolean":
		return Bool
	case "timestamp with time zone", "timestamp without time zone":
		return Time
	case "date":
		return Date
	case "json", "jsonb":
		return JSON
	case "bytea":
		return Bytes
	case "double precision", "real":
		return Float
	}
	return Text
}

// sqliteTime is how bun writes an instant into SQLite's TEXT, so that
// copied instants compare as strings with those the service writes.
const sqliteTime = "2006-01-02 15:04:05.999999-07:00"

// Convert returns v, as read from either engine, in the form a column of
// kind takes on engine to: instants as bun writes them on SQLite and
// time.Time on PostgreSQL (to the microsecond PostgreSQL keeps), days as
// "YYYY-MM-DD" or time.Time, booleans as 0/1 or bool. It fails on a value
// that is not of the kind.
func Convert(v any, kind Kind, to database.Engine) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case Time:
		t, err := instant(v)
		if err != nil || to == database.Postgres {
			return t, err
		}
		return t.Format(sqliteTime), nil
	case Date:
		t, err := day(v)
		if err != nil || to == database.Postgres {
			return t, err
		}
		return t.Format(time.DateOnly), nil
	case Bool:
		b, err := boolean(v)
		if err != nil || to == database.Postgres {
			return b, err
		}
		return map[bool]int64{false: 0, true: 1}[b], nil
	case Text, JSON:
		if b, ok := v.([]byte); ok {
			return string(b), nil
		}
	}
	return v, nil
}

// instant returns v as an instant in UTC, to the microsecond.
func instant(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Truncate(time.Microsecond), nil
	case string:
		return parseInstant(x)
	case []byte:
		return parseInstant(string(x))
	}
	return time.Time{}, fmt.Errorf("catalog: %T is not an instant", v)
}

// parseInstant reads the forms bun writes and reads on SQLite.
func parseInstant(s string) (time.Time, error) {
	for _, layout := range []string{sqliteTime, "2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano,
		"2006-01-02 15:04:05.999999999-07", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Truncate(time.Microsecond), nil
		}
	}
	return time.Time{}, fmt.Errorf("catalog: %q is not an instant", s)
}

// day returns v as midnight UTC of its day.
func day(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC), nil
	case string:
		return time.Parse(time.DateOnly, x)
	case []byte:
		return time.Parse(time.DateOnly, string(x))
	}
	return time.Time{}, fmt.Errorf("catalog: %T is not a day", v)
}

func boolean(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case int64:
		return x != 0, nil
	}
	return false, fmt.Errorf("catalog: %T is not a boolean", v)
}

// appendCanonical appends v, of kind, to b in a form that is the same
// whichever engine it was read from: a tag, then a length and the bytes.
func appendCanonical(b []byte, v any, kind Kind) ([]byte, error) {
	if v == nil {
		return append(b, 0), nil
	}
	var text string
	switch kind {
	case Time:
		t, err := instant(v)
		if err != nil {
			return nil, err
		}
		text = t.Format("2006-01-02T15:04:05.000000Z")
	case Date:
		t, err := day(v)
		if err != nil {
			return nil, err
		}
		text = t.Format(time.DateOnly)
	case Bool:
		x, err := boolean(v)
		if err != nil {
			return nil, err
		}
		text = strconv.FormatBool(x)
	default:
		text = plain(v)
	}
	b = append(b, 1)
	b = binary.AppendUvarint(b, uint64(len(text)))
	return append(b, text...), nil
}

// plain is the text of a value whose kind needs no conversion.
func plain(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}
