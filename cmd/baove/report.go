package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"baove/access"
	"baove/app"
	"baove/exports"
	"baove/reports"
	"baove/units"
)

// report writes a province's report, or the national one, to a file, and
// records it in the register of generated reports.
func report(ctx context.Context, args []string, p process) error {
	fs := newFlags("report", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	province := fs.String("province", "", "province code, e.g. 11; empty with --national")
	year := fs.Int("year", 0, "the report's year")
	national := fs.Bool("national", false, "the national summary of every province instead")
	format := fs.String("format", "pdf", "pdf or xlsx")
	lang := fs.String("lang", "vi", "vi or en")
	number := fs.Int("number", 0, "the document's number once registered (PDF); 0 leaves a blank")
	out := fs.String("out", "", "file to write")
	ministry := fs.String("ministry", "Bộ Y tế", "the ministry in charge of children, as report settings name it by default")
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	if *out == "" || *year == 0 || (*province == "") != *national || (*format != "pdf" && *format != "xlsx") ||
		(*lang != "vi" && *lang != "en") {
		fmt.Fprintln(p.stderr, "usage: baove report (--province CODE | --national) --year YEAR [--format pdf|xlsx] [--lang vi|en] [--number N] --out FILE")
		return flag.ErrHelp
	}
	svc, err := dbf.services(ctx, io.Discard, app.Config{Ministry: *ministry})
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	// The CLI runs beside the database: it reads as the ministry does.
	req := exports.Request{Caller: access.SystemAs("cli", access.Reviewer), Province: units.ProvinceCode(*province),
		Year: *year, Lang: exports.Lang(*lang), Number: *number}
	f, kind, err := render(ctx, svc.Reports, req, *format)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, f.Bytes, 0o644); err != nil {
		return err
	}
	_, err = svc.ReportSettings.Register(ctx, req.Caller, reports.Generated{Kind: kind, Province: req.Province, Year: req.Year,
		Lang: *lang, SHA256: f.SHA256, ContentSHA256: f.Stamp.ContentSHA256, Size: int64(len(f.Bytes)), GeneratedAt: f.Stamp.Generated})
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "wrote %s (%d bytes, sha256 %s)\n", *out, len(f.Bytes), f.SHA256)
	return nil
}

// render builds and renders the report req asks for in format.
func render(ctx context.Context, src exports.Sources, req exports.Request, format string) (exports.File, reports.Kind, error) {
	national := req.Province == ""
	switch {
	case national && format == "xlsx":
		wb, err := exports.BuildNationalWorkbook(ctx, src, req)
		return xlsxFile(wb, err, reports.NationalXLSX)
	case national:
		r, err := exports.BuildNationalReport(ctx, src, req)
		return pdfFile(r.Document(), err, reports.NationalPDF)
	case format == "xlsx":
		wb, err := exports.BuildProvinceWorkbook(ctx, src, req)
		return xlsxFile(wb, err, reports.ProvinceXLSX)
	}
	r, err := exports.BuildProvinceReport(ctx, src, req)
	return pdfFile(r.Document(), err, reports.ProvincePDF)
}

func pdfFile(d exports.Document, err error, kind reports.Kind) (exports.File, reports.Kind, error) {
	if err != nil {
		return exports.File{}, kind, err
	}
	f, err := exports.RenderPDF(d)
	return f, kind, err
}

func xlsxFile(wb exports.Workbook, err error, kind reports.Kind) (exports.File, reports.Kind, error) {
	if err != nil {
		return exports.File{}, kind, err
	}
	f, err := exports.RenderXLSX(wb)
	return f, kind, err
}
