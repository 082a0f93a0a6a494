package main

import (
	"context"
	"io"
	"testing"

	"baove/database/dbtest"
)

func TestMigrate_TwoInstancesStartTogetherOnAnEmptyPostgreSQL(t *testing.T) {
	for try := range 3 {
		url := dbtest.EmptyPostgres(t)
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				errs <- run(context.Background(), []string{"migrate", "--database-url", url}, process{getenv: noEnv, stdout: io.Discard, stderr: io.Discard})
			}()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Errorf("try %d: an instance failed to start: %v", try+1, err)
			}
		}
	}
}
