package main

import (
	"context"
	"fmt"
	"time"

	"baove/gen"
)

// genCmd fills an empty database with the deterministic national dataset
// the benchmarks run on (see BENCHMARKS.md).
func genCmd(ctx context.Context, args []string, p process) error {
	fs := newFlags("gen", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	years := fs.Int("years", 10, "how many years, ending with the current one")
	entries := fs.Int("disbursements", 1_000_000, "ledger entries in all, reversals included")
	seed := fs.Uint64("seed", 1, "the same seed on the same day gives the same rows")
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	clock, err := dbf.clock()
	if err != nil {
		return err
	}
	db, err := dbf.open(ctx, p.stdout, clock)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	st, err := gen.Run(ctx, db, gen.Options{Years: *years, Disbursements: *entries, Seed: *seed, Clock: clock, Log: p.stdout})
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "generated on %s in %s: %d plan versions, %d budget lines, %d allocations, %d payments, %d reversals, "+
		"%d staffing records, %d indicator values\n", db.Engine, time.Since(start).Round(100*time.Millisecond),
		st.Plans, st.Lines, st.Allocations, st.Payments, st.Reversals, st.Staffing, st.Values)
	return nil
}
