package api

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"baove/exports"
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

// fileResponse documents a binary answer.
func fileResponse(contentType string) map[string]*huma.Response {
	return map[string]*huma.Response{"200": {Description: "The file", Content: map[string]*huma.MediaType{contentType: {}}}}
}
