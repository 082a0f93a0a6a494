package web

import (
	"context"
	"time"

	"baove"
	"baove/i18n"
)

// T returns the catalogue's message key in the reader's language. Write
// the key as a literal ("web.signin.title"): a test collects the literals
// of this package and checks that both catalogues hold them.
func T(ctx context.Context, key string) string { return i18n.Text(langOf(ctx), key, nil) }

// Tf is T with arguments; numbers, amounts (budget.VND) and dates
// (baove.Date) among them are written the reader's way (1.500.000,
// 28/11/2026).
func Tf(ctx context.Context, key string, args i18n.Args) string {
	return i18n.Text(langOf(ctx), key, args)
}

// Num writes v the reader's way: an amount or a count grouped by thousands
// ("1.500.000" in Vietnamese, "1,500,000" in English), a date as its
// language writes it, a decimal with its language's mark.
func Num(ctx context.Context, v any) string { return i18n.Format(langOf(ctx), v) }

// when writes an instant as the reader reads it, in the service's zone:
// "09:00 ngày 28/11/2026", "09:00 on 28 November 2026".
func (s *Server) when(ctx context.Context, t time.Time) string {
	local := s.svc.Clock.Local(t)
	return Tf(ctx, "web.time.at", i18n.Args{"time": local.Format("15:04"), "date": baove.DateOf(local)})
}
