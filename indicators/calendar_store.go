package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/i18n"
	"baove/units"
)

type dueRow struct {
	bun.BaseModel `bun:"table:reporting_due_rules,alias:r"`

	IndicatorCode string `bun:",pk"`
	Frequency     Frequency
	DaysAfter     int
}

func (r dueRow) rule() DueRule {
	return DueRule{Indicator: Code(r.IndicatorCode), Frequency: r.Frequency, DaysAfter: r.DaysAfter}
}

// DueRules returns the reporting calendar: the rule of every periodic
// indicator, in catalogue order. It does not check a caller: the calendar
// is no one's data, and every signed-in user may read it.
func (s *Store) DueRules(ctx context.Context) ([]DueRule, error) {
	var rows []dueRow
	if err := s.db.NewSelect().Model(&rows).Join("JOIN indicators AS i ON i.code = r.indicator_code").
		OrderExpr("i.position, i.code").Scan(ctx); err != nil {
		return nil, fmt.Errorf("indicators: due rules: %w", err)
	}
	out := make([]DueRule, len(rows))
	for i, r := range rows {
		out[i] = r.rule()
	}
	return out, nil
}

// SetDueRule makes r's indicator periodic with r, or changes its rule,
// with an audit entry. Only an administrator may (EFORBIDDEN). It returns
// ENOTFOUND for an unknown indicator and EINVALID for an indicator computed
// from staffing (no one reports it), a frequency other than quarterly or
// yearly, or days after the period outside 1 to MaxDaysAfter.
func (s *Store) SetDueRule(ctx context.Context, c access.Caller, r DueRule) (DueRule, error) {
	if err := c.Require(access.Admin); err != nil {
		return DueRule{}, err
	}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ind, err := s.IndicatorIn(ctx, tx, r.Indicator)
		if err != nil {
			return err
		}
		if err := checkDueRule(ind, r); err != nil {
			return err
		}
		return s.setDueRule(ctx, tx, c, r)
	})
	if baove.ErrorCode(err) == baove.EINTERNAL {
		return DueRule{}, fmt.Errorf("indicators: set due rule of %s: %w", r.Indicator, err)
	}
	return r, err
}

// checkDueRule returns EINVALID naming each field of r that ind cannot
// take.
func checkDueRule(ind Indicator, r DueRule) error {
	var p baove.Problems
	if ind.Computed {
		p.AddKey("indicator_code", "due_rule.computed", i18n.Args{"indicator": string(ind.Code)}, ind.Code)
	}
	if r.Frequency != Quarterly && r.Frequency != Yearly {
		p.AddKey("frequency", "due_rule.frequency", nil, r.Frequency)
	}
	if r.DaysAfter < 1 || r.DaysAfter > MaxDaysAfter {
		p.AddKey("days_after", "due_rule.days_after", i18n.Args{"max": MaxDaysAfter}, r.DaysAfter)
	}
	return p.Err()
}

func (s *Store) setDueRule(ctx context.Context, tx bun.Tx, c access.Caller, r DueRule) error {
	old := dueRow{IndicatorCode: string(r.Indicator)}
	err := s.db.ForUpdate(tx.NewSelect().Model(&old).WherePK()).Scan(ctx)
	row := dueRow{IndicatorCode: string(r.Indicator), Frequency: r.Frequency, DaysAfter: r.DaysAfter}
	var before any
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.NewInsert().Model(&row).Exec(ctx)
	case err != nil:
		return err
	case old.rule() == r:
		return nil
	default:
		before = old.rule()
		_, err = tx.NewUpdate().Model(&row).WherePK().Exec(ctx)
	}
	if err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Change{At: s.clock.Now(), Actor: c.Actor(), Action: "due_rule.set", Entity: "due_rule",
		EntityID: string(r.Indicator), BeforeState: before, AfterState: r})
}

// DeleteDueRule takes indicator code off the reporting calendar, with an
// audit entry: its values are no longer due. Only an administrator may
// (EFORBIDDEN). It returns ENOTFOUND when the indicator has no rule.
func (s *Store) DeleteDueRule(ctx context.Context, c access.Caller, code Code) error {
	if err := c.Require(access.Admin); err != nil {
		return err
	}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		old := dueRow{IndicatorCode: string(code)}
		err := s.db.ForUpdate(tx.NewSelect().Model(&old).WherePK()).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return baove.E(baove.ENOTFOUND, "due_rule.none", i18n.Args{"indicator": string(code)})
		} else if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model(&old).WherePK().Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{At: s.clock.Now(), Actor: c.Actor(), Action: "due_rule.delete", Entity: "due_rule",
			EntityID: string(code), BeforeState: old.rule()})
	})
	if baove.ErrorCode(err) == baove.EINTERNAL {
		return fmt.Errorf("indicators: delete due rule of %s: %w", code, err)
	}
	return err
}

// Reported returns when each value of year that the calendar asks for (of
// province, or of every province when empty) was first reported as a final
// figure. It does not check a caller: the assessment, which checks its
// own, reads it.
func (s *Store) Reported(ctx context.Context, year int, province units.ProvinceCode) (map[ValueKey]time.Time, error) {
	var rows []ValueRecord
	q := s.db.NewSelect().Model(&rows).Column("province_code", "indicator_code", "year", "quarter", "reported_at").
		Where("v.year = ? AND v.reported_at IS NOT NULL", year).
		Where("v.indicator_code IN (SELECT indicator_code FROM reporting_due_rules)")
	if province != "" {
		q = q.Where("v.province_code = ?", string(province))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("indicators: reported in %d: %w", year, err)
	}
	out := make(map[ValueKey]time.Time, len(rows))
	for _, r := range rows {
		k := ValueKey{Province: units.ProvinceCode(r.ProvinceCode), Indicator: Code(r.IndicatorCode), Period: Period{Year: r.Year, Quarter: r.Quarter}}
		out[k] = *r.ReportedAt
	}
	return out, nil
}

// Calendar returns the reporting calendar of year, with the store's clock:
// the due rules (as DueRules gives them) and when the values they ask for,
// of province or of every province when empty, were first reported (as
// Reported gives them), in one read. It does not check a caller.
func (s *Store) Calendar(ctx context.Context, year int, province units.ProvinceCode) (Calendar, error) {
	var rows []struct {
		Part, IndicatorCode string
		Frequency           Frequency
		DaysAfter           int
		ProvinceCode        string
		Quarter             int
		ReportedAt          time.Time `bun:",nullzero"`
		Position            int       // the rules' order
		Code                string    // the rules' order too
	}
	where, args := "", []any{year}
	if province != "" {
		where, args = " AND v.province_code = ?", append(args, string(province))
	}
	if err := s.db.Select(ctx, s.db, &rows, `SELECT 'rule' AS part, r.indicator_code, r.frequency, r.days_after, '' AS province_code,
		0 AS quarter, NULL AS reported_at, i.position, i.code
		FROM reporting_due_rules AS r JOIN indicators AS i ON i.code = r.indicator_code
		UNION ALL SELECT 'reported', v.indicator_code, '', 0, v.province_code, v.quarter, v.reported_at, 0, ''
		FROM indicator_values AS v WHERE v.year = ? AND v.reported_at IS NOT NULL
		AND v.indicator_code IN (SELECT indicator_code FROM reporting_due_rules)`+where+`
		ORDER BY position, code`, args...); err != nil {
		return Calendar{}, fmt.Errorf("indicators: reporting calendar of %d: %w", year, err)
	}
	cal := Calendar{Reported: map[ValueKey]time.Time{}, Clock: s.clock}
	for _, r := range rows {
		if r.Part == "rule" {
			cal.Rules = append(cal.Rules, DueRule{Indicator: Code(r.IndicatorCode), Frequency: r.Frequency, DaysAfter: r.DaysAfter})
			continue
		}
		k := ValueKey{Province: units.ProvinceCode(r.ProvinceCode), Indicator: Code(r.IndicatorCode),
			Period: Period{Year: year, Quarter: r.Quarter}}
		cal.Reported[k] = r.ReportedAt
	}
	return cal, nil
}
