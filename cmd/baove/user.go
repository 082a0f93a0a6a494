package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"baove/access"
	"baove/app"
	"baove/demo"
	"baove/units"
)

func userCmd(ctx context.Context, args []string, p process) error {
	const usage = "usage: baove user create --username U --role R [--province 01] [--full-name N] < password\n" +
		"       baove user passwd USERNAME < password"
	if len(args) == 0 {
		fmt.Fprintln(p.stderr, usage)
		return flag.ErrHelp
	}
	fs := newFlags("user "+args[0], p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	username := fs.String("username", "", "login name")
	role := fs.String("role", "", "admin, reviewer, planner, approver or finance")
	province := fs.String("province", "", "province code, for planner, approver and finance")
	fullName := fs.String("full-name", "", "the person's name")
	if err := parse(fs, args[1:], p.getenv); err != nil {
		return err
	}
	switch {
	case args[0] == "create" && fs.NArg() == 0:
	case args[0] == "passwd" && fs.NArg() == 1:
		*username = fs.Arg(0)
	default:
		fmt.Fprintln(p.stderr, usage)
		return flag.ErrHelp
	}
	password, err := readPassword(p.stdin, p.stderr)
	if err != nil {
		return err
	}
	svc, err := dbf.services(ctx, io.Discard, app.Config{})
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	s := svc.Access
	cli := access.System("cli")
	if args[0] == "create" {
		u, err := s.CreateUser(ctx, cli, access.NewUser{Username: *username, FullName: *fullName,
			Role: access.Role(*role), Province: units.ProvinceCode(*province), Password: password})
		if err != nil {
			return err
		}
		fmt.Fprintf(p.stdout, "created user %s (%s) with id %d\n", u.Username, u.Role, u.ID)
		return nil
	}
	u, err := s.UserByUsername(ctx, *username)
	if err != nil {
		return err
	}
	if _, err := s.UpdateUser(ctx, cli, u.ID, access.UserPatch{Password: &password}); err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "set the password of %s and ended their sessions\n", u.Username)
	return nil
}

// readPassword reads one line from stdin, without echo when it is a terminal.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func demoCmd(ctx context.Context, args []string, p process) error {
	fs := newFlags("demo", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	svc, err := dbf.services(ctx, p.stdout, app.Config{})
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	if err := demo.Load(ctx, svc, p.stdout); err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "demo loaded; every demo user's password is %q (demo only)\n", demo.Password)
	return nil
}
