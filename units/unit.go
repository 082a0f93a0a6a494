// Package units holds Viet Nam's administrative units: the 34 provinces and
// 3,321 communes in force since 1 July 2025, their validity periods, and the
// successions that carry a pre-2025 commune code to its successor.
//
// Codes never change meaning (Decision 19/2025/QĐ-TTg): a unit that
// disappears from a newer list is closed with an end date, never deleted, so
// that data recorded against it stays readable.
package units

import (
	"regexp"
	"strings"

	"baove"
)

// ProvinceCode is a two-digit province code, e.g. "11" for Điện Biên.
type ProvinceCode string

// CommuneCode is a five-digit commune code, e.g. "00004" for Phường Ba Đình.
type CommuneCode string

// Kind is the kind of a unit: tỉnh or thành phố for provinces; xã, phường or
// đặc khu for communes.
type Kind string

// Unit kinds.
const (
	Tinh     Kind = "tinh"      // province
	ThanhPho Kind = "thanh_pho" // centrally-run city
	Xa       Kind = "xa"        // rural commune
	Phuong   Kind = "phuong"    // urban ward
	DacKhu   Kind = "dac_khu"   // special zone (islands)
)

var (
	provinceCodeRE = regexp.MustCompile(`^[0-9]{2}$`)
	communeCodeRE  = regexp.MustCompile(`^[0-9]{5}$`)
)

// Province is a provincial-level unit.
type Province struct {
	Code      ProvinceCode
	Name      string // official name, e.g. "Điện Biên", "Thành phố Hà Nội"
	Kind      Kind
	ValidFrom baove.Date
	ValidTo   baove.Date // last day in force; zero while in force
	// Communes counts the province's communes in force today.
	Communes int
}

// ShortName returns the name without "Thành phố " for cities: "Hà Nội".
func (p Province) ShortName() string {
	return strings.TrimPrefix(p.Name, "Thành phố ")
}

// Commune is a commune-level unit.
type Commune struct {
	Code         CommuneCode
	ProvinceCode ProvinceCode
	Name         string // e.g. "Phường Ba Đình"
	Kind         Kind
	ValidFrom    baove.Date
	ValidTo      baove.Date // last day in force; zero while in force
}

// ValidOn reports whether the commune is in force on day d.
func (c Commune) ValidOn(d baove.Date) bool {
	return !d.Before(c.ValidFrom) && (c.ValidTo.IsZero() || !d.After(c.ValidTo))
}

// Succession records that a pre-2025 commune became part of a current one.
type Succession struct {
	OldCode     CommuneCode `json:"old_code,omitempty"` // empty where the source names the old unit only
	OldName     string      `json:"old_name,omitempty"`
	OldDistrict string      `json:"old_district,omitempty"`
	OldProvince string      `json:"old_province,omitempty"`
	NewCode     CommuneCode `json:"new_code"`
}

// ReplacedUntil returns the last day the old unit asked for was in force:
// the day before its successor came into force. It returns the zero date
// when the code asked for is not an old one.
func (l Lookup) ReplacedUntil() baove.Date {
	if l.Replaced == nil {
		return baove.Date{}
	}
	return l.Commune.ValidFrom.AddDays(-1)
}

// communeKind derives a commune's kind from the prefix of its name.
func communeKind(name string) (Kind, bool) {
	switch {
	case strings.HasPrefix(name, "Xã "):
		return Xa, true
	case strings.HasPrefix(name, "Phường "):
		return Phuong, true
	case strings.HasPrefix(name, "Đặc khu "):
		return DacKhu, true
	}
	return "", false
}
