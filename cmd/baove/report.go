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
func report(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("report", stderr)
	var dbf dbFlags
	dbf.register(fs)
	province := fs.String("province", "", "province code, e.g. 11; empty with --national")
	year := fs.Int("year", 0, "the report's year")
	national := fs.Bool("national", false, "the national summary of every province instead")
	format := fs.String("format", "pdf", "pdf or xlsx (province only)")
	lang := fs.String("lang", "vi", "vi or en")
	out := fs.String("out", "", "file to write")
	ministry := fs.String("ministry", "Bộ Y tế", "the ministry in charge of children, as report headers name it")
	if err := parse(fs, args, getenv); err != nil {
		return err
	}
	if *out == "" || *year == 0 || (*province == "") != *national {
		fmt.Fprintln(stderr, "usage: baove report (--province CODE | --national) --year YEAR [--format pdf|xlsx] [--lang vi|en] --out FILE")
		return flag.ErrHelp
	}
	svc, err := dbf.services(ctx, io.Discard, app.Config{Ministry: *ministry})
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	src := svc.Reports
	// The CLI runs beside the database: it reads as the ministry does.
	reader := access.SystemAs("cli", access.Reviewer)
	var b bytes.Buffer
	switch {
	case *national:
		err = writeNational(ctx, &b, src, reader, *year, exports.Lang(*lang))
	case *format == "xlsx":
		err = writeWorkbook(ctx, &b, src, reader, units.ProvinceCode(*province), *year)
	default:
		err = writeProvince(ctx, &b, src, reader, units.ProvinceCode(*province), *year, exports.Lang(*lang))
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, b.Len())
	return nil
}

func writeProvince(ctx context.Context, w io.Writer, src exports.Sources, c access.Caller, p units.ProvinceCode, year int, lang exports.Lang) error {
	r, err := exports.BuildProvinceReport(ctx, src, c, p, year, lang)
	if err != nil {
		return err
	}
	return exports.WritePDF(w, r.Document())
}

func writeNational(ctx context.Context, w io.Writer, src exports.Sources, c access.Caller, year int, lang exports.Lang) error {
	r, err := exports.BuildNationalReport(ctx, src, c, year, lang)
	if err != nil {
		return err
	}
	return exports.WritePDF(w, r.Document())
}

func writeWorkbook(ctx context.Context, w io.Writer, src exports.Sources, c access.Caller, p units.ProvinceCode, year int) error {
	wb, err := exports.BuildProvinceWorkbook(ctx, src, c, p, year)
	if err != nil {
		return err
	}
	return exports.WriteXLSX(w, wb)
}
