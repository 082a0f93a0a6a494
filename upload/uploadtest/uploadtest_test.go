package uploadtest_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"baove/upload/uploadtest"
)

// Every bomb is small and declares (or, lying, hides) what it unpacks to.
func TestBombs_AreSmallAndUnpackToTheirSize(t *testing.T) {
	const size = 64 << 20
	for _, name := range uploadtest.BombNames {
		file := uploadtest.Bomb(name, size)
		if len(file) > 2<<20 {
			t.Errorf("%s is %d bytes", name, len(file))
		}
		z, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var total uint64
		for _, f := range z.File {
			total += f.UncompressedSize64
		}
		if lying := name == "lying size"; lying != (total < size) {
			t.Errorf("%s declares %d bytes", name, total)
		}
	}
}

// With BAOVE_BOMB_DIR set, the bombs are written there as files, for
// measuring a running server (see the README's upload limits):
//
//	BAOVE_BOMB_DIR=/tmp/bombs BAOVE_BOMB_MIB=190 go test ./upload/uploadtest -run WriteBombs
func TestWriteBombs(t *testing.T) {
	dir := os.Getenv("BAOVE_BOMB_DIR")
	if dir == "" {
		t.Skip("BAOVE_BOMB_DIR is not set")
	}
	mib, err := strconv.Atoi(os.Getenv("BAOVE_BOMB_MIB"))
	if err != nil {
		mib = 190
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range uploadtest.BombNames {
		file := uploadtest.Bomb(name, mib<<20)
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".xlsx")
		if err := os.WriteFile(path, file, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", path, len(file))
	}
}
