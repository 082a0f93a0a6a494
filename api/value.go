package api

import (
	"context"
	"strconv"
	"time"

	"baove/indicators"
	"baove/units"
)

// IndicatorValue is a value a province reported for an indicator and period.
type IndicatorValue struct {
	ProvinceCode  string    `json:"province_code" example:"11"`
	IndicatorCode string    `json:"indicator_code" example:"CP_STAFF_TRAINED"`
	Period        string    `json:"period" example:"2026" doc:"A year, or a quarter of it such as 2026-Q1"`
	Unit          string    `json:"unit" enum:"percent,count,per_100k"`
	Value         string    `json:"value" example:"96.43" doc:"Decimal: the count, or the figure derived from numerator and denominator (percent or per 100,000), rounded half away from zero to 2 places"`
	Numerator     *int64    `json:"numerator,omitempty" example:"162"`
	Denominator   *int64    `json:"denominator,omitempty" example:"168"`
	Estimate      bool      `json:"estimate" doc:"The figure was given as an estimate, before its period ended"`
	Note          string    `json:"note,omitempty" example:"Báo cáo của Sở Y tế"`
	UpdatedAt     time.Time `json:"updated_at"`
	UpdatedBy     string    `json:"updated_by" example:"planner.dienbien"`
}

// figure writes a measure for the API: a count as a whole number, a ratio
// with 2 decimal places; "" when a ratio has no denominator.
func figure(m indicators.Measure) string {
	if !m.Unit.Ratio() {
		return strconv.FormatInt(m.Count, 10)
	}
	d, ok := m.Rounded(2)
	if !ok {
		return ""
	}
	return d.StringFixed(2)
}

// counts returns a ratio's numerator and denominator, nil for a count.
func counts(m indicators.Measure) (num, den *int64) {
	if !m.Unit.Ratio() {
		return nil, nil
	}
	return &m.Numerator, &m.Denominator
}

func valueOf(v indicators.Value) IndicatorValue {
	out := IndicatorValue{ProvinceCode: string(v.Province), IndicatorCode: string(v.Indicator), Period: v.Period.String(),
		Unit: string(v.Unit), Value: figure(v.Measure), Estimate: v.Estimate, Note: v.Note, UpdatedAt: v.UpdatedAt, UpdatedBy: v.UpdatedBy}
	out.Numerator, out.Denominator = counts(v.Measure)
	return out
}

// PutValueInput reports a value: numerator and denominator for a percent or
// per-100,000 indicator, value for a count.
type PutValueInput struct {
	ProvinceCodePath
	IndicatorCode string `path:"indicator_code" pattern:"^[A-Z][A-Z0-9_]{2,39}$" example:"CP_STAFF_TRAINED"`
	Period        string `path:"period" pattern:"^[0-9]{4}(-Q[1-4])?$" example:"2026" doc:"A year (2026) or a quarter (2026-Q1 … 2026-Q4)"`
	Body          struct {
		Numerator   *int64 `json:"numerator,omitempty" minimum:"0" example:"162" doc:"Percent and per-100,000 indicators: the part, e.g. communes with a worker"`
		Denominator *int64 `json:"denominator,omitempty" minimum:"1" example:"168" doc:"Percent and per-100,000 indicators: the whole, e.g. all communes"`
		Value       *int64 `json:"value,omitempty" minimum:"0" example:"12" doc:"Count indicators: the count"`
		Note        Note   `json:"note,omitempty" example:"Báo cáo của Sở Y tế" doc:"Where the figure comes from"`
		Estimate    bool   `json:"estimate,omitempty" doc:"An estimate of the period under way: required before the period ends; a period not yet begun is refused"`
	}
}

// IndicatorValueOutput is one value.
type IndicatorValueOutput struct {
	Body IndicatorValue
}

func (s *Server) putValue(ctx context.Context, in *PutValueInput) (*IndicatorValueOutput, error) {
	p, err := indicators.ParsePeriod("path.period", in.Period)
	if err != nil {
		return nil, err
	}
	b := in.Body
	k := indicators.ValueKey{Province: units.ProvinceCode(in.Code), Indicator: indicators.Code(in.IndicatorCode), Period: p}
	e := indicators.Entry{Numerator: b.Numerator, Denominator: b.Denominator, Count: b.Value, Note: string(b.Note), Estimate: b.Estimate}
	v, err := s.svc.Indicators.PutValue(ctx, caller(ctx), k, e)
	if err != nil {
		return nil, err
	}
	return &IndicatorValueOutput{Body: valueOf(v)}, nil
}

// ValueListInput selects a province's values.
type ValueListInput struct {
	ProvinceCodePath
	Year Year `query:"year" example:"2026" doc:"Only this year's values (default: every year)"`
}

// ValueListOutput lists values by year, catalogue order and period.
type ValueListOutput struct {
	Body struct {
		Items []IndicatorValue `json:"items"`
	}
}

func (s *Server) listValues(ctx context.Context, in *ValueListInput) (*ValueListOutput, error) {
	vs, err := s.svc.Indicators.Values(ctx, caller(ctx), units.ProvinceCode(in.Code), int(in.Year))
	if err != nil {
		return nil, err
	}
	out := &ValueListOutput{}
	out.Body.Items = make([]IndicatorValue, len(vs))
	for i, v := range vs {
		out.Body.Items[i] = valueOf(v)
	}
	return out, nil
}

// DeleteValueInput selects a reported value.
type DeleteValueInput struct {
	ProvinceCodePath
	IndicatorCode string `path:"indicator_code" pattern:"^[A-Z][A-Z0-9_]{2,39}$" example:"CP_STAFF_TRAINED"`
	Period        string `path:"period" pattern:"^[0-9]{4}(-Q[1-4])?$" example:"2026-Q1" doc:"A year (2026) or a quarter (2026-Q1 … 2026-Q4)"`
}

func (s *Server) deleteValue(ctx context.Context, in *DeleteValueInput) (*struct{}, error) {
	p, err := indicators.ParsePeriod("path.period", in.Period)
	if err != nil {
		return nil, err
	}
	k := indicators.ValueKey{Province: units.ProvinceCode(in.Code), Indicator: indicators.Code(in.IndicatorCode), Period: p}
	if err := s.svc.Indicators.DeleteValue(ctx, caller(ctx), k); err != nil {
		return nil, err
	}
	return &struct{}{}, nil
}
