package budget

import (
	"fmt"

	"baove"
	"baove/i18n"
)

// errorOf returns the application error of one write's broken rules: its
// code is EINVALID when any input is malformed, else ECONFLICT; its message
// is the first problem's, and every problem names its field.
func errorOf(ps []Problem) error {
	if len(ps) == 0 {
		return nil
	}
	e := &baove.Error{Code: codeOf(ps), Fields: make([]baove.FieldError, len(ps))}
	for i, p := range ps {
		e.Fields[i] = p.FieldError
	}
	if e.Code == baove.ECONFLICT {
		e.Key, e.Args = ps[0].Key, ps[0].Args
	}
	return e
}

func codeOf(ps []Problem) baove.Code {
	for _, p := range ps {
		if p.Code == baove.EINVALID {
			return baove.EINVALID
		}
	}
	return baove.ECONFLICT
}

// maxProblems caps the field details of a refused file, so that a file of
// bad rows does not make an answer of megabytes.
const maxProblems = 500

// fileProblems collects the broken rules of a file's rows, each named
// "rows[N].field" with N the row's number in the file.
type fileProblems struct {
	problems []Problem
	rows     int
}

// add records the problems of the row numbered row.
func (f *fileProblems) add(row int, ps []Problem) {
	if len(ps) == 0 {
		return
	}
	f.rows++
	for _, p := range ps {
		p.Field = fmt.Sprintf("rows[%d].%s", row, p.Field)
		f.problems = append(f.problems, p)
	}
}

// err returns nil when no row broke a rule, else the file's error: the
// code as errorOf decides it, a message counting the bad rows, and the
// first maxProblems problems.
func (f *fileProblems) err() error {
	if len(f.problems) == 0 {
		return nil
	}
	e := &baove.Error{Code: codeOf(f.problems), Key: "ledger.file_refused",
		Args: i18n.Args{"rows": i18n.Count(f.rows), "problems": i18n.Count(len(f.problems))}}
	for i, p := range f.problems {
		if i == maxProblems {
			e.Fields = append(e.Fields, baove.FieldError{Field: "rows", Key: "ledger.more_problems",
				Args: i18n.Args{"n": i18n.Count(len(f.problems) - maxProblems)}})
			break
		}
		e.Fields = append(e.Fields, p.FieldError)
	}
	return e
}
