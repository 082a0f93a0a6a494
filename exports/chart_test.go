package exports_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"baove/exports"
)

// A chart's scale is its Max, else its largest value or target, and each
// bar fills its share of it, clipped: the same picture in every renderer.
func TestBarChart_ScalesBarsToTheLargestOfValuesAndTarget(t *testing.T) {
	d := decimal.RequireFromString
	c := exports.BarChart{Bars: []exports.Bar{{Label: "Điện Biên", Value: d("0.8")}, {Label: "Hà Nội", Value: d("0.4")},
		{Label: "TP Hồ Chí Minh", Missing: "chưa báo cáo"}}, Target: decimal.NewNullDecimal(d("1.6"))}
	if !c.Scale().Equal(d("1.6")) || c.Share(d("0.8")) != 0.5 || c.Share(d("-1")) != 0 {
		t.Errorf("scale %s, shares %v %v", c.Scale(), c.Share(d("0.8")), c.Share(d("-1")))
	}
	c.Max = d("0.5")
	if !c.Scale().Equal(d("0.5")) || c.Share(d("0.8")) != 1 {
		t.Errorf("with Max: scale %s, share %v", c.Scale(), c.Share(d("0.8")))
	}
	if empty := (exports.BarChart{Bars: []exports.Bar{{Label: "x"}}}); !empty.Scale().Equal(d("1")) {
		t.Errorf("an all-zero chart's scale %s", empty.Scale())
	}
}
