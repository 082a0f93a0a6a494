// Package reports keeps what the service's official documents need besides
// their figures (docs/domain.md §6): who issues and signs each province's
// report and the national one, to whom they are sent, how they are
// numbered and how they cite the 2017 letter (the settings), and the
// register of every report file generated, by the SHA-256 of its bytes,
// so that a copy can be traced to the report it is (the register).
//
// The rules on the settings are pure (this file); the store persists them
// and the register (store.go, register.go).
package reports

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"baove"
	"baove/i18n"
	"baove/units"
	"baove/vn"
)

// Province is how a province's report is issued and sent (Decree 30/2020,
// Appendix I): the issuer's lines, the place named in the date line, the
// signer's authority lines and name, the recipients ("Nơi nhận") and the
// symbol after the number ("BC-UBND" in "Số: 12/BC-UBND").
type Province struct {
	Province     units.ProvinceCode `json:"province_code"`
	Issuer       []string           `json:"issuer"`
	Place        string             `json:"place"`
	SignerTitle  []string           `json:"signer_title"`
	SignerName   string             `json:"signer_name"`
	Recipients   []string           `json:"recipients"`
	NumberSuffix string             `json:"number_suffix"`
	Updated
}

// National is how the national summary is issued and sent, the same way,
// by the ministry's department in charge of children under the ministry,
// and how every report cites the 2017 letter.
type National struct {
	Ministry     string   `json:"ministry"`
	Department   string   `json:"department"`
	Place        string   `json:"place"`
	SignerTitle  []string `json:"signer_title"`
	SignerName   string   `json:"signer_name"`
	Recipients   []string `json:"recipients"`
	NumberSuffix string   `json:"number_suffix"`
	Letter       Letter   `json:"letter"`
	Updated
}

// Letter is how a report cites the 2017 letter: by what it is (its
// issuer, kind, year and subject), since its number is not in the
// service's data; Number is for when it is known. The English report uses
// the English issuer and subject.
type Letter struct {
	Issuer    string `json:"issuer"`
	IssuerEN  string `json:"issuer_en"`
	Kind      string `json:"kind"`
	Number    string `json:"number,omitempty"`
	Year      int    `json:"year"`
	Subject   string `json:"subject"`
	SubjectEN string `json:"subject_en"`
}

// Updated says who last changed settings and when; zero for defaults.
type Updated struct {
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	UpdatedBy string    `json:"updated_by,omitempty"`
}

// The signer's lines of a report the People's Committee issues, signed by
// a vice-chair on behalf of the chair (the usual case).
var defaultSigner = []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}

// DefaultProvince returns the settings of province p before anyone set
// them: the People's Committee issues and a vice-chair signs, sent to
// ministry and the province's leadership, numbered …/BC-UBND.
func DefaultProvince(p units.Province, ministry string) Province {
	level, party := "tỉnh", "Tỉnh ủy"
	if p.Kind == units.ThanhPho {
		level, party = "thành phố", "Thành ủy"
	}
	recipients := []string{"TT " + party + ", TT HĐND " + level, "CT, các PCT UBND " + level, "Lưu: VT"}
	if ministry != "" {
		recipients = append([]string{ministry}, recipients...)
	}
	return Province{Province: p.Code, Issuer: []string{"ỦY BAN NHÂN DÂN", strings.ToUpper(IssuerName(p))}, Place: PlaceName(p),
		SignerTitle: defaultSigner, NumberSuffix: "BC-UBND", Recipients: recipients}
}

// DefaultNational returns the national settings before anyone set them:
// the ministry issues and a deputy minister signs.
func DefaultNational(ministry string) National {
	return National{Ministry: ministry, Place: "Hà Nội", SignerTitle: []string{"KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"},
		NumberSuffix: "BC-" + initials(ministry), Recipients: []string{"Bộ trưởng (để báo cáo)",
			"UBND các tỉnh, thành phố trực thuộc Trung ương", "Lưu: VT"},
		Letter: Letter{Issuer: "Bộ Lao động - Thương binh và Xã hội", IssuerEN: "the Ministry of Labour, Invalids and Social Affairs",
			Kind: "công văn", Year: 2017,
			Subject:   "về việc tăng cường công tác bảo vệ trẻ em, phòng ngừa, xử lý các vụ việc xâm hại trẻ em",
			SubjectEN: "on strengthening child protection and the prevention and handling of child abuse"}}
}

// IssuerName is the province as an issuer's line names it: "Tỉnh Điện
// Biên", "Thành phố Hà Nội".
func IssuerName(p units.Province) string {
	if p.Kind == units.Tinh && !strings.HasPrefix(p.Name, "Tỉnh") {
		return "Tỉnh " + p.Name
	}
	return p.Name
}

// PlaceName is the place a province's documents are dated from, as
// Decree 30/2020 writes it: the province's name without its kind, except
// a unit named after a person, whose name is written in full ("Thành phố
// Hồ Chí Minh, ngày …").
func PlaceName(p units.Province) string {
	short := p.ShortName()
	if short == "Hồ Chí Minh" {
		return p.Name
	}
	return short
}

func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteString(strings.ToUpper(string(r)))
	}
	return b.String()
}

// Bounds on the settings.
const (
	maxLine  = 200
	maxLines = 20
)

var suffixRE = regexp.MustCompile(`^[\p{Lu}0-9]+(-[\p{Lu}0-9]+)*$`)

// Check returns EINVALID naming each field of s that is wrong: empty
// lines, lines too long or not one line, too many lines, a symbol that is
// not capitals and digits joined by hyphens.
func (s Province) Check() error {
	var p baove.Problems
	checkLines(&p, "issuer", s.Issuer, 3)
	checkLine(&p, "place", s.Place, true)
	checkLines(&p, "signer_title", s.SignerTitle, 4)
	checkLine(&p, "signer_name", s.SignerName, false)
	checkLines(&p, "recipients", s.Recipients, maxLines)
	checkSuffix(&p, s.NumberSuffix)
	return p.Err()
}

// Check returns EINVALID naming each field of s that is wrong, as
// Province.Check, and a letter without an issuer, kind, subject or a year
// from 1990 to 2100.
func (s National) Check() error {
	var p baove.Problems
	checkLine(&p, "ministry", s.Ministry, true)
	checkLine(&p, "department", s.Department, false)
	checkLine(&p, "place", s.Place, true)
	checkLines(&p, "signer_title", s.SignerTitle, 4)
	checkLine(&p, "signer_name", s.SignerName, false)
	checkLines(&p, "recipients", s.Recipients, maxLines)
	checkSuffix(&p, s.NumberSuffix)
	l := s.Letter
	for field, v := range map[string]string{"issuer": l.Issuer, "issuer_en": l.IssuerEN, "kind": l.Kind, "subject": l.Subject, "subject_en": l.SubjectEN} {
		checkLine(&p, "letter."+field, v, true)
	}
	checkLine(&p, "letter.number", l.Number, false)
	if l.Year < 1990 || l.Year > 2100 {
		p.AddKey("letter.year", "reports.year", i18n.Args{"from": 1990, "to": 2100}, l.Year)
	}
	return p.Err()
}

func checkLines(p *baove.Problems, field string, lines []string, most int) {
	if len(lines) == 0 || len(lines) > most {
		p.AddKey(field, "reports.lines", i18n.Args{"most": most}, len(lines))
	}
	for i, l := range lines {
		checkLine(p, field+"["+strconv.Itoa(i)+"]", l, true)
	}
}

func checkLine(p *baove.Problems, field, s string, required bool) {
	switch {
	case s == "" && required:
		p.AddKey(field, "reports.required", nil, s)
	case vn.TextFault(s, false) != "":
		p.AddKey(field, "text."+vn.TextFault(s, false), nil, s)
	case utf8.RuneCountInString(s) > maxLine:
		p.AddKey(field, "reports.too_long", i18n.Args{"most": maxLine}, s)
	}
}

func checkSuffix(p *baove.Problems, s string) {
	if !suffixRE.MatchString(s) || len(s) > 30 {
		p.AddKey("number_suffix", "reports.suffix", nil, s)
	}
}

// normaliseLines trims and NFC-normalises each line.
func normaliseLines(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, strings.TrimSpace(vn.NFC(l)))
	}
	return out
}

// normaliseRecipients normalises the list and takes off each recipient the
// dash and the punctuation the report adds ("- Bộ Y tế;" is "Bộ Y tế").
func normaliseRecipients(rs []string) []string {
	out := normaliseLines(rs)
	for i, r := range out {
		out[i] = strings.TrimSpace(strings.TrimRight(strings.TrimPrefix(strings.TrimPrefix(r, "-"), " "), ";."))
	}
	return out
}

func (s *Province) normalise() {
	s.Issuer, s.SignerTitle, s.Recipients = normaliseLines(s.Issuer), normaliseLines(s.SignerTitle), normaliseRecipients(s.Recipients)
	s.Place, s.SignerName, s.NumberSuffix = clean(s.Place), clean(s.SignerName), clean(s.NumberSuffix)
}

func (s *National) normalise() {
	s.SignerTitle, s.Recipients = normaliseLines(s.SignerTitle), normaliseRecipients(s.Recipients)
	s.Ministry, s.Department, s.Place = clean(s.Ministry), clean(s.Department), clean(s.Place)
	s.SignerName, s.NumberSuffix = clean(s.SignerName), clean(s.NumberSuffix)
	l := &s.Letter
	l.Issuer, l.IssuerEN, l.Kind, l.Number = clean(l.Issuer), clean(l.IssuerEN), clean(l.Kind), clean(l.Number)
	l.Subject, l.SubjectEN = clean(l.Subject), clean(l.SubjectEN)
}

func clean(s string) string { return strings.TrimSpace(vn.NFC(s)) }
