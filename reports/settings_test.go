package reports_test

import (
	"errors"
	"strings"
	"testing"

	"baove"
	"baove/reports"
	"baove/units"
)

// A province's report is issued by its People's Committee over the
// province's name in capitals, and dated from its short name, except TP Hồ
// Chí Minh, named after a person, which is dated from its name in full.
func TestDefaultProvince_IssuesAsThePeoplesCommittee(t *testing.T) {
	cases := []struct {
		p              units.Province
		issuer, place  string
		firstRecipient string
	}{
		{units.Province{Code: "11", Name: "Điện Biên", Kind: units.Tinh}, "TỈNH ĐIỆN BIÊN", "Điện Biên", "Bộ Y tế"},
		{units.Province{Code: "01", Name: "Thành phố Hà Nội", Kind: units.ThanhPho}, "THÀNH PHỐ HÀ NỘI", "Hà Nội", "Bộ Y tế"},
		{units.Province{Code: "79", Name: "Thành phố Hồ Chí Minh", Kind: units.ThanhPho}, "THÀNH PHỐ HỒ CHÍ MINH",
			"Thành phố Hồ Chí Minh", "Bộ Y tế"},
	}
	for _, c := range cases {
		s := reports.DefaultProvince(c.p, "Bộ Y tế")
		if s.Issuer[0] != "ỦY BAN NHÂN DÂN" || s.Issuer[1] != c.issuer || s.Place != c.place || s.Recipients[0] != c.firstRecipient ||
			s.NumberSuffix != "BC-UBND" || strings.Join(s.SignerTitle, "/") != "TM. ỦY BAN NHÂN DÂN/KT. CHỦ TỊCH/PHÓ CHỦ TỊCH" {
			t.Errorf("%s: %+v", c.p.Name, s)
		}
		if err := s.Check(); err != nil {
			t.Errorf("%s: the defaults do not pass their own check: %v", c.p.Name, err)
		}
	}
}

// The national defaults cite the 2017 letter by what it is: its issuer,
// kind, year and subject, in both languages, and pass their own check.
func TestDefaultNational_CitesTheLetterByWhatItIs(t *testing.T) {
	s := reports.DefaultNational("Bộ Y tế")
	l := s.Letter
	if l.Issuer != "Bộ Lao động - Thương binh và Xã hội" || l.Kind != "công văn" || l.Year != 2017 || l.Subject == "" ||
		l.SubjectEN == "" || l.Number != "" || s.NumberSuffix != "BC-BYT" {
		t.Errorf("national defaults %+v", s)
	}
	if err := s.Check(); err != nil {
		t.Errorf("the defaults do not pass their own check: %v", err)
	}
}

// Check names every wrong field: no issuer, a line over two lines, a
// lower-case symbol, too many signer lines, a letter of no year.
func TestCheck_NamesEveryWrongField(t *testing.T) {
	p := reports.DefaultProvince(units.Province{Code: "11", Name: "Điện Biên", Kind: units.Tinh}, "")
	p.Issuer, p.Place, p.NumberSuffix = nil, "Điện\nBiên", "bc-ubnd"
	p.SignerTitle = []string{"A", "B", "C", "D", "E"}
	checkFields(t, p.Check(), "issuer", "place", "number_suffix", "signer_title")
	n := reports.DefaultNational("Bộ Y tế")
	n.Letter.Year, n.Letter.Subject, n.Ministry = 1900, "", ""
	checkFields(t, n.Check(), "letter.year", "letter.subject", "ministry")
}

func checkFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	var e *baove.Error
	if !errors.As(err, &e) || e.Code != baove.EINVALID {
		t.Fatalf("err %v, want EINVALID", err)
	}
	var got []string
	for _, d := range e.Fields {
		got = append(got, d.Field)
	}
	for _, f := range fields {
		if !strings.Contains(strings.Join(got, " "), f) {
			t.Errorf("the problem does not name %s: %q", f, got)
		}
	}
}
