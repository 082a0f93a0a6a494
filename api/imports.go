package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"

	"baove"
	"baove/budget"
	"baove/exports"
	"baove/indicators"
	"baove/units"
)

// UploadInput is a file sent as the request body (XLSX or CSV), or as the
// "file" part of a multipart/form-data body.
type UploadInput struct {
	Code        string `path:"code" pattern:"^[0-9]{2}$" example:"11"`
	DryRun      bool   `query:"dry_run" doc:"Check the file as the import would and answer the same; record nothing"`
	ContentType string `header:"Content-Type"`
	RawBody     []byte `contentType:"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"`
}

// upload returns the uploaded file's bytes.
func (in UploadInput) upload() ([]byte, error) { return fileOf(in.ContentType, in.RawBody) }

// fileOf returns the file of a body of contentType: the body itself, or
// the part named file of a multipart body. EINVALID for a multipart body
// without that part.
func fileOf(contentType string, body []byte) ([]byte, error) {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType != "multipart/form-data" {
		return body, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, baove.InvalidKey("file", "upload.no_file_part", nil, nil)
		}
		if part.FormName() == "file" {
			return io.ReadAll(part)
		}
	}
}

// ImportLine is what a file pays from one budget line.
type ImportLine struct {
	BudgetLineID int64  `json:"budget_line_id" example:"51"`
	Rows         int    `json:"rows" doc:"Payments of the file from the line"`
	Total        string `json:"total" doc:"Their sum, whole đồng"`
	Left         string `json:"left" doc:"What the line has left once they are paid, whole đồng"`
}

// ImportResult says what a disbursement import recorded or, in a dry run,
// would record.
type ImportResult struct {
	Body struct {
		DryRun   bool         `json:"dry_run" doc:"Nothing was recorded: the answer says what the import would record now"`
		Recorded int          `json:"recorded" doc:"Payments recorded by this request: 0 in a dry run or a replay"`
		Rows     int          `json:"rows" doc:"Payments of the file: recorded, to record (dry run), or recorded first (replay)"`
		Skipped  int          `json:"skipped" doc:"Rows without a payment (a template's line left unpaid), not read"`
		Total    string       `json:"total,omitempty" doc:"Sum of the payments, whole đồng"`
		ByLine   []ImportLine `json:"by_line" doc:"The payments by budget line"`
		Replayed bool         `json:"replayed" doc:"The same file was imported before; nothing new was (or would be) recorded"`
	}
}

func (s *Server) importDisbursements(ctx context.Context, in *UploadInput) (*ImportResult, error) {
	b, err := in.upload()
	if err != nil {
		return nil, err
	}
	res, replayed, err := s.svc.Budget.ImportFile(ctx, caller(ctx), budget.PaymentsFile{Province: units.ProvinceCode(in.Code),
		File: b, DryRun: in.DryRun})
	if err != nil {
		return nil, err
	}
	out := &ImportResult{}
	o := &out.Body
	o.DryRun, o.Rows, o.Skipped, o.Total, o.Replayed = in.DryRun, res.Recorded, res.Skipped, res.Total.String(), replayed
	if !in.DryRun && !replayed {
		o.Recorded = res.Recorded
	}
	o.ByLine = make([]ImportLine, len(res.ByLine))
	for i, l := range res.ByLine {
		o.ByLine[i] = ImportLine{BudgetLineID: int64(l.Line), Rows: l.Rows, Total: l.Total.String(), Left: l.Left.String()}
	}
	return out, nil
}

// StaffingUploadInput is a staffing file for a year.
type StaffingUploadInput struct {
	UploadInput
	Year int `path:"year" example:"2026"`
}

// CommuneChange is what a staffing file changes of a commune's record.
type CommuneChange struct {
	CommuneCode string    `json:"commune_code" example:"03151"`
	CommuneName string    `json:"commune_name" example:"Xã Mường Phăng"`
	Before      *Staffing `json:"before" doc:"The record before; null when the commune had none"`
	After       Staffing  `json:"after"`
}

// StaffingImportResult says what a staffing import changed or, in a dry
// run, would change.
type StaffingImportResult struct {
	Body struct {
		DryRun    bool            `json:"dry_run" doc:"Nothing was recorded: the answer says what the import would change now"`
		Recorded  int             `json:"recorded" doc:"Communes whose records this request changed: 0 in a dry run"`
		Changed   int             `json:"changed" doc:"Communes whose records the file changes (or, in a dry run, would change)"`
		Unchanged int             `json:"unchanged" doc:"Communes of the file already recorded as it says"`
		Skipped   int             `json:"skipped" doc:"Rows without figures (a commune of the prefilled template left empty)"`
		Changes   []CommuneChange `json:"changes" doc:"Each commune the file changes, by code"`
	}
}

func (s *Server) importStaffing(ctx context.Context, in *StaffingUploadInput) (*StaffingImportResult, error) {
	b, err := in.upload()
	if err != nil {
		return nil, err
	}
	f := indicators.StaffingFile{Province: units.ProvinceCode(in.Code), Year: in.Year, File: b, DryRun: in.DryRun}
	d, err := s.svc.Indicators.ImportStaffing(ctx, caller(ctx), f)
	if err != nil {
		return nil, err
	}
	out := &StaffingImportResult{}
	o := &out.Body
	o.DryRun, o.Changed, o.Unchanged, o.Skipped = in.DryRun, len(d.Changes), d.Unchanged, d.Skipped
	if !in.DryRun {
		o.Recorded = len(d.Changes)
	}
	o.Changes = make([]CommuneChange, len(d.Changes))
	for i, ch := range d.Changes {
		o.Changes[i] = CommuneChange{CommuneCode: string(ch.Commune), CommuneName: ch.Name, After: staffingOf(ch.After)}
		if ch.Before != nil {
			before := staffingOf(*ch.Before)
			o.Changes[i].Before = &before
		}
	}
	return out, nil
}

// TemplateInput names the province a template is for, and the year of a
// disbursement template.
type TemplateInput struct {
	Code string     `path:"code" pattern:"^[0-9]{2}$" example:"11"`
	Year YearFilter `query:"year" doc:"The budget year whose plan in force prefills the template; this year when absent"`
}

func (s *Server) disbursementTemplate(ctx context.Context, in *TemplateInput) (*FileOutput, error) {
	p := units.ProvinceCode(in.Code)
	province, err := s.svc.Units.Province(ctx, p)
	if err != nil {
		return nil, err // a template for no province: 404, as every /provinces/{code} operation
	}
	lines, year, err := s.svc.Budget.LinesInForce(ctx, caller(ctx), p, int(in.Year))
	var b bytes.Buffer
	switch {
	case baove.ErrorCode(err) == baove.EFORBIDDEN: // the empty template for whoever may not read the province
		err = exports.WriteTemplate(&b, "Giải ngân", budget.ImportFields)
	case err == nil:
		err = exports.WriteDisbursementTemplate(&b, exports.DisbursementTemplate{Province: province, Year: year, Lines: lines})
	}
	if err != nil {
		return nil, err
	}
	return file(xlsxType, fmt.Sprintf("Mẫu nhập giải ngân %s %d.xlsx", in.Code, year), b.Bytes()), nil
}

// StaffingTemplateInput names the province and year of a staffing template.
type StaffingTemplateInput struct {
	Code string `path:"code" pattern:"^[0-9]{2}$" example:"11"`
	Year int    `path:"year" example:"2026"`
}

func (s *Server) staffingTemplate(ctx context.Context, in *StaffingTemplateInput) (*FileOutput, error) {
	p := units.ProvinceCode(in.Code)
	if _, err := s.svc.Units.Province(ctx, p); err != nil {
		return nil, err
	}
	communes, err := s.svc.Indicators.PrefilledStaffing(ctx, caller(ctx), p, in.Year)
	var b bytes.Buffer
	switch {
	case baove.ErrorCode(err) == baove.EFORBIDDEN:
		err = exports.WriteTemplate(&b, "Nhân lực xã", indicators.StaffingFields)
	case err == nil:
		err = exports.WriteStaffingTemplate(&b, exports.StaffingTemplate{Year: in.Year, Communes: communes})
	}
	if err != nil {
		return nil, err
	}
	return file(xlsxType, fmt.Sprintf("Mẫu nhập nhân lực xã %s %d.xlsx", in.Code, in.Year), b.Bytes()), nil
}
