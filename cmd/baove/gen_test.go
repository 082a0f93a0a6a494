package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func TestGen_FillsAnEmptyDatabaseOnceAndRefusesItAgain(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	args := []string{"gen", "--data-dir", dir, "--years", "2", "--disbursements", "3000", "--seed", "5"}
	var out bytes.Buffer
	if err := run(context.Background(), args, process{getenv: noEnv, stdout: &out, stderr: io.Discard}); err != nil {
		t.Fatalf("gen: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "generated on sqlite") || !strings.Contains(out.String(), "payments") {
		t.Errorf("output lacks the summary line:\n%s", out.String())
	}
	err := run(context.Background(), args, process{getenv: noEnv, stdout: io.Discard, stderr: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "already holds plans") {
		t.Fatalf("gen into a filled database: %v, want a refusal", err)
	}
}
