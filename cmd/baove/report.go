package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"baove/access"
	"baove/app"
	"baove/exports"
	"baove/units"
)

// report writes a province's report, or the national one, to a file.
func report(ctx context.Context, args []string, p process) error {
	fs := newFlags("report", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	province := fs.String("province", "", "province code, e.g. 11; empty with --national")
	year := fs.Int("year", 0, "the report's year")
	national := fs.Bool("national", false, "the national summary of every province instead")
	format := fs.String("format", "pdf", "pdf or xlsx (province only)")
	lang := fs.String("lang", "vi", "vi or en")
	out := fs.String("out", "", "file to write")
	ministry := fs.String("ministry", "Bộ Y tế", "the ministry in charge of children, as report headers name it")
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	if *out == "" || *year == 0 || (*province == "") != *national {
		fmt.Fprintln(p.stderr, "usage: baove report (--province CODE | --national) --year YEAR [--format pdf|xlsx] [--lang vi|en] --out FILE")
		return flag.ErrHelp
	}
	svc, err := dbf.services(ctx, io.Discard, app.Config{Ministry: *ministry})
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	src := svc.Reports
	// The CLI runs beside the database: it reads as the ministry does.
	req := exports.Request{Caller: access.SystemAs("cli", access.Reviewer), Province: units.ProvinceCode(*province),
		Year: *year, Lang: exports.Lang(*lang)}
	var b bytes.Buffer
	switch {
	case *national:
		err = writeNational(ctx, &b, src, req)
	case *format == "xlsx":
		err = writeWorkbook(ctx, &b, src, req)
	default:
		err = writeProvince(ctx, &b, src, req)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "wrote %s (%d bytes)\n", *out, b.Len())
	return nil
}

func writeProvince(ctx context.Context, w io.Writer, src exports.Sources, req exports.Request) error {
	r, err := exports.BuildProvinceReport(ctx, src, req)
	if err != nil {
		return err
	}
	return exports.WritePDF(w, r.Document())
}

func writeNational(ctx context.Context, w io.Writer, src exports.Sources, req exports.Request) error {
	r, err := exports.BuildNationalReport(ctx, src, req)
	if err != nil {
		return err
	}
	return exports.WritePDF(w, r.Document())
}

func writeWorkbook(ctx context.Context, w io.Writer, src exports.Sources, req exports.Request) error {
	wb, err := exports.BuildProvinceWorkbook(ctx, src, req)
	if err != nil {
		return err
	}
	return exports.WriteXLSX(w, wb)
}
