package plans

import (
	"context"
	"errors"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
)

// Missing returns what version id lacks before it may be submitted, by the
// rules Submit applies (an activity, the commune-worker target, an item of
// every part required, the parts' own checks): one problem per thing
// missing, none when the version is ready. The caller must be able to read
// the plan (ENOTFOUND otherwise); the status is not judged.
func (s *Store) Missing(ctx context.Context, c access.Caller, id ID) (baove.Problems, error) {
	r, err := s.readRow(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := visible(c, r); err != nil {
		return nil, err
	}
	var out baove.Problems
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		checks := []func() error{func() error { return s.complete(ctx, tx, r) }}
		for _, part := range s.parts {
			checks = append(checks, func() error { return part.Check(ctx, tx, id) })
		}
		for _, check := range checks {
			if err := problemsOf(check(), &out); err != nil {
				return err
			}
		}
		return nil
	})
	return out, translate(err, "check plan")
}

// problemsOf adds to p the problems an application error err names (or
// err itself when it names none), and returns any other error.
func problemsOf(err error, p *baove.Problems) error {
	var e *baove.Error
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &e):
		return err
	case len(e.Fields) > 0:
		*p = append(*p, e.Fields...)
	default:
		*p = append(*p, baove.FieldError{Field: "plan", Key: e.Key, Args: e.Args})
	}
	return nil
}
