package baove

import (
	"errors"
	"fmt"
	"time"

	"baove/i18n"
)

// Code classifies an application error. The API maps each code to one HTTP
// status in one table.
type Code string

// Application error codes.
const (
	EINVALID      Code = "invalid"               // input breaks a rule; 422 with one detail per field
	ENOTFOUND     Code = "not_found"             // no such thing, or not visible to the caller; 404
	ECONFLICT     Code = "conflict"              // the state forbids it (duplicate, wrong status, over a limit); 409
	EFORBIDDEN    Code = "forbidden"             // the caller may see it but not do this; 403
	EUNAUTHORIZED Code = "unauthorized"          // no valid credentials; 401
	ESTALE        Code = "precondition_failed"   // If-Match did not match; 412
	ENOPRECOND    Code = "precondition_required" // a change needs If-Match and it was missing; 428
	ETOOMANY      Code = "too_many_requests"     // rate limited; 429
	ETOOLARGE     Code = "too_large"             // request body over a cap; 413
	EUNSUPPORTED  Code = "unsupported_type"      // a file of a type not taken (not a PDF, JPEG or PNG scan); 415
	EUNAVAILABLE  Code = "unavailable"           // a dependency such as the database is down; 503
	EINTERNAL     Code = "internal"              // a bug; 500, text never shown
)

// Error is an error that is safe to show to the caller. Its message is a
// key of the i18n catalogue with arguments, rendered in the caller's
// language by the API and the pages; there is no English-only message (a
// test keeps every key in both catalogues).
type Error struct {
	Code Code
	// Key and Args are the message, e.g. "ledger.over_line" with the
	// amounts it names; without a Key the message is the code's
	// ("error.conflict").
	Key  string
	Args i18n.Args
	// Fields lists one problem per offending input field.
	Fields []FieldError
	// RetryAfter, when set, tells the caller when to try again (429, 503).
	RetryAfter time.Duration
}

// FieldError names one input field and what is wrong with it.
type FieldError struct {
	Field string // JSON name or path of the field, e.g. "amount" or "rows[12].paid_on"
	// Key and Args are the message.
	Key   string
	Args  i18n.Args
	Value any // the offending value, echoed back when it helps
}

// Text returns the error's message in lang.
func (e *Error) Text(lang i18n.Lang) string {
	if e.Key != "" {
		return i18n.Text(lang, e.Key, e.Args)
	}
	return i18n.Text(lang, "error."+string(e.Code), nil)
}

// Text returns the field's message in lang.
func (f FieldError) Text(lang i18n.Lang) string {
	return i18n.Text(lang, f.Key, f.Args)
}

// Error implements error, in English.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Text(i18n.EN))
	}
	return fmt.Sprintf("%s: %s (%s: %s)", e.Code, e.Text(i18n.EN), e.Fields[0].Field, e.Fields[0].Text(i18n.EN))
}

// E returns an application error whose message is the catalogue's key with
// args.
func E(code Code, key string, args i18n.Args) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// InvalidKey returns an EINVALID error for one field, its message the
// catalogue's key with args.
func InvalidKey(field, key string, args i18n.Args, value any) *Error {
	return &Error{Code: EINVALID, Fields: []FieldError{{Field: field, Key: key, Args: args, Value: value}}}
}

// ErrorCode returns the code of the first application error in err's chain,
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// Problems collects field errors so that a caller hears about every bad field
// at once rather than one per request.
type Problems []FieldError

// AddKey records a problem with field, its message the catalogue's key
// with args.
func (p *Problems) AddKey(field, key string, args i18n.Args, value any) {
	*p = append(*p, FieldError{Field: field, Key: key, Args: args, Value: value})
}

// Err returns nil when nothing was recorded, else one EINVALID error listing
// every problem.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Fields: p}
}
