package api

import (
	"context"

	"baove"
	"baove/units"
)

// Province is a province in API responses.
type Province struct {
	Code         string `json:"code" example:"11" doc:"Two-digit code (Decision 19/2025/QĐ-TTg)"`
	Name         string `json:"name" example:"Điện Biên"`
	Kind         string `json:"kind" enum:"tinh,thanh_pho" doc:"tinh (province) or thanh_pho (centrally-run city)"`
	CommuneCount int    `json:"commune_count" example:"45" doc:"Communes in force today"`
	ValidFrom    string `json:"valid_from" format:"date"`
	ValidTo      string `json:"valid_to,omitempty" format:"date" doc:"Last day in force, when no longer in force"`
}

func provinceOf(p units.Province) Province {
	return Province{Code: string(p.Code), Name: p.Name, Kind: string(p.Kind), CommuneCount: p.Communes,
		ValidFrom: p.ValidFrom.String(), ValidTo: p.ValidTo.String()}
}

// Commune is a commune in API responses.
type Commune struct {
	Code         string `json:"code" example:"00004" doc:"Five-digit code"`
	ProvinceCode string `json:"province_code,omitempty" example:"01"`
	Name         string `json:"name" example:"Phường Ba Đình"`
	Kind         string `json:"kind,omitempty" enum:"xa,phuong,dac_khu" doc:"xa (commune), phuong (ward) or dac_khu (special zone)"`
	ValidFrom    string `json:"valid_from,omitempty" format:"date"`
	ValidTo      string `json:"valid_to,omitempty" format:"date" doc:"Last day in force, when no longer in force"`
}

func communeOf(c units.Commune) Commune {
	return Commune{Code: string(c.Code), ProvinceCode: string(c.ProvinceCode), Name: c.Name, Kind: string(c.Kind),
		ValidFrom: c.ValidFrom.String(), ValidTo: c.ValidTo.String()}
}

// OldCommune is a pre-July-2025 commune merged into a current one.
type OldCommune struct {
	Code     string `json:"code,omitempty" example:"26881" doc:"Old code; absent where the source names the old unit only"`
	Name     string `json:"name" example:"Phường 12"`
	District string `json:"district,omitempty" example:"Quận Gò Vấp"`
	Province string `json:"province,omitempty" example:"Thành phố Hồ Chí Minh"`
}

func oldCommuneOf(s units.Succession) OldCommune {
	return OldCommune{Code: string(s.OldCode), Name: s.OldName, District: s.OldDistrict, Province: s.OldProvince}
}

// ProvinceCodePath is the {code} of a province path.
type ProvinceCodePath struct {
	Code string `path:"code" pattern:"^[0-9]{2}$" example:"11" doc:"Two-digit province code"`
}

// ProvinceListOutput lists provinces.
type ProvinceListOutput struct {
	Body struct {
		Items []Province `json:"items"`
	}
}

func (s *Server) listProvinces(ctx context.Context, _ *struct{}) (*ProvinceListOutput, error) {
	ps, err := s.svc.Units.Provinces(ctx)
	if err != nil {
		return nil, err
	}
	out := &ProvinceListOutput{}
	out.Body.Items = make([]Province, len(ps))
	for i, p := range ps {
		out.Body.Items[i] = provinceOf(p)
	}
	return out, nil
}

// ProvinceOutput is one province.
type ProvinceOutput struct {
	Body Province
}

func (s *Server) getProvince(ctx context.Context, in *ProvinceCodePath) (*ProvinceOutput, error) {
	p, err := s.svc.Units.Province(ctx, units.ProvinceCode(in.Code))
	if err != nil {
		return nil, err
	}
	return &ProvinceOutput{Body: provinceOf(p)}, nil
}

// CommuneListInput selects communes of a province.
type CommuneListInput struct {
	ProvinceCodePath
	Q  string `query:"q" maxLength:"100" example:"ba dinh" doc:"Part of the name; case and diacritics are ignored"`
	On string `query:"on" format:"date" doc:"List the communes in force on this day (default today)"`
}

// CommuneListOutput lists communes.
type CommuneListOutput struct {
	Body struct {
		Items []Commune `json:"items"`
	}
}

func (s *Server) listCommunes(ctx context.Context, in *CommuneListInput) (*CommuneListOutput, error) {
	f := units.CommuneFilter{Province: units.ProvinceCode(in.Code), Query: in.Q}
	if in.On != "" {
		d, err := baove.ParseDate(in.On)
		if err != nil {
			return nil, baove.InvalidKey("query.on", "field.date_form", nil, in.On)
		}
		f.On = d
	}
	cs, err := s.svc.Units.Communes(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &CommuneListOutput{}
	out.Body.Items = make([]Commune, len(cs))
	for i, c := range cs {
		out.Body.Items[i] = communeOf(c)
	}
	return out, nil
}

// CommuneCodePath is the {code} of a commune path.
type CommuneCodePath struct {
	Code string `path:"code" pattern:"^[0-9]{5}$" example:"00004" doc:"Five-digit commune code, current or pre-July-2025"`
}

// CommuneOutput is a commune looked up by code.
type CommuneOutput struct {
	Body struct {
		Commune
		FormerDistrict string       `json:"former_district,omitempty" example:"Quận Gò Vấp" doc:"For a pre-July-2025 code: the district the old unit belonged to"`
		FormerProvince string       `json:"former_province,omitempty" example:"Thành phố Hồ Chí Minh" doc:"For a pre-July-2025 code: the province the old unit belonged to"`
		ReplacedBy     *Commune     `json:"replaced_by,omitempty" doc:"For a pre-July-2025 code: the commune in force that succeeds it"`
		Predecessors   []OldCommune `json:"predecessors,omitempty" doc:"Pre-July-2025 units merged into this commune"`
	}
}

func (s *Server) getCommune(ctx context.Context, in *CommuneCodePath) (*CommuneOutput, error) {
	l, err := s.svc.Units.Commune(ctx, units.CommuneCode(in.Code))
	if err != nil {
		return nil, err
	}
	out := &CommuneOutput{}
	if l.Replaced == nil {
		out.Body.Commune = communeOf(l.Commune)
		for _, p := range l.Predecessors {
			out.Body.Predecessors = append(out.Body.Predecessors, oldCommuneOf(p))
		}
		return out, nil
	}
	successor := communeOf(l.Commune)
	out.Body.ReplacedBy = &successor
	out.Body.Commune = Commune{Code: in.Code, Name: l.Replaced.OldName, ValidTo: l.ReplacedUntil().String()}
	out.Body.FormerDistrict, out.Body.FormerProvince = l.Replaced.OldDistrict, l.Replaced.OldProvince
	return out, nil
}
