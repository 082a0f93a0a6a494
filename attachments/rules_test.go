package attachments

import (
	"bytes"
	"strings"
	"testing"

	"baove"
)

func TestSniff_KnowsAScanByItsFirstBytesNotItsName(t *testing.T) {
	for _, c := range []struct {
		name    string
		content []byte
		want    string
	}{
		{"a PDF", []byte("%PDF-1.7\n%âãÏÓ"), PDF},
		{"a JPEG", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 0x10, 'E', 'x', 'i', 'f'}, JPEG},
		{"a PNG", []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0}, PNG},
		{"a Windows executable", []byte("MZ\x90\x00\x03\x00\x00\x00"), ""},
		{"an ELF executable", []byte("\x7fELF\x02\x01\x01"), ""},
		{"a Word file (a zip)", []byte("PK\x03\x04\x14\x00"), ""},
		{"text that mentions PDF", []byte(" %PDF-1.7"), ""},
		{"a PNG signature cut short", []byte{0x89, 'P', 'N', 'G'}, ""},
	} {
		got, ok := Sniff(c.content)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s: %q %v, want %q", c.name, got, ok, c.want)
		}
	}
}

func TestCheckUpload_RefusesWhatIsNotAScanAndNamesBadFields(t *testing.T) {
	pdf := []byte("%PDF-1.4 signed")
	for _, c := range []struct {
		name   string
		upload Upload
		code   baove.Code
		fields []string
	}{
		{"over 20 MiB", Upload{Content: append(pdf, bytes.Repeat([]byte{0}, MaxSize)...)}, baove.ETOOLARGE, nil},
		{"an executable named .pdf", Upload{FileName: "ke-hoach.pdf", Content: []byte("MZ\x90\x00")}, baove.EUNSUPPORTED, nil},
		{"empty", Upload{}, baove.EINVALID, []string{"file"}},
		{"a kind the owner does not take", Upload{Kind: PaymentVoucher, Content: pdf}, baove.EINVALID, []string{"kind"}},
		{"a title of two lines and a long name",
			Upload{Title: "a\nb", FileName: strings.Repeat("x", MaxFileName+1), Content: pdf},
			baove.EINVALID, []string{"title", "file_name"}},
		{"a negative supersedes", Upload{Supersedes: -1, Content: pdf}, baove.EINVALID, []string{"supersedes"}},
	} {
		c.upload.Owner = PlanOwner(7)
		_, err := checkUpload(&c.upload)
		if baove.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
			continue
		}
		var fields []string
		if e, ok := err.(*baove.Error); ok {
			for _, f := range e.Fields {
				fields = append(fields, f.Field)
			}
		}
		if strings.Join(fields, ",") != strings.Join(c.fields, ",") {
			t.Errorf("%s: fields %v, want %v", c.name, fields, c.fields)
		}
	}
}

func TestCheckUpload_FillsInTheUsualKindAndANameInNFC(t *testing.T) {
	u := Upload{Owner: DisbursementOwner(3), FileName: "C:\\Scans\\Chu\u031b\u0301ng tu\u031b\u0300 chi.png",
		Content: []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}}
	contentType, err := checkUpload(&u)
	if err != nil || contentType != PNG || u.Kind != PaymentVoucher || u.FileName != "Chứng từ chi.png" {
		t.Errorf("%q %s %q (%v), want a PNG payment voucher named Chứng từ chi.png", contentType, u.Kind, u.FileName, err)
	}
	u = Upload{Owner: CheckOwner(CheckRef{Province: "01", Year: 2026, Code: "ABUSE_DATA"}), Content: []byte("%PDF-1.4")}
	if _, err := checkUpload(&u); err != nil || u.Kind != Evidence || u.FileName != "evidence.pdf" {
		t.Errorf("a nameless scan on a check: %s %q (%v), want evidence.pdf", u.Kind, u.FileName, err)
	}
}
