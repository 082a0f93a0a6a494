package notify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"baove"
	"baove/i18n"
)

// A notification keeps its message's arguments as JSON, so that the inbox
// writes it in each reader's language when it is read. Each value keeps
// how it is written: a string as it is, an int (a year, a version) as a
// number, an amount or a count grouped ({"n": 1500000}), a date as a date
// ({"date": "2026-12-31"}).

// encodeArgs returns args as JSON; it fails on a value of another type.
func encodeArgs(args i18n.Args) (string, error) {
	out := make(map[string]any, len(args))
	for k, v := range args {
		switch x := v.(type) {
		case string:
			out[k] = x
		case int:
			out[k] = x
		case baove.Date:
			out[k] = map[string]string{"date": x.String()}
		default:
			rv := reflect.ValueOf(v)
			if rv.Kind() != reflect.Int64 {
				return "", fmt.Errorf("notify: argument %s: %T is not a string, int, int64 or date", k, v)
			}
			out[k] = map[string]int64{"n": rv.Int()}
		}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// decodeArgs reads what encodeArgs wrote.
func decodeArgs(s string) (i18n.Args, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, fmt.Errorf("notify: arguments: %w", err)
	}
	args := make(i18n.Args, len(raw))
	for k, m := range raw {
		v, err := decodeArg(m)
		if err != nil {
			return nil, fmt.Errorf("notify: argument %s: %w", k, err)
		}
		args[k] = v
	}
	return args, nil
}

func decodeArg(m json.RawMessage) (any, error) {
	switch m = bytes.TrimSpace(m); {
	case len(m) > 0 && m[0] == '"':
		var s string
		err := json.Unmarshal(m, &s)
		return s, err
	case len(m) > 0 && m[0] == '{':
		var o struct {
			N    *int64 `json:"n"`
			Date string `json:"date"`
		}
		if err := json.Unmarshal(m, &o); err != nil {
			return nil, err
		}
		if o.N != nil {
			return i18n.Count(*o.N), nil
		}
		return baove.ParseDate(o.Date)
	}
	var n int
	err := json.Unmarshal(m, &n)
	return n, err
}
