package backup

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// FileName is the name of the SQLite file in a data directory.
const FileName = "baove.db"

// Restore checks the backup at file (see Check) and copies it into
// dataDir, made if missing, as its database. It refuses a data directory
// that already holds a database (or its write-ahead log): nothing is ever
// overwritten. The restored file gets its name only once it is complete.
func Restore(ctx context.Context, file, dataDir string) (Report, error) {
	start := time.Now()
	dst := filepath.Join(dataDir, FileName)
	for _, p := range []string{dst, dst + "-wal"} {
		if _, err := os.Stat(p); err == nil {
			return Report{}, fmt.Errorf("backup: %s exists: restore into an empty data directory (nothing is overwritten)", p)
		}
	}
	inv, err := inspect(ctx, file, Inventory{})
	if err != nil {
		return Report{}, err
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return Report{}, fmt.Errorf("backup: %w", err)
	}
	partial := dst + ".partial"
	n, err := copyFile(file, partial)
	if err == nil {
		err = os.Rename(partial, dst)
	}
	if err != nil {
		os.Remove(partial)
		return Report{}, fmt.Errorf("backup: %w", err)
	}
	return Report{Path: dst, Bytes: n, Inventory: inv, Took: time.Since(start)}, nil
}

// copyFile copies from into a new file to, synced to the disk.
func copyFile(from, to string) (int64, error) {
	src, err := os.Open(from)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(dst, src)
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	return n, err
}
