package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Change kinds of a Field.
const (
	Same    = "same"
	Changed = "changed"
	Added   = "added"   // in the state after only
	Removed = "removed" // in the state before only
)

// Field is one field of an entry's states, before and after side by side.
// Nested objects and arrays are flattened into paths: "lines[0].amount".
type Field struct {
	Path          string
	Before, After string // the values as JSON writes them, strings unquoted
	// Change is Same, Changed, Added or Removed.
	Change string
}

// Fields returns e's states field by field, in the order the state before
// lists them, then the fields only the state after has. A state that is not
// JSON shows as one field with its text.
func (e Entry) Fields() []Field {
	before, after := flatten(e.Before), flatten(e.After)
	index := make(map[string]int, len(before))
	out := make([]Field, 0, len(before)+len(after))
	for _, kv := range before {
		index[kv.path] = len(out)
		out = append(out, Field{Path: kv.path, Before: kv.value, Change: Removed})
	}
	for _, kv := range after {
		i, ok := index[kv.path]
		if !ok {
			out = append(out, Field{Path: kv.path, After: kv.value, Change: Added})
			continue
		}
		out[i].After, out[i].Change = kv.value, Changed
		if out[i].Before == kv.value {
			out[i].Change = Same
		}
	}
	return out
}

type pathValue struct{ path, value string }

// flatten returns the leaves of a JSON document in its order; nothing for
// an empty one.
func flatten(raw json.RawMessage) []pathValue {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out []pathValue
	if err := walk(dec, "", &out); err != nil && !errors.Is(err, io.EOF) {
		return []pathValue{{"", string(raw)}}
	}
	return out
}

// walk appends the leaves of the next JSON value of dec, found at path.
func walk(dec *json.Decoder, path string, out *[]pathValue) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		return walkContainer(dec, t, path, out)
	case string:
		*out = append(*out, pathValue{path, t})
	case json.Number:
		*out = append(*out, pathValue{path, t.String()})
	case bool:
		*out = append(*out, pathValue{path, strconv.FormatBool(t)})
	case nil:
		*out = append(*out, pathValue{path, "null"})
	}
	return nil
}

// walkContainer appends the leaves of the object or array that open
// began; an empty one is a leaf of its own, "{}" or "[]".
func walkContainer(dec *json.Decoder, open json.Delim, path string, out *[]pathValue) error {
	n := 0
	for ; dec.More(); n++ {
		child := fmt.Sprintf("%s[%d]", path, n)
		if open == '{' {
			key, err := dec.Token()
			if err != nil {
				return err
			}
			if child = fmt.Sprint(key); path != "" {
				child = path + "." + child
			}
		}
		if err := walk(dec, child, out); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return err
	}
	if n == 0 {
		*out = append(*out, pathValue{path, map[json.Delim]string{'{': "{}", '[': "[]"}[open]})
	}
	return nil
}
