package api

import (
	"context"

	"github.com/danielgtaylor/huma/v2"

	"baove/units"
)

// UnitListInput is a unit list file (JSON, the format `baove units import`
// reads) as the request body, or as the "file" part of a multipart body.
type UnitListInput struct {
	DryRun      bool   `query:"dry_run" doc:"Answer what the import would change now; change nothing"`
	ContentType string `header:"Content-Type"`
	RawBody     []byte `contentType:"application/json"`
}

// UnitEntry is a province or a commune of a unit list import.
type UnitEntry struct {
	Code         string `json:"code" example:"00004"`
	ProvinceCode string `json:"province_code,omitempty" example:"01" doc:"The commune's province"`
	Name         string `json:"name" example:"Phường Ba Đình"`
	Kind         string `json:"kind" example:"phuong"`
}

// UnitEntryChange is a unit the import changes: as it was and as it becomes.
type UnitEntryChange struct {
	Was      UnitEntry `json:"was"`
	Now      UnitEntry `json:"now"`
	Reopened bool      `json:"reopened" doc:"The unit was closed and the list has it again"`
}

// UnitChanges is what the import changes among provinces or communes.
type UnitChanges struct {
	Added   []UnitEntry       `json:"added" doc:"Units of the list not held yet"`
	Changed []UnitEntryChange `json:"changed" doc:"Units renamed, of another kind or province, or reopened"`
	Closed  []UnitEntry       `json:"closed" doc:"Units in force that the list lacks: closed the day before it comes into force"`
}

// SuccessionEntry is an old commune merged into a current one.
type SuccessionEntry struct {
	OldCommune
	NewCode string `json:"new_code" example:"26882"`
}

// UnitListResult is what a unit list import changed or, in a dry run,
// would change.
type UnitListResult struct {
	Body struct {
		DryRun             bool              `json:"dry_run" doc:"Nothing was changed: the answer says what would change"`
		Changed            bool              `json:"changed" doc:"Whether the import changes (changed) anything"`
		Summary            string            `json:"summary" example:"provinces +0 ~0 closed 0; communes +1 ~1 closed 1; successions +0 -1"`
		Provinces          UnitChanges       `json:"provinces"`
		Communes           UnitChanges       `json:"communes"`
		SuccessionsAdded   []SuccessionEntry `json:"successions_added"`
		SuccessionsRemoved []SuccessionEntry `json:"successions_removed"`
	}
}

// takesUnitList is the handler of the operation that takes a unit list
// file, up to units.MaxListSize (with room for multipart framing).
func takesUnitList[I, O any](h func(context.Context, *I) (*O, error)) handler {
	return func(s *Server, o huma.Operation, r Rule) {
		o.MaxBodyBytes = units.MaxListSize + 64<<10
		o.SkipValidateBody = true // the body is a file that units.ReadList checks, naming each problem
		o.RequestBody = &huma.RequestBody{Required: true,
			Description: "The unit list (JSON) as the body, or as the part named file of a multipart/form-data body",
			Content:     map[string]*huma.MediaType{"application/json": {}, "multipart/form-data": {}}}
		register(s, o, r, h)
	}
}

func (s *Server) importUnits(ctx context.Context, in *UnitListInput) (*UnitListResult, error) {
	b, err := fileOf(in.ContentType, in.RawBody)
	if err != nil {
		return nil, err
	}
	var d units.Diff
	if in.DryRun {
		d, err = s.svc.Units.PreviewFile(ctx, caller(ctx), b)
	} else {
		d, err = s.svc.Units.ImportFile(ctx, caller(ctx), b)
	}
	if err != nil {
		return nil, err
	}
	out := &UnitListResult{}
	o := &out.Body
	o.DryRun, o.Changed, o.Summary = in.DryRun, d.Changed(), d.Result().String()
	o.Provinces, o.Communes = unitChangesOf(d.Provinces), unitChangesOf(d.Communes)
	o.SuccessionsAdded, o.SuccessionsRemoved = successionsOf(d.SuccessionsAdded), successionsOf(d.SuccessionsRemoved)
	return out, nil
}

func unitEntryOf(e units.ListEntry) UnitEntry {
	return UnitEntry{Code: e.Code, ProvinceCode: e.ProvinceCode, Name: e.Name, Kind: string(e.Kind)}
}

func unitChangesOf(d units.UnitDiff) UnitChanges {
	c := UnitChanges{Added: []UnitEntry{}, Changed: []UnitEntryChange{}, Closed: []UnitEntry{}}
	for _, e := range d.Added {
		c.Added = append(c.Added, unitEntryOf(e))
	}
	for _, ch := range d.Changed {
		c.Changed = append(c.Changed, UnitEntryChange{Was: unitEntryOf(ch.Was), Now: unitEntryOf(ch.Now), Reopened: ch.Reopened})
	}
	for _, e := range d.Closed {
		c.Closed = append(c.Closed, unitEntryOf(e))
	}
	return c
}

func successionsOf(ss []units.Succession) []SuccessionEntry {
	out := make([]SuccessionEntry, len(ss))
	for i, s := range ss {
		out[i] = SuccessionEntry{OldCommune: oldCommuneOf(s), NewCode: string(s.NewCode)}
	}
	return out
}
