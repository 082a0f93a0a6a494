package web

import (
	"context"
	"testing"

	"baove"
	"baove/app"
	"baove/budget"
	"baove/database/dbtest"
	"baove/i18n"
)

func TestNum_WritesAmountsCountsAndDatesTheReadersWay(t *testing.T) {
	vi := context.WithValue(context.Background(), langKey, i18n.VI)
	en := context.WithValue(context.Background(), langKey, i18n.EN)
	for _, c := range []struct {
		v      any
		vi, en string
	}{
		{budget.VND(1500000), "1.500.000", "1,500,000"},
		{i18n.Count(3321), "3.321", "3,321"},
		{baove.NewDate(2026, 11, 28), "28/11/2026", "28 November 2026"},
	} {
		if got := Num(vi, c.v); got != c.vi {
			t.Errorf("vi %v: %q, want %q", c.v, got, c.vi)
		}
		if got := Num(en, c.v); got != c.en {
			t.Errorf("en %v: %q, want %q", c.v, got, c.en)
		}
	}
}

func TestWhen_WritesAnInstantInTheServicesZone(t *testing.T) {
	s := &Server{svc: &app.Services{Clock: dbtest.Clock}}
	vi := context.WithValue(context.Background(), langKey, i18n.VI)
	if got := s.when(vi, dbtest.Now()); got != "09:00 ngày 28/11/2026" {
		t.Errorf("vi: %q", got)
	}
	if got := s.when(context.Background(), dbtest.Now()); got != "09:00 ngày 28/11/2026" {
		t.Errorf("without a language the pages speak Vietnamese: %q", got)
	}
	en := context.WithValue(context.Background(), langKey, i18n.EN)
	if got := s.when(en, dbtest.Now()); got != "09:00 on 28 November 2026" {
		t.Errorf("en: %q", got)
	}
}
