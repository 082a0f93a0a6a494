package exports

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// Stamp is what every report file carries in its metadata so that a copy
// can be traced to the report it is: the SHA-256 of its content and when
// it was generated.
//
// The content of a PDF is its bytes with the 64 hexadecimal digits of the
// hash written as zeros (they sit in the document's keywords, which are
// not compressed); of a workbook, its parts other than the document
// properties (docProps/), hashed as the SHA-256 of the manifest `sha256sum`
// prints for them sorted by name. Either can be recomputed from the file
// alone (VerifyStamp); the service also records the hash of the file as it
// was served.
type Stamp struct {
	ContentSHA256 string
	Generated     time.Time
}

// The names of the stamp in a file's metadata.
const (
	stampHashName = "baove-sha256"
	stampTimeName = "baove-generated"
)

// ErrNoStamp says that a file carries no stamp, or one its content no
// longer matches: it is not a report as baove generated it.
var ErrNoStamp = errors.New("exports: the file carries no stamp that its content matches")

var zeroHash = strings.Repeat("0", 64)

// stampKeywords are a PDF's keywords before its hash is known.
func stampKeywords(generated time.Time) string {
	s := stampHashName + ":" + zeroHash
	if !generated.IsZero() {
		s += " " + stampTimeName + ":" + generated.UTC().Format(time.RFC3339)
	}
	return s
}

// stampPDF writes the hash of pdf, whose stamp still reads zeros, in place
// of the zeros, and returns it.
func stampPDF(pdf []byte) string {
	at := bytes.Index(pdf, []byte(stampHashName+":"+zeroHash))
	if at < 0 {
		return ""
	}
	sum := sha256.Sum256(pdf)
	h := hex.EncodeToString(sum[:])
	copy(pdf[at+len(stampHashName)+1:], h)
	return h
}

// fileOf is b with its hash and stamp.
func fileOf(b []byte, s Stamp) File {
	sum := sha256.Sum256(b)
	return File{Bytes: b, SHA256: hex.EncodeToString(sum[:]), Stamp: s}
}

var (
	pdfStampRE  = regexp.MustCompile(stampHashName + `:([0-9a-f]{64})(?: ` + stampTimeName + `:([0-9TZ:+-]+))?`)
	xlsxHashRE  = regexp.MustCompile(`name="` + stampHashName + `"><vt:lpwstr>([0-9a-f]{64})<`)
	xlsxTimeRE  = regexp.MustCompile(`name="` + stampTimeName + `"><vt:lpwstr>([0-9TZ:+-]+)<`)
	errTooLarge = errors.New("exports: a part of the workbook is too large to verify")
)

// VerifyStamp reads the stamp of a PDF or XLSX file and checks that the
// file's content still hashes to it. It returns ErrNoStamp for a file
// without a stamp or changed since it was stamped, and an error for a file
// that is neither a PDF nor a readable workbook.
func VerifyStamp(file []byte) (Stamp, error) {
	if bytes.HasPrefix(file, []byte("%PDF-")) {
		return verifyPDF(file)
	}
	return verifyXLSX(file)
}

func verifyPDF(file []byte) (Stamp, error) {
	m := pdfStampRE.FindSubmatchIndex(file)
	if m == nil {
		return Stamp{}, ErrNoStamp
	}
	s := Stamp{ContentSHA256: string(file[m[2]:m[3]])}
	if m[4] >= 0 {
		s.Generated, _ = time.Parse(time.RFC3339, string(file[m[4]:m[5]]))
	}
	zeroed := bytes.Clone(file)
	copy(zeroed[m[2]:m[3]], zeroHash)
	if sum := sha256.Sum256(zeroed); hex.EncodeToString(sum[:]) != s.ContentSHA256 {
		return Stamp{}, ErrNoStamp
	}
	return s, nil
}

func verifyXLSX(file []byte) (Stamp, error) {
	z, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		return Stamp{}, fmt.Errorf("exports: neither a PDF nor a workbook: %w", err)
	}
	hashes, custom := map[string]string{}, ""
	for _, f := range z.File {
		b, err := readPart(f)
		if err != nil {
			return Stamp{}, err
		}
		switch {
		case f.Name == "docProps/custom.xml":
			custom = string(b)
		case !strings.HasPrefix(f.Name, "docProps/"):
			sum := sha256.Sum256(b)
			hashes[f.Name] = hex.EncodeToString(sum[:])
		}
	}
	m := xlsxHashRE.FindStringSubmatch(custom)
	if m == nil || m[1] != manifestHash(hashes) {
		return Stamp{}, ErrNoStamp
	}
	s := Stamp{ContentSHA256: m[1]}
	if t := xlsxTimeRE.FindStringSubmatch(custom); t != nil {
		s.Generated, _ = time.Parse(time.RFC3339, t[1])
	}
	return s, nil
}

// readPart reads a part of at most 256 MiB.
func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 256<<20+1))
	if err == nil && len(b) > 256<<20 {
		err = errTooLarge
	}
	return b, err
}
