// Command baove is the whole service in one binary:
//
//	baove serve [--demo]     serve the pages and the HTTP API (migrates and loads units first)
//	baove migrate            apply database migrations
//	baove units import FILE  load a newer list of administrative units
//	baove user create …      create a user (password on standard input)
//	baove user passwd NAME   set a user's password (on standard input)
//	baove demo               load the demonstration data
//	baove report …           write a province's report (PDF, XLSX) or the national one
//	baove gen                fill an empty database with a national dataset for benchmarks
//	baove backup --out FILE  back the SQLite database up while the service runs, and check the copy
//	baove restore FILE       restore a backup into an empty data directory
//	baove copy --to URL      copy everything into a new database of either engine, and verify it
//	baove version            print the version
//
// Every flag can also be set with a BAOVE_* environment variable: --data-dir
// is BAOVE_DATA_DIR. Flags win over variables.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], process{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "baove:", err)
		os.Exit(1)
	}
}

// env looks up an environment variable.
type env func(string) string

// process is what a command sees of the process it runs in: its
// environment and its standard streams.
type process struct {
	getenv         env
	stdin          io.Reader
	stdout, stderr io.Writer
}

// run executes the subcommand named by args[0]; it is main without the
// process: tests call it with their own arguments, environment and streams.
func run(ctx context.Context, args []string, p process) error {
	if len(args) == 0 {
		fmt.Fprint(p.stderr, usage)
		return flag.ErrHelp
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, p)
	case "migrate":
		return migrate(ctx, rest, p)
	case "units":
		return unitsCmd(ctx, rest, p)
	case "user":
		return userCmd(ctx, rest, p)
	case "demo":
		return demoCmd(ctx, rest, p)
	case "report":
		return report(ctx, rest, p)
	case "gen":
		return genCmd(ctx, rest, p)
	case "backup":
		return backupCmd(ctx, rest, p)
	case "restore":
		return restoreCmd(ctx, rest, p)
	case "copy":
		return copyCmd(ctx, rest, p)
	case "version":
		fmt.Fprintln(p.stdout, version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(p.stdout, usage)
		return nil
	}
	fmt.Fprintf(p.stderr, "unknown command %q\n\n%s", cmd, usage)
	return flag.ErrHelp
}

const usage = `baove: child-protection plans, budgets and reports for Vietnamese provinces

Usage:
  baove serve [--addr :8080] [--demo]   serve the pages (at /) and the API (docs at /docs); --demo loads the demonstration first
  baove migrate                         apply database migrations
  baove units import FILE               load a newer list of administrative units
  baove user create --username U --role R [--province 01] [--full-name N]
                                        create a user; the password is read from standard input
  baove user passwd USERNAME            set a user's password (read from standard input)
  baove demo                            load the demonstration data (public passwords: demo only)
  baove report --province 11 --year 2026 [--format pdf|xlsx] [--lang vi|en] --out FILE
  baove report --national --year 2026 --out FILE
                                        write a province's report, or the national summary
  baove gen [--years 10] [--disbursements 1000000] [--seed 1]
                                        fill an empty database with a national dataset for benchmarks
  baove backup --out FILE               back the SQLite database up while the service runs, and check the copy
                                        (PostgreSQL: pg_dump, see the README)
  baove restore FILE                    restore a backup into an empty --data-dir (never overwrites)
  baove copy --to postgres://…|sqlite:PATH
                                        copy everything into a new, empty database, in one transaction, and verify it
  baove version                         print the version

Database: --database-url postgres://… (BAOVE_DATABASE_URL) selects PostgreSQL;
without it, an embedded SQLite file under --data-dir (BAOVE_DATA_DIR, default ./data).
Run "baove COMMAND -h" for the flags of a command.
`

// newFlags returns a flag set whose defaults are overridden by BAOVE_*
// variables once defined flags are registered (see applyEnv).
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse applies BAOVE_* variables to fs's flags, then args, which win.
func parse(fs *flag.FlagSet, args []string, getenv env) error {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		name := "BAOVE_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(name); v != "" && err == nil {
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%s: %w", name, e)
			}
		}
	})
	if err != nil {
		return err
	}
	return fs.Parse(args)
}

func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "dev"
	}
	return info.Main.Version
}
