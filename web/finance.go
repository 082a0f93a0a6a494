package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/shopspring/decimal"

	"baove"
	"baove/budget"
	"baove/i18n"
	"baove/plans"
	"baove/units"
)

// What the finance officer's pages share: the province and year a page is
// about, and how money, rates, sources and task areas read.

// taskAreaName returns a task area's code and name in the reader's
// language.
func taskAreaName(ctx context.Context, ta plans.TaskArea) string {
	name := ta.NameVI
	if langOf(ctx) == i18n.EN && ta.NameEN != "" {
		name = ta.NameEN
	}
	return ta.Code + ". " + name
}

// amountText writes an amount of đồng the reader's way, without its unit: "1.500.000".
func amountText(ctx context.Context, v budget.VND) string { return Num(ctx, v) }

// rate writes a percentage ("87,50 %"), or a dash when there is none.
func rate(ctx context.Context, r decimal.NullDecimal) string {
	if !r.Valid {
		return "—"
	}
	return Num(ctx, r.Decimal) + " %"
}

// day writes a date the reader's way: "28/11/2026".
func day(ctx context.Context, d baove.Date) string { return Num(ctx, d) }

// provinceOf returns the province whose money the reader keeps: only a
// provincial user has one (EFORBIDDEN for the others).
func provinceOf(ctx context.Context) (units.ProvinceCode, error) {
	v := viewerOf(ctx)
	if v == nil || v.Province == "" {
		return "", baove.E(baove.EFORBIDDEN, "web.finance.no_province", nil)
	}
	return v.Province, nil
}

// yearOf returns the budget year named by ?year=, or else by the form's
// year field, or fallback when neither names one; EINVALID naming year for
// anything but a year in range.
func yearOf(r *http.Request, fallback int) (int, error) {
	raw := r.URL.Query().Get("year")
	if raw == "" && r.Method == http.MethodPost {
		raw = r.PostFormValue("year")
	}
	if raw == "" {
		return fallback, nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil {
		return 0, baove.InvalidKey("year", "web.finance.year_invalid", nil, raw)
	}
	return y, baove.CheckYear("year", y)
}

// thisYear returns the current budget year.
func (s *Server) thisYear() int { return s.svc.Clock.Today().Year() }

// pageContext returns the province of the reader and the year the page
// asks for (this year by default), or the error to show.
func (s *Server) pageContext(r *http.Request) (units.ProvinceCode, int, error) {
	p, err := provinceOf(r.Context())
	if err != nil {
		return "", 0, err
	}
	year, err := yearOf(r, s.thisYear())
	return p, year, err
}
