package gen

import (
	"fmt"
	"math/rand/v2"

	"baove"
	"baove/indicators"
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

// values draws what a province reported for year: in past years a yearly
// value of nearly every indicator and detected abuse cases each quarter;
// in the current one the quarters that have ended (the latest one
// sometimes missing, which compliance flags) and, once three quarters are
// over, estimates of the year for most ratios.
func (g *generator) values(p *province, year int) []valueRow {
	r := stream(g.o.Seed, "values", p.code, year)
	s := g.sizeOf(p)
	quarters := indicators.ElapsedQuarters(year, g.today)
	var out []valueRow
	for _, ind := range g.catalogue {
		if ind.computed {
			continue
		}
		if ind.code == indicators.AbuseCases {
			out = append(out, g.quarterly(r, p, year, s, quarters)...)
		} else if v, ok := g.yearly(r, p, year, ind, s, len(quarters)); ok {
			out = append(out, v)
		}
	}
	return out
}

func (g *generator) quarterly(r *rand.Rand, p *province, year int, s size, quarters []int) []valueRow {
	var out []valueRow
	for i, q := range quarters {
		reported := 0.97
		if year == g.last && i == len(quarters)-1 {
			reported = 0.85
		}
		cases := int64(s.abuse / 4 * between(r, 0.6, 1.4))
		if chance(r, reported) {
			period := indicators.Period{Year: year, Quarter: q}
			out = append(out, g.valueRow(r, p, indicators.AbuseCases, period, indicators.Measure{Unit: indicators.Count, Count: cases}, ""))
		}
	}
	return out
}

func (g *generator) yearly(r *rand.Rand, p *province, year int, ind indicator, s size, quarters int) (valueRow, bool) {
	num, den, ok := figureOf(r, ind.code, s)
	note := ""
	switch {
	case !ok || !chance(r, 0.95):
		return valueRow{}, false
	case year == g.last && (quarters < 3 || !ind.unit.Ratio() || !chance(r, 0.65)):
		return valueRow{}, false
	case year == g.last:
		note = fmt.Sprintf("Ước thực hiện năm %d", year)
	}
	m := indicators.Measure{Unit: ind.unit, Numerator: num, Denominator: den}
	if !ind.unit.Ratio() {
		m = indicators.Measure{Unit: ind.unit, Count: num}
	}
	v := g.valueRow(r, p, ind.code, indicators.Period{Year: year}, m, note)
	v.Estimate = year == g.last // the year under way: only an estimate
	return v, true
}

// valueRow stores m as the indicators store does: the figure rounded to
// four places beside the counts of a ratio.
func (g *generator) valueRow(r *rand.Rand, p *province, code indicators.Code, period indicators.Period, m indicators.Measure, note string) valueRow {
	figure, _ := m.Rounded(4)
	day := minDate(period.End().AddDays(5+r.IntN(30)), g.yesterday)
	v := valueRow{ProvinceCode: p.code, IndicatorCode: string(code), Year: period.Year, Quarter: period.Quarter,
		Value: figure.String(), Note: note, UpdatedAt: officeTime(r, day), UpdatedBy: Actor}
	if m.Unit.Ratio() {
		v.Numerator, v.Denominator = &m.Numerator, &m.Denominator
	}
	return v
}

// staffing draws the staffing of every commune of a province in force in
// year: most communes with a full-time worker, some with a part-time one
// only, a few vacant (docs/domain.md §8); collaborators in 40–90 % of villages.
func (g *generator) staffing(p *province, year int) []staffingRow {
	r := stream(g.o.Seed, "staffing", p.code, year)
	vacant, partOnly := between(r, 0.02, 0.12), between(r, 0.08, 0.25)
	first, last := baove.NewDate(year, 1, 1), baove.NewDate(year, 12, 31)
	var out []staffingRow
	for _, c := range p.communes {
		if c.validFrom.After(last) || (!c.validTo.IsZero() && c.validTo.Before(first)) {
			continue
		}
		out = append(out, g.communeStaffing(r, p, c, year, vacant, partOnly))
	}
	return out
}

func (g *generator) communeStaffing(r *rand.Rand, p *province, c commune, year int, vacant, partOnly float64) staffingRow {
	villages := 4 + r.IntN(22) // thôn of a rural commune
	switch c.kind {
	case "phuong":
		villages = 8 + r.IntN(33) // tổ dân phố of a ward
	case "dac_khu":
		villages = 3 + r.IntN(10)
	}
	with := int(float64(villages) * between(r, 0.4, 0.9))
	s := staffingRow{CommuneCode: c.code, Year: year, ProvinceCode: p.code, FullTime: 1, PartTime: r.IntN(2),
		Collaborators: with + r.IntN(3), Villages: villages, VillagesWithCollaborator: with, UpdatedBy: Actor}
	switch u := r.Float64(); {
	case u < vacant:
		s.FullTime, s.PartTime, s.Note = 0, 0, "Chưa bố trí được người làm công tác bảo vệ trẻ em"
	case u < vacant+partOnly:
		s.FullTime, s.PartTime, s.Note = 0, 1, "Công chức văn hóa - xã hội kiêm nhiệm"
	}
	s.UpdatedAt = officeTime(r, minDate(baove.NewDate(year, 3, 1).AddDays(r.IntN(60)), g.yesterday))
	return s
}
