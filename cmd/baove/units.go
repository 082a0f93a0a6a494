package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"baove/access"
	"baove/app"
	"baove/units"
)

func importUnits(ctx context.Context, dbf dbFlags, path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	list, err := units.ReadList(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	svc, err := dbf.services(ctx, stdout, app.Config{})
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	res, err := svc.Units.Import(ctx, access.System("cli"), list)
	if err != nil {
		return err
	}
	if !res.Changed() {
		fmt.Fprintln(stdout, "units are already up to date; nothing changed")
		return nil
	}
	fmt.Fprintln(stdout, "imported:", res.Result())
	return nil
}
