package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/units"
)

// valuePlaces is the precision of the derived figure kept beside a ratio's
// numerator and denominator, for readers of the table; the service itself
// always derives figures from the counts.
const valuePlaces = 4

// ValueRecord is a reported value as stored (the table indicator_values):
// the counts of a ratio beside its figure rounded to valuePlaces, the count
// of a count indicator as its figure.
type ValueRecord struct {
	bun.BaseModel `bun:"table:indicator_values,alias:v"`

	ProvinceCode  string `bun:",pk"`
	IndicatorCode string `bun:",pk"`
	Year          int    `bun:",pk"`
	Quarter       int    `bun:",pk"`
	Numerator     *int64
	Denominator   *int64
	Value         string
	Estimate      bool
	Note          string
	UpdatedAt     time.Time
	UpdatedBy     string
	ReportedAt    *time.Time
	Unit          Unit `bun:",scanonly"`
}

func (r ValueRecord) value() (Value, error) {
	v := Value{Province: units.ProvinceCode(r.ProvinceCode), Indicator: Code(r.IndicatorCode),
		Period: Period{Year: r.Year, Quarter: r.Quarter}, Measure: Measure{Unit: r.Unit}, Estimate: r.Estimate, Note: r.Note,
		UpdatedAt: r.UpdatedAt, UpdatedBy: r.UpdatedBy, ReportedAt: r.ReportedAt}
	if r.Numerator != nil && r.Denominator != nil {
		v.Numerator, v.Denominator = *r.Numerator, *r.Denominator
		return v, nil
	}
	count, err := decimal.NewFromString(r.Value)
	if err != nil {
		return Value{}, fmt.Errorf("indicators: value of %s/%s: %w", r.ProvinceCode, r.IndicatorCode, err)
	}
	v.Count = count.IntPart()
	return v, nil
}

// Record returns v as stored.
func (v Value) Record() ValueRecord {
	r := ValueRecord{ProvinceCode: string(v.Province), IndicatorCode: string(v.Indicator), Year: v.Period.Year,
		Quarter: v.Period.Quarter, Estimate: v.Estimate, Note: v.Note, UpdatedAt: v.UpdatedAt, UpdatedBy: v.UpdatedBy, ReportedAt: v.ReportedAt, Unit: v.Unit}
	figure, _ := v.Rounded(valuePlaces)
	r.Value = figure.String()
	if v.Unit.Ratio() {
		r.Numerator, r.Denominator = &v.Numerator, &v.Denominator
	}
	return r
}

// ValueKey names a reported value: a province's figure of an indicator for
// a period.
type ValueKey struct {
	Province  units.ProvinceCode
	Indicator Code
	Period    Period
}

// PutValue records what province reports for the indicator code and period,
// replacing what was there; reporting the same again changes nothing. Only a
// planner of the province may. A period must have ended, or be under way
// with the entry marked as an estimate. It returns ENOTFOUND for an unknown
// indicator, EINVALID for a computed indicator, a period not yet ended or a
// bad entry (one detail per field), and ECONFLICT when another request
// wrote the same value at the same moment.
func (s *Store) PutValue(ctx context.Context, c access.Caller, k ValueKey, e Entry) (Value, error) {
	province, code, p := k.Province, k.Indicator, k.Period
	if err := c.CanAct(province, access.Planner); err != nil {
		return Value{}, err
	}
	if err := baove.CheckYear("period", p.Year); err != nil {
		return Value{}, err
	}
	ind, err := s.Indicator(ctx, code)
	if err != nil {
		return Value{}, err
	}
	m, err := e.measure(ind)
	if err != nil {
		return Value{}, err
	}
	if err := checkPeriod("period", p, e.Estimate, s.clock.Today()); err != nil {
		return Value{}, err
	}
	v := Value{Province: province, Indicator: code, Period: p, Measure: m, Estimate: e.Estimate, Note: e.Note,
		UpdatedAt: s.clock.Now(), UpdatedBy: c.Username}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return s.putValue(ctx, tx, c, &v)
	})
	switch {
	case database.IsUniqueViolation(err):
		return Value{}, baove.E(baove.ECONFLICT, "indicator_value.concurrent", i18n.Args{"indicator": string(code), "period": p})
	case database.IsForeignKeyViolation(err):
		return Value{}, baove.E(baove.ENOTFOUND, "unit.province.not_found", i18n.Args{"code": string(province)})
	case err != nil:
		return Value{}, fmt.Errorf("indicators: put value %s/%s/%s: %w", province, code, p, err)
	}
	return v, nil
}

// putValue writes v unless it is already there (then v becomes the stored
// value), with its audit entry.
func (s *Store) putValue(ctx context.Context, tx bun.Tx, c access.Caller, v *Value) error {
	old := ValueRecord{ProvinceCode: string(v.Province), IndicatorCode: string(v.Indicator), Year: v.Period.Year, Quarter: v.Period.Quarter}
	err := s.db.ForUpdate(tx.NewSelect().Model(&old).WherePK()).Scan(ctx)
	var before any
	switch {
	case errors.Is(err, sql.ErrNoRows):
		v.ReportedAt = firstReport(nil, *v)
		rec := v.Record()
		_, err = tx.NewInsert().Model(&rec).Exec(ctx)
	case err != nil:
		return err
	default:
		old.Unit = v.Unit
		prev, perr := old.value()
		if perr != nil || prev.same(*v) {
			*v = prev
			return perr
		}
		before, v.ReportedAt = prev, firstReport(prev.ReportedAt, *v)
		rec := v.Record()
		_, err = tx.NewUpdate().Model(&rec).WherePK().Exec(ctx)
	}
	if err != nil {
		return err
	}
	id := fmt.Sprintf("%s/%s/%s", v.Province, v.Indicator, v.Period)
	return audit.Record(ctx, tx, audit.Change{At: v.UpdatedAt, Actor: c.Actor(), Action: "indicator_value.put",
		Entity: "indicator_value", EntityID: id, ProvinceCode: string(v.Province), BeforeState: before, AfterState: *v})
}

// firstReport is when v was first reported as a final figure: prev, when
// it was already; now (its UpdatedAt) for a final figure; never for an
// estimate.
func firstReport(prev *time.Time, v Value) *time.Time {
	if prev != nil || v.Estimate {
		return prev
	}
	at := v.UpdatedAt
	return &at
}

// Values returns what province reported for year (every year when year is
// 0), by year, catalogue order and period. A reviewer and the province's
// planners, approvers and finance officers may read them. It returns ENOTFOUND for an
// unknown province.
func (s *Store) Values(ctx context.Context, c access.Caller, province units.ProvinceCode, year int) ([]Value, error) {
	if err := c.CanRead(province); err != nil {
		return nil, err
	}
	if _, err := s.units.Province(ctx, province); err != nil {
		return nil, err
	}
	return s.values(ctx, province, year)
}

// ProvinceValues returns the values of province for year (every year when
// 0), by year, catalogue order and period. It does not check a caller: the
// assessment, which checks its own, reads them.
func (s *Store) ProvinceValues(ctx context.Context, province units.ProvinceCode, year int) ([]Value, error) {
	return s.values(ctx, province, year)
}

// values returns the values of province (every province when empty) for
// year (every year when 0).
func (s *Store) values(ctx context.Context, province units.ProvinceCode, year int) ([]Value, error) {
	var rows []ValueRecord
	var where []string
	var args []any
	if province != "" {
		where, args = append(where, "v.province_code = ?"), append(args, string(province))
	}
	if year != 0 {
		where, args = append(where, "v.year = ?"), append(args, year)
	}
	q := "SELECT " + s.db.Columns((*ValueRecord)(nil), "v") +
		", i.unit FROM indicator_values AS v JOIN indicators AS i ON i.code = v.indicator_code"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY v.province_code, v.year, i.position, v.quarter"
	if err := s.db.Select(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("indicators: values of %q in %d: %w", province, year, err)
	}
	out := make([]Value, len(rows))
	for i, r := range rows {
		v, err := r.value()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// YearValues returns every province's values of year, by province, with
// only what progress reads of them (measure and period): one query, no
// join, the units taken from the catalogue cat. It does not check a caller.
func (s *Store) YearValues(ctx context.Context, year int, cat []Indicator) (map[units.ProvinceCode][]Value, error) {
	unit := make(map[string]Unit, len(cat))
	for _, ind := range cat {
		unit[string(ind.Code)] = ind.Unit
	}
	var rows []ValueRecord
	if err := s.db.Select(ctx, s.db, &rows, `SELECT province_code, indicator_code, year, quarter, numerator, denominator,
		value, estimate FROM indicator_values WHERE year = ?`, year); err != nil {
		return nil, fmt.Errorf("indicators: values of %d: %w", year, err)
	}
	out := map[units.ProvinceCode][]Value{}
	for _, r := range rows {
		r.Unit = unit[r.IndicatorCode]
		v, err := r.value()
		if err != nil {
			return nil, err
		}
		out[v.Province] = append(out[v.Province], v)
	}
	return out, nil
}

// AbuseQuarters returns the quarters of year for which province reported
// CP_ABUSE_CASES, in order. It does not check a caller.
func (s *Store) AbuseQuarters(ctx context.Context, province units.ProvinceCode, year int) ([]int, error) {
	var quarters []int
	err := s.db.NewSelect().Table("indicator_values").Column("quarter").
		Where("province_code = ? AND indicator_code = ? AND year = ? AND quarter > 0", string(province), string(AbuseCases), year).
		Order("quarter").Scan(ctx, &quarters)
	if err != nil {
		return nil, fmt.Errorf("indicators: abuse data of %s in %d: %w", province, year, err)
	}
	return quarters, nil
}
