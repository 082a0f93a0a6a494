package upload_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"testing"
	"time"

	"baove"
	"baove/upload"
)

// bombSize is what the test bombs unpack to: 64 MiB of spaces, which
// deflate packs into about 64 KiB.
const bombSize = 64 << 20

// spaces writes n spaces to w in chunks, keeping the test's memory small.
func spaces(t *testing.T, w interface{ Write([]byte) (int, error) }, n int) {
	t.Helper()
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for ; n > 0; n -= len(chunk) {
		if _, err := w.Write(chunk[:min(n, len(chunk))]); err != nil {
			t.Fatal(err)
		}
	}
}

// A file under the byte cap that unpacks to far more than an XLSX of that
// size could hold is refused before it is unpacked.
func TestRead_RefusesAZipBomb(t *testing.T) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	spaces(t, w, bombSize)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 1<<20 {
		t.Fatalf("the bomb is %d bytes, over the cap it should pass", buf.Len())
	}
	start := time.Now()
	_, err = upload.Read(&buf, 1<<20)
	if baove.ErrorCode(err) != baove.ETOOLARGE {
		t.Errorf("err = %v, want ETOOLARGE", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing the bomb took %v; it was unpacked", d)
	}
}

// A bomb that declares a small size in its zip header is cut off at that
// size when read, so it cannot fill memory either.
func TestRead_RefusesAZipBombThatLiesAboutItsSize(t *testing.T) {
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	crc := crc32.NewIEEE()
	spaces(t, writerFunc(func(p []byte) (int, error) { crc.Write(p); return fw.Write(p) }), bombSize)
	fw.Close()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: 1000})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(packed.Bytes())
	z.Close()
	start := time.Now()
	_, err = upload.Read(&buf, 1<<20)
	if code := baove.ErrorCode(err); code != baove.EINVALID && code != baove.ETOOLARGE {
		t.Errorf("err = %v, want EINVALID or ETOOLARGE", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing the bomb took %v; it was unpacked", d)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
