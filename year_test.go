package baove_test

import (
	"errors"
	"testing"

	"baove"
	"baove/i18n"
)

func TestCheckYear_AcceptsTheRangeAndNamesTheFieldOutsideIt(t *testing.T) {
	for _, year := range []int{baove.FirstYear, 2026, baove.LastYear} {
		if err := baove.CheckYear("year", year); err != nil {
			t.Errorf("%d refused: %v", year, err)
		}
	}
	for _, year := range []int{0, baove.FirstYear - 1, baove.LastYear + 1} {
		var e *baove.Error
		if err := baove.CheckYear("body.year", year); !errors.As(err, &e) || e.Code != baove.EINVALID ||
			len(e.Fields) != 1 || e.Fields[0].Field != "body.year" {
			t.Errorf("%d: %v, want EINVALID naming body.year", year, err)
		}
	}
}

func TestCheckYear_SaysTheRangeWithoutGroupingDigits(t *testing.T) {
	var e *baove.Error
	if !errors.As(baove.CheckYear("year", 2016), &e) {
		t.Fatal("2016 accepted")
	}
	for lang, want := range map[i18n.Lang]string{i18n.VI: "năm từ 2017 đến 2100", i18n.EN: "a year from 2017 to 2100"} {
		if got := e.Fields[0].Text(lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
