package gen

import (
	"fmt"
	"math/rand/v2"

	"baove"
	"baove/indicators"
	"baove/units"
)

// size is what a province's figures scale with (docs/domain.md §8: 23–26
// million children, about 1,900 detected abuse cases a year nationally).
type size struct {
	communes int64
	children int64
	abuse    float64 // detected cases a year
}

func (g *generator) sizeOf(p *province) size {
	r := stream(g.o.Seed, "size", p.code, 0)
	n := int64(len(p.communes))
	return size{communes: n, children: n * int64(5_500+r.IntN(3_500)), abuse: 1_900 * float64(n) / 3_321}
}

// frac returns a share of whole, from lo to hi of it.
func frac(r *rand.Rand, whole int64, lo, hi float64) int64 {
	return int64(float64(whole) * between(r, lo, hi))
}

// figureOf draws a province's yearly figure of an indicator: numerator and
// denominator of a ratio, or a count (denominator 0). It reports false for
// indicators it knows nothing of.
func figureOf(r *rand.Rand, code indicators.Code, s size) (num, den int64, ok bool) {
	ratio := func(whole int64, lo, hi float64) (int64, int64, bool) { return frac(r, whole, lo, hi), whole, true }
	switch code {
	case "CP_STAFF_TRAINED":
		return ratio(s.communes*10, 0.7, 1)
	case "CP_CSS_RATE":
		return ratio(s.children, 0.04, 0.08)
	case "CP_CSS_SUPPORTED":
		return ratio(s.children*6/100, 0.8, 0.98)
	case "CP_ABUSE_RATE":
		return int64(s.abuse * between(r, 0.9, 1.3)), s.children, true
	case "CP_ABUSE_HANDLED":
		return ratio(max(int64(s.abuse), 1), 0.85, 1)
	case "CP_CHILD_FRIENDLY":
		return ratio(s.communes, 0.5, 0.85)
	case "CP_PLAYSPACE":
		return ratio(s.communes, 0.3, 0.6)
	case "CP_FAMILY_SKILLS":
		return ratio(s.children*10/18, 0.6, 0.95)
	case "CP_STUDENT_SKILLS":
		return ratio(s.children*7/10, 0.7, 0.98)
	case "CP_BIRTH_REG":
		return ratio(s.children*28/100, 0.95, 0.998)
	case "CP_CHILD_LABOUR":
		return ratio(s.children*7/10, 0.03, 0.07)
	case "CP_INJURY_RATE":
		return int64(float64(s.children) * between(r, 400, 700) / 100_000), s.children, true
	case "CP_SWC":
		return 1 + int64(r.IntN(3)), 0, true
	case "CP_COUNSEL_POINTS":
		return frac(r, s.communes, 0.8, 1.6), 0, true
	case "CP_HOTLINE_CASES":
		return int64(s.abuse * 0.6 * between(r, 0.7, 1.3)), 0, true
	}
	return 0, 0, false
}

// report is what gen draws a province's reported values of a year with.
type report struct {
	r        *rand.Rand
	province *province
	year     int
	size     size
	quarters []int // the quarters of the year that have ended
}

// values draws what a province reported for year: in past years a yearly
// value of nearly every indicator and detected abuse cases each quarter;
// in the current one the quarters that have ended (the latest one
// sometimes missing, which compliance flags) and, once three quarters are
// over, estimates of the year for most ratios.
func (g *generator) values(p *province, year int) []indicators.ValueRecord {
	rp := report{r: stream(g.o.Seed, "values", p.code, year), province: p, year: year, size: g.sizeOf(p),
		quarters: indicators.ElapsedQuarters(year, g.today)}
	var out []indicators.ValueRecord
	for _, ind := range g.catalogue {
		if ind.computed {
			continue
		}
		if ind.code == indicators.AbuseCases {
			out = append(out, g.quarterly(rp)...)
		} else if v, ok := g.yearly(rp, ind); ok {
			out = append(out, v)
		}
	}
	return out
}

func (g *generator) quarterly(rp report) []indicators.ValueRecord {
	var out []indicators.ValueRecord
	for i, q := range rp.quarters {
		reported := 0.97
		if rp.year == g.last && i == len(rp.quarters)-1 {
			reported = 0.85
		}
		cases := int64(rp.size.abuse / 4 * between(rp.r, 0.6, 1.4))
		if chance(rp.r, reported) {
			out = append(out, g.reported(rp, indicators.Value{Indicator: indicators.AbuseCases, Period: indicators.Period{Year: rp.year, Quarter: q},
				Measure: indicators.Measure{Unit: indicators.Count, Count: cases}}))
		}
	}
	return out
}

func (g *generator) yearly(rp report, ind indicator) (indicators.ValueRecord, bool) {
	num, den, ok := figureOf(rp.r, ind.code, rp.size)
	v := indicators.Value{Indicator: ind.code, Period: indicators.Period{Year: rp.year},
		Measure: indicators.Measure{Unit: ind.unit, Numerator: num, Denominator: den}}
	switch {
	case !ok || !chance(rp.r, 0.95):
		return indicators.ValueRecord{}, false
	case rp.year == g.last && (len(rp.quarters) < 3 || !ind.unit.Ratio() || !chance(rp.r, 0.65)):
		return indicators.ValueRecord{}, false
	case rp.year == g.last:
		v.Note, v.Estimate = fmt.Sprintf("Ước thực hiện năm %d", rp.year), true // the year under way: only an estimate
	}
	if !ind.unit.Ratio() {
		v.Measure = indicators.Measure{Unit: ind.unit, Count: num}
	}
	return g.reported(rp, v), true
}

// reported returns v as the province's planner would have stored it, a few
// weeks after its period ended.
func (g *generator) reported(rp report, v indicators.Value) indicators.ValueRecord {
	day := minDate(v.Period.End().AddDays(5+rp.r.IntN(30)), g.yesterday)
	v.Province, v.UpdatedAt, v.UpdatedBy = units.ProvinceCode(rp.province.code), officeTime(rp.r, day), Actor
	if !v.Estimate {
		v.ReportedAt = &v.UpdatedAt // first reported then: the calendar judges it by this
	}
	return v.Record()
}

// staffing draws the staffing of every commune of a province in force in
// year: most communes with a full-time worker, some with a part-time one
// only, a few vacant (docs/domain.md §8); collaborators in 40–90 % of villages.
func (g *generator) staffing(p *province, year int) []indicators.StaffingRecord {
	rp := report{r: stream(g.o.Seed, "staffing", p.code, year), province: p, year: year}
	shares := staffed{vacant: between(rp.r, 0.02, 0.12), partOnly: between(rp.r, 0.08, 0.25)}
	first, last := baove.NewDate(year, 1, 1), baove.NewDate(year, 12, 31)
	var out []indicators.StaffingRecord
	for _, c := range p.communes {
		if c.validFrom.After(last) || (!c.validTo.IsZero() && c.validTo.Before(first)) {
			continue
		}
		out = append(out, g.communeStaffing(rp, c, shares))
	}
	return out
}

// staffed are the shares of a province's communes without a worker and
// with a part-time one only.
type staffed struct{ vacant, partOnly float64 }

func (g *generator) communeStaffing(rp report, c commune, shares staffed) indicators.StaffingRecord {
	r := rp.r
	villages := 4 + r.IntN(22) // thôn of a rural commune
	switch c.kind {
	case "phuong":
		villages = 8 + r.IntN(33) // tổ dân phố of a ward
	case "dac_khu":
		villages = 3 + r.IntN(10)
	}
	with := int(float64(villages) * between(r, 0.4, 0.9))
	s := indicators.Staffing{Commune: units.CommuneCode(c.code), Year: rp.year, FullTime: 1, PartTime: r.IntN(2),
		Collaborators: with + r.IntN(3), Villages: villages, VillagesWithCollaborator: with, UpdatedBy: Actor}
	switch u := r.Float64(); {
	case u < shares.vacant:
		s.FullTime, s.PartTime, s.Note = 0, 0, "Chưa bố trí được người làm công tác bảo vệ trẻ em"
	case u < shares.vacant+shares.partOnly:
		s.FullTime, s.PartTime, s.Note = 0, 1, "Công chức văn hóa - xã hội kiêm nhiệm"
	}
	s.UpdatedAt = officeTime(r, minDate(baove.NewDate(rp.year, 3, 1).AddDays(r.IntN(60)), g.yesterday))
	return s.Record(units.ProvinceCode(rp.province.code))
}
