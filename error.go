package baove

import (
	"errors"
	"fmt"
	"time"
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
	EUNAVAILABLE  Code = "unavailable"           // a dependency such as the database is down; 503
	EINTERNAL     Code = "internal"              // a bug; 500, text never shown
)

// Error is an error that is safe to show to the caller: its Message and
// Fields are written into the problem response as they are.
type Error struct {
	Code    Code
	Message string
	// Fields lists one problem per offending input field.
	Fields []FieldError
	// RetryAfter, when set, tells the caller when to try again (429).
	RetryAfter time.Duration
}

// FieldError names one input field and what is wrong with it.
type FieldError struct {
	Field   string // JSON name or path of the field, e.g. "amount" or "rows[12].paid_on"
	Message string
	Value   any // the offending value, echoed back when it helps
}

// Error implements error.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s (%s: %s)", e.Code, e.Message, e.Fields[0].Field, e.Fields[0].Message)
}

// Errorf returns an application error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error for one field.
func Invalid(field, message string, value any) *Error {
	return &Error{Code: EINVALID, Message: "invalid input", Fields: []FieldError{{Field: field, Message: message, Value: value}}}
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

// Add records a problem with field.
func (p *Problems) Add(field, message string, value any) {
	*p = append(*p, FieldError{Field: field, Message: message, Value: value})
}

// Err returns nil when nothing was recorded, else one EINVALID error listing
// every problem.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "invalid input", Fields: p}
}
