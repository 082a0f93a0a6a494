package web

import (
	"net/http"
	"net/url"
	"slices"
	"sort"

	"github.com/a-h/templ"

	"baove"
	"baove/vn"
)

// readForm returns the fields of the form r sent, refusing, as the API
// does, any value unfit to be stored or looked up (invalid UTF-8, a control
// character, a tab or line break outside the multiline fields named): an
// EINVALID error naming each such field, before anything reaches a rule.
func readForm(r *http.Request, multiline ...string) (url.Values, error) {
	if err := r.ParseForm(); err != nil {
		return nil, baove.E(baove.EINVALID, "web.form.unreadable", nil)
	}
	names := make([]string, 0, len(r.PostForm))
	for name := range r.PostForm {
		names = append(names, name)
	}
	sort.Strings(names)
	var p baove.Problems
	for _, name := range names {
		for _, v := range r.PostForm[name] {
			if f := vn.TextFault(v, slices.Contains(multiline, name)); f != "" {
				p.AddKey(name, "text."+f, nil, nil)
				break
			}
		}
	}
	return r.PostForm, p.Err()
}

// form is what a page's form shows: the values typed (never a password),
// and after a refusal its message and the messages of its fields, by the
// field's name (which is the domain's field name: "new_password").
type form struct {
	Values map[string]string
	Error  string
	Fields []fieldError
}

// fieldError is the message of one field of a form.
type fieldError struct {
	Field string
	Text  string
}

// value returns what was typed in field.
func (f form) value(field string) string { return f.Values[field] }

// errorOf returns the message of field, or "".
func (f form) errorOf(field string) string {
	for _, e := range f.Fields {
		if e.Field == field {
			return e.Text
		}
	}
	return ""
}

// refused turns err, the domain's refusal of what the form sent, into the
// form's messages in the reader's language, sets Retry-After when the
// refusal has one, and returns the status to answer with. It returns false
// for an internal error, which the caller hands to fail.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, err error, f *form) (int, bool) {
	e, status, ok := s.appError(r, err)
	if !ok {
		return 0, false
	}
	lang := langOf(r.Context())
	setRetryAfter(w, e)
	f.Error, f.Fields = e.Text(lang), nil
	for _, fe := range e.Fields {
		f.Fields = append(f.Fields, fieldError{Field: fe.Field, Text: fe.Text(lang)})
	}
	return status, true
}

// field is one labelled control of a form.
type field struct {
	Name         string // the form's field name, and the control's id
	Label        string
	Type         string // "text", "password", …
	Autocomplete string
	Hint         string
	Required     bool
	// Attrs are more attributes of the control, e.g. autocapitalize.
	Attrs templ.Attributes
}

// describedBy returns the ids of the hint and the error that describe the
// control of fd in f.
func (f form) describedBy(fd field) string {
	ids := ""
	if fd.Hint != "" {
		ids = fd.Name + "-hint"
	}
	if f.errorOf(fd.Name) != "" {
		if ids != "" {
			ids += " "
		}
		ids += fd.Name + "-error"
	}
	return ids
}
