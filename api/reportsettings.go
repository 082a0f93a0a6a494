package api

import (
	"context"
	"time"

	"baove/reports"
	"baove/units"
)

// ProvinceReportSettings say how a province's report is issued, signed,
// numbered and sent (Decree 30/2020, Appendix I), and who set them.
type ProvinceReportSettings struct {
	ProvinceCode string `json:"province_code" example:"11"`
	ProvinceSettingsBody
	UpdatedAt *string `json:"updated_at,omitempty" doc:"When they were last set; absent for the defaults"`
	UpdatedBy string  `json:"updated_by,omitempty"`
}

// ProvinceSettingsBody are a province's report settings as set.
type ProvinceSettingsBody struct {
	Issuer       []string `json:"issuer" minItems:"1" maxItems:"3" example:"[\"ỦY BAN NHÂN DÂN\",\"TỈNH ĐIỆN BIÊN\"]" doc:"The issuing body, one line each, printed in bold capitals"`
	Place        string   `json:"place" example:"Điện Biên" doc:"The place in the date line: the province's name, in full for a unit named after a person (Thành phố Hồ Chí Minh)"`
	SignerTitle  []string `json:"signer_title" minItems:"1" maxItems:"4" example:"[\"TM. ỦY BAN NHÂN DÂN\",\"KT. CHỦ TỊCH\",\"PHÓ CHỦ TỊCH\"]" doc:"The signer's authority lines"`
	SignerName   string   `json:"signer_name" example:"Nguyễn Văn An" doc:"The signer's full name, printed under the room for the signature; empty leaves the room"`
	Recipients   []string `json:"recipients" minItems:"1" maxItems:"20" example:"[\"Bộ Y tế\",\"TT Tỉnh ủy, TT HĐND tỉnh\",\"Lưu: VT\"]" doc:"Nơi nhận, one a line, without the dash and the semicolon the report adds"`
	NumberSuffix string   `json:"number_suffix" example:"BC-UBND" doc:"The symbol after the number: Số: 12/BC-UBND"`
}

// Letter is how reports cite the 2017 letter, whose number the service
// does not hold.
type Letter struct {
	Issuer    string `json:"issuer" example:"Bộ Lao động - Thương binh và Xã hội"`
	IssuerEN  string `json:"issuer_en" example:"the Ministry of Labour, Invalids and Social Affairs"`
	Kind      string `json:"kind" example:"công văn" doc:"What the letter is (công văn: an official letter)"`
	Number    string `json:"number,omitempty" doc:"Its number and symbol, when known"`
	Year      int    `json:"year" example:"2017"`
	Subject   string `json:"subject" example:"về việc tăng cường công tác bảo vệ trẻ em, phòng ngừa, xử lý các vụ việc xâm hại trẻ em"`
	SubjectEN string `json:"subject_en" example:"on strengthening child protection and the prevention and handling of child abuse"`
}

// NationalReportSettings say how the national summary is issued, signed,
// numbered and sent, how every report cites the 2017 letter, and who set
// them.
type NationalReportSettings struct {
	NationalSettingsBody
	UpdatedAt *string `json:"updated_at,omitempty" doc:"When they were last set; absent for the defaults"`
	UpdatedBy string  `json:"updated_by,omitempty"`
}

// NationalSettingsBody are the national report's settings as set.
type NationalSettingsBody struct {
	Ministry     string   `json:"ministry" example:"Bộ Y tế"`
	Department   string   `json:"department" example:"Cục Bà mẹ và Trẻ em" doc:"The department that issues the summary under the ministry; empty when the ministry itself does"`
	Place        string   `json:"place" example:"Hà Nội"`
	SignerTitle  []string `json:"signer_title" minItems:"1" maxItems:"4" example:"[\"KT. BỘ TRƯỞNG\",\"THỨ TRƯỞNG\"]"`
	SignerName   string   `json:"signer_name" example:"Trần Thị Bình"`
	Recipients   []string `json:"recipients" minItems:"1" maxItems:"20" example:"[\"Bộ trưởng (để báo cáo)\",\"Lưu: VT\"]"`
	NumberSuffix string   `json:"number_suffix" example:"BC-BYT"`
	Letter       Letter   `json:"letter"`
}

func updatedAt(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func provinceSettingsOf(s reports.Province) ProvinceReportSettings {
	return ProvinceReportSettings{ProvinceCode: string(s.Province), UpdatedAt: updatedAt(s.UpdatedAt), UpdatedBy: s.UpdatedBy,
		ProvinceSettingsBody: ProvinceSettingsBody{Issuer: s.Issuer, Place: s.Place, SignerTitle: s.SignerTitle,
			SignerName: s.SignerName, Recipients: s.Recipients, NumberSuffix: s.NumberSuffix}}
}

func nationalSettingsOf(s reports.National) NationalReportSettings {
	l := s.Letter
	return NationalReportSettings{UpdatedAt: updatedAt(s.UpdatedAt), UpdatedBy: s.UpdatedBy,
		NationalSettingsBody: NationalSettingsBody{Ministry: s.Ministry, Department: s.Department, Place: s.Place,
			SignerTitle: s.SignerTitle, SignerName: s.SignerName, Recipients: s.Recipients, NumberSuffix: s.NumberSuffix,
			Letter: Letter{Issuer: l.Issuer, IssuerEN: l.IssuerEN, Kind: l.Kind, Number: l.Number, Year: l.Year,
				Subject: l.Subject, SubjectEN: l.SubjectEN}}}
}

// ProvinceSettingsInput names a province.
type ProvinceSettingsInput struct {
	Code string `path:"code" pattern:"^[0-9]{2}$" example:"11"`
}

// ProvinceSettingsOutput is a province's report settings.
type ProvinceSettingsOutput struct {
	Body ProvinceReportSettings
}

func (s *Server) getProvinceReportSettings(ctx context.Context, in *ProvinceSettingsInput) (*ProvinceSettingsOutput, error) {
	set, err := s.svc.ReportSettings.Province(ctx, caller(ctx), units.ProvinceCode(in.Code))
	if err != nil {
		return nil, err
	}
	return &ProvinceSettingsOutput{Body: provinceSettingsOf(set)}, nil
}

// PutProvinceSettingsInput replaces a province's report settings.
type PutProvinceSettingsInput struct {
	Code string `path:"code" pattern:"^[0-9]{2}$" example:"11"`
	Body ProvinceSettingsBody
}

func (s *Server) putProvinceReportSettings(ctx context.Context, in *PutProvinceSettingsInput) (*ProvinceSettingsOutput, error) {
	b := in.Body
	set, err := s.svc.ReportSettings.SetProvince(ctx, caller(ctx), units.ProvinceCode(in.Code), reports.Province{Issuer: b.Issuer,
		Place: b.Place, SignerTitle: b.SignerTitle, SignerName: b.SignerName, Recipients: b.Recipients, NumberSuffix: b.NumberSuffix})
	if err != nil {
		return nil, err
	}
	return &ProvinceSettingsOutput{Body: provinceSettingsOf(set)}, nil
}

// NationalSettingsOutput is the national report's settings.
type NationalSettingsOutput struct {
	Body NationalReportSettings
}

func (s *Server) getNationalReportSettings(ctx context.Context, _ *struct{}) (*NationalSettingsOutput, error) {
	set, err := s.svc.ReportSettings.National(ctx, caller(ctx))
	if err != nil {
		return nil, err
	}
	return &NationalSettingsOutput{Body: nationalSettingsOf(set)}, nil
}

// PutNationalSettingsInput replaces the national report's settings.
type PutNationalSettingsInput struct {
	Body NationalSettingsBody
}

func (s *Server) putNationalReportSettings(ctx context.Context, in *PutNationalSettingsInput) (*NationalSettingsOutput, error) {
	b, l := in.Body, in.Body.Letter
	set, err := s.svc.ReportSettings.SetNational(ctx, caller(ctx), reports.National{Ministry: b.Ministry, Department: b.Department,
		Place: b.Place, SignerTitle: b.SignerTitle, SignerName: b.SignerName, Recipients: b.Recipients, NumberSuffix: b.NumberSuffix,
		Letter: reports.Letter{Issuer: l.Issuer, IssuerEN: l.IssuerEN, Kind: l.Kind, Number: l.Number, Year: l.Year,
			Subject: l.Subject, SubjectEN: l.SubjectEN}})
	if err != nil {
		return nil, err
	}
	return &NationalSettingsOutput{Body: nationalSettingsOf(set)}, nil
}
