package api

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"baove/exports"
	"baove/reports"
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

// NumberedReportInput names a province's report and the number it is
// registered under.
type NumberedReportInput struct {
	ReportInput
	Number int `query:"number" minimum:"0" maximum:"99999" doc:"The document's number once registered (Số: 12/BC-UBND); absent or 0 leaves a blank to write it in"`
}

func (s *Server) provinceReportPDF(ctx context.Context, in *NumberedReportInput) (*FileOutput, error) {
	req := exports.Request{Caller: caller(ctx), Province: units.ProvinceCode(in.Code), Year: in.Year, Lang: exports.Lang(in.Lang),
		Number: in.Number}
	r, err := exports.BuildProvinceReport(ctx, s.svc.Reports, req)
	if err != nil {
		return nil, err
	}
	f, err := exports.RenderPDF(r.Document())
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("Báo cáo bảo vệ trẻ em %s %d.pdf", r.Province.Name, in.Year)
	if in.Lang == "en" {
		name = fmt.Sprintf("Child protection report %s %d.pdf", r.Province.Name, in.Year)
	}
	return s.serve(ctx, f, served{kind: reports.ProvincePDF, req: req, contentType: pdfType, name: name})
}

// NationalReportInput names a year and a language.
type NationalReportInput struct {
	Year   int    `path:"year" example:"2026"`
	Lang   string `query:"lang" enum:"vi,en" default:"vi"`
	Number int    `query:"number" minimum:"0" maximum:"99999" doc:"The document's number once registered (PDF only); absent or 0 leaves a blank"`
}

func (s *Server) nationalReportPDF(ctx context.Context, in *NationalReportInput) (*FileOutput, error) {
	req := exports.Request{Caller: caller(ctx), Year: in.Year, Lang: exports.Lang(in.Lang), Number: in.Number}
	r, err := exports.BuildNationalReport(ctx, s.svc.Reports, req)
	if err != nil {
		return nil, err
	}
	f, err := exports.RenderPDF(r.Document())
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("Tổng hợp bảo vệ trẻ em %d.pdf", in.Year)
	if in.Lang == "en" {
		name = fmt.Sprintf("Child protection nationwide %d.pdf", in.Year)
	}
	return s.serve(ctx, f, served{kind: reports.NationalPDF, req: req, contentType: pdfType, name: name})
}

func (s *Server) nationalReportXLSX(ctx context.Context, in *NationalReportInput) (*FileOutput, error) {
	req := exports.Request{Caller: caller(ctx), Year: in.Year, Lang: exports.Lang(in.Lang)}
	wb, err := exports.BuildNationalWorkbook(ctx, s.svc.Reports, req)
	if err != nil {
		return nil, err
	}
	f, err := exports.RenderXLSX(wb)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("Tổng hợp bảo vệ trẻ em %d.xlsx", in.Year)
	if in.Lang == "en" {
		name = fmt.Sprintf("Child protection nationwide %d.xlsx", in.Year)
	}
	return s.serve(ctx, f, served{kind: reports.NationalXLSX, req: req, contentType: xlsxType, name: name})
}

func (s *Server) provinceReportXLSX(ctx context.Context, in *ReportInput) (*FileOutput, error) {
	req := exports.Request{Caller: caller(ctx), Province: units.ProvinceCode(in.Code), Year: in.Year, Lang: exports.Lang(in.Lang)}
	wb, err := exports.BuildProvinceWorkbook(ctx, s.svc.Reports, req)
	if err != nil {
		return nil, err
	}
	f, err := exports.RenderXLSX(wb)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("Số liệu bảo vệ trẻ em %s %d.xlsx", in.Code, in.Year)
	if in.Lang == "en" {
		name = fmt.Sprintf("Child protection data %s %d.xlsx", in.Code, in.Year)
	}
	return s.serve(ctx, f, served{kind: reports.ProvinceXLSX, req: req, contentType: xlsxType, name: name})
}

// served is what a report file answered is.
type served struct {
	kind              reports.Kind
	req               exports.Request
	contentType, name string
}

// serve records the file in the register of generated reports, so that
// GET /reports/verify recognises a copy, and answers it as a download.
func (s *Server) serve(ctx context.Context, f exports.File, sv served) (*FileOutput, error) {
	_, err := s.svc.ReportSettings.Register(ctx, caller(ctx), reports.Generated{Kind: sv.kind, Province: sv.req.Province,
		Year: sv.req.Year, Lang: string(sv.req.Lang), SHA256: f.SHA256, ContentSHA256: f.Stamp.ContentSHA256,
		Size: int64(len(f.Bytes)), GeneratedAt: f.Stamp.Generated})
	if err != nil {
		return nil, err
	}
	return file(sv.contentType, sv.name, f.Bytes), nil
}

// VerifyInput is the hash of a file to recognise.
type VerifyInput struct {
	SHA256 string `query:"sha256" required:"true" example:"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" doc:"The SHA-256 of the file (what sha256sum prints), or of its content (the hash its metadata carries)"`
}

// GeneratedReport is a report file the service generated.
type GeneratedReport struct {
	Kind          string `json:"kind" enum:"province_pdf,province_xlsx,national_pdf,national_xlsx"`
	ProvinceCode  string `json:"province_code,omitempty" example:"11"`
	Year          int    `json:"year" example:"2026"`
	Lang          string `json:"lang" example:"vi"`
	SHA256        string `json:"sha256"`
	ContentSHA256 string `json:"content_sha256"`
	Size          int64  `json:"size"`
	GeneratedAt   string `json:"generated_at" doc:"When it was generated (RFC 3339, UTC)"`
	GeneratedBy   string `json:"generated_by"`
}

// VerifyOutput says whether the service generated a file with that hash,
// and which report it is.
type VerifyOutput struct {
	Body struct {
		Verified bool             `json:"verified" doc:"Whether the service generated a file with this hash; false for a file it did not make or one changed since"`
		Report   *GeneratedReport `json:"report,omitempty"`
	}
}

func (s *Server) verifyReport(ctx context.Context, in *VerifyInput) (*VerifyOutput, error) {
	g, ok, err := s.svc.ReportSettings.Verify(ctx, caller(ctx), in.SHA256)
	if err != nil {
		return nil, err
	}
	out := &VerifyOutput{}
	if ok {
		out.Body.Verified = true
		out.Body.Report = &GeneratedReport{Kind: string(g.Kind), ProvinceCode: string(g.Province), Year: g.Year, Lang: g.Lang,
			SHA256: g.SHA256, ContentSHA256: g.ContentSHA256, Size: g.Size, GeneratedAt: g.GeneratedAt.UTC().Format(time.RFC3339),
			GeneratedBy: g.Actor}
	}
	return out, nil
}

// fileResponse documents a binary answer.
func fileResponse(contentType string) map[string]*huma.Response {
	return map[string]*huma.Response{"200": {Description: "The file", Content: map[string]*huma.MediaType{contentType: {}}}}
}
