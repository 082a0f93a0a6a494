package indicators

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/shopspring/decimal"

	"baove"
	"baove/i18n"
	"baove/vn"
)

// Code identifies an indicator, e.g. "CP_COMMUNE_WORKER".
type Code string

// CommuneWorker is the headline indicator: communes with at least one
// child-protection worker (directive 2.2; Law on Children art. 90). Plans
// must set a target for it before submission.
const CommuneWorker Code = "CP_COMMUNE_WORKER"

// CollabVillage is the share of villages with a child-protection
// collaborator; like CommuneWorker it is computed from staffing.
const CollabVillage Code = "CP_COLLAB_VILLAGE"

// AbuseCases counts detected child-abuse cases; directive 3.3 asks for it
// every quarter.
const AbuseCases Code = "CP_ABUSE_CASES"

// Unit is how an indicator is measured.
type Unit string

// Units of measure.
const (
	Percent Unit = "percent"
	Count   Unit = "count"
	Per100k Unit = "per_100k"
)

// Direction tells which way is better.
type Direction string

// Directions.
const (
	Higher  Direction = "higher"
	Lower   Direction = "lower"
	Monitor Direction = "monitor" // no better way: watched, not judged
)

// Indicator is an entry of the catalogue.
type Indicator struct {
	Code      Code      `json:"code"`
	NameVI    string    `json:"name_vi"`
	NameEN    string    `json:"name_en"`
	Unit      Unit      `json:"unit"`
	Direction Direction `json:"direction"`
	// Computed indicators come from staffing and are never typed in.
	Computed bool `json:"computed"`
	// Targets are the national targets, by year; year 0 applies every year.
	Targets []NationalTarget `json:"national_targets,omitempty"`
}

// NationalTarget is a national target of an indicator.
type NationalTarget struct {
	Year       int             `json:"year"`
	Comparator string          `json:"comparator"` // ">=", "<=", "<" or "="
	Value      decimal.Decimal `json:"value"`
	Source     string          `json:"source"` // the decision that sets it
}

// NationalTarget returns the national target that applies in year: the one
// set for that year, else one set for every year (year 0). It reports false
// when there is none.
func (i Indicator) NationalTarget(year int) (NationalTarget, bool) {
	var every *NationalTarget
	for k, t := range i.Targets {
		switch t.Year {
		case year:
			return t, true
		case 0:
			every = &i.Targets[k]
		}
	}
	if every == nil {
		return NationalTarget{}, false
	}
	return *every, true
}

// NewIndicator is what an administrator gives to add an indicator. Added
// indicators are reported, never computed.
type NewIndicator struct {
	Code      Code
	NameVI    string
	NameEN    string
	Unit      Unit
	Direction Direction
	Targets   []NationalTarget
}

var codeRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]{2,39}$`)

// check normalises the names and returns an EINVALID error listing every bad
// field.
func (n *NewIndicator) check() error {
	n.NameVI, n.NameEN = vn.NFC(n.NameVI), vn.NFC(n.NameEN)
	var p baove.Problems
	if !codeRE.MatchString(string(n.Code)) {
		p.AddKey("code", "indicator.code_form", nil, n.Code)
	}
	checkName(&p, "name_vi", n.NameVI)
	checkName(&p, "name_en", n.NameEN)
	if n.Unit != Percent && n.Unit != Count && n.Unit != Per100k {
		p.AddKey("unit", "indicator.unit", nil, n.Unit)
	}
	if n.Direction != Higher && n.Direction != Lower && n.Direction != Monitor {
		p.AddKey("direction", "indicator.direction", nil, n.Direction)
	}
	seen := map[int]bool{}
	for i := range n.Targets {
		n.Targets[i].Source = vn.NFC(n.Targets[i].Source)
		n.Targets[i].check(&p, fmt.Sprintf("national_targets[%d]", i), seen)
	}
	return p.Err()
}

// MaxName is the longest name of an indicator, in characters, in either
// language. The API's schema states the same bound from this constant.
const MaxName = 300

func checkName(p *baove.Problems, field, name string) {
	switch n := len([]rune(name)); {
	case n == 0:
		p.AddKey(field, "field.required", nil, nil)
	case n > MaxName:
		p.AddKey(field, "field.too_long", i18n.Args{"max": MaxName}, nil)
	}
}

func (t NationalTarget) check(p *baove.Problems, at string, seen map[int]bool) {
	if t.Year != 0 && baove.CheckYear(at+".year", t.Year) != nil {
		p.AddKey(at+".year", "indicator.target.year", i18n.Args{"first": baove.FirstYear, "last": baove.LastYear}, t.Year)
	}
	if seen[t.Year] {
		p.AddKey(at+".year", "indicator.target.one_per_year", nil, t.Year)
	}
	seen[t.Year] = true
	if !slices.Contains([]string{">=", "<=", "<", "="}, t.Comparator) {
		p.AddKey(at+".comparator", "indicator.target.comparator", nil, t.Comparator)
	}
	if t.Value.IsNegative() {
		p.AddKey(at+".value", "indicator.target.negative", nil, t.Value.String())
	}
	if n := len([]rune(t.Source)); n == 0 || n > 200 {
		p.AddKey(at+".source", "indicator.target.source", nil, t.Source)
	}
}
