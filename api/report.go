package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"baove"
	"baove/budget"
	"baove/exports"
	"baove/indicators"
	"baove/units"
)

// FileOutput is a file to download.
type FileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

// file answers b as a download named name (RFC 6266 with an RFC 5987 UTF-8
// name, and an ASCII fallback for old clients).
func file(contentType, name string, b []byte) *FileOutput {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	return &FileOutput{ContentType: contentType, Body: b,
		ContentDisposition: fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, url.PathEscape(name))}
}

const (
	pdfType  = "application/pdf"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// ReportInput names a province, a year and a language.
type ReportInput struct {
	Code string `path:"code" pattern:"^[0-9]{2}$" example:"11"`
	Year int    `path:"year" example:"2026"`
	Lang string `query:"lang" enum:"vi,en" default:"vi" doc:"vi (default) or en"`
}

func (s *Server) provinceReportPDF(ctx context.Context, in *ReportInput) (*FileOutput, error) {
	r, err := exports.BuildProvinceReport(ctx, s.svc.Reports, exports.Request{Caller: caller(ctx), Province: units.ProvinceCode(in.Code), Year: in.Year, Lang: exports.Lang(in.Lang)})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := exports.WritePDF(&b, r.Document()); err != nil {
		return nil, err
	}
	name := fmt.Sprintf("Báo cáo bảo vệ trẻ em %s %d.pdf", r.Province.Name, in.Year)
	if in.Lang == "en" {
		name = fmt.Sprintf("Child protection report %s %d.pdf", r.Province.Name, in.Year)
	}
	return file(pdfType, name, b.Bytes()), nil
}

// NationalReportInput names a year and a language.
type NationalReportInput struct {
	Year int    `path:"year" example:"2026"`
	Lang string `query:"lang" enum:"vi,en" default:"vi"`
}

func (s *Server) nationalReportPDF(ctx context.Context, in *NationalReportInput) (*FileOutput, error) {
	r, err := exports.BuildNationalReport(ctx, s.svc.Reports, exports.Request{Caller: caller(ctx), Year: in.Year, Lang: exports.Lang(in.Lang)})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := exports.WritePDF(&b, r.Document()); err != nil {
		return nil, err
	}
	return file(pdfType, fmt.Sprintf("Tổng hợp bảo vệ trẻ em %d.pdf", in.Year), b.Bytes()), nil
}

func (s *Server) provinceReportXLSX(ctx context.Context, in *ReportInput) (*FileOutput, error) {
	wb, err := exports.BuildProvinceWorkbook(ctx, s.svc.Reports, exports.Request{Caller: caller(ctx), Province: units.ProvinceCode(in.Code), Year: in.Year})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := exports.WriteXLSX(&b, wb); err != nil {
		return nil, err
	}
	return file(xlsxType, fmt.Sprintf("Số liệu bảo vệ trẻ em %s %d.xlsx", in.Code, in.Year), b.Bytes()), nil
}

// UploadInput is a file sent as the request body (XLSX or CSV), or as the
// "file" part of a multipart/form-data body.
type UploadInput struct {
	Code        string `path:"code" pattern:"^[0-9]{2}$" example:"11"`
	ContentType string `header:"Content-Type"`
	RawBody     []byte `contentType:"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"`
}

// upload returns the uploaded file's bytes.
func (in UploadInput) upload() ([]byte, error) {
	mediaType, params, err := mime.ParseMediaType(in.ContentType)
	if err != nil || mediaType != "multipart/form-data" {
		return in.RawBody, nil
	}
	mr := multipart.NewReader(bytes.NewReader(in.RawBody), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, baove.Invalid("file", "a multipart body needs a part named file", nil)
		}
		if part.FormName() == "file" {
			return io.ReadAll(part)
		}
	}
}

// ImportResult says what an import recorded.
type ImportResult struct {
	Body struct {
		Recorded int    `json:"recorded" doc:"Rows recorded by this request (0 when the same file was imported before)"`
		Total    string `json:"total,omitempty" doc:"Sum of the amounts recorded, whole đồng"`
		Replayed bool   `json:"replayed" doc:"The same file was imported before; nothing new was recorded"`
	}
}

func (s *Server) importDisbursements(ctx context.Context, in *UploadInput) (*ImportResult, error) {
	b, err := in.upload()
	if err != nil {
		return nil, err
	}
	res, replayed, err := s.svc.Budget.ImportFile(ctx, caller(ctx), units.ProvinceCode(in.Code), b)
	if err != nil {
		return nil, err
	}
	out := &ImportResult{}
	out.Body.Recorded, out.Body.Total, out.Body.Replayed = res.Recorded, res.Total.String(), replayed
	if replayed {
		out.Body.Recorded = 0
	}
	return out, nil
}

// StaffingUploadInput is a staffing file for a year.
type StaffingUploadInput struct {
	UploadInput
	Year int `path:"year" example:"2026"`
}

func (s *Server) importStaffing(ctx context.Context, in *StaffingUploadInput) (*ImportResult, error) {
	b, err := in.upload()
	if err != nil {
		return nil, err
	}
	f := indicators.StaffingFile{Province: units.ProvinceCode(in.Code), Year: in.Year, File: b}
	n, err := s.svc.Indicators.ImportStaffing(ctx, caller(ctx), f)
	if err != nil {
		return nil, err
	}
	out := &ImportResult{}
	out.Body.Recorded = n
	return out, nil
}

// TemplateInput names the province a template is for.
type TemplateInput struct {
	Code string `path:"code" pattern:"^[0-9]{2}$" example:"11"`
}

func (s *Server) disbursementTemplate(ctx context.Context, in *TemplateInput) (*FileOutput, error) {
	if _, err := s.svc.Units.Province(ctx, units.ProvinceCode(in.Code)); err != nil {
		return nil, err // a template for no province: 404, as every /provinces/{code} operation
	}
	var b bytes.Buffer
	if err := exports.WriteTemplate(&b, "Giải ngân", budget.ImportFields); err != nil {
		return nil, err
	}
	return file(xlsxType, "Mẫu nhập giải ngân.xlsx", b.Bytes()), nil
}

// StaffingTemplateInput names the province and year of a staffing template.
type StaffingTemplateInput struct {
	TemplateInput
	Year int `path:"year" example:"2026"`
}

func (s *Server) staffingTemplate(ctx context.Context, in *StaffingTemplateInput) (*FileOutput, error) {
	if _, err := s.svc.Units.Province(ctx, units.ProvinceCode(in.Code)); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := exports.WriteTemplate(&b, "Nhân lực xã", indicators.StaffingFields); err != nil {
		return nil, err
	}
	return file(xlsxType, fmt.Sprintf("Mẫu nhập nhân lực xã %d.xlsx", in.Year), b.Bytes()), nil
}

// fileResponse documents a binary answer.
func fileResponse(contentType string) map[string]*huma.Response {
	return map[string]*huma.Response{"200": {Description: "The file", Content: map[string]*huma.MediaType{contentType: {}}}}
}
