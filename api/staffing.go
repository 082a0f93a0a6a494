package api

import (
	"context"
	"time"

	"baove/indicators"
	"baove/units"
)

// YearPath is the {year} of a path: a plan year, its range set where the
// operation is registered (boundPathYear).
type YearPath struct {
	Year int `path:"year" example:"2026"`
}

// StaffingFields are the numbers of a commune's staffing.
type StaffingFields struct {
	FullTime                 Staff `json:"full_time" example:"1" doc:"Full-time child-protection workers"`
	PartTime                 Staff `json:"part_time" example:"0" doc:"Part-time child-protection workers"`
	Collaborators            Staff `json:"collaborators" example:"6" doc:"Village child-protection collaborators"`
	Villages                 Staff `json:"villages" example:"8" doc:"Villages and residential groups (thôn, tổ dân phố)"`
	VillagesWithCollaborator Staff `json:"villages_with_collaborator" example:"6" doc:"At most villages"`
	Note                     Note  `json:"note,omitempty" example:"Cán bộ mới được bố trí tháng 3"`
}

func staffingFrom(f StaffingFields) indicators.Staffing {
	return indicators.Staffing{FullTime: int(f.FullTime), PartTime: int(f.PartTime), Collaborators: int(f.Collaborators),
		Villages: int(f.Villages), VillagesWithCollaborator: int(f.VillagesWithCollaborator), Note: string(f.Note)}
}

// Staffing is a commune's staffing in a year.
type Staffing struct {
	CommuneCode string `json:"commune_code" example:"00004"`
	CommuneName string `json:"commune_name,omitempty" example:"Phường Ba Đình"`
	Year        int    `json:"year" example:"2026"`
	Recorded    bool   `json:"recorded" doc:"False for a commune without a record; it counts as uncovered"`
	Covered     bool   `json:"covered" doc:"At least one full-time or part-time worker"`
	StaffingFields
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
	UpdatedBy string     `json:"updated_by,omitempty" example:"planner.hanoi"`
}

func staffingOf(st indicators.Staffing) Staffing {
	at := st.UpdatedAt
	return Staffing{CommuneCode: string(st.Commune), Year: st.Year, Recorded: true, Covered: st.Covered(),
		StaffingFields: StaffingFields{FullTime: Staff(st.FullTime), PartTime: Staff(st.PartTime),
			Collaborators: Staff(st.Collaborators), Villages: Staff(st.Villages),
			VillagesWithCollaborator: Staff(st.VillagesWithCollaborator), Note: Note(st.Note)},
		UpdatedAt: &at, UpdatedBy: st.UpdatedBy}
}

// StaffingSummary is the staffing of a province's communes in a year.
type StaffingSummary struct {
	ProvinceCode             string     `json:"province_code" example:"11"`
	Year                     int        `json:"year" example:"2026"`
	CommunesTotal            int        `json:"communes_total" example:"45" doc:"Communes in force at any time in the year"`
	CommunesRecorded         int        `json:"communes_recorded" example:"45" doc:"Communes with a staffing record"`
	CommunesCovered          int        `json:"communes_covered" example:"42" doc:"Communes with at least one full-time or part-time worker"`
	CoveragePercent          string     `json:"coverage_percent,omitempty" example:"93.33" doc:"CP_COMMUNE_WORKER: covered ÷ total, 2 decimal places; absent when no commune was in force"`
	Villages                 int        `json:"villages" example:"1200"`
	VillagesWithCollaborator int        `json:"villages_with_collaborator" example:"780"`
	CollaboratorShare        string     `json:"collaborator_share_percent,omitempty" example:"65.00" doc:"CP_COLLAB_VILLAGE: villages with a collaborator ÷ villages of the recorded communes, 2 decimal places"`
	Uncovered                []Commune  `json:"uncovered" doc:"Communes without a worker (a commune without a record included), in Vietnamese order"`
	Items                    []Staffing `json:"items" doc:"Every commune in force in the year, in Vietnamese order"`
}

func staffingSummaryOf(c indicators.Coverage) StaffingSummary {
	out := StaffingSummary{ProvinceCode: string(c.Province), Year: c.Year, CommunesTotal: c.Total,
		CommunesRecorded: c.Recorded, CommunesCovered: c.Covered, Villages: c.Villages,
		VillagesWithCollaborator: c.VillagesWithCollaborator, Uncovered: []Commune{}, Items: []Staffing{}}
	if d, ok := c.Workers().Rounded(2); ok {
		out.CoveragePercent = d.StringFixed(2)
	}
	if d, ok := c.Collaborators().Rounded(2); ok {
		out.CollaboratorShare = d.StringFixed(2)
	}
	for _, u := range c.Uncovered() {
		out.Uncovered = append(out.Uncovered, communeOf(u))
	}
	for _, cs := range c.Communes {
		item := Staffing{CommuneCode: string(cs.Commune.Code), Year: c.Year}
		if cs.Staffing != nil {
			item = staffingOf(*cs.Staffing)
		}
		item.CommuneName = cs.Commune.Name
		out.Items = append(out.Items, item)
	}
	return out
}

// ProvinceStaffingInput selects a province and year.
type ProvinceStaffingInput struct {
	ProvinceCodePath
	YearPath
}

// StaffingSummaryOutput is a province's staffing.
type StaffingSummaryOutput struct {
	Body StaffingSummary
}

func (s *Server) getProvinceStaffing(ctx context.Context, in *ProvinceStaffingInput) (*StaffingSummaryOutput, error) {
	c, err := s.svc.Indicators.Coverage(ctx, caller(ctx), units.ProvinceCode(in.Code), in.Year)
	if err != nil {
		return nil, err
	}
	return &StaffingSummaryOutput{Body: staffingSummaryOf(c)}, nil
}

// PutCommuneStaffingInput records a commune's staffing.
type PutCommuneStaffingInput struct {
	CommuneCodePath
	YearPath
	Body StaffingFields
}

// StaffingOutput is a commune's staffing.
type StaffingOutput struct {
	Body Staffing
}

func (s *Server) putCommuneStaffing(ctx context.Context, in *PutCommuneStaffingInput) (*StaffingOutput, error) {
	st := staffingFrom(in.Body)
	st.Commune, st.Year = units.CommuneCode(in.Code), in.Year
	st, err := s.svc.Indicators.PutStaffing(ctx, caller(ctx), st)
	if err != nil {
		return nil, err
	}
	return &StaffingOutput{Body: staffingOf(st)}, nil
}

// StaffingItem is one commune of a bulk staffing request.
type StaffingItem struct {
	CommuneCode string `json:"commune_code" pattern:"^[0-9]{5}$" example:"00004"`
	StaffingFields
}

// PutProvinceStaffingInput records many communes' staffing at once.
type PutProvinceStaffingInput struct {
	ProvinceCodePath
	YearPath
	Body struct {
		Items []StaffingItem `json:"items" nullable:"false" maxItems:"5000" doc:"Communes of the province in force in the year; all are recorded or, if any is bad, none"`
	}
}

// ProvinceStaffingOutput is the province's staffing after a bulk request.
type ProvinceStaffingOutput struct {
	Body struct {
		Changed int `json:"changed" example:"3" doc:"Records that changed; the same numbers again change nothing"`
		StaffingSummary
	}
}

func (s *Server) putProvinceStaffing(ctx context.Context, in *PutProvinceStaffingInput) (*ProvinceStaffingOutput, error) {
	items := make([]indicators.Staffing, len(in.Body.Items))
	for i, it := range in.Body.Items {
		items[i] = staffingFrom(it.StaffingFields)
		items[i].Commune = units.CommuneCode(it.CommuneCode)
	}
	province := units.ProvinceCode(in.Code)
	ps := indicators.ProvinceStaffing{Province: province, Year: in.Year, Items: items}
	changed, err := s.svc.Indicators.PutProvinceStaffing(ctx, caller(ctx), ps)
	if err != nil {
		return nil, err
	}
	c, err := s.svc.Indicators.Coverage(ctx, caller(ctx), province, in.Year)
	if err != nil {
		return nil, err
	}
	out := &ProvinceStaffingOutput{}
	out.Body.Changed, out.Body.StaffingSummary = changed, staffingSummaryOf(c)
	return out, nil
}
